/**
 * Reading files off the thread that owns the database: a PDF that would take minutes (its page tree lists one page
 * 400,000 times and claims 5,000 pages, so each of them is found only by stepping over the whole list) is stopped at
 * its time budget and becomes "not scanned", while the workspace answers other calls;
 * a file that would need more memory than the worker's cap stops only that file; the next file is read as usual.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { workerExtractor, type WorkerExtractor } from '../../../main/formats/worker-extractor';
import { call } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';
import { docx, p } from '../../fixtures/extract/build';
import { docxManyHeaderParagraphs, pdfRepeatedPage } from '../../fixtures/extract/hostile';

const tempDir = useTempDirs();
/** About 80 s of CPU (16 ms to find each of 5,000 pages), far past the budgets below. */
const HANGING_PDF = pdfRepeatedPage(400_000, 5_000);
const made: { backend?: Backend; extract: WorkerExtractor }[] = [];
afterEach(async () => {
  for (const m of made.splice(0)) {
    m.backend?.close();
    await m.extract.close();
  }
});

describe('extraction in a worker', { timeout: 120_000 }, () => {
  it('stops a hanging PDF at its time budget while the workspace answers other calls', async () => {
    const extract = workerExtractor({ timeoutMs: 4000 });
    const dir = tempDir();
    const backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser', extract });
    made.push({ backend, extract });
    await makeWorkspace(dir, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
    const upload = async (name: string, bytes: Uint8Array) => ({
      handle: (await call(backend, 'files.upload', { name, bytes })).handle,
    });
    const hanging = await upload('board-papers.pdf', HANGING_PDF);

    let attachDone = false;
    const attach = dispatch(backend, 'attachments.add', {
      itemId: 'send-strategy',
      files: [hanging],
      metadata: {},
    }).then((r) => {
      attachDone = true;
      return r;
    });
    // While the PDF is being read, the workspace answers: its checklist, and a timer on this thread keeps its pace.
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 50);
    await new Promise((r) => setTimeout(r, 500));
    const items = await call(backend, 'checklist.list', {});
    expect(items.items.length).toBeGreaterThan(0);
    expect(attachDone).toBe(false);
    const result = await attach;
    clearInterval(timer);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    expect(Math.max(...gaps)).toBeLessThan(1000); // the thread never stalled for a second while the PDF was read

    expect(result.ok).toBe(true);
    const [attachment] = (
      result as { ok: true; value: { attachments: { textStatus: string; notScannedReason: string }[] } }
    ).value.attachments;
    expect(attachment).toMatchObject({ textStatus: 'not-scanned' });
    expect(attachment!.notScannedReason).toMatch(/took longer than 4 seconds/);
    const check = await call(backend, 'privacy.check', {});
    expect(check.unscanned.map((u) => u.fileName)).toEqual(['board-papers.pdf']);

    // The next file starts a fresh worker and is read as usual.
    const next = await call(backend, 'attachments.add', {
      itemId: 'send-strategy',
      files: [await upload('notes.docx', docx(p('Agreed')))],
      metadata: {},
    });
    expect(next.attachments[0]).toMatchObject({ textStatus: 'ok' });
  });

  it('reads the PDF listing one page 40,000 times to its page budget, with the default time budget to spare', async () => {
    const extract = workerExtractor(); // the budgets an attached file is read with
    const dir = tempDir();
    const backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser', extract });
    made.push({ backend, extract });
    await makeWorkspace(dir, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
    const { handle } = await call(backend, 'files.upload', {
      name: 'board-papers.pdf',
      bytes: pdfRepeatedPage(40_000),
    });
    const added = await call(backend, 'attachments.add', {
      itemId: 'send-strategy',
      files: [{ handle }],
      metadata: {},
    });
    // Its text as far as it was read, and a decision asked for the pages it was not: never "took longer than".
    expect(added.attachments[0]).toMatchObject({
      textStatus: 'ok',
      notScannedReason: 'Not fully scanned: pages 1,251 to 40,000 could not be read.',
    });
    const check = await call(backend, 'privacy.check', {});
    expect(check.unscanned.map((u) => u.fileName)).toEqual(['board-papers.pdf']);
  });

  it('stops attaching when the officer cancels, mid-file, with nothing attached', async () => {
    const extract = workerExtractor({ timeoutMs: 60_000 });
    const dir = tempDir();
    const backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser', extract });
    made.push({ backend, extract });
    await makeWorkspace(dir, { via: backend, user: 'Ann', area: 'Northshire', laCode: '841' });
    const { handle } = await call(backend, 'files.upload', {
      name: 'board-papers.pdf',
      bytes: HANGING_PDF,
    });
    const attach = dispatch(backend, 'attachments.add', { itemId: 'send-strategy', files: [{ handle }], metadata: {} });
    await new Promise((r) => setTimeout(r, 1000));
    const started = performance.now();
    expect(await call(backend, 'work.cancel', { operation: 'attachments.add' })).toEqual({ cancelled: true });
    const result = await attach;
    expect(performance.now() - started).toBeLessThan(10_000); // the worker was ended, not waited for
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'cancelled', message: 'Attaching was stopped. No file was attached.' },
    });
    expect((await call(backend, 'attachments.list', { itemId: 'send-strategy' })).attachments).toEqual([]);
  });

  it('stops a file that needs more memory than the cap, and only that file', async () => {
    const extract = workerExtractor({ maxMemoryMb: 32, timeoutMs: 60_000 });
    made.push({ extract });
    // 450,000 paragraphs of text in a header: each a segment with its own label, far past a 32 MB heap.
    const result = await extract(docxManyHeaderParagraphs(450_000), 'huge.docx');
    expect(result).toMatchObject({ status: 'not-scanned', kind: 'docx' });
    expect(result.status === 'not-scanned' && result.reason).toMatch(/more than 32 MB of memory/);
    expect(await extract(docx(p('Small')), 'small.docx')).toMatchObject({ status: 'ok', text: 'Small' });
  });
});
