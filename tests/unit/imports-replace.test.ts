import { describe, expect, it } from 'vitest';
import type { Backend } from '../../main/api/backend';
import { call, dfeFile, encode, importFile, metric, preview, tableCounts, useImportWorkspaces } from '../fixtures/imports/api';
import { toCsv } from '../fixtures/imports/csv-text';
import { useTempDirs } from '../helpers/temp-dir';

// Re-importing a period replaces it: the second file's figures win, no row is duplicated, and the audit trail
// says which periods were replaced. A local-only file keeps the national rows an earlier DfE file brought.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

const HEADER = ['period', 'plans_issued_den', 'plans_issued_within_20_weeks', 'plans_issued_den_ex', 'plans_issued_20_weeks_ex'];
const sheet = (...rows: (string | number)[][]) => encode(toCsv([HEADER, ...rows]));

interface AuditEvent { action: string; before: string | null; after: string | null; who: string; itemId: string | null }
const importEvents = async (backend: Backend) => ((await call(backend, 'audit.list', {})).events as AuditEvent[])
  .filter((e) => e.action.startsWith('import'));

describe('re-importing a period', () => {
  it('replaces it: the second import’s values win, rows are not duplicated, and the audit trail names the periods', async () => {
    const { backend, dbFile } = await workspace();
    const first = await importFile(backend, 'ehcp-timeliness', 'timeliness v1.csv', sheet([2019, 100, 50, 90, 45]));
    expect(first.committed.replacedPeriods).toEqual([]);

    // The preview already says what will be replaced.
    const second = await preview(backend, 'ehcp-timeliness', 'timeliness v2.csv', sheet([2019, 200, 150, 180, 140], [2020, 120, 60, 110, 58]));
    expect(second.replaces).toEqual(['2019']);
    const committed = await call(backend, 'imports.commit', { previewId: second.previewId });
    expect(committed).toMatchObject({ periods: ['2019', '2020'], replacedPeriods: ['2019'], rowsKept: 2 });

    const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(rows.map((r) => [r.period, r.values.plans_issued_den])).toEqual([['2019', 200], ['2020', 120]]);
    expect(tableCounts(dbFile)).toEqual({ imports: 2, rows: 2 });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({ value: 75, numerator: 150, denominator: 200 });

    const events = await importEvents(backend);
    // Oldest first.
    expect(events.map((e) => e.action)).toEqual(['import', 'import-replaced']);
    const replaced = events[1]!;
    expect(replaced.who).toBe('Dana Analyst');
    expect(JSON.parse(replaced.before!)).toEqual({ dataset: 'ehcp-timeliness', periods: ['2019'] });
    expect(JSON.parse(replaced.after!)).toMatchObject({ dataset: 'ehcp-timeliness', periods: ['2019', '2020'], file: 'timeliness v2.csv', rows: 2 });

    // The same file again: same rows, one more replacement event, still no duplicate.
    await importFile(backend, 'ehcp-timeliness', 'timeliness v2.csv', sheet([2019, 200, 150, 180, 140], [2020, 120, 60, 110, 58]));
    expect(tableCounts(dbFile)).toEqual({ imports: 3, rows: 2 });
    expect((await importEvents(backend)).map((e) => e.action)).toEqual(['import', 'import-replaced', 'import-replaced']);
    const { imports } = await call(backend, 'imports.list', { dataset: 'ehcp-timeliness' });
    expect(imports.map((i) => [i.sourceName, i.periods, i.rowsKept])).toEqual([
      ['timeliness v2.csv', ['2019', '2020'], 2], ['timeliness v2.csv', ['2019', '2020'], 2], ['timeliness v1.csv', ['2019'], 1]]);
  });

  it('replaces every breakdown of an area’s period as a whole, so old and new figures never mix', async () => {
    const { backend } = await workspace();
    const waits = (...rows: (string | number)[][]) => encode(toCsv([['period', 'service', 'waiting_total', 'waiting_over_18_weeks'], ...rows]));
    await importFile(backend, 'health-waits', 'waits.csv', waits(['2025-03-31', 'SLT', 100, 20], ['2025-03-31', 'OT', 50, 10]));
    const { committed } = await importFile(backend, 'health-waits', 'waits corrected.csv', waits(['31/03/2025', 'SLT', 110, 25]));
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
    expect(nationalBefore.map((r) => [r.geography, r.period])).toEqual([['national', '2019'], ['regional', '2019'], ['national', '2020'], ['regional', '2020']]);

    // The authority's own corrected 2019 figures, typed into the template.
    const { committed } = await importFile(backend, 'ehcp-timeliness', 'our 2019.csv', sheet([2019, 82, 77, 78, 76]));
    expect(committed.replacedPeriods).toEqual(['2019']);

    const after = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    expect(after.rows.filter((r) => r.geography !== 'local')).toEqual(nationalBefore);
    expect(after.rows.filter((r) => r.geography === 'local').map((r) => [r.period, r.values.plans_issued_den])).toEqual([['2019', 82], ['2020', 67]]);

    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({ status: 'ok', value: 93.9, comparator: { value: 58.7, period: '2019', source: expect.stringMatching(/imported file/) } });
    expect(metric(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({ status: 'ok', value: 97.4, comparator: { value: 60.4 } });

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
    let shown = await preview(backend, 'ehcp-timeliness', FILE, dfeFile(FILE), { authority: 'Kingston Upon Hull, City of' });
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

  it('typed-in figures replace the period too, and are recorded as such', async () => {
    const { backend } = await workspace();
    await importFile(backend, 'ehcp-timeliness', 'timeliness.csv', sheet([2019, 100, 50, 90, 45]));
    const entered = await call(backend, 'datasets.enter', { dataset: 'ehcp-timeliness', period: '2019',
      values: { plans_issued_den: 49519, plans_issued_within_20_weeks: 31313, plans_issued_den_ex: 49519, plans_issued_20_weeks_ex: 29895 } });
    expect(entered).toMatchObject({ periods: ['2019'], replacedPeriods: ['2019'] });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({ status: 'ok', value: 60.4 });
    const events = await importEvents(backend);
    expect(events.map((e) => e.action)).toEqual(['import', 'import-replaced']);
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ file: 'typed in', periods: ['2019'] });
  });
});
