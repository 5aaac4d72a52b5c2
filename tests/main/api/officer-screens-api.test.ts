import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { parseTypedDate, formatDisplayDate } from '../../../shared/domain/dates';
import { continueList } from '../../../shared/domain/narrative/edits';
import { notificationDateConcern } from '../../../shared/domain/notification-date';
import { createHolidayCalendar } from '../../../shared/domain/bank-holidays';

const tempDir = useTempDirs();
const { backend: makeBackend, workspace } = useBackends();

describe('the officer screens, through the API', () => {
  it('changes several items at once and names each one it left as it was', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann', area: 'Testshire', laCode: '841' });
    await call(backend, 'checklist.update', { itemId: 'jsna-send', status: 'approved' });
    const result = await call(backend, 'checklist.bulkUpdate', {
      itemIds: ['jsna-send', 'complaints', 'self-evaluation', 'no-such-item'],
      owner: 'SEND team',
    });
    expect(result.items.map((i) => [i.id, i.owner])).toEqual([
      ['complaints', 'SEND team'],
      ['self-evaluation', 'SEND team'],
    ]);
    expect(result.refused.map((r) => r.itemId)).toEqual(['jsna-send', 'no-such-item']);
    expect(result.refused[0]!.reason).toMatch(/approved and locked/);
    // Only the statuses a bulk change may set: approval is always one item at a time, confirmed.
    expect(
      (await refused(backend, 'checklist.bulkUpdate', { itemIds: ['complaints'], status: 'approved' })).field,
    ).toBe('status');
  });

  it('pages and filters the audit trail, newest first', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann', area: 'Testshire', laCode: '841' });
    for (const owner of ['A', 'B', 'C']) await call(backend, 'checklist.update', { itemId: 'complaints', owner });
    const all = await call(backend, 'audit.list', { page: { offset: 0, limit: 2 } });
    expect(all.events).toHaveLength(2);
    expect(all.events[0]).toMatchObject({ action: 'owner', after: 'C' });
    expect(all.total).toBeGreaterThan(3);
    const owners = await call(backend, 'audit.list', { action: 'owner', page: { offset: 1, limit: 50 } });
    expect(owners.total).toBe(3);
    expect(owners.events.map((e) => e.after)).toEqual(['B', 'A']);
    expect(owners.people).toEqual(['Ann']);
    expect((await call(backend, 'audit.list', { who: 'Nobody', page: { offset: 0, limit: 50 } })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await call(backend, 'audit.list', { action: 'owner', from: today, to: today })).total).toBe(3);
    expect((await call(backend, 'audit.list', { action: 'owner', to: '2000-01-01' })).total).toBe(0);
  });

  it('keeps one copy of the sample area, replaced only when asked', async () => {
    const dir = tempDir();
    const backend = makeBackend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Ann' });
    const first = await call(backend, 'workspace.openSample', {});
    await call(backend, 'checklist.update', { itemId: 'complaints', owner: 'Tried something' });
    await call(backend, 'workspace.close', {});
    const again = await call(backend, 'workspace.openSample', {});
    expect(again.path).toBe(first.path);
    expect((await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'complaints')!.owner).toBe(
      'Tried something',
    );
    const fresh = await call(backend, 'workspace.openSample', { fresh: true });
    expect(fresh.path).toBe(first.path);
    expect((await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'complaints')!.owner).not.toBe(
      'Tried something',
    );
    expect(
      (await call(backend, 'workspace.recent', {})).workspaces.filter((w) => /Kestrelmouth/.test(w.path)),
    ).toHaveLength(1);
  }, 60_000);
});

describe('dates as officers write them', () => {
  it('reads day-first dates and shows "6 Dec 2026"', () => {
    expect(parseTypedDate('6/12/2026')).toBe('2026-12-06');
    expect(parseTypedDate('06.12.26')).toBe('2026-12-06');
    expect(parseTypedDate('2026-12-06')).toBe('2026-12-06');
    expect(parseTypedDate('31/02/2026')).toBeNull();
    expect(parseTypedDate('12/31/2026')).toBeNull();
    expect(formatDisplayDate('2026-12-06')).toBe('6 Dec 2026');
  });

  it('questions a notification date more than five working days from today, and the CLI warns on stderr', () => {
    const calendar = createHolidayCalendar();
    expect(notificationDateConcern('2026-12-01', '2026-12-07', calendar)).toBeNull();
    expect(notificationDateConcern('2026-06-06', '2026-12-07', calendar)).toMatch(
      /^6 Jun 2026 is \d+ working days before today/,
    );
    expect(notificationDateConcern('2026-12-18', '2026-12-07', calendar)).toMatch(/after today/);
    const dir = tempDir();
    const db = join(dir, 'N.sendpack');
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SENDPACK_DATA_DIR: dir },
      });
    expect(run(['init', '--db', db, '--area', 'N', '--la-code', '841', '--user', 'Ann']).status).toBe(0);
    const old = run(['notify', '--db', db, '--date', '2020-01-06', '--json']);
    expect(old.status).toBe(0);
    expect(JSON.parse(old.stdout).notified).toBe('2020-01-06');
    expect(old.stderr).toMatch(/^Warning: 6 Jan 2020 is \d+ working days before today/m);
  }, 60_000);
});

describe('Enter in a list', () => {
  it('continues bullets and numbers, and an empty item ends the list', () => {
    expect(continueList('- one', 5, 5)).toMatchObject({ insert: '\n- ' });
    expect(continueList('1. one', 6, 6)).toMatchObject({ insert: '\n2. ' });
    expect(continueList('  * nested', 10, 10)).toMatchObject({ insert: '\n  * ' });
    expect(continueList('- one\n- ', 8, 8)).toMatchObject({ start: 6, end: 8, insert: '' });
    expect(continueList('plain text', 10, 10)).toBeNull();
    expect(continueList('- one', 0, 5)).toBeNull();
  });
});
