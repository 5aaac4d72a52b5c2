import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { todayIso } from '../../../main/inspection/calendar-settings';
import { addCalendarDays, addMonths } from '../../../shared/domain/working-days';
import { AREA_GROUP_IDS } from '../../../shared/domain/evaluation-areas';
import type { ChecklistItem } from '../../../shared/api/contract';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const USER = 'Lena Lano';
const backends = useBackends();

const newBackend = async () =>
  (await backends.workspace(tempDir(), { user: USER, area: 'Noticeshire', laCode: '841' })).backend;

const items = async (backend: Backend) => (await call(backend, 'checklist.list', {})).items;
const item = async (backend: Backend, id: string) => (await items(backend)).find((i) => i.id === id)!;
const byId = <T extends { id: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.id, x]));

async function attachDated(backend: Backend, itemId: string, documentDate: string) {
  const { handle } = await call(backend, 'files.upload', {
    name: `${itemId}.txt`,
    bytes: new TextEncoder().encode(`Evidence for ${itemId}`),
  });
  return (await call(backend, 'attachments.add', { itemId, files: [{ handle }], metadata: { documentDate } }))
    .attachments[0]!;
}

describe('inspection record and milestones', () => {
  it('lays out the full preset from a Friday-afternoon notification, with the pack due 5 working days later', async () => {
    const backend = await newBackend();
    expect(await call(backend, 'inspection.get', {})).toBeNull();
    expect((await item(backend, 'jsna-send')).due).toBeNull();
    const t = await call(backend, 'inspection.record', { date: '2026-11-13', time: '16:45', leadOfficer: 'Lena Lano' });
    expect(t.inspection).toMatchObject({
      notifiedDate: '2026-11-13',
      notifiedTime: '16:45',
      preset: 'full',
      leadOfficer: 'Lena Lano',
      recordedBy: USER,
    });
    expect(t.packDue).toBe('2026-11-20');
    expect(t.milestones.map((m) => [m.id, m.date, m.workingDay])).toEqual([
      ['notification', '2026-11-13', 0],
      ['information-request', '2026-11-13', 0],
      ['set-up-call', '2026-11-16', 1],
      ['evidence-pack-due', '2026-11-20', 5],
      ['fieldwork-begins', '2026-11-25', 8],
      ['site-visit', '2026-11-27', 10],
      ['final-feedback', '2026-12-03', 14],
    ]);
    expect(byId(t.milestones)['site-visit']).toMatchObject({ endDate: '2026-12-03', durationWorkingDays: 5 });
    expect(await call(backend, 'inspection.get', {})).toMatchObject({ packDue: '2026-11-20' });
  });

  it('replaces an earlier notification, keeping both in the audit trail', async () => {
    const backend = await newBackend();
    await call(backend, 'inspection.record', { date: '2026-11-13', time: '16:45' });
    const again = await call(backend, 'inspection.record', {
      date: '2026-11-18',
      time: '09:00',
      preset: 'legacy5',
      leadOfficer: 'Pat',
    });
    expect(again.inspection).toMatchObject({ notifiedDate: '2026-11-18', preset: 'legacy5', leadOfficer: 'Pat' });
    // Every preset's default pack deadline is 5 working days after notification; in 2016's that is the first day on site.
    expect(again.packDue).toBe('2026-11-25');
    expect(byId(again.milestones)['site-visit']).toMatchObject({ date: '2026-11-25', workingDay: 5 });
    const events = (await call(backend, 'audit.list', {})).events.filter((e) => e.action.startsWith('notification'));
    expect(events.map((e) => e.action)).toEqual(['notification', 'notification-replaced']);
    expect(events[0]).toMatchObject({ who: USER, before: null });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ date: '2026-11-13', time: '16:45', preset: 'full' });
    expect(JSON.parse(events[1]!.before!)).toMatchObject({
      notifiedDate: '2026-11-13',
      notifiedTime: '16:45',
      preset: 'full',
    });
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ date: '2026-11-18', preset: 'legacy5' });
  });

  it('lets a milestone date be overridden and put back to the computed one; items follow the pack deadline', async () => {
    const backend = await newBackend();
    await call(backend, 'inspection.record', { date: '2026-11-13', time: '16:45' });
    expect((await item(backend, 'jsna-send')).due).toBe('2026-11-20');
    const moved = await call(backend, 'inspection.setMilestone', {
      milestoneId: 'evidence-pack-due',
      date: '2026-11-19',
    });
    expect(moved.packDue).toBe('2026-11-19');
    expect(byId(moved.milestones)['evidence-pack-due']).toMatchObject({ date: '2026-11-19', overridden: true });
    expect(moved.inspection.milestoneOverrides).toEqual({ 'evidence-pack-due': '2026-11-19' });
    expect((await item(backend, 'jsna-send')).due).toBe('2026-11-19');

    // An item's own due date wins over the pack deadline; null goes back to following it.
    const own = await call(backend, 'checklist.update', { itemId: 'tribunal', dueDate: '2026-11-17' });
    expect(own).toMatchObject({ dueDate: '2026-11-17', due: '2026-11-17' });
    expect((await item(backend, 'jsna-send')).due).toBe('2026-11-19');

    const back = await call(backend, 'inspection.setMilestone', { milestoneId: 'evidence-pack-due', date: null });
    expect(back.packDue).toBe('2026-11-20');
    expect(byId(back.milestones)['evidence-pack-due']).toMatchObject({ date: '2026-11-20', overridden: false });
    expect((await item(backend, 'jsna-send')).due).toBe('2026-11-20');
    expect((await item(backend, 'tribunal')).due).toBe('2026-11-17');
    expect(await call(backend, 'checklist.update', { itemId: 'tribunal', dueDate: null })).toMatchObject({
      dueDate: null,
      due: '2026-11-20',
    });

    const audit = (await call(backend, 'audit.list', {})).events;
    expect(audit.filter((e) => e.action === 'milestone-date').map((e) => JSON.parse(e.after!))).toEqual([
      { milestoneId: 'evidence-pack-due', date: '2026-11-19' },
      { milestoneId: 'evidence-pack-due', date: '(computed)' },
    ]);
    expect(audit.filter((e) => e.action === 'due-date').map((e) => [e.itemId, e.before, e.after])).toEqual([
      ['tribunal', '', '2026-11-17'],
      ['tribunal', '2026-11-17', ''],
    ]);
  });

  it('refuses a milestone change before any notification', async () => {
    const backend = await newBackend();
    const result = await dispatch(backend, 'inspection.setMilestone', {
      milestoneId: 'evidence-pack-due',
      date: '2026-11-19',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it('moves the pack deadline past a local closure day added in the calendar overrides', async () => {
    const backend = await newBackend();
    await call(backend, 'inspection.record', { date: '2026-11-13', time: '16:45' });
    const calendar = await call(backend, 'calendar.setOverrides', {
      add: [{ date: '2026-11-17', name: 'County closure day' }],
      remove: [],
    });
    expect(calendar.overrides.add).toEqual([{ date: '2026-11-17', name: 'County closure day' }]);
    expect((await call(backend, 'inspection.get', {}))!.packDue).toBe('2026-11-23');
    expect((await item(backend, 'jsna-send')).due).toBe('2026-11-23');
    // Removing the override puts it back.
    await call(backend, 'calendar.setOverrides', { add: [], remove: [] });
    expect((await call(backend, 'inspection.get', {}))!.packDue).toBe('2026-11-20');
    expect((await call(backend, 'audit.list', {})).events.filter((e) => e.action === 'holiday-overrides')).toHaveLength(
      2,
    );
  });
});

describe('due dates, freshness and the dashboard', () => {
  it('marks open items overdue once their due date has passed, but not approved or not-applicable ones', async () => {
    const backend = await newBackend();
    await call(backend, 'inspection.record', { date: '2020-01-06', time: '10:00' });
    await call(backend, 'checklist.update', { itemId: 'tribunal', status: 'approved' });
    await call(backend, 'checklist.update', { itemId: 'mediation', status: 'not-applicable' });
    await call(backend, 'checklist.update', { itemId: 'sendiass', dueDate: addCalendarDays(todayIso(), 7) });
    const list = byId(await items(backend));
    expect(list['jsna-send']).toMatchObject({ due: '2020-01-13', overdue: true });
    expect(list['tribunal']).toMatchObject({ due: '2020-01-13', overdue: false });
    expect(list['mediation']).toMatchObject({ overdue: false });
    expect(list['sendiass']).toMatchObject({ overdue: false });
    const dashboard = await call(backend, 'dashboard.get', {});
    expect(dashboard.overdue.map((i) => i.id).sort()).toEqual(
      Object.values(list)
        .filter((i) => i.overdue)
        .map((i) => i.id)
        .sort(),
    );
    expect(dashboard.overdue).toHaveLength(75);
    expect(dashboard.timeline!.workingDaysLeft).toBeLessThan(0);
  });

  it('counts readiness per area over all items but background ones, with each item in each of its areas', async () => {
    const backend = await newBackend();
    await call(backend, 'checklist.update', { itemId: 'tribunal', status: 'approved' }); // EC2 and L
    await call(backend, 'checklist.update', { itemId: 'not-in-school', status: 'not-applicable' }); // EC3 and AP
    await call(backend, 'checklist.update', { itemId: 'inspection-logistics', status: 'approved' }); // no area: other
    await call(backend, 'checklist.update', { itemId: 'attainment', status: 'ready-for-review' }); // EC4, not done
    const all = await items(backend);
    const dashboard = await call(backend, 'dashboard.get', {});
    expect(dashboard.readiness.map((r) => r.group)).toEqual([...AREA_GROUP_IDS]);
    const expected = (group: string) => {
      const inGroup = all.filter(
        (i) => !i.background && (group === 'other' ? i.areas.length === 0 : (i.areas as string[]).includes(group)),
      );
      return {
        total: inGroup.length,
        done: inGroup.filter((i) => i.status === 'approved' || i.status === 'not-applicable').length,
      };
    };
    for (const r of dashboard.readiness)
      expect(r, r.group).toMatchObject({
        ...expected(r.group),
        percent: Math.round((expected(r.group).done / expected(r.group).total) * 100),
      });
    const readiness = byId(dashboard.readiness.map((r) => ({ ...r, id: r.group })));
    expect(readiness['other']).toMatchObject({ total: 6, done: 1, percent: 17 });
    expect(readiness['EC2']!.done).toBe(1);
    expect(readiness['L']!.done).toBe(1);
    expect(readiness['EC3']!.done).toBe(1);
    expect(readiness['AP']).toMatchObject({ total: 4, done: 1, percent: 25 });
    expect(readiness['EC4']!.done).toBe(0);
    // 78 items, 7 of them background (JSNA, JHWS, SEN information reports…).
    expect(dashboard.overall).toEqual({ total: 71, done: 3, percent: 4 });
  });

  it("lists each owner's remaining items and the current user's own", async () => {
    const backend = await newBackend();
    await call(backend, 'inspection.record', { date: '2020-01-06' });
    await call(backend, 'checklist.update', { itemId: 'jsna-send', owner: 'Public health' });
    await call(backend, 'checklist.update', { itemId: 'jhws', owner: 'Public health' });
    await call(backend, 'checklist.update', { itemId: 'tribunal', owner: USER.toUpperCase() });
    await call(backend, 'checklist.update', {
      itemId: 'mediation',
      owner: USER,
      dueDate: addCalendarDays(todayIso(), 10),
    });
    await call(backend, 'checklist.update', { itemId: 'sendiass', owner: USER, status: 'approved' });
    const dashboard = await call(backend, 'dashboard.get', {});
    expect(dashboard.mine.map((i) => i.id).sort()).toEqual(['mediation', 'tribunal']);
    const owners = Object.fromEntries(dashboard.byOwner.map((o) => [o.owner, o]));
    expect(owners['Public health']).toEqual({ owner: 'Public health', remaining: 2, overdue: 2 });
    expect(owners[USER]).toEqual({ owner: USER, remaining: 1, overdue: 0 });
    expect(owners[USER.toUpperCase()]).toEqual({ owner: USER.toUpperCase(), remaining: 1, overdue: 1 });
    expect(owners['(no owner)']).toMatchObject({ remaining: 78 - 5 });
    const remaining = dashboard.byOwner.reduce((n, o) => n + o.remaining, 0);
    expect(remaining).toBe(77);
  });

  it("works out expiry from the newest document date and the item's freshness rule, and flags stale evidence", async () => {
    const backend = await newBackend();
    const today = todayIso();
    const fourYearsAgo = addMonths(today, -48);
    const lastMonth = addMonths(today, -1);
    await attachDated(backend, 'jsna-send', fourYearsAgo); // freshness 36 months
    let jsna: ChecklistItem = await item(backend, 'jsna-send');
    expect(jsna).toMatchObject({
      latestDocumentDate: fourYearsAgo,
      expires: addMonths(fourYearsAgo, 36),
      stale: true,
      attachments: 1,
    });
    expect((await call(backend, 'dashboard.get', {})).stale.map((i) => i.id)).toEqual(['jsna-send']);

    // A newer document makes the item fresh again.
    const recent = await attachDated(backend, 'jsna-send', lastMonth);
    jsna = await item(backend, 'jsna-send');
    expect(jsna).toMatchObject({
      latestDocumentDate: lastMonth,
      expires: addMonths(lastMonth, 36),
      stale: false,
      attachments: 2,
    });
    expect((await call(backend, 'dashboard.get', {})).stale).toEqual([]);
    // Binning the newer one makes it stale again; not-applicable items are never stale.
    await call(backend, 'attachments.remove', { attachmentId: recent.id });
    expect((await item(backend, 'jsna-send')).stale).toBe(true);
    await call(backend, 'checklist.update', { itemId: 'jsna-send', status: 'not-applicable' });
    expect((await item(backend, 'jsna-send')).stale).toBe(false);

    // A 12-month item with a 13-month-old document is stale; an item without a freshness rule never is.
    await attachDated(backend, 'local-offer-feedback', addMonths(today, -13));
    expect(await item(backend, 'local-offer-feedback')).toMatchObject({
      expires: addMonths(addMonths(today, -13), 12),
      stale: true,
    });
    await attachDated(backend, 'tribunal', '2001-01-01');
    expect(await item(backend, 'tribunal')).toMatchObject({ expires: null, stale: false });
    // A document date can be corrected afterwards.
    const [a] = (await call(backend, 'attachments.list', { itemId: 'local-offer-feedback' })).attachments;
    await call(backend, 'attachments.update', { attachmentId: a!.id, metadata: { documentDate: lastMonth } });
    expect((await item(backend, 'local-offer-feedback')).stale).toBe(false);
  });
});
