/**
 * The privacy check is incremental: each stored file's findings are kept with the rules they were found under, and
 * a check rescans only files whose text or rules changed, with the same findings as a full scan.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachFiles } from '../../../main/evidence/attachments-repository';
import { extractText } from '../../../main/formats/extract-text';
import { scanWorkspace, type WorkspaceScanOptions } from '../../../main/privacy/scan-workspace';
import { SCANNER_VERSION } from '../../../main/privacy/scan-text';
import { Workspace } from '../../../main/workspace/workspace';
import { exportWorkspace, importWorkspace } from '../../../main/workspace/workspace-archive';
import { groupNhsNumber, makeNhsNumber } from '../../../shared/domain/privacy/synthetic';
import { docx, p } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const enc = (s: string) => new TextEncoder().encode(s);

function check(workspace: Workspace, options: WorkspaceScanOptions = {}) {
  const scanned: string[] = [];
  const scan = scanWorkspace(workspace.db, {
    today: '2026-12-06',
    remember: true,
    ...options,
    onTextScanned: (sha) => scanned.push(sha),
  });
  return { scan, scanned };
}

describe('incremental privacy check', () => {
  it('rescans only the file that changed, with the findings of a full scan; a settings change rescans everything, another day only what holds a date of birth', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'readable' }).workspace;
    try {
      const files = [
        { name: 'a.txt', bytes: enc(`Notes\nNHS ${groupNhsNumber(makeNhsNumber(1))} on line 2`) },
        { name: 'b.docx', bytes: docx(p('The family of Mrs Okafor asked about transport.') + p('Call 01632 960000.')) },
        { name: 'c.txt', bytes: enc('Nothing personal here.\nThe board met on 14 March 2025.') },
      ];
      await attachFiles(workspace, 'send-strategy', files, {}, 'A', extractText);
      const first = check(workspace);
      expect(first.scanned).toHaveLength(3);
      expect(first.scan.findings.map((f) => [f.location.fileName, f.kind, f.location.detail])).toEqual([
        ['a.txt', 'nhs-number', 'line 2'],
        ['b.docx', 'person-name', 'paragraph 1'],
        ['b.docx', 'phone', 'paragraph 2'],
      ]);

      const second = check(workspace);
      expect(second.scanned).toEqual([]);
      expect(second.scan).toEqual(first.scan);

      // One file changes (a new version with a UPN-free but named text): only it is read and scanned.
      const [added] = await attachFiles(
        workspace,
        'jsna-send',
        [{ name: 'd.txt', bytes: enc('Pupil called Zara Hartley joined.') }],
        {},
        'A',
        extractText,
      );
      const third = check(workspace);
      expect(third.scanned).toEqual([added!.sha256]);
      workspace.db.prepare('DELETE FROM privacy_text_scans').run();
      const full = check(workspace);
      expect(full.scanned).toHaveLength(4);
      expect(third.scan).toEqual(full.scan);
      expect(third.scan.findings.some((f) => f.location.fileName === 'd.txt' && f.kind === 'person-name')).toBe(true);

      // Other rules (the area's public contacts) find other things: every file is scanned again.
      const settings = check(workspace, { publicContacts: ['01632 960000'] });
      expect(settings.scanned).toHaveLength(4);
      expect(settings.scan.findings.some((f) => f.kind === 'phone')).toBe(false);
      expect(check(workspace).scanned).toHaveLength(4);

      // Another day moves the window for dates of birth: only a text where one was weighed is scanned again; the
      // others keep their findings from one day to the next.
      const [born] = await attachFiles(
        workspace,
        'jsna-send',
        [{ name: 'e.txt', bytes: enc('Referral form. Date of birth: 07/12/2000. Needs reviewed.') }],
        {},
        'A',
        extractText,
      );
      const dayOne = check(workspace);
      expect(dayOne.scanned).toEqual([born!.sha256]);
      expect(dayOne.scan.findings.filter((f) => f.location.fileName === 'e.txt').map((f) => f.kind)).toEqual([
        'date-of-birth',
      ]);
      const dayTwo = check(workspace, { today: '2026-12-07' });
      expect(dayTwo.scanned).toEqual([born!.sha256]);
      // 26 years to the day: out of the window on the 7th, so the next day's check no longer finds it.
      expect(dayTwo.scan.findings.some((f) => f.location.fileName === 'e.txt')).toBe(false);
      workspace.db.prepare('DELETE FROM privacy_text_scans').run();
      expect(check(workspace, { today: '2026-12-07' }).scan).toEqual(dayTwo.scan);
    } finally {
      workspace.close();
    }
  });

  it('forgets the findings an imported workspace brings: its files are scanned again by the recipient', async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const workspace = Workspace.open(folder, { user: 'A' });
    const zip = join(tempDir(), 'export.zip');
    try {
      await attachFiles(
        workspace,
        'send-strategy',
        [{ name: 'a.txt', bytes: enc(`NHS ${groupNhsNumber(makeNhsNumber(7))}`) }],
        {},
        'A',
        extractText,
      );
      expect(check(workspace).scan.blocking).toBe(1);
      // As a crafted archive would say: the file was scanned under today's rules and held nothing.
      workspace.db.prepare("UPDATE privacy_text_scans SET findings = '[]'").run();
      expect(check(workspace).scan.blocking).toBe(0);
      await exportWorkspace(workspace.db, folder, 'Testshire', zip);
    } finally {
      workspace.close();
    }
    const target = join(tempDir(), 'Imported.sendpack');
    await importWorkspace(zip, target);
    const imported = Workspace.open(target, { user: 'B' });
    try {
      const again = check(imported);
      expect(again.scanned).toHaveLength(1);
      expect(again.scan.findings.map((f) => f.kind)).toEqual(['nhs-number']);
    } finally {
      imported.close();
    }
  });

  it("pins the scanner's sources to SCANNER_VERSION, so a rules change cannot reuse findings kept under the old rules", () => {
    // Changed a file below? The rules may find other things: bump SCANNER_VERSION in main/privacy/scan-text.ts and
    // record the new fingerprint here, in the same commit.
    const sources = [
      'main/privacy/scan-text.ts',
      'shared/domain/privacy/patterns.ts',
      'shared/domain/privacy/check-digits.ts',
      'shared/domain/privacy/findings.ts',
    ].map((f) => readFileSync(new URL(`../../../${f}`, import.meta.url), 'utf8'));
    const fingerprint = createHash('sha256')
      .update(
        sources
          .join('\u0000')
          .replace(/\r\n/g, '\n')
          .replace(/export const SCANNER_VERSION = [0-9]+;/, '')
          // Line breaks, indentation and trailing commas are not rules: re-wrapping the lines keeps the fingerprint.
          .replace(/\s+/g, '')
          .replace(/,([)\]}])/g, '$1'),
      )
      .digest('hex')
      .slice(0, 16);
    expect({ SCANNER_VERSION, fingerprint }).toEqual({ SCANNER_VERSION: 3, fingerprint: '62c523762f044a0f' });
  });
});
