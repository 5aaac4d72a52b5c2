import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { useTempDirs } from '../../helpers/temp-dir';
import { followUpMilestones, monitoringInspectionDate, type OutcomeRecord } from '../../../shared/domain/follow-up';
import { createHolidayCalendar } from '../../../shared/domain/bank-holidays';
import { metricTrend } from '../../../main/plan/metric-progress';

const tempDir = useTempDirs();

function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
function succeed(args: string[], dataDir: string): string {
  const run = sendpack(args, dataDir);
  expect(run.code, `sendpack ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}
function newWorkspace(): { dir: string; db: string } {
  const dir = tempDir();
  const db = join(dir, 'Northshire.sendpack');
  succeed(['init', '--db', db, '--area', 'Northshire', '--la-code', '841', '--user', 'Ann Officer'], dir);
  return { dir, db };
}

interface Status {
  outcome: string | null;
  followUp: { milestone: string; due: string }[];
  actions: {
    id: number;
    area: string;
    lead: string;
    due: string;
    rag: string | null;
    metrics: { id: string; target: number | null }[];
  }[];
}

describe('the monitoring inspection date', () => {
  it("is the receipt date plus 18 calendar months, same day of the month, clamped to the month's end, never moved to a working day", () => {
    expect(monitoringInspectionDate('2027-03-01')).toBe('2028-09-01');
    expect(monitoringInspectionDate('2026-08-31')).toBe('2028-02-29');
    expect(monitoringInspectionDate('2027-08-31')).toBe('2029-02-28');
    // 2027-10-30 + 18 months = Sunday 30 April 2028: not moved.
    expect(monitoringInspectionDate('2026-10-30')).toBe('2028-04-30');
  });

  it('follows only the lowest outcome; the next full inspection is about 3 or 5 years on; every date can be set', () => {
    const calendar = createHolidayCalendar({ add: [], remove: [] });
    const base: OutcomeRecord = {
      siteWeekStart: '2027-01-11',
      siteWeekEnd: null,
      outcome: 'widespread',
      reportReceived: '2027-03-01',
      reportPublished: null,
      areasForImprovement: [],
      areasForPriorityAction: ['x'],
      followUp: {},
    };
    const ids = (r: OutcomeRecord) => followUpMilestones(r, calendar).map((m) => m.id);
    expect(ids(base)).toContain('monitoring-inspection');
    expect(ids(base)).toContain('pap-submitted');
    expect(ids({ ...base, outcome: 'inconsistent' })).not.toContain('monitoring-inspection');
    expect(ids({ ...base, outcome: 'positive' })).not.toContain('pap-drafted');
    const next = (r: OutcomeRecord) =>
      followUpMilestones(r, calendar).find((m) => m.id === 'next-full-inspection')!.date;
    expect(next({ ...base, outcome: 'positive' })).toBe('2032-01-15');
    expect(next(base)).toBe('2030-01-15');
    const moved = followUpMilestones(
      { ...base, followUp: { 'monitoring-inspection': { date: '2028-11-06' } } },
      calendar,
    ).find((m) => m.id === 'monitoring-inspection')!;
    expect(moved).toMatchObject({ date: '2028-11-06', overridden: true });
    // Not yet received: estimated 42 working days after the last site day, and marked as typical.
    const estimated = followUpMilestones({ ...base, reportReceived: null }, calendar).find(
      (m) => m.id === 'report-received',
    )!;
    expect(estimated).toMatchObject({ verified: false, overridden: false });
  });

  it('keeps the priority action plan in order: drafted, then signed off, then submitted, however late the report is published', () => {
    const calendar = createHolidayCalendar({ add: [], remove: [] });
    const record = (reportPublished: string | null): OutcomeRecord => ({
      siteWeekStart: '2027-01-11',
      siteWeekEnd: null,
      outcome: 'widespread',
      reportReceived: '2027-03-01',
      reportPublished,
      areasForImprovement: [],
      areasForPriorityAction: ['x'],
      followUp: {},
    });
    for (const published of [null, '2027-03-01', '2027-03-15', '2027-05-28']) {
      const dates = Object.fromEntries(followUpMilestones(record(published), calendar).map((m) => [m.id, m.date]));
      expect(dates['pap-drafted']! <= dates['pap-signed-off']!, `published ${published}`).toBe(true);
      expect(dates['pap-signed-off']! <= dates['pap-submitted']!, `published ${published}`).toBe(true);
    }
    // Published a fortnight after receipt: 29 working days after publication (27 April) would follow the submission
    // (21 April), so sign-off is planned for the submission day at the latest.
    const late = followUpMilestones(record('2027-03-15'), calendar);
    expect(late.find((m) => m.id === 'pap-signed-off')!.date).toBe('2027-04-21');
    expect(late.find((m) => m.id === 'pap-submitted')!.date).toBe('2027-04-21');
    // Published the day it was received: 29 working days on, as Lancashire's was approved.
    const same = followUpMilestones(record('2027-03-01'), calendar);
    expect(same.find((m) => m.id === 'pap-signed-off')!.date).toBe('2027-04-13');
  });

  it('judges a metric against its target from its baseline, whichever way the target points', () => {
    expect(metricTrend(40, 60, 50)).toBe('towards');
    expect(metricTrend(40, 60, 35)).toBe('away');
    expect(metricTrend(40, 60, 61)).toBe('met');
    expect(metricTrend(20, 10, 25)).toBe('away');
    expect(metricTrend(20, 10, 9)).toBe('met');
    expect(metricTrend(20, 10, null)).toBe('unknown');
  });
});

describe('sendpack CLI: after the inspection', { timeout: 120_000 }, () => {
  it('records the outcome, adds numbered actions, posts updates, and shows it all in status --json, the tracker and the action plan', () => {
    const { dir, db } = newWorkspace();
    succeed(
      [
        'outcome',
        '--db',
        db,
        '--outcome',
        'Widespread',
        '--site-week',
        '2027-01-11',
        '--received',
        '2027-03-01',
        '--priority',
        'Timeliness of EHC needs assessments',
        '--priority',
        'Waits for neurodevelopmental assessment\nJoint commissioning of AP',
      ],
      dir,
    );
    expect(
      succeed(
        [
          'actions',
          'add',
          '--db',
          db,
          '--area',
          'EC1',
          '--text',
          'Clear the assessment backlog',
          '--lead',
          'Head of SEND',
          '--due',
          '2027-09-30',
          '--metric',
          'ehcp-20wk-all',
          '--target',
          '60',
          '--baseline',
          '38.5',
          '--baseline-date',
          '2026',
        ],
        dir,
      ).trim(),
    ).toBe('1');
    expect(
      succeed(
        [
          'actions',
          'add',
          '--db',
          db,
          '--area',
          'EC3',
          '--text',
          'Open a second ND assessment clinic',
          '--lead',
          'ICB Director of Nursing',
          '--due',
          '2025-06-30',
        ],
        dir,
      ).trim(),
    ).toBe('2');
    expect(
      succeed(
        [
          'actions',
          'add',
          '--db',
          db,
          '--area',
          'ap', // ids are taken whatever their case
          '--text',
          'Commission AP jointly',
          '--lead',
          'AD Inclusion',
          '--due',
          '2027-12-31',
          '--responds-to',
          'priority:3',
        ],
        dir,
      ).trim(),
    ).toBe('3');
    succeed(
      [
        'actions',
        'update',
        '--db',
        db,
        '--id',
        '1',
        '--rag',
        'amber',
        '--text',
        'Two more case officers in post',
        '--date',
        '2027-04-01',
      ],
      dir,
    );
    succeed(
      [
        'actions',
        'update',
        '--db',
        db,
        '--id',
        '1',
        '--rag',
        'Green',
        '--text',
        'Backlog halved',
        '--date',
        '2027-05-01',
      ],
      dir,
    );

    const status = JSON.parse(succeed(['status', '--db', db, '--json'], dir)) as Status;
    expect(status.outcome).toBe('widespread');
    expect(status.followUp.find((m) => m.milestone === 'monitoring-inspection')?.due).toBe('2028-09-01');
    for (const m of status.followUp) expect(m.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(status.actions.map((a) => [a.id, a.lead, a.due, a.rag])).toEqual([
      [1, 'Head of SEND', '2027-09-30', 'green'],
      [2, 'ICB Director of Nursing', '2025-06-30', null],
      [3, 'AD Inclusion', '2027-12-31', null],
    ]);
    expect(status.actions[2]!.area).toBe('AP');
    expect(status.actions[0]!.metrics).toEqual([expect.objectContaining({ id: 'ehcp-20wk-all', target: 60 })]);

    // Refusals name what is wrong, change nothing and never ask.
    const badArea = sendpack(
      ['actions', 'add', '--db', db, '--area', 'EC9', '--text', 'x', '--lead', 'y', '--due', '2027-01-01'],
      dir,
    );
    expect(badArea.code).toBe(1);
    expect(badArea.stderr).toMatch(/EC9.*EC1, EC2/);
    const noAction = sendpack(['actions', 'update', '--db', db, '--id', '9', '--rag', 'red', '--text', 'x'], dir);
    expect(noAction.code).toBe(1);
    expect(noAction.stderr).toMatch(/no action 9.*1 to 3/);
    const badMetric = sendpack(
      [
        'actions',
        'add',
        '--db',
        db,
        '--area',
        'EC1',
        '--text',
        'x',
        '--lead',
        'y',
        '--due',
        '2027-01-01',
        '--metric',
        'nope',
        '--target',
        '1',
      ],
      dir,
    );
    expect(badMetric.code).toBe(1);
    expect(badMetric.stderr).toMatch(/no metric "nope"/);
    expect(
      sendpack(
        ['outcome', '--db', db, '--outcome', 'bad', '--site-week', '2027-01-11', '--received', '2027-03-01'],
        dir,
      ).code,
    ).toBe(1);
    expect(
      sendpack(
        ['actions', 'add', '--db', db, '--area', 'EC1', '--text', 'x', '--lead', 'y', '--due', '2027-02-30'],
        dir,
      ).code,
    ).toBe(1);

    // A date that is not one is refused naming the option typed, not the field it would have reached.
    const badDue = sendpack(
      ['actions', 'add', '--db', db, '--area', 'EC1', '--text', 'x', '--lead', 'y', '--due', '2027-02-30'],
      dir,
    );
    expect(badDue.stderr.trim()).toBe('--due "2027-02-30" is not a real date (YYYY-MM-DD, e.g. 2027-03-01).');
    const badSiteWeek = sendpack(
      ['outcome', '--db', db, '--outcome', 'widespread', '--site-week', '11/01/2027', '--received', '2027-03-01'],
      dir,
    );
    expect(badSiteWeek.code).toBe(1);
    expect(badSiteWeek.stderr).toContain('--site-week "11/01/2027" must be a date as YYYY-MM-DD');
    const badUpdateDate = sendpack(
      ['actions', 'update', '--db', db, '--id', '1', '--rag', 'red', '--text', 'x', '--date', '2027-13-01'],
      dir,
    );
    expect(badUpdateDate.code).toBe(1);
    expect(badUpdateDate.stderr).toContain('--date "2027-13-01"');
    // Published before the partnership received it: a slip of the keyboard, refused with both dates.
    const publishedFirst = sendpack(
      [
        'outcome',
        '--db',
        db,
        '--outcome',
        'widespread',
        '--site-week',
        '2027-01-11',
        '--received',
        '2027-03-01',
        '--published',
        '2027-02-01',
      ],
      dir,
    );
    expect(publishedFirst.code).toBe(1);
    expect(publishedFirst.stderr).toMatch(
      /cannot be published \(2027-02-01\) before the partnership received it \(2027-03-01\)/,
    );
    expect(
      (JSON.parse(succeed(['status', '--db', db, '--json'], dir)) as { afterInspection: { published: string | null } })
        .afterInspection.published,
    ).toBeNull();

    // The audit trail holds every change.
    const sqlite = new Database(join(db, 'workspace.db'), { readonly: true });
    const actions = sqlite.prepare('SELECT action FROM events').pluck().all() as string[];
    sqlite.close();
    expect(actions.filter((a) => a === 'plan-action-added')).toHaveLength(3);
    expect(actions.filter((a) => a === 'plan-update-added')).toHaveLength(2);
    expect(actions).toContain('outcome-recorded');

    // The tracker opens in LibreOffice with one row per action.
    const xlsx = join(dir, 'actions.xlsx');
    succeed(['actions', '--db', db, '--out', xlsx], dir);
    const csvDir = join(dir, 'csv');
    const soffice = spawnSync(
      'soffice',
      [
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
        '--outdir',
        csvDir,
        xlsx,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(soffice.status, soffice.stderr).toBe(0);
    const rows = readFileSync(join(csvDir, 'actions.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('Clear the assessment backlog');
    // Cells as shown: due dates are real dates, shown as en-GB officers read them.
    expect(rows[1]).toContain('30 Sep 2027');

    // The action plan document, read back by LibreOffice: every action, lead, due date and target.
    const docx = join(dir, 'plan.docx');
    succeed(['build', '--db', db, '--kind', 'action-plan', '--out', docx], dir);
    expect(existsSync(docx)).toBe(true);
    const txt = spawnSync('soffice', ['--headless', '--convert-to', 'txt:Text', '--outdir', dir, docx], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(txt.status, txt.stderr).toBe(0);
    const text = readFileSync(join(dir, 'plan.txt'), 'utf8');
    for (const expected of [
      'Priority action plan (area SEND)',
      'Clear the assessment backlog',
      'Open a second ND assessment clinic',
      'Commission AP jointly',
      'Head of SEND',
      'ICB Director of Nursing',
      'AD Inclusion',
      '30 September 2027',
      '30 June 2025',
      '31 December 2027',
      '60.0%',
      '38.5%',
      'Backlog halved',
      'Joint commissioning of AP',
      '1 Sep 2028',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(sendpack(['build', '--db', db, '--kind', 'briefcase', '--out', docx], dir).code).toBe(1);
  });
});
