import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The runtime boundaries, checked on every import: renderer/ reaches main only through the API contract and never
 * Node; shared/ imports neither main/ nor renderer/ nor Node nor electron; only main/electron/ imports electron.
 * Also refuses skipped or focused tests, which could never fail.
 */
export interface Violation { file: string; line: number; message: string }

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const IMPORT_PATTERN = /(?:\bimport\s+(?:type\s+)?(?:[^'"()]*?\s+from\s+)?|\bexport\s+(?:type\s+)?[^'"()]*?\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const SKIPPED_TEST = /\b(?:it|test|describe)\.(?:skip|only|todo)\s*\(|\bx(?:it|describe)\s*\(/;
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs)$/;

function walk(dir: string): string[] {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return []; }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) ? [path] : [];
  });
}

function area(root: string, file: string): string {
  return relative(root, file).split(sep).slice(0, 2).join('/');
}

export function checkImports(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['main', 'renderer', 'shared', 'tests']) {
    for (const file of walk(join(root, top))) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(root, file).split(sep).join('/');
      const where = area(root, file);
      const lineOf = (index: number) => text.slice(0, index).split('\n').length;
      if (top === 'tests' || rel.endsWith('.test.ts') || rel.endsWith('.test.tsx')) {
        const match = SKIPPED_TEST.exec(text);
        if (match) violations.push({ file: rel, line: lineOf(match.index), message: 'skipped or focused test: every test must run and be able to fail' });
        continue;
      }
      for (const match of text.matchAll(IMPORT_PATTERN)) {
        const specifier = match[1]!;
        const line = lineOf(match.index ?? 0);
        const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)).split(sep).join('/') : null;
        const report = (message: string) => violations.push({ file: rel, line, message: `${message} ("${specifier}")` });
        if (specifier === 'electron' && where !== 'main/electron') report('only main/electron/ may import electron');
        if (top === 'renderer') {
          if (NODE_BUILTINS.has(specifier)) report('renderer/ must not import Node built-ins');
          if (target?.startsWith('main/') || target === 'main') report('renderer/ must reach main only through the API contract in shared/');
        }
        if (top === 'shared') {
          if (NODE_BUILTINS.has(specifier)) report('shared/ must not import Node built-ins');
          if (target && !target.startsWith('shared/') && !target.startsWith('resources/')) report('shared/ must import only shared/');
        }
        if (top === 'main' && (target?.startsWith('renderer/'))) report('main/ must not import renderer/');
      }
      if (top === 'shared' && /\b(?:window|document|localStorage|sessionStorage|process)\s*\./.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) {
        violations.push({ file: rel, line: 1, message: 'shared/ must not use DOM or Node globals' });
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.');
  const violations = checkImports(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length) {
    console.error(`lint: ${violations.length} problem${violations.length === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log('lint: import boundaries and tests ok');
}
