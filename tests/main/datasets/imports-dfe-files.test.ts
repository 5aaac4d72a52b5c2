import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMetrics, SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/index';
import {
  call,
  DFE_DIR,
  dfeFile,
  importFile,
  metric,
  preview,
  refused,
  useImportWorkspaces,
} from '../../fixtures/imports/api';
import { csvObjects, parseCsvText } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// The real DfE files in tests/fixtures/dfe (copies of DfE's published files), imported through the API into real workspaces for a chosen authority
// (by name, old code or new code) or, for the annual reviews excerpt, a region. The expected figures are read from
// the same files by the test's own CSV reader, not by the importer.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

const text = (name: string) => readFileSync(new URL(name, DFE_DIR), 'utf8');
const IMPORTED = /imported file/;

describe('timeliness_20_week_excerpt.csv (DfE tidy layout)', () => {
  const FILE = 'timeliness_20_week_excerpt.csv';
  const published = csvObjects(text(FILE));
  const national = (period: string) =>
    published.find((r) => r.geographic_level === 'National' && r.time_period === period)!;

  // [workspace LA, what the officer types, the file's old_la_code]: codes, names, a name with a comma, and names
  // spelt differently in the file ("Herefordshire, County of", "County Durham").
  const cases: [string, string, string][] = [
    ['841', '841', '841'],
    ['841', 'E06000005', '841'],
    ['841', 'Darlington', '841'],
    ['810', 'Kingston Upon Hull, City of', '810'],
    ['810', 'Kingston upon Hull, City of', '810'],
    ['884', 'Herefordshire', '884'],
    ['840', 'County Durham', '840'],
    ['840', 'Durham', '840'],
    ['212', 'E09000032', '212'],
  ];

  it.each(cases)(
    'imports for the workspace LA %s given as "%s": the metrics equal the published percentages',
    async (la, authority, code) => {
      const { backend } = await workspace(la);
      const { preview: shown, committed } = await importFile(backend, 'ehcp-timeliness', FILE, dfeFile(FILE), {
        authority,
      });
      expect(shown.layout).toBe('dfe-tidy');
      expect(shown.authority?.code).toBe(code);
      const mine = published.filter((r) => r.geographic_level === 'Local authority' && r.old_la_code === code);
      expect(mine.length).toBeGreaterThan(0);
      expect(committed.periods).toEqual(['2019', '2020']);

      // Only the authority's rows, its region's and England's are kept.
      const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
      const local = rows.filter((r) => r.geography === 'local');
      expect(new Set(local.map((r) => r.areaCode))).toEqual(new Set([code]));
      expect(local.map((r) => r.period)).toEqual(mine.map((r) => r.time_period));
      expect(new Set(rows.filter((r) => r.geography === 'regional').map((r) => r.areaCode))).toEqual(
        new Set([mine[0]!.region_code]),
      );
      expect(rows.filter((r) => r.geography === 'national').map((r) => r.period)).toEqual(['2019', '2020']);

      const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
      for (const row of mine) {
        const all = metric(metrics, 'ehcp-20wk-all', row.time_period!);
        const excl = metric(metrics, 'ehcp-20wk-excl', row.time_period!);
        expect(all).toMatchObject({
          status: 'ok',
          value: Number(row.pc_plans_issued_within_20_weeks),
          numerator: Number(row.plans_issued_within_20_weeks),
          denominator: Number(row.plans_issued_den),
        });
        expect(excl).toMatchObject({
          status: 'ok',
          value: Number(row.pc_plans_issued_20_weeks_ex),
          numerator: Number(row.plans_issued_20_weeks_ex),
          denominator: Number(row.plans_issued_den_ex),
        });
        // England's row of the same year is the comparator, from the imported file.
        const england = national(row.time_period!);
        expect(all.comparator).toEqual({
          value: Number(england.pc_plans_issued_within_20_weeks),
          period: row.time_period,
          source: expect.stringMatching(IMPORTED),
        });
        expect(excl.comparator).toEqual({
          value: Number(england.pc_plans_issued_20_weeks_ex),
          period: row.time_period,
          source: expect.stringMatching(IMPORTED),
        });
        // The x columns stay missing, never 0.
        const overYear = metric(metrics, 'ehcp-over-1yr', row.time_period!);
        expect(overYear).toMatchObject({ status: 'missing', value: null });
        expect(overYear.problems.join(' ')).toMatch(/plans_issued_gt_1_year is not available \(x/);
      }
    },
  );

  it('gives England 2019 the §4 figures as comparators: 58.7 and 60.4 (29,895 of 49,519)', async () => {
    const { backend } = await workspace('841');
    await importFile(backend, 'ehcp-timeliness', FILE, dfeFile(FILE));
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019').comparator?.value).toBe(58.7);
    expect(metric(metrics, 'ehcp-20wk-excl', '2019').comparator?.value).toBe(60.4);
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    const england = rows.find((r) => r.geography === 'national' && r.period === '2019')!;
    expect(england.values).toMatchObject({ plans_issued_20_weeks_ex: 29895, plans_issued_den_ex: 49519 });
    expect(england.missing).toMatchObject({ plans_issued_gt_1_year: 'x' });
    expect(england.values.plans_issued_gt_1_year).toBeNull();
  });

  it('keeps the zero-plan authority’s x percentages missing and reports no percentage (Isles of Scilly)', async () => {
    const { backend } = await workspace('420');
    await importFile(backend, 'ehcp-timeliness', FILE, dfeFile(FILE));
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' });
    const scilly = rows.find((r) => r.geography === 'local' && r.period === '2019')!;
    expect(scilly.values).toMatchObject({ plans_issued_den: 0, pc_plans_issued_within_20_weeks: null });
    expect(scilly.missing).toMatchObject({ pc_plans_issued_within_20_weeks: 'x' });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({ status: 'missing', value: null });
  });

  it('asks for the authority when the workspace has none, and refuses a name that is no authority', async () => {
    const { backend } = await workspace(null);
    const shown = await preview(backend, 'ehcp-timeliness', FILE, dfeFile(FILE));
    expect(shown.canCommit).toBe(false);
    expect(shown.problems.map((p) => p.message).join(' ')).toMatch(/choose your local authority/);
    const { handle } = await call(backend, 'files.upload', { name: FILE, bytes: dfeFile(FILE) });
    const error = await refused(backend, 'imports.preview', {
      dataset: 'ehcp-timeliness',
      file: { handle },
      authority: 'Atlantis',
    });
    expect(error).toMatchObject({
      code: 'invalid-request',
      field: 'authority',
      message: expect.stringMatching(/"Atlantis" is not an English local authority or region/),
    });
  });
});

describe('send_appeal_rate_2024_2025.csv (a spreadsheet saved as CSV)', () => {
  const FILE = 'send_appeal_rate_2024_2025.csv';
  const table = parseCsvText(text(FILE));
  /** The table's row for a name as printed (footnote digits and all): [2024 appeals, decisions, rate, 2025 …]. */
  const rowOf = (printed: string) => {
    const row = table.find((r) => r[0] === printed);
    if (!row) throw new Error(`no row ${printed}`);
    return row;
  };
  const rate = (cell: string) => Number(cell.replace('%', ''));
  const england = rowOf('England Total');

  // [workspace LA, what the officer types, the name as the table prints it]
  const cases: [string, string, string][] = [
    ['841', '841', 'Darlington'],
    ['841', 'E06000005', 'Darlington'],
    ['841', 'darlington', 'Darlington'],
    ['810', 'Kingston Upon Hull, City of', 'Kingston Upon Hull, City of'],
    ['884', 'Herefordshire, County of', 'Herefordshire'],
    ['840', 'County Durham', 'Durham'],
    ['940', 'North Northamptonshire', 'North Northamptonshire7'],
    ['839', '839', 'Bournemouth, Christchurch and Poole5'],
  ];

  it.each(cases)(
    'imports for the workspace LA %s given as "%s": the appeal rate equals the published rate for 2024 and 2025',
    async (la, authority, printed) => {
      const { backend } = await workspace(la);
      const { preview: shown, committed } = await importFile(backend, 'appeal-rate', FILE, dfeFile(FILE), {
        authority,
      });
      expect(shown.layout).toBe('year-columns-table');
      expect(committed.periods).toEqual(['2024', '2025']);
      const row = rowOf(printed);
      const { metrics } = await call(backend, 'metrics.list', { dataset: 'appeal-rate' });
      for (const [period, at] of [
        ['2024', 2],
        ['2025', 5],
      ] as const) {
        const m = metric(metrics, 'appeal-rate', period);
        expect(m).toMatchObject({
          status: 'ok',
          value: rate(row[at + 2]!),
          numerator: Number(row[at]),
          denominator: Number(row[at + 1]),
        });
        expect(m.comparator).toEqual({
          value: rate(england[at + 2]!),
          period,
          source: expect.stringMatching(IMPORTED),
        });
      }
      expect(metric(metrics, 'appeal-rate', '2024').comparator?.value).toBe(6.1);
      expect(metric(metrics, 'appeal-rate', '2025').comparator?.value).toBe(6.6);
    },
  );

  it('reads " - " beside a 0.00% rate as 0 appeals (City of London 2024)', async () => {
    const { backend } = await workspace('201');
    expect(rowOf('City of London').slice(2, 5)).toEqual([' - ', '18', '0.00%']);
    await importFile(backend, 'appeal-rate', FILE, dfeFile(FILE));
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'appeal-rate' });
    const local2024 = rows.find((r) => r.geography === 'local' && r.period === '2024')!;
    expect(local2024.values).toEqual({ appeals_registered: 0, appealable_decisions: 18, appeal_rate: 0 });
    expect(local2024.missing).toEqual({});
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'appeal-rate' });
    expect(metric(metrics, 'appeal-rate', '2024')).toMatchObject({
      status: 'ok',
      value: 0,
      numerator: 0,
      denominator: 18,
    });
  });

  it('keeps " x " missing, never 0 (Blackpool 2024), and still computes 2025', async () => {
    const { backend } = await workspace('890');
    expect(rowOf('Blackpool').slice(2, 5)).toEqual(['21', ' x ', 'x']);
    await importFile(backend, 'appeal-rate', FILE, dfeFile(FILE));
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'appeal-rate' });
    const local2024 = rows.find((r) => r.geography === 'local' && r.period === '2024')!;
    expect(local2024.values).toEqual({ appeals_registered: 21, appealable_decisions: null, appeal_rate: null });
    expect(local2024.missing).toEqual({ appealable_decisions: 'x', appeal_rate: 'x' });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'appeal-rate' });
    const m2024 = metric(metrics, 'appeal-rate', '2024');
    expect(m2024).toMatchObject({ status: 'missing', value: null, denominator: null });
    expect(m2024.problems.join(' ')).toMatch(/appealable_decisions is not available \(x/);
    expect(metric(metrics, 'appeal-rate', '2025')).toMatchObject({ status: 'ok', value: 1.5 });
  });
});

