import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

// The backend runs from dist-electron/backend-process.cjs, an esbuild CJS bundle (scripts/build-electron.mjs) that
// Electron starts as a utility process. This bundles the extractor with the same options, runs it with no
// node_modules in reach, in plain Node and with the process looking like Electron's utility process (where PDF.js
// does not consider itself in Node), and extracts a real PDF, .docx and .xlsx.

const ROOT = resolve(import.meta.dirname, '../../..');
const tempDir = useTempDirs();

const ENTRY = `
import { extractText } from ${JSON.stringify(join(ROOT, 'main/formats/extract-text.ts'))};
import { docx, p, pdf, pdfText, sst, STYLES_WITH_DATES, worksheet, xlsx } from ${JSON.stringify(join(ROOT, 'tests/fixtures/extract/build.ts'))};

if (process.env.LOOK_LIKE_ELECTRON_UTILITY) {
  Object.defineProperty(process.versions, 'electron', { value: '45.4.1', enumerable: true });
  (process as unknown as { type: string }).type = 'utility';
}

void (async () => {
  const results = {
    pdf: await extractText(pdf([pdfText('First page'), pdfText('Second page')]), 'a.pdf'),
    scan: await extractText(pdf(['0 0 1 rg 10 10 50 50 re f']), 'scan.pdf'),
    docx: await extractText(docx(p('Word text')), 'a.docx'),
    xlsx: await extractText(xlsx([{ name: 'Budget', xml: worksheet('<row r="3"><c t="inlineStr"><is><t>Cell</t></is></c></row>') }],
      sst([]), STYLES_WITH_DATES), 'a.xlsx'),
  };
  process.stdout.write(JSON.stringify(results));
})().catch((error: unknown) => { console.error(error); process.exit(1); });
`;

describe('extractText in an esbuild CJS bundle', () => {
  it("bundles with the backend's options and extracts PDF, docx and xlsx in Node and as Electron's utility process", async () => {
    const dir = tempDir();
    const entry = join(dir, 'entry.ts');
    const outfile = join(dir, 'out', 'extract.cjs');
    writeFileSync(entry, ENTRY);
    const result = await build({
      entryPoints: [entry],
      outfile,
      absWorkingDir: ROOT,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node24',
      keepNames: true,
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'silent',
      external: ['electron', 'better-sqlite3'],
    });
    expect(result.errors).toEqual([]);
    for (const env of [{}, { LOOK_LIKE_ELECTRON_UTILITY: '1' }]) {
      const run = spawnSync(process.execPath, [outfile], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
        timeout: 20_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        pdf: {
          status: 'ok',
          kind: 'pdf',
          text: 'First page\nSecond page',
          truncated: false,
          notes: [],
          unread: [],
          segments: [
            { location: 'page 1', text: 'First page' },
            { location: 'page 2', text: 'Second page' },
          ],
        },
        scan: {
          status: 'not-scanned',
          kind: 'pdf',
          reason: 'This PDF has no text layer (it may be a scan); it could not be read.',
        },
        docx: {
          status: 'ok',
          kind: 'docx',
          text: 'Word text',
          truncated: false,
          notes: [],
          unread: [],
          segments: [{ location: 'paragraph 1', text: 'Word text' }],
        },
        xlsx: {
          status: 'ok',
          kind: 'xlsx',
          text: 'Budget\nCell',
          truncated: false,
          notes: [],
          unread: [],
          segments: [
            { location: 'sheet names', text: 'Budget' },
            { location: 'sheet Budget, row 3', text: 'Cell' },
          ],
        },
      });
    }
  });
});
