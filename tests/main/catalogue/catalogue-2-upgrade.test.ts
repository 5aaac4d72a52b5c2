import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../main/workspace/open-workspace';
import { listBackups } from '../../../main/workspace/backups';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { getItem, listItems } from '../../../main/checklist/checklist-repository';
import { listEvents } from '../../../main/audit/audit-events';
import { listAttachments } from '../../../main/evidence/attachments-repository';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index';
import { dashboard } from '../../../main/dashboard/dashboard';
import { privateNote } from '../../../main/checklist/private-notes';
import { useTempDirs } from '../../helpers/temp-dir';

// tests/fixtures/workspaces/release-0.1.0.sendpack was made with the CLI of the release before catalogue 2026.2
// (schema 5, catalogue 2026.1): notification 13/11/2026, person-level-lists in progress then approved by another
// officer, self-evaluation ready for review, jsna-send approved, a note on send-strategy and a file on governance-map.
const FIXTURE = new URL('../../fixtures/workspaces/release-0.1.0.sendpack', import.meta.url);
const tempDir = useTempDirs();

function copyFixture(): string {
  const folder = join(tempDir(), 'Release.sendpack');
  cpSync(FIXTURE, folder, { recursive: true });
  for (const sub of ['backups', 'bin']) mkdirSync(join(folder, sub), { recursive: true });
  return folder;
}

function snapshotBefore(folder: string) {
  const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      catalogue: db.prepare("SELECT value FROM meta WHERE key = 'catalogue_version'").pluck().get() as string,
      items: db
        .prepare('SELECT id, status, owner, note, due_date, approved_by, approved_at FROM items ORDER BY id')
        .all() as Record<string, unknown>[],
      events: db.prepare('SELECT * FROM events ORDER BY seq').all() as Record<string, unknown>[],
      attachments: db.prepare('SELECT * FROM attachments ORDER BY id').all() as Record<string, unknown>[],
    };
  } finally {
    db.close();
  }
}