describe('annual_reviews_excerpt.csv (no authority rows: imported for a region)', () => {
  const FILE = 'annual_reviews_excerpt.csv';
  const all = csvObjects(text(FILE)).filter((r) => r.breakdown === 'All reviews of EHC plans');
  const northEast = all.find((r) => r.region_code === 'E12000001')!;
  const englandRow = all.find((r) => r.geographic_level === 'National')!;
  const pc = (n: number, d: number) => Math.round((n / d) * 1000) / 10;
  const decision4 = (r: Record<string, string>) =>
    pc(Number(r.decision_4_weeks), Number(r.decision_4_weeks) + Number(r.decision_over_4_weeks));
  const completed = (r: Record<string, string>) => pc(Number(r.review_completed_2025), Number(r.review_expected_2025));

  it('the figures the test expects come from the "All reviews" rows only', () => {
    expect(decision4(northEast)).toBe(37.6);
    expect(completed(northEast)).toBe(61.7);
    expect(decision4(englandRow)).toBe(47.6);
    expect(completed(englandRow)).toBe(56.8);
  });

  it.each([['North East'], ['E12000001'], ['north east']])(
    'imports for the region "%s" in a workspace without an authority: metrics.list shows the region against England',
    async (region) => {
      const { backend } = await workspace(null, 'North East partnership');
      const { preview: shown } = await importFile(backend, 'annual-reviews', FILE, dfeFile(FILE), {
        authority: region,
      });
      expect(shown.authority).toEqual({ code: 'E12000001', name: 'North East' });
      // Nine rows read; one area total each for the region and England (the age and sex breakdowns are not summed).
      expect(shown.rowsRead).toBe(9);
      expect(shown.rows.map((r) => [r.geography, r.areaCode])).toEqual([
        ['national', 'E92000001'],
        ['local', 'E12000001'],
      ]);
      const { metrics } = await call(backend, 'metrics.list', { dataset: 'annual-reviews' });
      expect(metric(metrics, 'ar-on-time-decision-4wk', '2025')).toMatchObject({
        status: 'ok',
        value: decision4(northEast),
        numerator: 6269,
        denominator: 6269 + 10400,
        comparator: { value: decision4(englandRow), period: '2025', source: expect.stringMatching(IMPORTED) },
      });
      expect(metric(metrics, 'ar-on-time-completed', '2025')).toMatchObject({
        status: 'ok',
        value: completed(northEast),
        numerator: 16669,
        denominator: 27036,
        comparator: { value: completed(englandRow), period: '2025', source: expect.stringMatching(IMPORTED) },
      });
    },
  );

  it('reads "London" as the region, not the City of London, and says the excerpt has no rows for it', async () => {
    const { backend } = await workspace(null);
    const shown = await preview(backend, 'annual-reviews', FILE, dfeFile(FILE), { authority: 'London' });
    expect(shown.authority).toEqual({ code: 'E12000007', name: 'London' });
    expect(shown.canCommit).toBe(false);
    expect(shown.problems).toEqual([
      { row: null, column: null, message: expect.stringMatching(/^The file has no total rows for London\./) },
    ]);
    const city = await preview(backend, 'annual-reviews', FILE, dfeFile(FILE), { authority: 'City of London' });
    expect(city.authority).toEqual({ code: '201', name: 'City of London' });
  });

  it('imports for the region in an authority’s workspace; the region’s metrics compute for its area code', async () => {
    const { backend } = await workspace('841');
    await importFile(backend, 'annual-reviews', FILE, dfeFile(FILE), { authority: 'North East' });
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'annual-reviews' });
    const local = rows.filter((r) => r.geography === 'local');
    expect(local.map((r) => r.areaCode)).toEqual(['E12000001']);
    const results = computeMetrics(
      rows.map((r) => ({ ...r, dataset: 'annual-reviews' })),
      { comparators: SHIPPED_COMPARATORS, areaCode: 'E12000001' },
    );
    expect(metric(results, 'ar-on-time-decision-4wk', '2025')).toMatchObject({
      status: 'ok',
      value: 37.6,
      comparator: { value: 47.6 },
    });
    expect(metric(results, 'ar-on-time-completed', '2025')).toMatchObject({
      status: 'ok',
      value: 61.7,
      comparator: { value: 56.8 },
    });
  });
});
