import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMetrics, type StoredRow } from '../../../main/datasets/metrics/compute-metrics';
import { SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/comparators';
import type { MetricResult } from '../../../shared/domain/metrics/types';
import { parseCsvText } from '../../fixtures/imports/csv-text';

// The real DfE files in tests/fixtures/dfe (copies of DfE's published files), read with the tests' own CSV reader, not the importer's (which is
// separate work). Rows are built by hand the way the importer will: DfE column names, markers as null + reason.

const dfeDir = new URL('../../fixtures/dfe/', import.meta.url);

const read = (file: string) => parseCsvText(readFileSync(new URL(file, dfeDir), 'utf8').replace(/^\uFEFF/, ''));
const MARKERS = new Set(['x', 'z', 'c', 'low', ':']);

/** A cell as the importer stores it: a number, or null with the marker as the reason. */
function cellValue(raw: string): { value: number | null; marker?: string } {
  const t = raw.trim();
  if (MARKERS.has(t)) return { value: null, marker: t };
  if (t === '') return { value: null, marker: 'blank' };
  const n = Number(t.replace(/,/g, '').replace(/%$/, ''));
  if (!Number.isFinite(n)) throw new Error(`not a number: ${raw}`);
  return { value: n };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

type Geography = StoredRow['geography'];
const GEOGRAPHY: Record<string, Geography> = { National: 'national', Regional: 'regional', 'Local authority': 'local' };

/** DfE tidy layout (explore-education-statistics): one StoredRow per csv row, keeping the DfE value columns. */
function tidyRows(
  file: string,
  dataset: string,
  firstValueColumn: number,
): { header: string[]; rows: StoredRow[]; raw: string[][] } {
  const [header, ...body] = read(file);
  const raw = body.filter((r) => r.length === header!.length);
  const rows = raw.map((r): StoredRow => {
    const values: Record<string, number | null> = {};
    const missing: Record<string, string> = {};
    header!.slice(firstValueColumn).forEach((name, i) => {
      const cell = cellValue(r[firstValueColumn + i]!);
      values[name] = cell.value;
      if (cell.marker) missing[name] = cell.marker;
    });
    const level = GEOGRAPHY[r[2]!]!;
    return {
      dataset,
      period: r[0]!,
      geography: level,
      areaCode: level === 'local' ? r[8]! : level === 'regional' ? r[5]! : r[3]!,
      areaName: level === 'local' ? r[9]! : level === 'regional' ? r[6]! : r[4]!,
      breakdown: '',
      values,
      missing,
    };
  });
  return { header: header!, rows, raw };
}

const only = (results: MetricResult[], id: string, period: string) => {
  const found = results.filter((r) => r.id === id && r.period === period);
  expect(found, `${id} ${period}`).toHaveLength(1);
  return found[0]!;
};

describe('timeliness_20_week_excerpt.csv (DfE tidy layout)', () => {
  const { header, rows, raw } = tidyRows('timeliness_20_week_excerpt.csv', 'ehcp-timeliness', 12);
  const col = (name: string) => header.indexOf(name);
  const national = rows.filter((r) => r.geography === 'national');
  const localRows = raw.map((r, i) => ({ raw: r, row: rows[i]! })).filter((x) => x.row.geography === 'local');

  it('has local-authority rows in both years', () => {
    expect(localRows.filter((x) => x.row.period === '2019').length).toBe(24);
    expect(localRows.filter((x) => x.row.period === '2020').length).toBe(11);
    expect(national.map((r) => r.period)).toEqual(['2019', '2020']);
  });

  it('computes, for every local-authority row, the published 20-week percentages to one decimal place', () => {
    let compared = 0;
    let published = 0;
    for (const { raw: r } of localRows)
      for (const c of ['pc_plans_issued_within_20_weeks', 'pc_plans_issued_20_weeks_ex'])
        if (r[col(c)] !== 'x') published++;
    for (const { raw: r, row } of localRows) {
      const results = computeMetrics([row, ...national], { comparators: SHIPPED_COMPARATORS, areaCode: row.areaCode });
      for (const [id, pcColumn] of [
        ['ehcp-20wk-all', 'pc_plans_issued_within_20_weeks'],
        ['ehcp-20wk-excl', 'pc_plans_issued_20_weeks_ex'],
      ] as const) {
        const result = only(results, id, row.period);
        const published = r[col(pcColumn)]!;
        const where = `${row.areaName} ${row.period} ${id}`;
        if (published === 'x') {
          // Isles of Scilly 2019: no plans, so no percentage — missing, never 0.
          expect(result.status, where).toBe('missing');
          expect(result.value, where).toBeNull();
          expect(result.problems.join(' '), where).toMatch(/is 0, so the percentage cannot be computed/);
        } else {
          expect(result.status, `${where}: ${result.problems.join('; ')}`).toBe('ok');
          expect(result.value, where).toBe(round1(Number(published)));
          compared++;
        }
      }
    }
    expect(compared).toBe(published);
    expect(compared).toBe(2 * 35 - 2); // Isles of Scilly 2019 has no plans: x, x
  });

  it('uses the national row of the same year as the comparator, over the shipped figure', () => {
    const gateshead = rows.filter((r) => r.geography === 'local' && r.areaCode === '390');
    const results = computeMetrics([...gateshead, ...national], { comparators: SHIPPED_COMPARATORS, areaCode: '390' });
    const r2019 = only(results, 'ehcp-20wk-all', '2019');
    expect(r2019.comparator).toEqual({ value: 58.7, period: '2019', source: 'DfE national figure (imported file)' });
    expect(r2019.value).toBe(96.8);
    expect(r2019.better).toBe('better');
    expect(only(results, 'ehcp-20wk-excl', '2019').comparator?.value).toBe(60.4);
    const r2020 = only(results, 'ehcp-20wk-all', '2020');
    expect(r2020.comparator).toEqual({ value: 55.6, period: '2020', source: 'DfE national figure (imported file)' });
    expect(only(results, 'ehcp-20wk-excl', '2020').comparator?.value).toBe(58);
    // Without the national rows, both years fall back to the shipped figures, read from DfE's 2025-release file.
    const alone = computeMetrics(gateshead, { comparators: SHIPPED_COMPARATORS });
    expect(only(alone, 'ehcp-20wk-all', '2019').comparator).toMatchObject({ value: 58.7, period: '2019' });
    expect(only(alone, 'ehcp-20wk-all', '2019').comparator?.source).toContain('[R35]');
    expect(only(alone, 'ehcp-20wk-all', '2020').comparator).toMatchObject({ value: 55.6, period: '2020' });
  });

  it('gives the §4 national figures: 31,313/53,327 → 58.7 and 29,895/49,519 → 60.4 for 2019', () => {
    const asLocal = national.map((r) => ({ ...r, geography: 'local' as const }));
    const results = computeMetrics(asLocal, { comparators: SHIPPED_COMPARATORS });
    expect(only(results, 'ehcp-20wk-all', '2019')).toMatchObject({
      value: 58.7,
      numerator: 31313,
      denominator: 53327,
      status: 'ok',
    });
    expect(only(results, 'ehcp-20wk-excl', '2019')).toMatchObject({
      value: 60.4,
      numerator: 29895,
      denominator: 49519,
      status: 'ok',
      better: 'same',
    });
    // Columns published as x stay missing with their marker.
    const over1yr = only(results, 'ehcp-over-1yr', '2019');
    expect(over1yr.status).toBe('missing');
    expect(over1yr.value).toBeNull();
    expect(over1yr.problems).toEqual(['plans_issued_gt_1_year is not available (x)']);
  });
});

describe('send_appeal_rate_2024_2025.csv (spreadsheet saved as CSV)', () => {
  const lines = read('send_appeal_rate_2024_2025.csv');
  const headerAt = lines.findIndex((l) => l[1] === 'Old LA code');
  const body = lines.slice(headerAt + 1);
  const laLines = body.filter((l) => /^\d{3}$/.test((l[1] ?? '').trim()));
  const englandLine = body.find((l) => l[0] === 'England Total')!;

  /** The appeal-rate row for one year: ` - ` is nil (0) where the published rate shows 0; ` x ` is missing. */
  function yearRow(
    l: string[],
    offset: number,
    period: string,
    geography: Geography,
    areaCode: string,
  ): { row: StoredRow; published: string } {
    const values: Record<string, number | null> = {};
    const missing: Record<string, string> = {};
    const published = l[offset + 2]!.trim();
    [
      ['appeals_registered', l[offset]!],
      ['appealable_decisions', l[offset + 1]!],
      ['appeal_rate', published],
    ].forEach(([name, text]) => {
      const t = text!.trim();
      if (t === '-') {
        values[name!] = 0;
        return;
      }
      const cell = cellValue(t);
      values[name!] = cell.value;
      if (cell.marker) missing[name!] = cell.marker;
    });
    return {
      row: {
        dataset: 'appeal-rate',
        period,
        geography,
        areaCode,
        areaName: l[0]!.replace(/\d+$/, ''),
        breakdown: '',
        values,
        missing,
      },
      published,
    };
  }

  const englandRows = [
    yearRow(englandLine, 2, '2024', 'national', 'E92000001').row,
    yearRow(englandLine, 5, '2025', 'national', 'E92000001').row,
  ];

  it('holds every authority row', () => {
    expect(laLines.length).toBe(153);
  });

  it('computes, for every local-authority row and both years, the published appeal rate to one decimal place', () => {
    let compared = 0;
    let published = 0;
    for (const l of laLines) for (const i of [4, 7]) if (l[i]!.trim() !== 'x') published++;
    for (const l of laLines) {
      const code = l[1]!.trim();
      const years = [yearRow(l, 2, '2024', 'local', code), yearRow(l, 5, '2025', 'local', code)];
      const results = computeMetrics([...years.map((y) => y.row), ...englandRows], {
        comparators: SHIPPED_COMPARATORS,
        areaCode: code,
      });
      for (const { row, published } of years) {
        const result = only(results, 'appeal-rate', row.period);
        const where = `${row.areaName} ${row.period}`;
        if (published === 'x') {
          expect(result.status, where).toBe('missing');
          expect(result.value, where).toBeNull();
          expect(result.problems, where).toContain('appealable_decisions is not available (x)');
        } else {
          expect(result.status, `${where}: ${result.problems.join('; ')}`).toBe('ok');
          expect(result.value, where).toBe(round1(Number(published.replace('%', ''))));
          compared++;
        }
        expect(result.comparator?.period).toBe(row.period);
        expect(result.comparator?.source).toBe('DfE national figure (imported file)');
      }
    }
    expect(compared).toBe(published);
    expect(compared).toBeGreaterThan(290);
  });

  it('gives England 22,276/364,912 → 6.1 (2024) and 26,977/405,735 → 6.6 (2025), matching the shipped figures', () => {
    const results = computeMetrics(
      englandRows.map((r) => ({ ...r, geography: 'local' as const })),
      { comparators: SHIPPED_COMPARATORS },
    );
    expect(only(results, 'appeal-rate', '2024')).toMatchObject({
      value: 6.1,
      numerator: 22276,
      denominator: 364912,
      status: 'ok',
      comparator: { value: 6.1, period: '2024' },
      better: 'same',
    });
    expect(only(results, 'appeal-rate', '2025')).toMatchObject({
      value: 6.6,
      numerator: 26977,
      denominator: 405735,
      status: 'ok',
      comparator: { value: 6.6, period: '2025' },
    });
    expect(only(results, 'appeal-volume-calendar', '2025')).toMatchObject({
      value: 26977,
      unit: 'count',
      comparator: { value: 26977 },
    });
  });

  it('reads a nil appeal count as 0 only where the published rate is 0 (City of London 2024)', () => {
    const city = laLines.find((l) => l[1] === '201')!;
    const { row, published } = yearRow(city, 2, '2024', 'local', '201');
    expect(published).toBe('0.00%');
    const results = computeMetrics([row], { comparators: SHIPPED_COMPARATORS });
    expect(only(results, 'appeal-rate', '2024')).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 18,
      status: 'ok',
      better: 'better',
    });
  });
});

