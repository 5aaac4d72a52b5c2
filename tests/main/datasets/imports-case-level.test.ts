import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  call,
  encode,
  importFile,
  metric,
  type Opened,
  preview,
  useImportWorkspaces,
} from '../../fixtures/imports/api';
import {
  daysFrom,
  isValidNhsNumber,
  meanWeeksOf,
  nearestRankWeeks,
  planList,
  planListRows,
  spacedNhs,
  ukDate,
  waitingList,
  waitingListRows,
  type Identifiers,
} from '../../fixtures/imports/case-lists';
import { toCsv } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// Case-level extracts (one row per child, with NHS number, name, date of birth and postcode) are aggregated on
// import. The aggregates are checked against the test's own computation from the generated list, and the
// database file — after the workspace is closed, with any -wal, and every backup — is searched byte by byte for
// every identifier of every child.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

/** Every file the workspace keeps its data in: the database, its -wal and -journal if present, and every backup. */
function databaseFiles(folder: string): string[] {
  const files = ['workspace.db', 'workspace.db-wal', 'workspace.db-journal']
    .map((f) => join(folder, f))
    .filter((f) => existsSync(f));
  const backups = join(folder, 'backups');
  if (existsSync(backups)) files.push(...readdirSync(backups).map((f) => join(backups, f)));
  return files;
}

/** The identifier strings of each child as they could appear: NHS number with and without spaces, names, dates, postcode. */
function needles(children: readonly Identifiers[]): string[] {
  return children.flatMap((c) => [
    c.nhs,
    spacedNhs(c.nhs),
    c.name,
    c.surname,
    ukDate(c.dob),
    c.dob,
    c.postcode,
    c.postcode.replace(' ', ''),
  ]);
}

function expectNoIdentifiers(ws: Opened, children: readonly Identifiers[]) {
  const files = databaseFiles(ws.folder);
  expect(files.some((f) => f.endsWith('workspace.db'))).toBe(true);
  expect(files.filter((f) => f.includes('backups')).length, 'a backup holding the imported figures').toBeGreaterThan(0);
  const strings = needles(children);
  for (const file of files) {
    const bytes = readFileSync(file);
    // UTF-8, and UTF-16 in case anything were stored as such.
    const text = bytes.toString('latin1');
    const wide = bytes.toString('utf16le');
    const found = strings.filter((s) => text.includes(s) || wide.includes(s));
    expect(found, `${file} holds identifiers`).toEqual([]);
  }
}

