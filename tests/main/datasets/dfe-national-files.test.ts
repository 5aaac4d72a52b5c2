import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { datasetById } from '../../../shared/domain/datasets/index';
import { metricsForDataset } from '../../../shared/domain/metrics/definitions';
import type { MetricResult } from '../../../shared/domain/metrics/types';
import { resolveArea, type ChosenArea } from '../../../main/datasets/import/authority';
import { dfeTidyLayout } from '../../../main/datasets/import/layouts/dfe-tidy';
import { readTable } from '../../../main/datasets/import/tabular/read-table';
import { previewImport } from '../../../main/datasets/import/preview-import';
import {
  computeMetrics,
  indexBenchmarks,
  NOT_PUBLISHED_NOTE,
  SHIPPED_COMPARATORS,
} from '../../../main/datasets/metrics/index';
import { SHIPPED_NEIGHBOURS } from '../../../main/datasets/metrics/statistical-neighbours';
import { call, importFile, metric, useImportWorkspaces } from '../../fixtures/imports/api';
import { csvObjects } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// DfE's full national 20-week timeliness file of the 2025 release (every authority, 2019–2024, breakdown rows,
// parts that fall short of the total), and the 2025- and 2026-release excerpts, through the real importer. What the
// test expects is read from the same files by the tests' own CSV reader: DfE's published percentages are the
// figures of record, and none may come out invalid.

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url);
const TIMELINESS_2025 = new Uint8Array(gunzipSync(readFileSync(fixture('dfe-2025/timeliness_20_week.csv.gz'))));
const timelinessRows = csvObjects(new TextDecoder().decode(TIMELINESS_2025));
const isTotal = (r: Record<string, string>) => /^All\b/.test(r.breakdown_topic!);
const totals = timelinessRows.filter(isTotal);
const MARKERS = new Set(['x', 'c', 'z', 'low', ':', '']);

/** [metric, published percentage column, numerator, denominator] of the timeliness file, as DfE spells them in 2025. */
const TIMELINESS_METRICS = [
  ['ehcp-20wk-all', 'pc_plans_issued_within_20_weeks', 'plans_issued_within_20_weeks', 'plans_issued_den'],
  ['ehcp-20wk-excl', 'PC_plans_issued_20_weeks_ex', 'plans_issued_20_weeks_ex', 'plans_issued_den_ex'],
  ['ehcp-over-1yr', 'pc_plans_issued_gt_1_year', 'plans_issued_gt_1_year', 'plans_issued_den'],
] as const;

const TIMELINESS_TABLE = (() => {
  const table = readTable(TIMELINESS_2025, 'timeliness_20_week.csv');
  if (!table.ok) throw new Error(table.problem);
  return table;
})();
const mappedCache = new Map<string, ReturnType<typeof dfeTidyLayout.map>>();
/** The importer's rows for one authority of the 2025 timeliness file (mapped once, read by several tests). */
function mappedFor(code: string) {
  let mapped = mappedCache.get(code);
  if (!mapped) {
    mapped = dfeTidyLayout.map({
      def: datasetById('ehcp-timeliness')!,
      table: TIMELINESS_TABLE,
      area: resolveArea(code) ?? formerAuthority(code),
    });
    mappedCache.set(code, mapped);
  }
  return mapped;
}

/**
 * An authority in the file that is no longer one (Cumbria 909 and Northamptonshire 928 until 2022): not in the
 * shipped list, so picked out as a workspace with an unlisted code is, by its code and name in the file.
 */
function formerAuthority(code: string): ChosenArea {
  const row = totals.find((r) => r.old_la_code === code)!;
  return {
    kind: 'la',
    la: {
      name: row.la_name!,
      oldCode: code,
      newCode: row.new_la_code!,
      region: row.region_name!,
      regionCode: row.region_code!,
    },
  };
}

