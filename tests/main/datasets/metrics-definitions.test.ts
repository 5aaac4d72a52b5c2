import { describe, expect, it } from 'vitest';
import { checkComparatorFile, SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/comparators';
import { DATASETS, datasetById } from '../../../shared/domain/datasets/index';
import { describeFormula, metricById, METRICS, METRICS_NOT_FROM_DATASETS } from '../../../shared/domain/metrics/index';

// Every id of the §4 table (docs/domain), as the metric id or the start of each figure's id.
const SECTION_4_IDS = [
  'ehcp-20wk-all',
  'ehcp-20wk-excl',
  'ehcp-avg-weeks',
  'ehcp-over-1yr',
  'ehcna-6wk',
  'ehcna-refusal',
  'assess-to-plan',
  'ehcp-caseload',
  'sen-rates',
  'ar-on-time',
  'ar-overdue',
  'phase-transfer',
  'advice-6wk',
  'appeal-rate',
  'appellant-success',
  'appeal-volume',
  'lgsco-upheld',
  'rtt-18wk',
  'chs-waits',
  'autism-13wk',
  'cypmh-4wk',
  'cyp-ed',
  'persistent-absence',
  'suspension-rate',
  'ks2-rwm',
  'neet-send',
  'dsr-ctr',
  'lo-feedback-published',
];

describe('metric definitions', () => {
  it('covers every §4 id, exactly where §4 gives one figure and as a prefix where it gives several', () => {
    const ids = [...METRICS.map((m) => m.id), ...METRICS_NOT_FROM_DATASETS.map((m) => m.id)];
    for (const id of SECTION_4_IDS)
      expect(
        ids.some((m) => m === id || m.startsWith(`${id}-`)),
        id,
      ).toBe(true);
    for (const id of [
      'ehcp-20wk-all',
      'ehcp-20wk-excl',
      'ehcp-avg-weeks',
      'ehcp-over-1yr',
      'ehcna-6wk',
      'ehcna-refusal',
      'assess-to-plan',
      'ehcp-caseload',
      'appeal-rate',
      'appellant-success',
      'appeal-volume',
      'lgsco-upheld',
      'rtt-18wk',
      'autism-13wk',
      'cypmh-4wk',
      'persistent-absence',
      'ks2-rwm',
      'neet-send',
      'dsr-ctr',
      'suspension-rate',
      'perm-exclusion-rate',
      'ar-on-time-decision-4wk',
      'ar-on-time-completed',
      'sen-rates-ehcp',
      'sen-rates-sen-support',
      'cyp-ed-urgent-1wk',
      'cyp-ed-routine-4wk',
    ]) {
      expect(metricById(id), id).toBeDefined();
    }
    for (const s of ['camhs', 'slt', 'ot', 'physio', 'community-paediatrics', 'nd-pathway']) {
      for (const f of ['total', 'over-18wk', 'over-52wk'])
        expect(metricById(`chs-waits-${s}-${f}`), `${s} ${f}`).toBeDefined();
    }
  });

  it('has unique kebab-case ids and reads only columns and breakdown values its dataset has', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const def = datasetById(m.dataset);
      expect(def, `${m.id} → ${m.dataset}`).toBeDefined();
      const columns = new Map(def!.columns.map((c) => [c.name, c]));
      const fields =
        m.formula.kind === 'ratio' ? [...m.formula.numerator, ...m.formula.denominator] : [m.formula.field];
      for (const f of fields) expect(columns.has(f), `${m.id} reads ${f}`).toBe(true);
      if (m.formula.kind === 'ratio') {
        expect(['%', 'per 100']).toContain(m.unit);
        for (const f of fields) expect(columns.get(f)!.type, `${m.id} ${f}`).toBe('count');
      } else {
        expect(['count', 'weeks']).toContain(m.unit);
        expect(columns.get(m.formula.field)!.type).toBe(m.unit === 'count' ? 'count' : 'number');
      }
      if (def!.breakdown) {
        expect(
          def!.breakdown.values.map((v) => v.id),
          m.id,
        ).toContain(m.breakdown);
      } else {
        expect(m.breakdown, m.id).toBeUndefined();
      }
      if (m.publishedField) expect(['percent', 'number'], m.id).toContain(columns.get(m.publishedField)?.type);
      expect(m.decimals).toBe({ '%': 1, 'per 100': 2, weeks: 1, count: 0 }[m.unit]);
      expect(['higher', 'lower', 'context']).toContain(m.direction);
    }
  });

  it('computes something from every dataset', () => {
    for (const d of DATASETS)
      expect(
        METRICS.some((m) => m.dataset === d.id),
        d.id,
      ).toBe(true);
  });

  it('uses the §4 units and directions', () => {
    const expect4 = (id: string, unit: string, direction: string) =>
      expect(metricById(id), id).toMatchObject({ unit, direction });
    expect4('ehcp-20wk-all', '%', 'higher');
    expect4('ehcp-avg-weeks', 'weeks', 'lower');
    expect4('ehcp-over-1yr', '%', 'lower');
    expect4('ehcna-refusal', '%', 'context');
    expect4('assess-to-plan', '%', 'context');
    expect4('ehcp-caseload', 'count', 'context');
    expect4('appeal-rate', '%', 'lower');
    expect4('appellant-success', '%', 'context');
    expect4('appeal-volume', 'count', 'context');
    expect4('lgsco-upheld', '%', 'lower');
    expect4('suspension-rate-ehcp', 'per 100', 'lower');
    expect4('perm-exclusion-rate', 'per 100', 'lower');
    expect4('chs-waits-slt-over-52wk', 'count', 'lower');
    expect(metricById('cypmh-4wk')?.label).toBe('local/provisional');
    expect(metricById('cypmh-4wk')?.title).toContain('local/provisional');
    expect(metricById('rtt-18wk')?.standard?.value).toBe(92);
    expect(metricById('autism-13wk')?.breakdown).toBe('nd-pathway');
  });

  it('writes the formulas §4 gives', () => {
    expect(describeFormula(metricById('ar-on-time-decision-4wk')!)).toBe(
      'decision_4_weeks ÷ (decision_4_weeks + decision_over_4_weeks) × 100',
    );
    expect(describeFormula(metricById('ar-on-time-completed')!)).toBe('review_completed ÷ review_expected × 100');
    expect(describeFormula(metricById('ehcp-20wk-excl')!)).toBe('plans_issued_20_weeks_ex ÷ plans_issued_den_ex × 100');
    expect(describeFormula(metricById('assess-to-plan')!)).toBe(
      'assess_issued ÷ (assess_issued + assess_not_issued) × 100',
    );
    expect(describeFormula(metricById('ehcp-avg-weeks')!)).toBe('avg_weeks_issue_plan');
  });

  it('documents the §4 metric that is not computed from a dataset', () => {
    const lo = METRICS_NOT_FROM_DATASETS.find((m) => m.id === 'lo-feedback-published');
    expect(lo?.catalogueItem).toBe('local-offer-feedback');
    expect(metricById('lo-feedback-published')).toBeUndefined();
  });
});

