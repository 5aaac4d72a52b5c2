import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';
import { Workspace } from '../../../main/workspace/workspace';
import { planView } from '../../../main/plan/plan-repository';
import { readPackInput } from '../../../main/pack/read-pack-input';
import { PACK_SECTION_ORDER } from '../../../shared/domain/pack-kinds';
import { listEvents } from '../../../main/audit/audit-events';
import { unzipSync, strFromU8 } from 'fflate';
import { buildPack } from '../../../main/pack/build-pack';

const tempDir = useTempDirs();
const { workspace, backend: makeBackend } = useBackends();

const ACTION = {
  action: 'Clear the backlog of assessments',
  area: 'EC1' as const,
  lead: 'Head of SEND',
  due: '2027-09-30',
};

describe('the plan after the inspection, through the API', { timeout: 60_000 }, () => {
  it('audits every change to an action with the fields before and after, and keeps progress updates as history', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
    await call(backend, 'plan.recordOutcome', {
      outcome: 'widespread',
      siteWeekStart: '2027-01-11',
      reportReceived: '2027-03-01',
      areasForPriorityAction: ['EHC plans are late', 'Waits are long'],
    });
    const { id } = await call(backend, 'plan.addAction', {
      ...ACTION,
      reportArea: 'priority:1',
      metrics: [{ metricId: 'ehcp-20wk-all', target: 60 }],
    });
    expect(id).toBe(1);
    await call(backend, 'plan.updateAction', {
      id,
      fields: {
        ...ACTION,
        reportArea: 'priority:1',
        due: '2027-10-31',
        sro: 'DCS',
        metrics: [{ metricId: 'ehcp-20wk-all', target: 65 }],
      },
    });
    await call(backend, 'plan.addUpdate', {
      actionId: id,
      rag: 'amber',
      text: 'Two officers recruited',
      date: '2027-04-01',
    });
    await call(backend, 'plan.addUpdate', {
      actionId: id,
      rag: 'green',
      text: 'Backlog halved',
      date: '2027-05-01',
      by: 'Head of SEND',
    });
    const plan = await call(backend, 'plan.get', {});
    expect(plan.actions[0]).toMatchObject({ due: '2027-10-31', sro: 'DCS', rag: 'green' });
    expect(plan.actions[0]!.updates.map((u) => [u.date, u.rag, u.by])).toEqual([
      ['2027-04-01', 'amber', 'Ann Officer'],
      ['2027-05-01', 'green', 'Head of SEND'],
    ]);
    const changed = listEvents(backend.openWorkspace().db).filter((e) => e.action === 'plan-action-changed');
    expect(changed).toHaveLength(1);
    expect(JSON.parse(changed[0]!.before!)).toEqual({
      actionId: 1,
      due: '2027-09-30',
      sro: '',
      metrics: [expect.objectContaining({ target: 60 })],
    });
    expect(JSON.parse(changed[0]!.after!)).toEqual({
      actionId: 1,
      due: '2027-10-31',
      sro: 'DCS',
      metrics: [expect.objectContaining({ target: 65 })],
    });

    // A report area that actions answer cannot vanish from under them; an action cannot answer an area the report lacks.
    const shrink = await refused(backend, 'plan.recordOutcome', {
      outcome: 'widespread',
      siteWeekStart: '2027-01-11',
      reportReceived: '2027-03-01',
      areasForPriorityAction: [],
    });
    expect(shrink.message).toMatch(/Action 1 answers Area for priority action 1/);
    expect((await refused(backend, 'plan.addAction', { ...ACTION, reportArea: 'priority:3' })).message).toMatch(
      /no area for priority action 3/,
    );
    expect(
      (
        await refused(backend, 'plan.recordOutcome', {
          outcome: 'widespread',
          siteWeekStart: '2027-01-11',
          reportReceived: '2026-12-01',
        })
      ).field,
    ).toBe('reportReceived');
    // Follow-up dates are editable and can be marked done; the report's own dates are changed with the outcome.
    const moved = await call(backend, 'plan.setFollowUp', {
      milestoneId: 'monitoring-inspection',
      date: '2028-11-06',
      done: null,
    });
    expect(moved.followUp.find((m) => m.id === 'monitoring-inspection')).toMatchObject({
      date: '2028-11-06',
      overridden: true,
    });
    const back = await call(backend, 'plan.setFollowUp', { milestoneId: 'monitoring-inspection', date: null });
    expect(back.followUp.find((m) => m.id === 'monitoring-inspection')).toMatchObject({
      date: '2028-09-01',
      overridden: false,
    });
    expect(
      (await refused(backend, 'plan.setFollowUp', { milestoneId: 'report-received', date: '2027-03-02' })).field,
    ).toBe('milestoneId');
  });

  it('refuses to build the action plan while a progress update holds personal data, until it is corrected', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
    await call(backend, 'plan.recordOutcome', {
      outcome: 'inconsistent',
      siteWeekStart: '2027-01-11',
      reportReceived: '2027-03-01',
    });
    const { id } = await call(backend, 'plan.addAction', ACTION);
    // 943 476 5919 passes the NHS number check digit.
    await call(backend, 'plan.addUpdate', {
      actionId: id,
      rag: 'red',
      text: 'Chased the case of NHS number 943 476 5919 again',
      date: '2027-04-01',
    });
    const blocked = await refused(backend, 'plan.buildDocument', {});
    expect(blocked.code).toBe('privacy-blocked');
    expect(blocked.message).toMatch(/progress update, action 1/);
    expect(blocked.message).not.toMatch(/943 476 5919/);
    const scan = await call(backend, 'privacy.check', {});
    expect(scan.findings.some((f) => f.location.field === 'progress update')).toBe(true);
    const plan = await call(backend, 'plan.get', {});
    await call(backend, 'plan.correctUpdate', {
      updateId: plan.actions[0]!.updates[0]!.id,
      rag: 'red',
      text: 'Chased the delayed case again',
      date: '2027-04-01',
      by: 'Ann Officer',
      reason: 'Removed an NHS number',
    });
    const built = await call(backend, 'plan.buildDocument', {});
    expect(built).toMatchObject({ version: 1, actions: 1 });
    const xml = strFromU8(
      unzipSync(new Uint8Array((await call(backend, 'plan.documentFile', { version: 1 })).bytes))['word/document.xml']!,
    );
    expect(xml).toContain('Chased the delayed case again');
    expect(xml).not.toContain('5919');
    // Accessible structure: headings never skip a level; tables repeat their header row; the document is in en-GB.
    const levels = [...xml.matchAll(/<w:pStyle w:val="(Title|Heading(\d))"\/>/g)].map((m) =>
      m[1] === 'Title' ? 0 : Number(m[2]),
    );
    expect(levels.length).toBeGreaterThan(4);
    levels.forEach((level, i) => {
      if (i > 0) expect(level, `heading ${i}`).toBeLessThanOrEqual(Math.max(levels[i - 1]!, 1) + 1);
    });
    expect(xml).toContain('<w:tblHeader/>');
    // The correction's audit entry does not copy the earlier text.
    const events = listEvents(backend.openWorkspace().db).filter((e) => e.action === 'plan-update-corrected');
    expect(events).toHaveLength(1);
    expect(events[0]!.before).not.toContain('5919');
    const tracker = await call(backend, 'plan.tracker', {});
    expect(tracker.fileName).toBe('Northshire action tracker.xlsx');
  });

  it('gives the sample area a finished previous inspection with its plan part-way through, printed in the pack', async () => {
    const folder = (
      await makeWorkspace(tempDir(), { name: 'Kestrelmouth', sample: { now: new Date('2026-12-04T12:00:00Z') } })
    ).folder;
    const ws = Workspace.open(folder, { user: 'Test' });
    try {
      const plan = planView(ws.db, '2026-12-04');
      expect(plan.outcome).toMatchObject({
        outcome: 'inconsistent',
        areasForImprovement: expect.arrayContaining([expect.stringContaining('Local Offer')]),
      });
      // A later notification (the sample's current inspection) means the follow-up phase is not the current one.
      expect(plan.current).toBe(false);
      expect(plan.actions).toHaveLength(5);
      expect(plan.actions.filter((a) => a.completedOn)).toHaveLength(3);
      expect(plan.actions.filter((a) => a.overdue)).toHaveLength(1);
      expect(
        plan.actions
          .flatMap((a) => a.metrics)
          .map((m) => m.trend)
          .sort(),
      ).toEqual(['away', 'towards']);
      for (const a of plan.actions) for (const u of a.updates) expect(u.date <= '2026-12-04').toBe(true);
      const input = await readPackInput(ws, { sections: [...PACK_SECTION_ORDER], approvedOnly: false }, 'Test');
      expect(input.progress?.groups.map((g) => g.actions.length)).toEqual([2, 1, 1, 1]);
      expect(input.progress?.previousReport?.narrative).toMatch(/inconsistent experiences and outcomes/);
      const docx = await buildPack({ ...input, options: { sections: ['progress'], approvedOnly: false } });
      const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
      for (const expected of [
        'Progress since the last inspection',
        'Area for improvement 2',
        'Away from the target',
        'Open a second neurodevelopmental',
      ]) {
        expect(xml).toContain(expected);
      }
    } finally {
      ws.close();
    }
  });

  it("drops follow-up marks from before a new site week: the next inspection's outcome does not inherit the last one's done steps", async () => {
    const dir = tempDir();
    const { folder } = await makeWorkspace(dir, {
      name: 'Kestrelmouth',
      sample: { now: new Date('2026-12-04T12:00:00Z') },
    });
    const backend = makeBackend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    await call(backend, 'workspace.open', { path: folder });
    const before = await call(backend, 'plan.get', {});
    const doneBefore = before.followUp.filter((m) => m.done && m.id.startsWith('strategic'));
    expect(doneBefore).toHaveLength(1); // the previous inspection's strategic plan, published in 2025
    // A correction of the old site week by a day keeps every mark that still comes after it.
    const old = before.outcome!;
    await call(backend, 'plan.recordOutcome', {
      outcome: old.outcome,
      siteWeekStart: old.siteWeekStart,
      siteWeekEnd: null,
      reportReceived: old.reportReceived,
      reportPublished: old.reportPublished,
    });
    expect((await call(backend, 'plan.get', {})).followUp.find((m) => m.id === 'strategic-plan-published')!.done).toBe(
      doneBefore[0]!.done,
    );
    // The next inspection recorded over it: nothing before its site week is carried.
    await call(backend, 'plan.setFollowUp', { milestoneId: 'next-full-inspection', date: '2027-10-04' });
    const plan = await call(backend, 'plan.recordOutcome', {
      outcome: 'widespread',
      siteWeekStart: '2027-02-01',
      siteWeekEnd: null,
      reportReceived: '2027-04-05',
      reportPublished: '2027-04-12',
      areasForPriorityAction: ['Waits for neurodevelopmental assessment'],
    });
    for (const m of plan.followUp.filter((f) => !f.id.startsWith('report-'))) {
      expect(m.done, m.id).toBeNull();
      expect(m.date >= '2027-02-01', `${m.id} ${m.date}`).toBe(true);
    }
    // The date set after the new site week is kept, and the audit trail says which marks were dropped.
    expect(plan.followUp.find((m) => m.id === 'next-full-inspection')).toMatchObject({
      date: '2027-10-04',
      overridden: true,
    });
    const { events } = await call(backend, 'audit.list', {});
    const changed = events.find((e) => e.action === 'outcome-changed' && (e.after ?? '').includes('followUpCleared'));
    expect(changed?.after).toContain(`strategic-plan-published done ${doneBefore[0]!.done}`);
  });
});