describe('annual_reviews_excerpt.csv (several breakdowns per area)', () => {
  const { rows, raw } = tidyRows('annual_reviews_excerpt.csv', 'annual-reviews', 12);
  // Only the "All reviews of EHC plans" row is an area's total; DfE's year-suffixed names map to the dataset's.
  const totals = rows
    .filter((_, i) => raw[i]![11] === 'All reviews of EHC plans')
    .map((r) => {
      const values: Record<string, number | null> = {};
      for (const [k, v] of Object.entries(r.values)) values[k.replace(/_2025$/, '')] = v;
      return { ...r, values };
    });

  it('gives England 2025: 161,396/339,027 → 47.6 within 4 weeks and 339,027/596,987 → 56.8 completed', () => {
    const england = totals.find((r) => r.geography === 'national')!;
    const results = computeMetrics([{ ...england, geography: 'local' }], { comparators: SHIPPED_COMPARATORS });
    expect(only(results, 'ar-on-time-decision-4wk', '2025')).toMatchObject({
      value: 47.6,
      numerator: 161396,
      denominator: 339027,
      status: 'ok',
      comparator: { value: 47.6, period: '2025' },
    });
    expect(only(results, 'ar-on-time-completed', '2025')).toMatchObject({
      value: 56.8,
      numerator: 339027,
      denominator: 596987,
      status: 'ok',
      comparator: { value: 56.8, period: '2025' },
    });
  });

  it('computes a region (the excerpt has no authority rows) against the England row as comparator', () => {
    const northEast = totals.find((r) => r.geography === 'regional')!;
    const england = totals.find((r) => r.geography === 'national')!;
    const results = computeMetrics([{ ...northEast, geography: 'local' }, england], {
      comparators: SHIPPED_COMPARATORS,
    });
    const decision = only(results, 'ar-on-time-decision-4wk', '2025');
    expect(decision).toMatchObject({ value: 37.6, numerator: 6269, denominator: 16669, status: 'ok', better: 'worse' });
    expect(decision.comparator).toEqual({ value: 47.6, period: '2025', source: 'DfE national figure (imported file)' });
    expect(only(results, 'ar-on-time-completed', '2025')).toMatchObject({
      value: 61.7,
      status: 'ok',
      better: 'better',
    });
    // ar-overdue needs a local column DfE does not publish: missing, with the reason.
    const overdue = only(results, 'ar-overdue', '2025');
    expect(overdue.status).toBe('missing');
    expect(overdue.problems).toEqual(['plans_no_review_12_months is not available (no value given)']);
  });
});
