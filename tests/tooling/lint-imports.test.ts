import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports } from '../../scripts/lint-imports';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const write = (root: string, file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};

describe('import boundaries', () => {
  it('hold in this repository', () => {
    expect(checkImports(resolve('.'))).toEqual([]);
  });

  it('catch each kind of wrong import', () => {
    const root = tempDir();
    write(
      root,
      'renderer/a.tsx',
      "import { readFileSync } from 'node:fs';\nimport { x } from '../main/api/backend';\n",
    );
    write(root, 'renderer/b.ts', "import { ipcRenderer } from 'electron';\n");
    write(
      root,
      'shared/c.ts',
      "import path from 'path';\nimport { y } from '../renderer/a';\nexport const z = document.title;\n",
    );
    write(root, 'main/store/d.ts', "const e = await import('electron');\n");
    write(root, 'main/electron/ok.ts', "import { app } from 'electron';\n");
    write(root, 'tests/unit/e.test.ts', `${['it', 'skip'].join('.')}('never runs', () => {});\n`);
    const messages = checkImports(root).map((v) => `${v.file}: ${v.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^renderer\/a.tsx: renderer\/ must not import Node built-ins/),
        expect.stringMatching(/^renderer\/a.tsx: renderer\/ must reach main only through the API contract/),
        expect.stringMatching(/^renderer\/b.ts: only main\/electron\/ may import electron/),
        expect.stringMatching(/^shared\/c.ts: shared\/ must not import Node built-ins/),
        expect.stringMatching(/^shared\/c.ts: shared\/ must import only shared\//),
        expect.stringMatching(/^shared\/c.ts: shared\/ must not use DOM or Node globals/),
        expect.stringMatching(/^main\/store\/d.ts: only main\/electron\/ may import electron/),
        expect.stringMatching(/^tests\/unit\/e.test.ts: skipped or focused test/),
      ]),
    );
    expect(messages.some((m) => m.startsWith('main/electron/ok.ts'))).toBe(false);
  });

  it('fails on a cycle between folders, type-only imports included', () => {
    const root = tempDir();
    write(root, 'main/audit/events.ts', "import type { Row } from '../checklist/rows';\nexport const x = 1;\n");
    write(root, 'main/checklist/rows.ts', "import { x } from '../audit/events';\nexport type Row = typeof x;\n");
    write(root, 'main/pack/a.ts', "import { x } from '../audit/events';\n");
    const messages = checkImports(root).map((v) => `${v.file}: ${v.message}`);
    expect(messages).toEqual([expect.stringMatching(/folder cycle between main\/audit\/, main\/checklist\//)]);
  });

  it('reads real imports: not one in a comment, and a dynamic import() is one', () => {
    const root = tempDir();
    write(
      root,
      'main/store/a.ts',
      "// import { app } from 'electron';\n/* require('electron') */\nexport const a = 1;\n",
    );
    write(root, 'main/store/b.ts', "export async function load() {\n  return import('electron');\n}\n");
    write(root, 'main/store/c.ts', "import { y } from 'main/pack/y';\n");
    const messages = checkImports(root).map((v) => `${v.file}:${v.line}: ${v.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^main\/store\/b.ts:2: only main\/electron\/ may import electron/),
      expect.stringMatching(/^main\/store\/c.ts:1: no path aliases/),
    ]);
  });
});
