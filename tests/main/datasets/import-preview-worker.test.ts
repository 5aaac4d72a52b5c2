/**
 * Import previews are read off the thread that owns the database (issue 14, item 1), as attached files are: in a
 * worker, with the request queue let go, so the officer's other screens answer while a large or hostile spreadsheet
 * is read; with a time budget that refuses the file in words; and stopped at once by a cancel, nothing imported.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { previewReader, type PreviewReader } from '../../../main/datasets/import/preview-in-worker';
import { call } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';
import { dfeFile } from '../../fixtures/imports/api';
import { previewImport } from '../../../main/datasets/import/preview-import';
import { resolveArea } from '../../../main/datasets/import/authority';
import { datasetById } from '../../../shared/domain/datasets/index';

const tempDir = useTempDirs();
const FILE = 'timeliness_20_week_excerpt.csv';
const made: { backend: Backend; reader: PreviewReader }[] = [];
afterEach(async () => {
  for (const m of made.splice(0)) {
    m.backend.close();
    await m.reader.close();
  }
});

/** A CSV of `rows` rows in the shape of DfE's files. */
function bigCsv(rows: number): Uint8Array {
  const lines = ['la_name,time_period,geographic_level,value'];
  for (let i = 0; i < rows; i++) lines.push(`Darlington,2024,Local authority,${i}`);
  return new TextEncoder().encode(lines.join('\n'));
}

/**
 * The real preview worker, except that a file named stall.csv is never answered: the worker spins, as one reading a
 * hostile file would. Time budgets and cancels are then tested on a read that cannot finish however fast the
 * machine is (a large file that "takes seconds" finished inside the budget on an idle machine).
 */
function stallingWorker(): { path: string; execArgv: string[] } {
  const path = join(tempDir(), 'stalling-worker.mjs');
  const real = pathToFileURL(join(process.cwd(), 'main/datasets/import/preview-worker.ts')).href;
  writeFileSync(
    path,
    [
      "import { parentPort } from 'node:worker_threads';",
      // Registered before the real worker's listener, so it runs first and, for stall.csv, never returns.
      "parentPort.on('message', (request) => { if (request.fileName === 'stall.csv') for (;;) {} });",
      `await import(${JSON.stringify(real)});`,
    ].join('\n'),
  );
  return { path, execArgv: ['--import', 'tsx'] };
}

async function backendWith(reader: PreviewReader) {
  const dir = tempDir();
  const backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser', readPreview: reader });
  made.push({ backend, reader });
  await makeWorkspace(dir, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
  return backend;
}

describe('import previews in a worker', { timeout: 180_000 }, () => {
  it('reads a file in the worker exactly as it is read in-process', async () => {
    const backend = await backendWith(previewReader());
    const bytes = dfeFile(FILE);
    const { handle } = await call(backend, 'files.upload', { name: FILE, bytes });
    const { previewId: _id, ...shown } = await call(backend, 'imports.preview', {
      dataset: 'ehcp-timeliness',
      file: { handle },
    });
    const inProcess = previewImport({
      def: datasetById('ehcp-timeliness')!,
      bytes,
      fileName: FILE,
      area: resolveArea('841'),
    });
    expect(shown.rowsRead).toBeGreaterThan(0);
    expect(shown.problems).toEqual([]);
    expect(shown.rowsRead).toBe(inProcess.rowsRead);
    expect(shown.periods).toEqual(inProcess.periods);
    expect(shown.firstRows).toEqual(inProcess.firstRows);
  });

  it('answers other requests while a file is read, and a cancel stops it at once with nothing imported', async () => {
    const backend = await backendWith(previewReader({ script: stallingWorker() }));
    const { handle } = await call(backend, 'files.upload', { name: 'stall.csv', bytes: bigCsv(10) });
    let previewDone = false;
    const preview = dispatch(backend, 'imports.preview', { dataset: 'ehcp-timeliness', file: { handle } }).then((r) => {
      previewDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    // The checklist answers while the file is still being read: the preview let the queue go.
    expect((await call(backend, 'checklist.list', {})).items.length).toBeGreaterThan(0);
    expect(previewDone).toBe(false);
    const asked = performance.now();
    expect(await call(backend, 'work.cancel', { operation: 'imports.preview' })).toEqual({ cancelled: true });
    expect(await preview).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Reading the file was stopped. Nothing was imported.' },
    });
    expect(performance.now() - asked).toBeLessThan(5_000); // the worker was ended, not waited for
  });

  it('refuses, in words, a file that takes longer than its time budget, and reads the next file as usual', async () => {
    const backend = await backendWith(previewReader({ timeoutMs: 2_000, script: stallingWorker() }));
    const { handle } = await call(backend, 'files.upload', { name: 'stall.csv', bytes: bigCsv(10) });
    const slow = await call(backend, 'imports.preview', { dataset: 'ehcp-timeliness', file: { handle } });
    expect(slow.problems).toEqual([
      {
        row: null,
        column: null,
        message:
          'Reading stall.csv took longer than 2 seconds, so it was stopped and nothing was imported. Save the sheet you need on its own, as CSV, and import that.',
      },
    ]);
    expect(slow.rowsRead).toBe(0);
    const next = await call(backend, 'files.upload', { name: FILE, bytes: dfeFile(FILE) });
    const preview = await call(backend, 'imports.preview', {
      dataset: 'ehcp-timeliness',
      file: { handle: next.handle },
    });
    expect([preview.problems, preview.rowsRead > 0]).toEqual([[], true]);
  });
});