describe('a waiting-list extract with NHS numbers', () => {
  const SNAPSHOT = '2025-03-31';
  const children = waitingList(500, SNAPSHOT);
  const csv = encode(toCsv(waitingListRows(children), '\r\n'));

  /** The test's own aggregation: on the list at the snapshot = referred on or before it and not seen by it. */
  function expected() {
    const waits = new Map<string, number[]>();
    for (const c of children) {
      if (c.referral > SNAPSHOT || (c.seen !== null && c.seen <= SNAPSHOT)) continue;
      waits.set(c.service, [...(waits.get(c.service) ?? []), daysFrom(c.referral, SNAPSHOT)]);
    }
    return new Map(
      [...waits].map(([service, days]) => {
        const sorted = [...days].sort((a, b) => a - b);
        return [
          service,
          {
            waiting_total: days.length,
            waiting_over_18_weeks: days.filter((d) => d > 18 * 7).length,
            waiting_over_52_weeks: days.filter((d) => d > 52 * 7).length,
            median_weeks_waiting: nearestRankWeeks(sorted, 50),
            p90_weeks_waiting: nearestRankWeeks(sorted, 90),
            mean_weeks_waiting: meanWeeksOf(days),
          },
        ];
      }),
    );
  }

  it('is a real-looking extract: 500 valid, distinct NHS numbers and names, some referrals after the snapshot', () => {
    expect(new Set(children.map((c) => c.nhs)).size).toBe(500);
    expect(children.every((c) => isValidNhsNumber(c.nhs))).toBe(true);
    expect(new Set(children.map((c) => c.surname)).size).toBe(500);
    expect(children.filter((c) => c.referral > SNAPSHOT).length).toBeGreaterThan(0);
    expect(expected().size).toBe(6);
  });

  it('imports as per-service aggregates equal to an independent count, listing the discarded columns', async () => {
    const ws = await workspace();
    const { preview: shown, committed } = await importFile(
      ws.backend,
      'health-waits',
      'CYP waiting list March 2025.csv',
      csv,
      { snapshot: SNAPSHOT },
    );
    expect(shown.layout).toBe('waiting-list');
    expect(shown.rowsRead).toBe(500);
    expect(shown.discardedColumns).toEqual(['NHS number', 'Child name', 'Date of birth', 'Postcode']);
    expect(shown.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(shown.discardedColumns);
    expect(shown.notes.join(' ')).toMatch(
      new RegExp(`${children.filter((c) => c.referral > SNAPSHOT).length} referrals were made after the snapshot date`),
    );
    expect(committed.periods).toEqual([SNAPSHOT]);

    // The preview shows the aggregates, never a child's row.
    const shownText = JSON.stringify(shown);
    expect(needles(children).filter((s) => shownText.includes(s))).toEqual([]);

    const want = expected();
    const { rows } = await call(ws.backend, 'datasets.rows', { dataset: 'health-waits' });
    expect(rows.map((r) => r.breakdown).sort()).toEqual([...want.keys()].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ period: SNAPSHOT, geography: 'local', areaCode: '841' });
      expect(row.values, row.breakdown).toMatchObject(want.get(row.breakdown)!);
      const w = want.get(row.breakdown)!;
      expect(row.values.pc_waiting_over_18_weeks).toBe(
        Math.round((w.waiting_over_18_weeks / w.waiting_total) * 1000) / 10,
      );
    }

    const { metrics } = await call(ws.backend, 'metrics.list', { dataset: 'health-waits' });
    const slt = want.get('slt')!;
    expect(metric(metrics, 'chs-waits-slt-total', SNAPSHOT)).toMatchObject({ status: 'ok', value: slt.waiting_total });
    expect(metric(metrics, 'chs-waits-slt-over-18wk', SNAPSHOT)).toMatchObject({
      status: 'ok',
      numerator: slt.waiting_over_18_weeks,
      denominator: slt.waiting_total,
      value: Math.round((slt.waiting_over_18_weeks * 1000) / slt.waiting_total) / 10,
    });
    expect(metric(metrics, 'chs-waits-camhs-over-52wk', SNAPSHOT)).toMatchObject({
      status: 'ok',
      value: want.get('camhs')!.waiting_over_52_weeks,
    });
    expect(metric(metrics, 'chs-waits-nd-pathway-median-weeks', SNAPSHOT)).toMatchObject({
      status: 'ok',
      value: want.get('nd-pathway')!.median_weeks_waiting,
    });

    // The upload is not left behind in the data folder either.
    const uploads = join(ws.dataDir, 'uploads');
    const leftovers = existsSync(uploads)
      ? readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      : [];
    expect(leftovers).toEqual([]);
  });

  it('leaves no NHS number, name, date of birth or postcode in the database file, its WAL or any backup', async () => {
    const ws = await workspace();
    await importFile(ws.backend, 'health-waits', 'CYP waiting list March 2025.csv', csv, { snapshot: SNAPSHOT });
    // A second import of the same day replaces the first (old pages are freed, and must not keep anything either).
    await importFile(ws.backend, 'health-waits', 'CYP waiting list March 2025 v2.csv', csv, { snapshot: SNAPSHOT });
    await call(ws.backend, 'backups.create', {});
    const { imports } = await call(ws.backend, 'imports.list', { dataset: 'health-waits' });
    expect(imports[0]!.discardedColumns).toEqual(['NHS number', 'Child name', 'Date of birth', 'Postcode']);
    // Searched while open (the WAL holds the latest pages) and again once closed.
    expectNoIdentifiers(ws, children);
    ws.backend.close();
    expectNoIdentifiers(ws, children);
    // The search does find what it looks for: the uploaded file itself holds them.
    const raw = Buffer.from(csv).toString('latin1');
    const first = children[0]!;
    const second = children[1]!;
    for (const s of [first.nhs, spacedNhs(second.nhs), first.name, ukDate(first.dob), first.postcode])
      expect(raw).toContain(s);
  });
});

