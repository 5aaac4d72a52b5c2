import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend';
import {
  call,
  dfeFile,
  encode,
  importFile,
  importTablesDigest,
  metric,
  preview,
  tableCounts,
  useImportWorkspaces,
} from '../../fixtures/imports/api';
import { toCsv } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// Re-importing a period replaces it: the second file's figures win, no row is duplicated, and the audit trail
// says which periods were replaced. A local-only file keeps the national rows an earlier DfE file brought.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

const HEADER = [
  'period',
  'plans_issued_den',
  'plans_issued_within_20_weeks',
  'plans_issued_den_ex',
  'plans_issued_20_weeks_ex',
];
const sheet = (...rows: (string | number)[][]) => encode(toCsv([HEADER, ...rows]));

interface AuditEvent {
  action: string;
  before: string | null;
  after: string | null;
  who: string;
  itemId: string | null;
}
const importEvents = async (backend: Backend) =>
  ((await call(backend, 'audit.list', {})).events as AuditEvent[]).filter((e) => e.action.startsWith('import'));

describe('typed-in figures for one breakdown (an agency)', () => {
  const advice = (values: Record<string, number>, breakdown: string, period = '2025', confirmReplace = false) => ({
    dataset: 'advice-timeliness',
    period,
    breakdown,
    values,
    confirmReplace,
  });

  it("replace only that agency and period: health's 2025 advice figures never remove educational psychology's", async () => {
    const { backend } = await workspace();
    expect(
      await call(backend, 'datasets.enter', advice({ advice_requests: 100, advice_within_6_weeks: 80 }, 'ep')),
    ).toMatchObject({ saved: true, wouldReplace: [] });
    expect(
      await call(backend, 'datasets.enter', advice({ advice_requests: 90, advice_within_6_weeks: 45 }, 'health')),
    ).toMatchObject({ saved: true, replacedPeriods: [] });
    expect(
      await call(
        backend,
        'datasets.enter',
        advice({ advice_requests: 50, advice_within_6_weeks: 40 }, 'health', '2024'),
      ),
    ).toMatchObject({ saved: true });
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'advice-timeliness' });
    expect(rows.map((r) => [r.period, r.breakdown, r.values.advice_requests])).toEqual([
      ['2024', 'health', 50],
      ['2025', 'ep', 100],
      ['2025', 'health', 90],
    ]);
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'advice-timeliness' });
    expect(metric(metrics, 'advice-6wk-ep', '2025').value).toBe(80);
    expect(metric(metrics, 'advice-6wk-health', '2025').value).toBe(50);
  });

  it('shows what it would replace, writes nothing until confirmed, then replaces that agency and period alone', async () => {
    const { backend, dbFile } = await workspace();
    await call(backend, 'datasets.enter', advice({ advice_requests: 100, advice_within_6_weeks: 80 }, 'ep'));
    await call(backend, 'datasets.enter', advice({ advice_requests: 90, advice_within_6_weeks: 45 }, 'health'));
    const before = importTablesDigest(dbFile);
    const asked = await call(
      backend,
      'datasets.enter',
      advice({ advice_requests: 95, advice_within_6_weeks: 60 }, 'health'),
    );
    expect(asked).toMatchObject({
      saved: false,
      wouldReplace: [{ period: '2025', breakdown: 'health', source: 'typed in' }],
    });
    expect(asked.wouldReplace).toHaveLength(1);
    expect(importTablesDigest(dbFile)).toBe(before);
    expect(
      await call(
        backend,
        'datasets.enter',
        advice({ advice_requests: 95, advice_within_6_weeks: 60 }, 'health', '2025', true),
      ),
    ).toMatchObject({ saved: true, replacedPeriods: ['2025'] });
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'advice-timeliness' });
    expect(rows.map((r) => [r.breakdown, r.values.advice_requests])).toEqual([
      ['ep', 100],
      ['health', 95],
    ]);
  });
});

