import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { initSync, parse } from 'es-module-lexer';

/**
 * The runtime boundaries and the folder map, checked on every import read by a real lexer (es-module-lexer), so an
 * import in a comment is not one and a dynamic `import()` is (ESLint's no-require-imports refuses `require()`):
 * - renderer/ reaches main only through the API contract and never Node; shared/ imports neither main/ nor renderer/
 *   nor Node nor electron; only main/electron/ imports electron; no path aliases (every import between our own
 *   folders is relative);
 * - no cycle between folders (main/<folder>/, shared/<folder>/, renderer/<folder>/), type-only imports included: a
 *   cycle means two folders cannot be read, tested or moved apart;
 * - no skipped or focused test, which could never fail.
 */
export interface Violation {
  file: string;
  line: number;
  message: string;
}

interface Import {
  specifier: string;
  line: number;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SKIPPED_TEST = /\b(?:it|test|describe)\.(?:skip|only|todo)\s*\(|\bx(?:it|describe)\s*\(/;
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs)$/;
const TOPS = ['main', 'renderer', 'shared', 'tests'] as const;

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : SOURCE.test(name) ? [path] : [];
  });
}

/**
 * Every import of a file with its line. es-module-lexer reads TypeScript's import syntax (`import type` included) but
 * not JSX; a file it cannot read is lexed after esbuild has turned it into JavaScript. That drops type-only imports,
 * which only .tsx files under renderer/ have, and tsconfig.renderer.json already fails those that leave
 * renderer/ and shared/.
 */
export function importsOf(file: string, text: string): Import[] {
  initSync();
  let source = text;
  let imports: ReturnType<typeof parse>[0];
  try {
    [imports] = parse(text, file);
  } catch {
    source = transformSync(text, { loader: file.endsWith('x') ? 'tsx' : 'ts', jsx: 'automatic', format: 'esm' }).code;
    [imports] = parse(source, file);
  }
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  const found: Import[] = [];
  for (const entry of imports) {
    if (entry.n !== undefined) found.push({ specifier: entry.n, line: lineOf(entry.ss) });
  }
  return found;
}

/** The folder an import edge is counted between: main/pack/sections/x.ts → main/pack. */
function folderOf(rel: string): string | null {
  const parts = rel.split('/');
  if (!['main', 'shared', 'renderer'].includes(parts[0]!)) return null;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Strongly connected components of more than one folder (Tarjan), each with one file-level edge per step. */
function folderCycles(edges: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

export function checkImports(root: string): Violation[] {
  const violations: Violation[] = [];
  /** folder → folder it imports → one file:line that does, to name in the report. */
  const edges = new Map<string, Map<string, string>>();
  for (const top of TOPS) {
    for (const file of walk(join(root, top))) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(root, file).split(sep).join('/');
      if (top === 'tests' || /\.test\.tsx?$/.test(rel)) {
        const match = SKIPPED_TEST.exec(text);
        if (match) {
          const line = text.slice(0, match.index).split('\n').length;
          violations.push({
            file: rel,
            line,
            message: 'skipped or focused test: every test must run and be able to fail',
          });
        }
        continue;
      }
      const from = folderOf(rel);
      for (const { specifier, line } of importsOf(file, text)) {
        const relative_ = specifier.startsWith('.');
        const target = relative_
          ? relative(root, resolve(dirname(file), specifier))
              .split(sep)
              .join('/')
          : null;
        const report = (message: string) =>
          violations.push({ file: rel, line, message: `${message} ("${specifier}")` });
        if (specifier === 'electron' && !rel.startsWith('main/electron/'))
          report('only main/electron/ may import electron');
        if (/^[@~#]\/|^(?:main|shared|renderer)\//.test(specifier))
          report('no path aliases: import our own files by relative path');
        if (top === 'renderer') {
          if (NODE_BUILTINS.has(specifier)) report('renderer/ must not import Node built-ins');
          if (target?.startsWith('main/') || target === 'main')
            report('renderer/ must reach main only through the API contract in shared/');
        }
        if (top === 'shared') {
          if (NODE_BUILTINS.has(specifier)) report('shared/ must not import Node built-ins');
          if (target && !target.startsWith('shared/') && !target.startsWith('resources/'))
            report('shared/ must import only shared/');
        }
        if (top === 'main' && target?.startsWith('renderer/')) report('main/ must not import renderer/');
        const to = target ? folderOf(target) : null;
        if (from && to && to !== from && !to.startsWith(`${from}/`) && !from.startsWith(`${to}/`)) {
          const out = edges.get(from) ?? new Map<string, string>();
          if (!out.has(to)) out.set(to, `${rel}:${line}`);
          edges.set(from, out);
        }
      }
      if (
        top === 'shared' &&
        /\b(?:window|document|localStorage|sessionStorage|process)\s*\./.test(
          text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''),
        )
      ) {
        violations.push({ file: rel, line: 1, message: 'shared/ must not use DOM or Node globals' });
      }
    }
  }
  for (const component of folderCycles(edges)) {
    const inCycle = new Set(component);
    const steps = component.flatMap((folder) =>
      [...(edges.get(folder) ?? [])].filter(([to]) => inCycle.has(to)).map(([to, at]) => `${folder}/ → ${to}/ (${at})`),
    );
    const [file, line] = steps[0]!.replace(/^.*\((.*)\)$/, '$1').split(':');
    violations.push({
      file: file!,
      line: Number(line),
      message: `folder cycle between ${component.map((f) => `${f}/`).join(', ')}: ${steps.join('; ')}`,
    });
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.');
  const violations = checkImports(root);
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length) {
    console.error(`lint-imports: ${violations.length} problem${violations.length === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log('lint-imports: import boundaries, folder cycles and tests ok');
}
