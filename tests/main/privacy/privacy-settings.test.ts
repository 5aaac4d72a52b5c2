import { describe, expect, it } from 'vitest';
import { updateItem } from '../../../main/review/update-item';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import { privacyScanOptions, savePrivacySettings } from '../../../main/privacy/privacy-settings';
import { commitImport } from '../../../main/datasets/dataset-store';
import { readPackInput } from '../../../main/pack/read-pack-input';
import { PACK_SECTION_ORDER } from '../../../shared/domain/pack-kinds';
import { listEvents } from '../../../main/audit/audit-events';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

describe('privacy settings', () => {
  it("flags the council's own case-reference format once it is set, and audits the change", () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(workspace.db, { itemId: 'complaints', note: 'Complaint CR-204517 was upheld in part.' }, 'A');
    const scan = () => scanWorkspace(workspace.db, privacyScanOptions(workspace.db));
    expect(scan().findings.filter((f) => f.kind === 'case-reference')).toEqual([]);
    savePrivacySettings(workspace.db, { smallNumberThreshold: 5, casePatterns: ['\\bCR-\\d{6}\\b'] }, 'B');
    const found = scan().findings.filter((f) => f.kind === 'case-reference');
    expect(found).toHaveLength(1);
    expect(found[0]!.snippet).not.toContain('204517');
    expect(() =>
      savePrivacySettings(workspace.db, { smallNumberThreshold: 5, casePatterns: ['(unclosed'] }, 'B'),
    ).toThrow(/pattern 1 uses groups/);
    expect(() => savePrivacySettings(workspace.db, { smallNumberThreshold: 5, casePatterns: ['x*'] }, 'B')).toThrow(
      /pattern 1 uses \*/,
    );
    expect(listEvents(workspace.db).filter((e) => e.action === 'privacy-settings')).toHaveLength(1);
    workspace.close();
  });

  it('prints small counts as "fewer than N" in the pack, with N from the settings', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    commitImport(
      workspace.db,
      {
        dataset: 'tribunal',
        sourceName: 't.csv',
        sourceSha256: 'a'.repeat(64),
        layout: 'form',
        rowsRead: 1,
        discardedColumns: [],
        rows: [
          {
            period: '2024/25',
            geography: 'local',
            areaCode: '841',
            areaName: 'Testshire',
            breakdown: '',
            values: { appeals_registered: 7 },
            missing: {},
          },
        ],
      },
      'A',
    );
    const shown = async () =>
      (await readPackInput(workspace, { sections: [...PACK_SECTION_ORDER], approvedOnly: false }, 'A')).metrics.find(
        (m) => m.id === 'appeal-volume',
      )?.display;
    expect(await shown()).toBe('7');
    savePrivacySettings(workspace.db, { smallNumberThreshold: 10, casePatterns: [] }, 'A');
    expect(await shown()).toBe('fewer than 10');
    workspace.close();
  });
});
