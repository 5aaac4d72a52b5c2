import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/comparators';
import { metricById } from '../../../shared/domain/metrics/definitions';
import { csvObjects, parseCsvText } from '../../fixtures/imports/csv-text';

// Every national figure the app ships (resources/comparators.json) against DfE's data file it came from, read by the
// tests' own CSV reader: England's row, the published percentage where DfE publishes one, else the counts.

const text = (path: string) => {
  const bytes = readFileSync(
    new URL(`../../fixtures/${path}${path.endsWith('timeliness_20_week.csv') ? '.gz' : ''}`, import.meta.url),
  );
  return (path.endsWith('timeliness_20_week.csv') ? gunzipSync(bytes) : bytes).toString('utf8');
};

/** [published percentage column(s), numerator columns, denominator columns] of each metric in DfE's tidy files. */
const COLUMNS: Record<string, [string[], string[], string[]]> = {
  'ehcp-20wk-all': [['pc_plans_issued_within_20_weeks'], ['plans_issued_within_20_weeks'], ['plans_issued_den']],
  'ehcp-20wk-excl': [
    ['PC_plans_issued_20_weeks_ex', 'pc_plans_issued_20_weeks_ex'],
    ['plans_issued_20_weeks_ex'],
    ['plans_issued_den_ex'],
  ],
  'ehcp-over-1yr': [['pc_plans_issued_gt_1_year'], ['plans_issued_gt_1_year'], ['plans_issued_den']],
  'ehcna-refusal': [['request_not_assess_pc'], ['requests_decided_not_to_assess'], ['requests_received_in_year']],
  'ehcna-6wk': [
    ['request_outcome_six_weeks_pc'],
    ['request_outcome_six_weeks'],
    ['request_outcome_six_weeks', 'request_outcome_over_6_weeks'],
  ],
  'ar-on-time-decision-4wk': [
    ['pc_decsion_4weeks'],
    ['number_decsion_4weeks', 'decision_4_weeks'],
    ['number_decsion_4weeks', 'number_decision_gt_4weeks', 'decision_4_weeks', 'decision_over_4_weeks'],
  ],
  'ar-on-time-completed': [[], ['review_completed_2025'], ['review_expected_2025']],
};

/** Figures quoted from a publication's text, with no DfE data file in the repository to check them against. */
const FROM_PUBLICATIONS = new Set([
  'assess-to-plan',
  'ehcp-caseload',
  'sen-rates-ehcp',
  'sen-rates-sen-support',
  'appellant-success',
  'appeal-volume',
  'lgsco-upheld',
]);

const isNumber = (v: string | undefined) => v !== undefined && v.trim() !== '' && !Number.isNaN(Number(v));
const round1 = (n: number) => Math.round(n * 10) / 10;

function englandFigure(rows: Record<string, string>[], metric: string, period: string): number {
  const england = rows.filter(
    (r) =>
      (r.geographic_level === 'National' &&
        r.time_period === period &&
        /^All\b/.test(r.breakdown_topic ?? r.breakdown ?? '')) ||
      (r.geographic_level === 'National' && r.time_period === period && r.breakdown === 'All reviews of EHC plans'),
  );
  expect(england.length, `${metric} ${period}: England's total row`).toBe(1);
  const row = england[0]!;
  const [pcs, num, den] = COLUMNS[metric]!;
  const pc = pcs.map((c) => row[c]).find(isNumber);
  if (pc !== undefined) return Number(pc);
  const sum = (cols: string[]) => cols.filter((c) => isNumber(row[c])).reduce((t, c) => t + Number(row[c]), 0);
  return round1((sum(num) * 100) / sum(den));
}

describe('resources/comparators.json against the DfE files they came from', () => {
  it('names a DfE data file for every figure DfE publishes in one, and nothing else', () => {
    for (const c of SHIPPED_COMPARATORS.comparators) {
      expect(metricById(c.metric), c.metric).toBeDefined();
      if (FROM_PUBLICATIONS.has(c.metric)) expect(c.dataFile, `${c.metric} ${c.period}`).toBeUndefined();
      else expect(c.dataFile, `${c.metric} ${c.period} must name the DfE file it came from`).toBeTruthy();
    }
  });

  it("gives England's figure of each tidy file for the same metric and period, exactly", () => {
    let checked = 0;
    const files = new Map<string, Record<string, string>[]>();
    for (const c of SHIPPED_COMPARATORS.comparators.filter((x) => x.dataFile && COLUMNS[x.metric])) {
      if (!files.has(c.dataFile!)) files.set(c.dataFile!, csvObjects(text(c.dataFile!)));
      const rows = files.get(c.dataFile!)!;
      expect(c.value, `${c.metric} ${c.period} (${c.dataFile})`).toBe(englandFigure(rows, c.metric, c.period));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });

  it('gives all-plans timeliness 45.9% (2024) and 49.1% (2023), and the excluding-exceptions 46.4% and 50.3% only under that metric', () => {
    const get = (metric: string, period: string) =>
      SHIPPED_COMPARATORS.comparators.find((c) => c.metric === metric && c.period === period)?.value;
    expect([get('ehcp-20wk-all', '2024'), get('ehcp-20wk-all', '2023')]).toEqual([45.9, 49.1]);
    expect([get('ehcp-20wk-excl', '2024'), get('ehcp-20wk-excl', '2023')]).toEqual([46.4, 50.3]);
  });

  it('gives the appeal rates of the England Total row of the appealable-decisions spreadsheet', () => {
    const lines = parseCsvText(text('dfe/send_appeal_rate_2024_2025.csv'));
    const england = lines.find((l) => l[0] === 'England Total')!;
    const shipped = SHIPPED_COMPARATORS.comparators.filter((c) => c.dataFile === 'dfe/send_appeal_rate_2024_2025.csv');
    expect(shipped.length).toBe(4);
    for (const c of shipped) {
      const offset = c.period === '2024' ? 2 : 5;
      const value =
        c.metric === 'appeal-rate'
          ? Number(england[offset + 2]!.trim().replace('%', ''))
          : Number(england[offset]!.replace(/[,\s]/g, ''));
      expect(c.value, `${c.metric} ${c.period}`).toBe(c.metric === 'appeal-rate' ? round1(value) : value);
    }
  });
});
