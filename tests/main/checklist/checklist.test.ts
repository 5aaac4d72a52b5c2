import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/workspace/workspace';
import { addCustomItem, getItem, listItems } from '../../../main/checklist/checklist-repository';
import { updateItem } from '../../../main/review/update-item';
import { listEvents } from '../../../main/audit/audit-events';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

describe('checklist', () => {
  it('holds all 78 catalogue items, grouped by area, with person-level items marked', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    const items = listItems(workspace.db);
    expect(items).toHaveLength(78);
    expect(
      items
        .filter((i) => i.personLevel)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['annex-a-list-1-ehcp', 'annex-a-list-2-sen-support', 'tracking-cases']);
    expect(items.find((i) => i.id === 'inspection-logistics')?.areas).toEqual([]);
    expect(items.find((i) => i.id === 'ehcp-timeliness')?.areas).toEqual(['EC1']);
    workspace.close();
  });

  it('keeps status, owner and note across a restart, with who and when in the audit trail', () => {
    const folder = makeWorkspace(tempDir()).folder;
    let workspace = Workspace.openWritable(folder, { user: 'Ann' });
    updateItem(
      workspace.db,
      { itemId: 'jsna-send', status: 'in-progress', owner: 'Public health', note: 'Chapter due Friday' },
      'Ann',
    );
    workspace.close();

    workspace = Workspace.openWritable(folder, { user: 'Ben' });
    const item = getItem(workspace.db, 'jsna-send');
    expect(item).toMatchObject({
      status: 'in-progress',
      owner: 'Public health',
      note: 'Chapter due Friday',
      updatedBy: 'Ann',
    });
    const events = listEvents(workspace.db, 'jsna-send');
    expect(events.map((e) => [e.action, e.before, e.after, e.who])).toEqual([
      ['status', 'not-started', 'in-progress', 'Ann'],
      ['owner', '', 'Public health', 'Ann'],
      ['note', '', 'Chapter due Friday', 'Ann'],
    ]);
    workspace.close();
  });

  it('locks an approved item until it is reopened with a reason', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    const approved = updateItem(workspace.db, { itemId: 'send-strategy', status: 'approved' }, 'Lead');
    expect(approved.approvedBy).toBe('Lead');
    expect(approved.approvedAt).not.toBeNull();
    expect(() => updateItem(workspace.db, { itemId: 'send-strategy', note: 'late edit' }, 'B')).toThrow(
      /approved and locked/,
    );
    expect(() => updateItem(workspace.db, { itemId: 'send-strategy', status: 'in-progress' }, 'B')).toThrow(
      /needs a reason/,
    );
    const reopened = updateItem(
      workspace.db,
      { itemId: 'send-strategy', status: 'in-progress', reason: 'New board minutes' },
      'B',
    );
    expect(reopened).toMatchObject({ status: 'in-progress', approvedBy: null });
    expect(listEvents(workspace.db, 'send-strategy').at(-1)).toMatchObject({
      action: 'status',
      before: 'approved',
      reason: 'New board minutes',
      who: 'B',
    });
    workspace.close();
  });

  it('refuses notes on person-level items and unknown ids, changing nothing', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    expect(() => updateItem(workspace.db, { itemId: 'tracking-cases', note: 'Child A, Year 5' }, 'A')).toThrow(
      /person-level/,
    );
    expect(() => updateItem(workspace.db, { itemId: 'no-such-item', status: 'approved' }, 'A')).toThrow(/no-such-item/);
    expect(getItem(workspace.db, 'tracking-cases').note).toBe('');
    expect(listEvents(workspace.db).filter((e) => e.itemId === 'tracking-cases')).toEqual([]);
    workspace.close();
  });

  it('keeps the audit trail append-only', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    expect(() => workspace.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(() => workspace.db.prepare("UPDATE events SET who = 'x'").run()).toThrow(/append-only/);
    workspace.close();
  });

  it("adds officers' own items with stable ids", () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    const first = addCustomItem(workspace.db, { title: 'Autism hub evaluation', description: '', areas: ['EC3'] }, 'A');
    const second = addCustomItem(workspace.db, { title: 'Autism hub evaluation', description: '', areas: [] }, 'A');
    expect([first.id, second.id]).toEqual(['custom-autism-hub-evaluation', 'custom-autism-hub-evaluation-2']);
    expect(listItems(workspace.db).at(-1)?.id).toBe(second.id);
    workspace.close();
  });
});