/** What the metric must be for one published row: the published figure; else computed from counts (with a note); else missing. */
function expectFigureOfRecord(
  result: MetricResult,
  row: Record<string, string>,
  pc: string,
  num: string,
  den: string,
  where: string,
) {
  expect(result.status, `${where}: ${result.problems.join('; ')}`).not.toBe('invalid');
  if (!MARKERS.has(row[pc]!)) {
    expect(result.status, where).toBe('ok');
    expect(result.value, where).toBe(Number(row[pc]));
    expect(result.problems, where).toEqual([]);
  } else if (!MARKERS.has(row[num]!) && !MARKERS.has(row[den]!) && Number(row[den]) > 0) {
    expect(result.status, where).toBe('ok');
    expect(result.value, where).toBe(Math.round((Number(row[num]) * 1000) / Number(row[den])) / 10);
    expect(result.notes, where).toContain(NOT_PUBLISHED_NOTE);
  } else {
    expect(result.status, where).toBe('missing');
    expect(result.value, where).toBeNull();
  }
}

describe('DfE 2025 release: timeliness_20_week.csv, every authority', () => {
  const def = datasetById('ehcp-timeliness')!;
  const codes = [...new Set(totals.filter((r) => r.geographic_level === 'Local authority').map((r) => r.old_la_code!))];
  const england = (period: string) =>
    totals.find((r) => r.geographic_level === 'National' && r.time_period === period)!;
  // Every area's figures, read once from the file by the importer (what a national import keeps for benchmarking).
  const national = previewImport({
    def,
    bytes: TIMELINESS_2025,
    fileName: 'timeliness_20_week.csv',
    area: resolveArea('352'),
  });
  const benchmarks = indexBenchmarks(national.benchmarks);

  it('reads the file whole: no problem, only total rows kept, breakdown rows left out and said so', () => {
    expect(national.problems).toEqual([]);
    expect(totals.length).toBe(970);
    expect(national.rows.map((r) => `${r.geography} ${r.period}`).sort()).toEqual(
      ['2019', '2020', '2021', '2022', '2023', '2024']
        .flatMap((p) => [`local ${p}`, `national ${p}`, `regional ${p}`])
        .sort(),
    );
    expect(national.notes.join(' ')).toMatch(/11,242 breakdown rows .* left out/);
    // The identifying columns are said to be read as what they are, not "not used".
    const takenAs = Object.fromEntries(national.columns.map((c) => [c.header, c.field]));
    expect(takenAs).toMatchObject({
      time_period: 'period',
      geographic_level: 'geography',
      old_la_code: 'area',
      la_name: 'area',
      region_name: 'area',
      time_identifier: null,
      breakdown: null,
      PC_plans_issued_20_weeks_ex: 'pc_plans_issued_20_weeks_ex',
    });
    expect(codes.length).toBeGreaterThanOrEqual(153);
  });

  it("imports each of the authorities and gives every published percentage, and England's, exactly, none invalid", () => {
    let checked = 0;
    for (const code of codes) {
      const mapped = mappedFor(code);
      expect(mapped.problems, code).toEqual([]);
      const rows = mapped.rows.map((r) => ({ ...r, dataset: def.id }));
      const results = computeMetrics(rows, {
        comparators: SHIPPED_COMPARATORS,
        areaCode: code,
        benchmarks,
        metrics: metricsForDataset(def.id),
      });
      const published = totals.filter((r) => r.geographic_level === 'Local authority' && r.old_la_code === code);
      expect(published.length, code).toBeGreaterThan(0);
      for (const row of published) {
        const stored = rows.find((r) => r.geography === 'local' && r.period === row.time_period)!;
        // Every published percentage column is stored as published (the case of DfE's column names varies).
        for (const [column, value] of Object.entries(row)) {
          if (!/^pc_/i.test(column) || MARKERS.has(value)) continue;
          expect(stored.values[column.toLowerCase()], `${code} ${row.time_period} ${column}`).toBe(Number(value));
        }
        for (const [id, pc, num, den] of TIMELINESS_METRICS) {
          const where = `${row.la_name} ${row.time_period} ${id}`;
          const result = metric(results, id, row.time_period!);
          expectFigureOfRecord(result, row, pc, num, den, where);
          const e = england(row.time_period!);
          if (!MARKERS.has(e[pc]!))
            expect(result.comparator, where).toEqual({
              value: Number(e[pc]),
              period: row.time_period,
              source: expect.stringMatching(/imported file/),
            });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(900 * 3 - 1);
  });

  it('keeps Manchester 2023 and England 2023 and 2024, whose parts fall short of the total, as published', () => {
    const results = computeMetrics(
      national.rows.map((r) => ({ ...r, dataset: def.id })),
      { comparators: SHIPPED_COMPARATORS, areaCode: '352', benchmarks },
    );
    expect(metric(results, 'ehcp-20wk-all', '2023')).toMatchObject({
      status: 'ok',
      value: 51,
      numerator: 808,
      denominator: 1584,
      problems: [],
    });
    expect(metric(results, 'ehcp-20wk-all', '2023').comparator?.value).toBe(49.1);
    expect(metric(results, 'ehcp-20wk-all', '2024').comparator?.value).toBe(45.9);
    expect(metric(results, 'ehcp-20wk-excl', '2023').comparator?.value).toBe(50.3);
    expect(metric(results, 'ehcp-20wk-excl', '2024').comparator?.value).toBe(46.4);
    const england = computeMetrics(
      national.rows
        .filter((r) => r.geography === 'national')
        .map((r) => ({ ...r, geography: 'local' as const, dataset: def.id })),
      { comparators: SHIPPED_COMPARATORS },
    );
    for (const period of ['2023', '2024'])
      for (const id of ['ehcp-20wk-all', 'ehcp-20wk-excl', 'ehcp-over-1yr']) {
        expect(metric(england, id, period).status, `${id} ${period}`).toBe('ok');
      }
  });
});

/** Ranks, quartiles, regions and neighbour means worked out here from the CSV alone, to compare with the app's. */
describe('benchmarking against an independent computation over the 2025 timeliness file', () => {
  const def = datasetById('ehcp-timeliness')!;
  const national = previewImport({
    def,
    bytes: TIMELINESS_2025,
    fileName: 'timeliness_20_week.csv',
    area: resolveArea('352'),
  });
  const benchmarks = indexBenchmarks(national.benchmarks);

  // The neighbour list by name, as the tests' own reader sees it; names to codes through the file's own LA rows,
  // with the four names the neighbour list spells differently (the reference README lists them).
  const neighbourCsv = readFileSync(fixture('reference/statistical-neighbours.csv'), 'utf8').replace(/^\uFEFF/, '');
  const neighbourTable = (() => {
    const lines = neighbourCsv.trim().split(/\r?\n/);
    const split = (line: string) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, -1);
    const header = split(lines[0]!);
    const body = lines.slice(1).map(split);
    return Object.fromEntries(header.map((name, i) => [name, body.map((r) => r[i]!).filter(Boolean)]));
  })();
  const ALIAS: Record<string, string> = {
    'Bedford Borough': 'Bedford',
    Durham: 'County Durham',
    Herefordshire: 'Herefordshire, County of',
    'Kingston Upon Hull, City of': 'Kingston upon Hull, City of',
  };
  const codeOfName = new Map(
    totals.filter((r) => r.geographic_level === 'Local authority').map((r) => [r.la_name!, r.old_la_code!]),
  );
  const codeOf = (name: string) => codeOfName.get(ALIAS[name] ?? name);

  const printed = (v: number) => Math.round(v * 10) / 10;

  it('resolves every name in the neighbour list to an authority, all ten neighbours of each', () => {
    for (const [name, neighbours] of Object.entries(neighbourTable)) {
      const code = codeOf(name);
      expect(code, name).toBeDefined();
      expect(neighbours.map(codeOf).every(Boolean), name).toBe(true);
      expect(SHIPPED_NEIGHBOURS.neighbours[code!], name).toEqual(neighbours.map((n) => codeOf(n)));
    }
    expect(Object.keys(SHIPPED_NEIGHBOURS.neighbours).length).toBe(153);
  });

  it('gives every authority the rank, quartile, region and neighbour mean worked out from the CSV, 2023 and 2024', () => {
    const codes = [
      ...new Set(
        totals
          .filter((r) => r.geographic_level === 'Local authority' && Number(r.time_period) >= 2023)
          .map((r) => r.old_la_code!),
      ),
    ];
    let compared = 0;
    for (const code of codes) {
      const mapped = mappedFor(code);
      const results = computeMetrics(
        mapped.rows.map((r) => ({ ...r, dataset: def.id })),
        {
          comparators: SHIPPED_COMPARATORS,
          areaCode: code,
          benchmarks,
          neighbours: SHIPPED_NEIGHBOURS.neighbours[code] ?? [],
          metrics: metricsForDataset(def.id),
        },
      );
      for (const [id, pc, direction] of [
        ['ehcp-20wk-all', 'pc_plans_issued_within_20_weeks', 'higher'],
        ['ehcp-over-1yr', 'pc_plans_issued_gt_1_year', 'lower'],
        ['ehcp-20wk-excl', 'PC_plans_issued_20_weeks_ex', 'higher'],
      ] as const) {
        for (const period of ['2023', '2024']) {
          const rows = totals.filter((r) => r.time_period === period);
          const las = rows.filter((r) => r.geographic_level === 'Local authority' && !MARKERS.has(r[pc]!));
          const la = las.find((r) => r.old_la_code === code);
          if (!la) continue;
          const values = las.map((r) => Number(r[pc]));
          const mine = Number(la[pc]);
          const position =
            1 +
            values.filter((v) => (direction === 'higher' ? printed(v) > printed(mine) : printed(v) < printed(mine)))
              .length;
          const quartile = 1 + Math.floor((4 * (position - 1)) / values.length);
          const region = rows.find((r) => r.geographic_level === 'Regional' && r.region_code === la.region_code)!;
          const neighbourName = Object.keys(neighbourTable).find((n) => codeOf(n) === code)!;
          const theirs = neighbourTable[neighbourName]!.map(codeOf)
            .map((c) => las.find((r) => r.old_la_code === c))
            .filter((r): r is Record<string, string> => r !== undefined)
            .map((r) => Number(r[pc]));
          // Half up on the exact mean, in whole tenths.
          const mean = Math.round(theirs.reduce((t, v) => t + Math.round(v * 10), 0) / theirs.length) / 10;
          const result = metric(results, id, period);
          const where = `${la.la_name} ${period} ${id}`;
          expect(result.rank, where).toEqual({ position, of: values.length, quartile });
          expect(result.region, where).toEqual({ name: region.region_name, value: Number(region[pc]), period });
          expect(result.neighbours, where).toEqual(
            theirs.length ? { value: mean, count: theirs.length, period } : null,
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(880);
  });

  it('ties share a rank (1, 2, 2, 4) and context metrics rank the highest first', () => {
    const ranked = totals.filter((r) => r.time_period === '2024' && r.geographic_level === 'Local authority');
    const values = ranked.map((r) => Number(r.pc_plans_issued_within_20_weeks)).filter((v) => !Number.isNaN(v));
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const tied = [...counts].find(([, n]) => n > 1)!;
    const results = national.benchmarks.filter(
      (f) => f.metric === 'ehcp-20wk-all' && f.period === '2024' && f.geography === 'local' && f.value === tied[0],
    );
    expect(results.length).toBe(tied[1]);
    const ranks = results.map(
      (f) =>
        computeMetrics(
          [
            {
              dataset: def.id,
              period: '2024',
              geography: 'local',
              areaCode: f.areaCode,
              areaName: f.areaName,
              breakdown: '',
              values: {
                plans_issued_den: 100,
                plans_issued_within_20_weeks: 50,
                pc_plans_issued_within_20_weeks: f.value,
              },
              missing: {},
            },
          ],
          { comparators: SHIPPED_COMPARATORS, areaCode: f.areaCode, benchmarks },
        ).find((r) => r.id === 'ehcp-20wk-all')!.rank!.position,
    );
    expect(new Set(ranks).size).toBe(1);
    expect(ranks[0]).toBe(1 + values.filter((v) => v > tied[0]).length);
  });
});

describe('DfE 2025 release: requests.csv and annual_reviews.csv excerpts, through the API', () => {
  const tempDir = useTempDirs();
  const workspace = useImportWorkspaces(tempDir);
  const requests = readFileSync(fixture('dfe-2025/requests_excerpt.csv'));
  const reviews = readFileSync(fixture('dfe-2025/annual_reviews_excerpt.csv'));
  const requestRows = csvObjects(requests.toString('utf8')).filter(
    (r) => r.breakdown_topic === 'All requests for EHC needs assessments',
  );
  const reviewRows = csvObjects(reviews.toString('utf8')).filter((r) => r.breakdown_topic === 'All annual reviews');

  it.each([
    ['202', 'Camden'],
    ['908', 'Cornwall'],
    ['383', 'Leeds'],
  ])('imports requests for %s (%s): the published percentages are the figures', async (code) => {
    const { backend } = await workspace(code);
    const { preview } = await importFile(backend, 'ehcna-requests', 'requests.csv', requests);
    expect(preview.notes.join(' ')).toMatch(/breakdown rows/);
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcna-requests' });
    const mine = requestRows.filter((r) => r.old_la_code === code);
    expect(mine.length).toBeGreaterThan(3);
    for (const row of mine) {
      const england = requestRows.find((r) => r.geographic_level === 'National' && r.time_period === row.time_period)!;
      for (const [id, pc, num, den] of [
        ['ehcna-6wk', 'request_outcome_six_weeks_pc', 'request_outcome_six_weeks', ''],
        ['ehcna-refusal', 'request_not_assess_pc', 'requests_decided_not_to_assess', 'requests_received_in_year'],
      ] as const) {
        const result = metric(metrics, id, row.time_period!);
        const where = `${code} ${row.time_period} ${id}`;
        expect(result.status, `${where}: ${result.problems.join('; ')}`).not.toBe('invalid');
        if (!MARKERS.has(row[pc]!)) expect(result.value, where).toBe(Number(row[pc]));
        else if (den && !MARKERS.has(row[num]!) && !MARKERS.has(row[den]!))
          expect(result.notes, where).toContain(NOT_PUBLISHED_NOTE);
        if (!MARKERS.has(england[pc]!)) expect(result.comparator?.value, where).toBe(Number(england[pc]));
        expect(
          result.problems.every((p) => /not available|cannot be computed/.test(p)),
          where,
        ).toBe(true);
      }
    }
  });

  it('gives England 2023 its published 84.8% for decisions within 6 weeks, with the recomputed 84.9 as a note, and the rest of the row untouched', async () => {
    const { backend } = await workspace('202');
    await importFile(backend, 'ehcna-requests', 'requests.csv', requests);
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcna-requests' });
    expect(metric(metrics, 'ehcna-6wk', '2023').comparator?.value).toBe(84.8);
    const england = requestRows.find((r) => r.geographic_level === 'National' && r.time_period === '2023')!;
    expect(metric(metrics, 'ehcna-refusal', '2023').comparator?.value).toBe(Number(england.request_not_assess_pc));
    // Imported as England's own area (a workspace for the nation is not possible, so the figures are checked as a row).
    const def = datasetById('ehcna-requests')!;
    const shown = previewImport({ def, bytes: requests, fileName: 'requests.csv', area: resolveArea('202') });
    const englandRow = shown.rows.find((r) => r.geography === 'national' && r.period === '2023')!;
    const asLocal = computeMetrics([{ ...englandRow, geography: 'local', dataset: def.id }], {
      comparators: SHIPPED_COMPARATORS,
    });
    const sixWeeks = metric(asLocal, 'ehcna-6wk', '2023');
    expect(sixWeeks).toMatchObject({ status: 'ok', value: 84.8, problems: [] });
    expect(sixWeeks.notes.join(' ')).toMatch(/84\.8.*84\.9/);
    expect(metric(asLocal, 'ehcna-refusal', '2023').status).toBe('ok');
  });

  it('imports annual reviews (2024, breakdown rows for every area) for Leeds: decisions within 4 weeks as published', async () => {
    const { backend } = await workspace('383');
    const { preview } = await importFile(backend, 'annual-reviews', 'annual_reviews.csv', reviews);
    expect(preview.columns.find((c) => c.header === 'number_decsion_4weeks')?.field).toBe('decision_4_weeks');
    expect(preview.columns.find((c) => c.header === 'pc_decsion_4weeks')?.field).toBe('pc_decision_4_weeks');
    expect(preview.columns.find((c) => c.header === 'total_review_meeting')?.field).toBe('review_meetings_held');
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'annual-reviews' });
    const leeds = reviewRows.find((r) => r.old_la_code === '383')!;
    const england = reviewRows.find((r) => r.geographic_level === 'National')!;
    const result = metric(metrics, 'ar-on-time-decision-4wk', '2024');
    expect(result).toMatchObject({
      status: 'ok',
      value: Number(leeds.pc_decsion_4weeks),
      numerator: Number(leeds.number_decsion_4weeks),
    });
    expect(result.comparator?.value).toBe(Number(england.pc_decsion_4weeks));
    expect(result.comparator?.value).toBe(44.4);
    expect(metric(metrics, 'ar-on-time-completed', '2024').status).toBe('missing');
  });
});

describe('DfE 2026 release excerpts', () => {
  const timeliness = readFileSync(fixture('dfe/timeliness_20_week_excerpt.csv'));
  const rows = csvObjects(timeliness.toString('utf8'));
  const def = datasetById('ehcp-timeliness')!;
  const table = readTable(timeliness, 'timeliness_20_week_excerpt.csv');
  if (!table.ok) throw new Error(table.problem);
  const national = previewImport({
    def,
    bytes: timeliness,
    fileName: 'timeliness_20_week_excerpt.csv',
    area: resolveArea('841'),
  });
  const benchmarks = indexBenchmarks(national.benchmarks);

  it("imports the timeliness excerpt for every authority in it: every published percentage and England's, none invalid", () => {
    const codes = [...new Set(rows.filter((r) => r.geographic_level === 'Local authority').map((r) => r.old_la_code!))];
    let checked = 0;
    for (const code of codes) {
      const mapped = dfeTidyLayout.map({ def, table, area: resolveArea(code) });
      expect(mapped.problems, code).toEqual([]);
      const results = computeMetrics(
        mapped.rows.map((r) => ({ ...r, dataset: def.id })),
        { comparators: SHIPPED_COMPARATORS, areaCode: code, benchmarks, metrics: metricsForDataset(def.id) },
      );
      for (const row of rows.filter((r) => r.old_la_code === code)) {
        for (const [id, pc, num, den] of [
          ['ehcp-20wk-all', 'pc_plans_issued_within_20_weeks', 'plans_issued_within_20_weeks', 'plans_issued_den'],
          ['ehcp-20wk-excl', 'pc_plans_issued_20_weeks_ex', 'plans_issued_20_weeks_ex', 'plans_issued_den_ex'],
        ] as const) {
          const result = metric(results, id, row.time_period!);
          expectFigureOfRecord(result, row, pc, num, den, `${row.la_name} ${row.time_period} ${id}`);
          const england = rows.find((r) => r.geographic_level === 'National' && r.time_period === row.time_period)!;
          expect(result.comparator?.value).toBe(Number(england[pc]));
          checked++;
        }
      }
    }
    expect(checked).toBe(70);
  });

  it('imports the annual reviews excerpt for a region: the "All reviews of EHC plans" row, England as comparator', () => {
    const reviews = readFileSync(fixture('dfe/annual_reviews_excerpt.csv'));
    const reviewRows = csvObjects(reviews.toString('utf8')).filter((r) => r.breakdown === 'All reviews of EHC plans');
    const reviewDef = datasetById('annual-reviews')!;
    const shown = previewImport({
      def: reviewDef,
      bytes: reviews,
      fileName: 'annual_reviews.csv',
      area: resolveArea('North East'),
    });
    expect(shown.problems).toEqual([]);
    const results = computeMetrics(
      shown.rows.map((r) => ({ ...r, dataset: reviewDef.id })),
      { comparators: SHIPPED_COMPARATORS, benchmarks: indexBenchmarks(shown.benchmarks) },
    );
    const northEast = reviewRows.find((r) => r.region_name === 'North East')!;
    const england = reviewRows.find((r) => r.geographic_level === 'National')!;
    const result = metric(results, 'ar-on-time-decision-4wk', '2025');
    expect(result).toMatchObject({ status: 'ok', numerator: Number(northEast.decision_4_weeks) });
    expect(result.comparator?.value).toBe(
      Math.round(
        (Number(england.decision_4_weeks) * 1000) /
          (Number(england.decision_4_weeks) + Number(england.decision_over_4_weeks)),
      ) / 10,
    );
    expect(metric(results, 'ar-on-time-completed', '2025').status).toBe('ok');
  });
});

describe('DfE tidy files laid out in other ways', () => {
  const HEADER =
    'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown,PLANS_ISSUED_DEN,Plans_Issued_Within_20_Weeks,PC_PLANS_ISSUED_WITHIN_20_WEEKS';
  const area = (level: string, extra: string) => `2024,Calendar year,${level},E92000001,England,${extra}`;
  const file = [
    HEADER,
    `${area('National', ',,,,')},Age,Total,1000,500,50`,
    `${area('National', ',,,,')},Age,Aged 5,100,40,40`,
    `${area('National', ',,,,')},Sex,Total,1000,500,50`,
    `${area('Local authority', 'E12000001,North East,E06000005,841,Darlington')},Age,Aged 5,10,9,90`,
    `${area('Local authority', 'E12000001,North East,E06000005,841,Darlington')},Age,Total,80,60,75`,
    `${area('Local authority', 'E12000001,North East,E06000005,841,Darlington')},Sex,Total,80,60,75`,
    `${area('Local authority', 'E12000001,North East,E06000004,808,Stockton-on-Tees')},Age,Total,70,35,50`,
  ].join('\n');

  it('takes each area\'s first "Total" row where there is no "All …" row, and column names in any case', () => {
    const def = datasetById('ehcp-timeliness')!;
    const shown = previewImport({
      def,
      bytes: new TextEncoder().encode(file),
      fileName: 'timeliness.csv',
      area: resolveArea('841'),
    });
    expect(shown.problems).toEqual([]);
    expect(
      shown.rows.map((r) => [r.geography, r.values.plans_issued_den, r.values.pc_plans_issued_within_20_weeks]),
    ).toEqual([
      ['national', 1000, 50],
      ['local', 80, 75],
    ]);
    const results = computeMetrics(
      shown.rows.map((r) => ({ ...r, dataset: def.id })),
      { comparators: SHIPPED_COMPARATORS, areaCode: '841', benchmarks: shown.benchmarks },
    );
    expect(metric(results, 'ehcp-20wk-all', '2024')).toMatchObject({
      value: 75,
      status: 'ok',
      comparator: { value: 50 },
      rank: { position: 1, of: 2, quartile: 1 },
    });
  });
});
