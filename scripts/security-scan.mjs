// Doyensec's Electronegativity over the Electron side (main/electron/*.ts), failing on any finding of MEDIUM
// severity or above that scripts/security-scan-accepted.json does not accept with a reason. Run from the
// repository root: npm run security:scan [-- --src DIR]   (--src: scan the .ts/.js files of another folder instead)
//
// Electronegativity 1.10 parses only older JavaScript and TypeScript, so each file is first transpiled on its own
// to ES2018 with esbuild (bundles would pull in React and Node code, and esbuild's ES2023 output defeats its
// parser). The output stays an ES module: as CommonJS, `new BrowserWindow(...)` would become
// `new import_electron.BrowserWindow(...)`, which the window checks do not recognise, and they would pass unseen. renderer/index.html (the page's CSP) and package.json (the Electron version) are scanned beside them.
// Findings name the original file and line (through esbuild's source map).
//
// Left out: AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (AvailableSecurityFixesGlobalCheck), which downloads Electron's
// release list, and the tool's translation update: our machines and CI reach no network but the npm registry.
// Two require hooks make it run on any Node (the project's pinned Node 24 included):
//  - its @typescript-eslint/typescript-estree is hoisted and would load the project's TypeScript 7, which has no
//    JavaScript API; it gets Electronegativity's own TypeScript 4.2 instead;
//  - `got` (its only network client) is replaced by one that fails at once, which it already handles as offline
//    (under Node 24 the real one throws from inside p-cancelable instead of failing soft).
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAIL_AT = 2; // Electronegativity's severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3