describe('re-importing a period', () => {
  it('replaces it: the second import’s values win, rows are not duplicated, and the audit trail names the periods', async () => {
    const { backend, dbFile } = await workspace();
    const first = await importFile(backend, 'ehcp-timeliness', 'timeliness v1.csv', sheet([2019, 100, 50, 90, 45]));
    expect(first.committed.replacedPeriods).toEqual([]);

    // The preview already says what will be replaced.
    const second = await preview(
      backend,
      'ehcp-timeliness',
      'timeliness v2.csv',
      sheet([2019, 200, 150, 180, 140], [2020, 120, 60, 110, 58]),
    );
    expect(second.replaces).toEqual(['2019']);
    const committed = await call(backend, 'imports.commit', { previewId: second.previewId });
    expect(committed).toMatchObject({ periods: ['2019', '2020'], replacedPeriods: ['2019'], rowsKept: 2 });

    const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(rows.map((r) => [r.period, r.values.plans_issued_den])).toEqual([
      ['2019', 200],
      ['2020', 120],
    ]);
    expect(tableCounts(dbFile)).toEqual({ imports: 2, rows: 2 });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({ value: 75, numerator: 150, denominator: 200 });

    const events = await importEvents(backend);
    // Oldest first.
    expect(events.map((e) => e.action)).toEqual(['import', 'import-replaced']);
    const replaced = events[1]!;
    expect(replaced.who).toBe('Dana Analyst');
    expect(JSON.parse(replaced.before!)).toEqual({ dataset: 'ehcp-timeliness', periods: ['2019'] });
    expect(JSON.parse(replaced.after!)).toMatchObject({
      dataset: 'ehcp-timeliness',
      periods: ['2019', '2020'],
      file: 'timeliness v2.csv',
      rows: 2,
    });

    // The same file again: same rows, one more replacement event, still no duplicate.
    await importFile(
      backend,
      'ehcp-timeliness',
      'timeliness v2.csv',
      sheet([2019, 200, 150, 180, 140], [2020, 120, 60, 110, 58]),
    );
    expect(tableCounts(dbFile)).toEqual({ imports: 3, rows: 2 });
    expect((await importEvents(backend)).map((e) => e.action)).toEqual([
      'import',
      'import-replaced',
      'import-replaced',
    ]);
    const { imports } = await call(backend, 'imports.list', { dataset: 'ehcp-timeliness' });
    expect(imports.map((i) => [i.sourceName, i.periods, i.rowsKept])).toEqual([
      ['timeliness v2.csv', ['2019', '2020'], 2],
      ['timeliness v2.csv', ['2019', '2020'], 2],
      ['timeliness v1.csv', ['2019'], 1],
    ]);
  });

  it('replaces every breakdown of an area’s period as a whole, so old and new figures never mix', async () => {
    const { backend } = await workspace();
    const waits = (...rows: (string | number)[][]) =>
      encode(toCsv([['period', 'service', 'waiting_total', 'waiting_over_18_weeks'], ...rows]));
    await importFile(
      backend,
      'health-waits',
      'waits.csv',
      waits(['2025-03-31', 'SLT', 100, 20], ['2025-03-31', 'OT', 50, 10]),
    );
    const { committed } = await importFile(
      backend,
      'health-waits',
      'waits corrected.csv',
      waits(['31/03/2025', 'SLT', 110, 25]),
    );
    expect(committed.replacedPeriods).toEqual(['2025-03-31']);
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'health-waits' });
    expect(rows.map((r) => [r.breakdown, r.values.waiting_total])).toEqual([['slt', 110]]);
  });

  it('a local-only template keeps the national (and regional) rows imported earlier from a DfE file', async () => {
    const { backend } = await workspace();
    const FILE = 'timeliness_20_week_excerpt.csv';
    await importFile(backend, 'ehcp-timeliness', FILE, dfeFile(FILE));
    const before = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    const nationalBefore = before.rows.filter((r) => r.geography !== 'local');
    expect(nationalBefore.map((r) => [r.geography, r.period])).toEqual([
      ['national', '2019'],
      ['regional', '2019'],
      ['national', '2020'],
      ['regional', '2020'],
    ]);

    // The authority's own corrected 2019 figures, typed into the template.
    const { committed } = await importFile(backend, 'ehcp-timeliness', 'our 2019.csv', sheet([2019, 82, 77, 78, 76]));
    expect(committed.replacedPeriods).toEqual(['2019']);

    const after = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(after.rows.filter((r) => r.geography !== 'local')).toEqual(nationalBefore);
    expect(after.rows.filter((r) => r.geography === 'local').map((r) => [r.period, r.values.plans_issued_den])).toEqual(
      [
        ['2019', 82],
        ['2020', 67],
      ],
    );

    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({
      status: 'ok',
      value: 93.9,
      comparator: { value: 58.7, period: '2019', source: expect.stringMatching(/imported file/) },
    });
    expect(metric(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({
      status: 'ok',
      value: 97.4,
      comparator: { value: 60.4 },
    });

    // And importing DfE's file again puts its figures back.
    const again = await importFile(backend, 'ehcp-timeliness', FILE, dfeFile(FILE));
    expect(again.committed.replacedPeriods).toEqual(['2019', '2020']);
    const restored = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(restored.rows.find((r) => r.geography === 'local' && r.period === '2019')?.values.plans_issued_den).toBe(81);
    expect(restored.rows).toHaveLength(6);
  });

  it('the preview says exactly what the commit will replace: never another authority’s periods', async () => {
    const { backend } = await workspace();
    const FILE = 'timeliness_20_week_excerpt.csv';
    await importFile(backend, 'ehcp-timeliness', 'ours.csv', sheet([2019, 100, 50, 90, 45]));
    // Hull's rows (2019) and England's (2019, 2020) are not held yet: nothing is replaced.
    let shown = await preview(backend, 'ehcp-timeliness', FILE, dfeFile(FILE), {
      authority: 'Kingston Upon Hull, City of',
    });
    expect(shown.replaces).toEqual([]);
    let committed = await call(backend, 'imports.commit', { previewId: shown.previewId });
    expect(committed.replacedPeriods).toEqual([]);
    // Again: now Hull's and England's rows are held, and both sides say so.
    shown = await preview(backend, 'ehcp-timeliness', FILE, dfeFile(FILE), { authority: '810' });
    expect(shown.replaces).toEqual(['2019', '2020']);
    committed = await call(backend, 'imports.commit', { previewId: shown.previewId });
    expect(committed.replacedPeriods).toEqual(['2019', '2020']);
    // Darlington's own 2019 row was never touched.
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(rows.find((r) => r.areaCode === '841')?.values.plans_issued_den).toBe(100);
  });

  it('typed-in figures replace the period only once the officer confirms, and are recorded as such', async () => {
    const { backend, dbFile } = await workspace();
    await importFile(backend, 'ehcp-timeliness', 'timeliness.csv', sheet([2019, 100, 50, 90, 45]));
    const request = {
      dataset: 'ehcp-timeliness',
      period: '2019',
      values: {
        plans_issued_den: 49519,
        plans_issued_within_20_weeks: 31313,
        plans_issued_den_ex: 49519,
        plans_issued_20_weeks_ex: 29895,
      },
    };
    const before = importTablesDigest(dbFile);
    const asked = await call(backend, 'datasets.enter', request);
    expect(asked).toMatchObject({
      saved: false,
      periods: [],
      wouldReplace: [{ period: '2019', breakdown: '', source: 'timeliness.csv', importedBy: 'Dana Analyst' }],
    });
    expect(importTablesDigest(dbFile)).toBe(before);
    const entered = await call(backend, 'datasets.enter', { ...request, confirmReplace: true });
    expect(entered).toMatchObject({ saved: true, periods: ['2019'], replacedPeriods: ['2019'] });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({ status: 'ok', value: 60.4 });
    const events = await importEvents(backend);
    expect(events.map((e) => e.action)).toEqual(['import', 'import-replaced']);
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ file: 'typed in', periods: ['2019'] });
  });
});