describe('resources/comparators.json', () => {
  it('is sound: known metrics, canonical periods for the metric, sources citing §7 keys, no duplicates', () => {
    expect(checkComparatorFile(SHIPPED_COMPARATORS)).toEqual([]);
    expect(SHIPPED_COMPARATORS.source).toContain('§4');
  });

  it('holds the §4 national figures', () => {
    const get = (metric: string, period: string) =>
      SHIPPED_COMPARATORS.comparators.find((c) => c.metric === metric && c.period === period)?.value;
    expect(get('ehcp-20wk-all', '2024')).toBe(45.9);
    expect(get('ehcp-20wk-all', '2023')).toBe(49.1);
    expect(get('ehcp-20wk-excl', '2024')).toBe(46.4);
    expect(get('ehcp-20wk-excl', '2023')).toBe(50.3);
    expect(get('ehcp-20wk-all', '2019')).toBe(58.7);
    expect(get('ehcp-20wk-excl', '2019')).toBe(60.4);
    expect(get('ehcna-refusal', '2019')).toBe(22.8);
    expect(get('assess-to-plan', '2019')).toBe(94.1);
    expect(get('appeal-rate', '2024')).toBe(6.1);
    expect(get('appeal-rate', '2025')).toBe(6.6);
    expect(get('ar-on-time-decision-4wk', '2025')).toBe(47.6);
    expect(get('ar-on-time-completed', '2025')).toBe(56.8);
    expect(get('appellant-success', '2022/23')).toBe(98.3);
    expect(get('appeal-volume', '2022/23')).toBe(13658);
    expect(get('lgsco-upheld', '2022/23')).toBe(84);
    expect(get('sen-rates-ehcp', '2024/25')).toBe(5.3);
    expect(get('sen-rates-sen-support', '2024/25')).toBe(14.2);
    expect(get('ehcp-caseload', '2024/25')).toBe(638700);
  });

  it('refuses a comparator for an unknown metric, a wrong period form or no source key', () => {
    expect(
      checkComparatorFile({
        source: 's',
        comparators: [
          { metric: 'nope', period: '2019', value: 1, source: '[R1]' },
          { metric: 'appeal-rate', period: '2024/25', value: 1, source: '[R71]' },
          { metric: 'appeal-rate', period: '2024', value: 101, source: 'somewhere' },
        ],
      }),
    ).toEqual([
      'nope: no such metric',
      'appeal-rate 2024/25: period is not a canonical calendar-year',
      'appeal-rate 2024: a percentage above 100',
      'appeal-rate 2024: source must cite a §7 key such as [R51]',
    ]);
  });
});