describe('an EHC plan extract (request date, issue date, exception flag, identifiers)', () => {
  const children = planList(500);
  const csv = encode(toCsv(planListRows(children)));

  /** The test's own aggregation per calendar year of issue. */
  function expected() {
    const years = new Map<string, { days: number; exception: boolean }[]>();
    for (const c of children) {
      if (!c.issue) continue;
      const year = c.issue.slice(0, 4);
      years.set(year, [...(years.get(year) ?? []), { days: daysFrom(c.request, c.issue), exception: c.exception }]);
    }
    return new Map(
      [...years].map(([year, plans]) => {
        const all = plans.map((p) => p.days).sort((a, b) => a - b);
        const ex = plans.filter((p) => !p.exception).map((p) => p.days);
        const within = (d: number) => d <= 140;
        const overYear = (d: number) => d > 52 * 7;
        return [
          year,
          {
            plans_issued_den: all.length,
            plans_issued_within_20_weeks: all.filter(within).length,
            plans_issued_den_ex: ex.length,
            plans_issued_20_weeks_ex: ex.filter(within).length,
            plans_issued_gt20weeks_ltyear: all.filter((d) => !within(d) && !overYear(d)).length,
            plans_issued_gt_1_year: all.filter(overYear).length,
            plans_issued_gt_1_year_ex: ex.filter(overYear).length,
            avg_weeks_issue_plan: meanWeeksOf(all),
            avg_weeks_issue_plan_exc: meanWeeksOf(ex),
            median_weeks_issue_plan: nearestRankWeeks(all, 50),
            p90_weeks_issue_plan: nearestRankWeeks(all, 90),
          },
        ];
      }),
    );
  }

  it('aggregates per calendar year of issue: within 20 weeks with and without exceptions, over a year, mean, median, p90', async () => {
    const ws = await workspace();
    const { preview: shown, committed } = await importFile(
      ws.backend,
      'ehcp-timeliness',
      'EHC plans 2022-2025.csv',
      csv,
    );
    expect(shown.layout).toBe('ehc-plan-list');
    expect(shown.rowsRead).toBe(500);
    expect(shown.discardedColumns).toEqual(['NHS number', 'Child name', 'Date of birth', 'Postcode', 'Case officer']);
    const notIssued = children.filter((c) => !c.issue).length;
    expect(notIssued).toBeGreaterThan(0);
    expect(shown.notes.join(' ')).toMatch(new RegExp(`${notIssued} requests have no plan issued yet`));
    const want = expected();
    expect(committed.periods).toEqual([...want.keys()].sort());

    const { rows } = await call(ws.backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(rows).toHaveLength(want.size);
    for (const row of rows) expect(row.values, row.period).toMatchObject(want.get(row.period)!);

    const { metrics } = await call(ws.backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    for (const [year, w] of want) {
      const pc = (n: number, d: number) => Math.round((n * 1000) / d) / 10;
      expect(metric(metrics, 'ehcp-20wk-all', year)).toMatchObject({
        status: 'ok',
        value: pc(w.plans_issued_within_20_weeks, w.plans_issued_den),
      });
      expect(metric(metrics, 'ehcp-20wk-excl', year)).toMatchObject({
        status: 'ok',
        value: pc(w.plans_issued_20_weeks_ex, w.plans_issued_den_ex),
      });
      expect(metric(metrics, 'ehcp-over-1yr', year)).toMatchObject({
        status: 'ok',
        value: pc(w.plans_issued_gt_1_year, w.plans_issued_den),
      });
      expect(metric(metrics, 'ehcp-weeks-median', year)).toMatchObject({
        status: 'ok',
        value: w.median_weeks_issue_plan,
      });
      expect(metric(metrics, 'ehcp-weeks-p90', year)).toMatchObject({ status: 'ok', value: w.p90_weeks_issue_plan });
      expect(metric(metrics, 'ehcp-avg-weeks', year)).toMatchObject({ status: 'ok', value: w.avg_weeks_issue_plan });
    }
  });

  it('takes one year when a period is given', async () => {
    const ws = await workspace();
    const { committed } = await importFile(ws.backend, 'ehcp-timeliness', 'EHC plans.csv', csv, { period: '2024' });
    expect(committed.periods).toEqual(['2024']);
    const { rows } = await call(ws.backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(rows[0]!.values).toMatchObject(expected().get('2024')!);
  });

  it('leaves no identifier in the database file or its backups', async () => {
    const ws = await workspace();
    await importFile(ws.backend, 'ehcp-timeliness', 'EHC plans 2022-2025.csv', csv);
    await call(ws.backend, 'backups.create', {});
    ws.backend.close();
    expectNoIdentifiers(ws, children);
  });

  it('shows only aggregates in the preview even when the list carries no identifier column', async () => {
    const ws = await workspace();
    const bare = encode(
      toCsv([
        ['Request date', 'Issue date'],
        ...children.slice(0, 20).map((c) => [ukDate(c.request), c.issue ? ukDate(c.issue) : '']),
      ]),
    );
    const shown = await preview(ws.backend, 'ehcp-timeliness', 'plans.csv', bare);
    expect(shown.layout).toBe('ehc-plan-list');
    expect(shown.discardedColumns).toEqual([]);
    const dates = children.slice(0, 20).map((c) => ukDate(c.request));
    expect(shown.firstRows.flat().filter((cell) => dates.includes(cell))).toEqual([]);
    expect(shown.firstRows[0]!.slice(0, 2)).toEqual(['period', 'breakdown']);
  });
});