describe('a workspace made by the 0.1.0 release, upgraded to catalogue 2026.2', () => {
  it("keeps every status, note, attachment and audit event, with the split item's history on both halves, after a backup", async () => {
    const folder = copyFixture();
    const before = snapshotBefore(folder);
    expect(before).toMatchObject({ version: 5, catalogue: '2026.1' });
    expect(before.items).toHaveLength(63);

    const workspace = await openWorkspace(folder, { user: 'Cat Upgrader', catalogue: SHIPPED_CATALOGUE });
    try {
      expect(listBackups(folder).map((b) => b.reason)).toEqual(['pre-migration']);
      expect(workspace.session().catalogueVersion).toBe('2026.2');
      expect(workspace.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);

      // Every earlier item keeps what officers entered.
      for (const old of before.items) {
        const now = workspace.db
          .prepare('SELECT id, status, owner, note, due_date, approved_by, approved_at FROM items WHERE id = ?')
          .get(old.id);
        expect(now, old.id as string).toEqual(old);
      }
      expect(getItem(workspace.db, 'send-strategy').note).toBe('Strategy refresh agreed at the board in October.');
      // Every event is still there, unchanged, in order; the upgrade only adds.
      const events = workspace.db.prepare('SELECT * FROM events ORDER BY seq').all() as Record<string, unknown>[];
      expect(events.slice(0, before.events.length)).toEqual(before.events);
      expect(
        events
          .slice(before.events.length)
          .map((e) => e.action)
          .sort(),
      ).toEqual(['catalogue-upgrade', 'item-split', 'item-split']);
      expect(workspace.db.prepare('SELECT * FROM attachments ORDER BY id').all()).toEqual(before.attachments);
      expect(listAttachments(workspace.db, 'governance-map').map((a) => a.fileName)).toEqual(['minutes.txt']);

      // The split: both halves start approved, by the officer who approved the old item, with its history.
      const items = listItems(workspace.db);
      expect(items.map((i) => i.id)).not.toContain('person-level-lists');
      const old = before.items.find((i) => i.id === 'person-level-lists')!;
      const oldHistory = before.events.filter((e) => e.item_id === 'person-level-lists').map((e) => e.seq);
      expect(oldHistory.length).toBeGreaterThanOrEqual(2);
      for (const id of ['annex-a-list-1-ehcp', 'annex-a-list-2-sen-support']) {
        const item = getItem(workspace.db, id);
        expect(item).toMatchObject({
          status: old.status,
          owner: old.owner,
          approvedBy: old.approved_by,
          personLevel: true,
        });
        const history = listEvents(workspace.db, id);
        expect(history.filter((e) => e.itemId === 'person-level-lists')).toHaveLength(oldHistory.length);
        expect(history.at(-1)).toMatchObject({ action: 'item-split', itemId: id, before: 'person-level-lists' });
      }

      // The new items, the day-0 rule and background items.
      for (const id of [
        'self-evaluation-summary',
        'early-help',
        'providers-for-visits',
        'uap-oversight',
        'engagement-meetings',
        'thematic-visits',
        'final-feedback-attendees',
        'panel-tor',
        'ordinarily-available-provision',
        'eotas',
        'youth-justice-send',
        'hn-deficit-plan',
        'disproportionality',
        'peer-review',
      ]) {
        expect(getItem(workspace.db, id).status, id).toBe('not-started');
      }
      expect(items).toHaveLength(78);
      for (const id of ['self-evaluation', 'send-strategy', 'strategy-action-plan']) {
        expect(getItem(workspace.db, id), id).toMatchObject({ dueRule: 'day-0', due: '2026-11-13' });
      }
      expect(getItem(workspace.db, 'ehcp-timeliness').due).toBe('2026-11-20');
      expect(getItem(workspace.db, 'jsna-send')).toMatchObject({ background: true, status: 'approved' });
      // Background items do not count towards readiness: the leadership group no longer counts the approved JSNA.
      const leadership = dashboard(workspace.db, 'Cat Upgrader').readiness.find((r) => r.group === 'L')!;
      const counted = items.filter((i) => i.areas.includes('L') && !i.background);
      expect(leadership.total).toBe(counted.length);
      expect(leadership.done).toBe(
        counted.filter((i) => i.status === 'approved' || i.status === 'not-applicable').length,
      );
    } finally {
      workspace.close();
    }
    // Opening again changes nothing and backs up nothing more.
    const events = snapshotBefore(folder).events.length;
    (await openWorkspace(folder, { user: 'Cat Upgrader', catalogue: SHIPPED_CATALOGUE })).close();
    expect(snapshotBefore(folder).events.length).toBe(events);
    expect(readdirSync(join(folder, 'backups'))).toHaveLength(1);
  });

  it("carries the split item's reviewer comment and each officer's private note onto both halves", async () => {
    const folder = copyFixture();
    // Opened by a build whose schema has private notes and review comments, still on catalogue 2026.1…
    const older = await openWorkspace(folder, { user: 'Cat Upgrader' });
    expect(older.meta('catalogue_version')).toBe('2026.1');
    older.db
      .prepare(
        `UPDATE items SET review_comment = 'Send List 2 by secure e-mail, not the portal.', review_comment_by = 'Rev',
          review_comment_at = '2026-11-20T10:00:00.000Z' WHERE id = 'person-level-lists'`,
      )
      .run();
    const note = older.db.prepare(
      "INSERT INTO private_notes (item_id, writer, note, updated_at) VALUES ('person-level-lists', ?, ?, '2026-11-20T10:00:00.000Z')",
    );
    note.run('Cat Upgrader', 'Chase the SEN support extract from the MIS team.');
    note.run('Dana Lead', 'Ask BI about the out-of-area children.');
    older.close();
    // …then by this one.
    const workspace = await openWorkspace(folder, { user: 'Cat Upgrader', catalogue: SHIPPED_CATALOGUE });
    try {
      // The catalogue upgrade alone (no schema change left) is backed up first too.
      expect(
        listBackups(folder)
          .map((b) => b.reason)
          .sort(),
      ).toEqual(['pre-migration', 'pre-risky']);
      for (const id of ['annex-a-list-1-ehcp', 'annex-a-list-2-sen-support']) {
        expect(getItem(workspace.db, id), id).toMatchObject({
          reviewComment: {
            comment: 'Send List 2 by secure e-mail, not the portal.',
            by: 'Rev',
            at: '2026-11-20T10:00:00.000Z',
          },
        });
        expect(privateNote(workspace.db, id, 'Cat Upgrader').note).toBe(
          'Chase the SEN support extract from the MIS team.',
        );
        expect(privateNote(workspace.db, id, 'Dana Lead').note).toBe('Ask BI about the out-of-area children.');
      }
    } finally {
      workspace.close();
    }
  });
});
