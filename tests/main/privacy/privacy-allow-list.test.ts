import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { Workspace } from '../../../main/workspace/workspace';
import { updateItem } from '../../../main/review/update-item';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import {
  casePatterns,
  privacyScanOptions,
  privacySettings,
  savePrivacySettings,
} from '../../../main/privacy/privacy-settings';
import { scanText } from '../../../main/privacy/scan-text';
import {
  compileSafePattern,
  describeExample,
  exampleProblem,
  patternFromExample,
  unsafePatternProblem,
} from '../../../shared/domain/privacy/case-reference-format';
import { buildAndRecord } from '../../../main/pack/build-and-record';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

/** Time to scan `text` with the workspace's formats; the hostile pattern must never be what decides it. */
function timeScan(patterns: RegExp[], text: string): number {
  const start = performance.now();
  scanText(text, { casePatterns: patterns });
  return performance.now() - start;
}

describe('case-reference formats as examples', () => {
  it('turns an example into a format that catches the same shape and nothing around it', () => {
    expect(patternFromExample('CR-123456')).toBe('CR\\-\\d{6}');
    expect(describeExample('CR-123456')).toBe('"CR-", then 6 digits');
    const [re] = casePatterns({ caseReferenceExamples: ['CR-123456', 'EH/2024/00123'], casePatterns: [] });
    const found = (text: string) =>
      scanText(text, {
        casePatterns: casePatterns({ caseReferenceExamples: ['CR-123456', 'EH/2024/00123'], casePatterns: [] }),
      })
        .filter((f) => f.kind === 'case-reference' && f.severity === 'block')
        .map((f) => f.match);
    expect(re).toBeInstanceOf(RegExp);
    expect(found('Case CR-204517 and cr-999999 and EH/2025/00077.')).toEqual([
      'CR-204517',
      'cr-999999',
      'EH/2025/00077',
    ]);
    expect(found('XCR-2045171, CR-20451, CR 204517')).toEqual([]);
    expect(exampleProblem('CR-12')).toMatch(/three digits/);
  });

  it('refuses a pattern outside the safe language, however it is typed', () => {
    for (const bad of ['(\\d+)+X', '(a|aa)+b', '\\d+\\d+\\d+X', '.*X', '\\d{1,99}', '(?=x)abc', '\\1abc', 'a{2}{3}x']) {
      expect(unsafePatternProblem(bad), bad).not.toBeNull();
      expect(compileSafePattern(bad), bad).toBeNull();
    }
    for (const good of ['\\bCR-\\d{6}\\b', 'EHC[A-Z]{2}\\d{4,8}', 'REF ?\\d{5}'])
      expect(unsafePatternProblem(good), good).toBeNull();
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    expect(() =>
      savePrivacySettings(workspace.db, { smallNumberThreshold: 5, casePatterns: ['(\\d+)+X'] }, 'A'),
    ).toThrow(/groups or alternatives/);
    expect(() =>
      savePrivacySettings(workspace.db, { smallNumberThreshold: 5, caseReferenceExamples: ['AB'] }, 'A'),
    ).toThrow(/three digits/);
    workspace.close();
  });

  it("never runs a hostile pattern planted in a workspace's settings: the check and the build finish in bounded time", async () => {
    const folder = makeWorkspace(tempDir()).folder;
    // As an imported workspace could carry it: written straight into the database, past the app's own checks.
    const raw = new BetterSqlite3(`${folder}/workspace.db`);
    raw
      .prepare(
        "INSERT INTO meta (key, value) VALUES ('privacy_settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(
        JSON.stringify({
          smallNumberThreshold: 5,
          casePatterns: ['(\\d+)+X', '\\bCR-\\d{6}\\b'],
          caseReferenceExamples: [42, 'EH-12345'],
        }),
      );
    raw.close();
    const workspace = Workspace.openWritable(folder, { user: 'A' });
    const settings = privacySettings(workspace.db);
    expect(settings.unusablePatterns).toEqual([
      { pattern: '(\\d+)+X', problem: expect.stringMatching(/groups or alternatives/) },
    ]);
    expect(settings.casePatterns).toEqual(['\\bCR-\\d{6}\\b']);
    expect(settings.caseReferenceExamples).toEqual(['EH-12345']);
    const digits = '1'.repeat(30_000);
    updateItem(workspace.db, { itemId: 'complaints', note: `Case CR-204517. ${digits}` }, 'A');
    // The hostile pattern, had it run, takes exponential time on 30 digits; the compiled formats stay linear:
    // scanning 16 times the text takes well under 64 times as long.
    const patterns = privacyScanOptions(workspace.db).casePatterns;
    const small = timeScan(patterns, `${'1'.repeat(5_000)} CR-204517`);
    const large = timeScan(patterns, `${'1'.repeat(80_000)} CR-204517`);
    expect(large / Math.max(small, 0.5)).toBeLessThan(64);
    const scan = scanWorkspace(workspace.db, privacyScanOptions(workspace.db));
    expect(scan.findings.filter((f) => f.kind === 'case-reference' && f.severity === 'block')).toHaveLength(1);
    updateItem(workspace.db, { itemId: 'complaints', note: `No references. ${digits}` }, 'A');
    const result = await buildAndRecord(
      workspace,
      { options: { sections: ['cover', 'areas'], approvedOnly: false }, docxPath: `${folder}/pack.docx` },
      'A',
    );
    expect(result.version).toBe(1);
    workspace.close();
  }, 60_000);
});

describe('allow-list', () => {
  it("never flags the area's published contacts or named staff, and still flags everything else", () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(
      workspace.db,
      {
        itemId: 'complaints',
        note: 'Chaired by Mrs Hughes. Call SENDIASS on 0113 378 5020 or email send.team@leeds.gov.uk. The pupil Jayden Okafor moved.',
      },
      'A',
    );
    const kinds = () =>
      scanWorkspace(workspace.db, privacyScanOptions(workspace.db))
        .findings.filter((f) => f.location.itemId === 'complaints')
        .map((f) => f.snippet)
        .join(' | ');
    const before = kinds();
    expect(before).toMatch(/Mrs \[name\]/);
    expect(before).toMatch(/\[phone number/);
    savePrivacySettings(
      workspace.db,
      {
        smallNumberThreshold: 5,
        publicContacts: ['0113 378 5020', 'send.team@leeds.gov.uk'],
        namedStaff: ['Jane Hughes'],
      },
      'A',
    );
    const after = kinds();
    expect(after).not.toMatch(/Mrs \[name\]/);
    expect(after).not.toMatch(/\[phone number/);
    expect(after).not.toMatch(/\[email/);
    expect(after).toMatch(/pupil \[name\]/);
    workspace.close();
  });
});