// ---- source maps: enough of the format to map a generated line back to the original ----
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Per generated line, its segments as [generatedColumn, originalLine (0-based)], sorted by column. */
function decodeMappings(mappings) {
  const lines = [];
  let sourceLine = 0;
  for (const lineText of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      column += values[0];
      if (values.length >= 4) {
        sourceLine += values[2];
        segments.push([column, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** The original 1-based line of a generated position (0-based line, 0-based column). */
function originalLine(map, line, column) {
  for (let l = line; l >= 0; l--) {
    const segments = map[l] ?? [];
    const before = segments.filter(([c]) => l < line || c <= column);
    if (before.length) return before.at(-1)[1] + 1;
    if (segments.length && l === line) return segments[0][1] + 1;
  }
  return 1;
}

// ---- require hooks (installed before Electronegativity is loaded) ----
const electronegativityDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const ownTypeScript = join(electronegativityDir, 'node_modules', 'typescript', 'lib', 'typescript.js');
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveForElectronegativity(request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes(`${sep}@typescript-eslint${sep}`)) return ownTypeScript;
  return originalResolve.call(this, request, parent, ...rest);
};
const originalLoad = Module._load;
Module._load = function loadForElectronegativity(request, parent, ...rest) {
  if (request === 'got' && parent?.filename?.startsWith(electronegativityDir)) {
    return () => Promise.reject(new Error('no network: Electronegativity runs offline here'));
  }
  return originalLoad.call(this, request, parent, ...rest);
};

// ---- arguments ----
const args = process.argv.slice(2);
const srcArg = args.indexOf('--src');
const srcDir = srcArg >= 0 ? resolve(args[srcArg + 1] ?? '') : join(root, 'main', 'electron');
const extras = srcArg >= 0 ? [] : [join(root, 'renderer', 'index.html'), join(root, 'package.json')];

// ---- transpile each file into a temporary folder ----
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A path as findings name it: relative to the repository, or absolute outside it. */
const shown = (path) => {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : path;
};
const work = mkdtempSync(join(tmpdir(), 'sendpack-security-scan-'));
/** scanned file (absolute) → { source: shown path of the original, map: decoded source-map lines, lines: original text } */
const origins = new Map();
try {
  const sources = walk(srcDir);
  if (sources.length === 0) throw new Error(`no source files in ${srcDir}`);
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const loader = /\.tsx$/.test(file) ? 'tsx' : /\.[mc]?ts$/.test(file) ? 'ts' : 'js';
    const out = await transform(text, {
      loader,
      format: 'esm',
      target: 'es2018',
      sourcemap: 'external',
      sourcefile: file,
      charset: 'utf8',
      logLevel: 'silent',
    });
    const target = join(work, 'src', relative(srcDir, file).replace(SOURCE, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out.code);
    origins.set(target, {
      source: shown(file),
      map: decodeMappings(JSON.parse(out.map).mappings),
      lines: text.split('\n'),
    });
  }
  for (const extra of extras) {
    const target = join(work, relative(root, extra));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(extra, target);
    origins.set(target, { source: shown(extra), map: null, lines: readFileSync(extra, 'utf8').split('\n') });
  }

  const run = require('@doyensec/electronegativity');
  const quietLog = console.log;
  console.log = () => {}; // its "could not retrieve updated translations" line
  let result;
  try {
    // The Electron the app ships (its defaults decide some checks), also for a --src folder without a package.json.
    const electronVersionOverride = require('electron/package.json').version;
    result = await run({
      input: work,
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: false,
      parserPlugins: [],
      electronVersionOverride,
    });
  } finally {
    console.log = quietLog;
  }

  const accepted = JSON.parse(readFileSync(join(root, 'scripts', 'security-scan-accepted.json'), 'utf8')).accepted;
  const used = new Set();
  const findings = result.issues
    .map((issue) => {
      // Global checks (CSP, navigation, permission handler) concern the whole app and name no file ("N/A").
      const origin = origins.get(issue.file) ?? {
        source: issue.file === 'N/A' ? '(whole app)' : shown(issue.file),
        map: null,
        lines: [],
      };
      const line = origin.map
        ? originalLine(origin.map, issue.location.line - 1, issue.location.column)
        : issue.location.line;
      const code = (origin.lines[line - 1] ?? '').trim();
      const acceptedBy = accepted.find(
        (a) => a.check === issue.id && a.file === origin.source && code.includes(a.code),
      );
      if (acceptedBy) used.add(acceptedBy);
      return {
        check: issue.id,
        severity: issue.severity.name,
        value: issue.severity.value,
        confidence: issue.confidence.name,
        file: origin.source,
        line,
        code,
        acceptedBy,
      };
    })
    .sort((a, b) => b.value - a.value || a.file.localeCompare(b.file) || a.line - b.line);

  const failing = findings.filter((f) => f.value >= FAIL_AT && !f.acceptedBy);
  const unreadable = result.errors.filter((e) => !e.tolerable);
  console.log(
    `Electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${result.atomicChecks} atomic and ` +
      `${result.globalChecks} global checks over ${origins.size} files (${shown(srcDir)}${extras.length ? ', renderer/index.html, package.json' : ''}); ` +
      `left out: ${EXCLUDED_CHECKS.join(', ')} (needs the network).`,
  );
  for (const f of findings) {
    const mark = f.value < FAIL_AT ? 'note    ' : f.acceptedBy ? 'accepted' : 'FAIL    ';
    const where = f.file === '(whole app)' ? f.file : `${f.file}:${f.line}`;
    console.log(`  ${mark} ${f.severity}/${f.confidence} ${f.check} ${where}  ${f.code.slice(0, 100)}`.trimEnd());
    if (f.acceptedBy) console.log(`           reason: ${f.acceptedBy.reason}`);
  }
  for (const e of unreadable)
    console.log(`  FAIL     could not parse ${shown(origins.get(e.file)?.source ?? e.file)}: ${e.message}`);
  if (srcArg < 0)
    for (const a of accepted.filter((x) => !used.has(x)))
      console.log(`  note     accepted finding no longer reported: ${a.check} ${a.file} (${a.code})`);
  const count = (test) => findings.filter(test).length;
  console.log(
    `security scan: ${count((f) => f.value >= FAIL_AT)} findings at MEDIUM or above (${count((f) => f.value >= FAIL_AT && f.acceptedBy)} accepted, ` +
      `${failing.length} not), ${count((f) => f.value < FAIL_AT)} below MEDIUM, ${unreadable.length} files not parsed`,
  );
  process.exitCode = failing.length + unreadable.length > 0 ? 1 : 0;
} catch (error) {
  console.error(`security scan failed to run: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
