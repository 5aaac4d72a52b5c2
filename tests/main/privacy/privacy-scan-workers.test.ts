/**
 * The privacy check shares the stored files' text between its own thread and the scan workers (text-scan-pool.ts):
 * the same findings as a check on one thread, whoever scanned which file, and a worker that ends mid-check hands
 * its text back instead of losing it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { attachFiles } from '../../../main/evidence/attachments-repository';
import { extractText } from '../../../main/formats/extract-text';
import { scanWorkspace, scanWorkspaceAsync, type WorkspaceScanOptions } from '../../../main/privacy/scan-workspace';
import { scanStoredBlob } from '../../../main/privacy/stored-text-scan';
import { closeTextScanWorkers, textScanWorkers } from '../../../main/privacy/text-scan-pool';
import { encodeStoredText } from '../../../main/store/stored-text';
import { groupNhsNumber, makeNhsNumber, makeUpn } from '../../../shared/domain/privacy/synthetic';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const enc = (s: string) => new TextEncoder().encode(s);
afterAll(() => closeTextScanWorkers());

const OPTIONS: WorkspaceScanOptions = {
  today: '2026-12-06',
  casePatterns: [/\bKM-[0-9]{5}\b/],
  publicContacts: ['01632 960000'],
  namedStaff: ['Priya Sharma'],
};

/** Twenty files, each long enough to be deflated as stored, with identifiers of several kinds and settings at work. */
function files() {
  return Array.from({ length: 20 }, (_, i) => {
    const lines = [
      `Notes of the review, file ${i}. The board met on 14 March 2025 and agreed the plan.`,
      `NHS ${groupNhsNumber(makeNhsNumber(100 + i))} was on the referral; case KM-${String(10000 + i)} is open.`,
      `Pupil called Zara Hartley${i} joined; the SENCO, Mrs Priya Sharma, met her family.`,
      `Former UPN ${makeUpn(200 + i)}. Call 07700 900${String(100 + i)} or the office on 01632 960000.`,
      'The partnership reviewed EHC plan timeliness against the national figure for the year. '.repeat(20),
    ];
    return i % 2
      ? { name: `notes-${i}.txt`, bytes: enc(lines.join('\n')) }
      : { name: `minutes-${i}.docx`, bytes: docx(lines.map((l) => p(l)).join('')) };
  });
}

describe('the privacy check in the scan workers', () => {
  it('finds what a check on one thread finds, with the same locations, snippets and keys', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    try {
      await attachFiles(workspace, 'send-strategy', files(), {}, 'A', extractText);
      const one = scanWorkspace(workspace.db, OPTIONS);
      expect(one.findings.length).toBeGreaterThan(80);
      expect(new Set(one.findings.map((f) => f.kind))).toEqual(
        new Set(['nhs-number', 'case-reference', 'person-name', 'former-upn', 'phone']),
      );
      expect(await Promise.all(textScanWorkers().map((w) => w.ready))).toContain(true);
      // Shared between this thread and the workers, then in the workers alone: the same answer either way.
      for (const alsoHere of [true, false]) {
        const scanned: string[] = [];
        const shared = await scanWorkspaceAsync(
          workspace.db,
          { ...OPTIONS, onTextScanned: (sha) => scanned.push(sha) },
          { workersFromBytes: 0, alsoHere },
        );
        expect(shared).toEqual(one);
        expect(scanned).toHaveLength(20);
      }
    } finally {
      workspace.close();
    }
  });

  it('a worker scans a stored text as this thread does, and names a text it cannot read', async () => {
    const [worker] = textScanWorkers();
    expect(await worker!.ready).toBe(true);
    const text = [
      `Her NHS number is ${groupNhsNumber(makeNhsNumber(7))}.`,
      'Pupil called Jayden Smith joined; Mrs Priya Sharma met him.',
      'x'.repeat(2000),
    ].join('\n');
    const segments = JSON.stringify([['paragraph ', 1, 3]]);
    const stored = encodeStoredText(text);
    expect(stored).toBeInstanceOf(Buffer);
    const rules = { casePatterns: [], today: '2026-12-06', publicContacts: [], namedStaff: ['Priya Sharma'] };
    const reply = await worker!.scan({ text: stored, segments, rules });
    const here = scanStoredBlob(stored, segments, rules);
    expect(reply).toEqual({ id: expect.any(Number), ...here });
    expect(here.findings.map(([where, kind]) => [where, kind])).toEqual([
      ['paragraph 1', 'nhs-number'],
      ['paragraph 2', 'person-name'],
    ]);
    const unreadable = await worker!.scan({ text: Buffer.of(9, 1, 2), segments: '[]', rules });
    expect(unreadable).toEqual({ id: expect.any(Number), error: expect.stringMatching(/cannot read/) });
  });

  it('a worker that ends in the middle of a check hands its text back: nothing goes unscanned', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    try {
      await attachFiles(workspace, 'send-strategy', files(), {}, 'A', extractText);
      const one = scanWorkspace(workspace.db, OPTIONS);
      expect(await Promise.all(textScanWorkers().map((w) => w.ready))).toContain(true);
      const scanned: string[] = [];
      let closing: Promise<void> | null = null;
      const shared = await scanWorkspaceAsync(
        workspace.db,
        {
          ...OPTIONS,
          // The workers end as soon as the first text is back, while they still hold the next ones.
          onTextScanned: (sha) => {
            scanned.push(sha);
            closing ??= closeTextScanWorkers();
          },
        },
        { workersFromBytes: 0, alsoHere: false },
      );
      await closing;
      expect(closing).not.toBeNull();
      expect(shared).toEqual(one);
      expect(scanned).toHaveLength(20);
    } finally {
      workspace.close();
    }
  });
});
