import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/workspace/workspace';
import { openWorkspace } from '../../../main/workspace/open-workspace';
import { listBackups } from '../../../main/workspace/backups';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { getItem, listItems } from '../../../main/checklist/checklist-repository';
import { updateItem } from '../../../main/review/update-item';
import { listEvents } from '../../../main/audit/audit-events';
import type { Catalogue } from '../../../shared/domain/catalogue';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

describe('catalogue upgrade', () => {
  it("adds new items, refreshes wording, retires dropped ones and keeps officers' entries", () => {
    const older: Catalogue = {
      ...SHIPPED_CATALOGUE,
      catalogueVersion: '2025.9',
      items: [
        ...SHIPPED_CATALOGUE.items
          .filter((i) => i.id !== 'jsna-send')
          .map((i) => (i.id === 'send-strategy' ? { ...i, title: 'SEND strategy' } : i)),
        { ...SHIPPED_CATALOGUE.items[0]!, id: 'old-retired-item', title: 'An item a later catalogue dropped' },
      ],
    };
    const folder = makeWorkspace(tempDir(), { area: 'Old', laCode: null, user: 'A', catalogue: older }).folder;
    let workspace = Workspace.openWritable(folder, { user: 'A' });
    updateItem(workspace.db, { itemId: 'send-strategy', status: 'approved', owner: 'Head of SEND' }, 'A');
    workspace.close();

    workspace = Workspace.openWritable(folder, { user: 'B', catalogue: SHIPPED_CATALOGUE });
    expect(workspace.session().catalogueVersion).toBe(SHIPPED_CATALOGUE.catalogueVersion);
    const strategy = getItem(workspace.db, 'send-strategy');
    expect(strategy).toMatchObject({
      title: 'SEND/AP strategy (strategic plan)',
      status: 'approved',
      owner: 'Head of SEND',
    });
    expect(getItem(workspace.db, 'jsna-send').status).toBe('not-started');
    expect(listItems(workspace.db).map((i) => i.id)).not.toContain('old-retired-item');
    expect(workspace.db.prepare("SELECT retired FROM items WHERE id = 'old-retired-item'").pluck().get()).toBe(1);
    expect(listEvents(workspace.db).at(-1)).toMatchObject({ action: 'catalogue-upgrade', before: '2025.9', who: 'B' });
    workspace.close();
  });

  it('backs up the database before upgrading its catalogue', async () => {
    const older: Catalogue = { ...SHIPPED_CATALOGUE, catalogueVersion: '2025.9' };
    const folder = makeWorkspace(tempDir(), { area: 'Old', laCode: null, user: 'A', catalogue: older }).folder;
    expect(listBackups(folder)).toEqual([]);
    const workspace = await openWorkspace(folder, { user: 'B', catalogue: SHIPPED_CATALOGUE });
    workspace.close();
    expect(listBackups(folder).map((b) => b.reason)).toEqual(['pre-risky']);
    // Opening again finds nothing to upgrade and makes no further backup.
    (await openWorkspace(folder, { user: 'B', catalogue: SHIPPED_CATALOGUE })).close();
    expect(listBackups(folder)).toHaveLength(1);
  });
});
