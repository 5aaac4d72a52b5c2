import { describe, expect, it } from 'vitest';
import { computeMetrics, roundedRatio, trend, type StoredRow } from '../../../main/datasets/metrics/compute-metrics';
import { SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/comparators';
import type { ComparatorFile, MetricResult } from '../../../shared/domain/metrics/types';

function local(
  dataset: string,
  period: string,
  values: Record<string, number | null>,
  extra: Partial<StoredRow> = {},
): StoredRow {
  return {
    dataset,
    period,
    geography: 'local',
    areaCode: '881',
    areaName: 'Essex',
    breakdown: '',
    values,
    missing: {},
    ...extra,
  };
}
function national(
  dataset: string,
  period: string,
  values: Record<string, number | null>,
  extra: Partial<StoredRow> = {},
): StoredRow {
  return {
    dataset,
    period,
    geography: 'national',
    areaCode: 'E92000001',
    areaName: 'England',
    breakdown: '',
    values,
    missing: {},
    ...extra,
  };
}
const compute = (rows: StoredRow[], comparators: ComparatorFile = SHIPPED_COMPARATORS) =>
  computeMetrics(rows, { comparators });
function one(results: MetricResult[], id: string, period: string): MetricResult {
  const found = results.filter((r) => r.id === id && r.period === period);
  expect(found, `${id} ${period}`).toHaveLength(1);
  return found[0]!;
}

describe('§4 worked examples', () => {
  it('ehcp-20wk-excl: 29,895 of 49,519 → 60.4%', () => {
    const r = one(
      compute([local('ehcp-timeliness', '2019', { plans_issued_den_ex: 49519, plans_issued_20_weeks_ex: 29895 })]),
      'ehcp-20wk-excl',
      '2019',
    );
    expect(r).toMatchObject({
      id: 'ehcp-20wk-excl',
      dataset: 'ehcp-timeliness',
      period: '2019',
      value: 60.4,
      unit: '%',
      direction: 'higher',
      numerator: 29895,
      denominator: 49519,
      status: 'ok',
      problems: [],
      better: 'same',
    });
    expect(r.comparator).toMatchObject({ value: 60.4, period: '2019' });
  });

  it('ehcp-20wk-all 2019: 31,313 / 53,327 → 58.7', () => {
    const r = one(
      compute([local('ehcp-timeliness', '2019', { plans_issued_den: 53327, plans_issued_within_20_weeks: 31313 })]),
      'ehcp-20wk-all',
      '2019',
    );
    expect(r).toMatchObject({ value: 58.7, status: 'ok', comparator: { value: 58.7, period: '2019' } });
  });

  it('ehcna-refusal: 18,755 / 82,329 → 22.8, shown as context', () => {
    const r = one(
      compute([
        local('ehcna-requests', '2019', { requests_received_in_year: 82329, requests_decided_not_to_assess: 18755 }),
      ]),
      'ehcna-refusal',
      '2019',
    );
    expect(r).toMatchObject({
      value: 22.8,
      status: 'ok',
      direction: 'context',
      better: null,
      comparator: { value: 22.8 },
    });
  });

  it('assess-to-plan: 53,899 issued and 3,368 not → 94.1', () => {
    const r = one(
      compute([
        local('ehcna-requests', '2019', {
          requests_received_in_year: 82329,
          assess_issued: 53899,
          assess_not_issued: 3368,
        }),
      ]),
      'assess-to-plan',
      '2019',
    );
    expect(r).toMatchObject({ value: 94.1, numerator: 53899, denominator: 57267, status: 'ok' });
  });

  it('annual reviews 2025 England: 161,396/339,027 → 47.6 and 339,027/596,987 → 56.8', () => {
    const results = compute([
      local('annual-reviews', '2025', {
        decision_4_weeks: 161396,
        decision_over_4_weeks: 177631,
        review_completed: 339027,
        review_expected: 596987,
        total_ehc_plans: 718838,
      }),
    ]);
    expect(one(results, 'ar-on-time-decision-4wk', '2025')).toMatchObject({
      value: 47.6,
      numerator: 161396,
      denominator: 339027,
      status: 'ok',
    });
    expect(one(results, 'ar-on-time-completed', '2025')).toMatchObject({
      value: 56.8,
      numerator: 339027,
      denominator: 596987,
      status: 'ok',
    });
  });

  it('appeal rate: 22,276/364,912 → 6.1 (2024) and 26,977/405,735 → 6.6 (2025)', () => {
    const results = compute([
      local('appeal-rate', '2024', { appeals_registered: 22276, appealable_decisions: 364912 }),
      local('appeal-rate', '2025', { appeals_registered: 26977, appealable_decisions: 405735 }),
    ]);
    expect(one(results, 'appeal-rate', '2024')).toMatchObject({ value: 6.1, status: 'ok' });
    expect(one(results, 'appeal-rate', '2025')).toMatchObject({ value: 6.6, status: 'ok' });
  });
});

describe('validation, missing figures and comparators', () => {
  it('reports a rule breach as invalid, with the numbers, and never as better or worse', () => {
    const r = one(
      compute([local('ehcp-timeliness', '2024', { plans_issued_den: 100, plans_issued_within_20_weeks: 120 })]),
      'ehcp-20wk-all',
      '2024',
    );
    expect(r.status).toBe('invalid');
    expect(r.value).toBe(120); // still reported so the UI can show it as invalid
    expect(r.problems).toContain('plans issued within 20 weeks (120) must not exceed new EHC plans issued (100)');
    expect(r.comparator).toMatchObject({ value: 45.9, period: '2024' });
    expect(r.better).toBeNull();
  });

  it('flags each metric that reads a field of the broken rule', () => {
    const results = compute([
      local('ehcp-timeliness', '2024', {
        plans_issued_den: 100,
        plans_issued_within_20_weeks: 50,
        plans_issued_den_ex: 90,
        plans_issued_20_weeks_ex: 60,
      }),
    ]);
    // within_ex (60) > within (50): the excl figure breaks it, and so is the row's all-plans figure flagged.
    expect(one(results, 'ehcp-20wk-excl', '2024').status).toBe('invalid');
    expect(one(results, 'ehcp-20wk-all', '2024').status).toBe('invalid');
    expect(one(results, 'ehcp-20wk-all', '2024').problems).toEqual([
      'plans issued within 20 weeks, excluding exceptions (60) must not exceed plans issued within 20 weeks (50)',
    ]);
  });

  it('keeps the published percentage as the figure, with a note where the counts give another', () => {
    const r = one(
      compute([local('appeal-rate', '2024', { appeals_registered: 8, appealable_decisions: 700, appeal_rate: 11 })]),
      'appeal-rate',
      '2024',
    );
    expect(r).toMatchObject({ status: 'ok', value: 11, numerator: 8, denominator: 700, problems: [] });
    expect(r.notes).toEqual([
      'published SEND Tribunal appeal rate is 11; recomputed from the counts (8 ÷ 700 × 100) it is 1.1. The published figure is the figure of record',
    ]);
  });

  it('computes a figure DfE publishes as x from the counts, and says so', () => {
    const r = one(
      compute([
        local(
          'ehcp-timeliness',
          '2024',
          { plans_issued_den: 200, plans_issued_within_20_weeks: 90, pc_plans_issued_within_20_weeks: null },
          { missing: { pc_plans_issued_within_20_weeks: 'x' } },
        ),
      ]),
      'ehcp-20wk-all',
      '2024',
    );
    expect(r).toMatchObject({
      status: 'ok',
      value: 45,
      problems: [],
      notes: ['not published by DfE; computed from the counts'],
    });
  });

  it('shows a published figure whose counts are not published', () => {
    const r = one(
      compute([
        local(
          'ehcp-timeliness',
          '2024',
          { plans_issued_den: null, plans_issued_within_20_weeks: null, pc_plans_issued_within_20_weeks: 61.2 },
          { missing: { plans_issued_den: 'c', plans_issued_within_20_weeks: 'c' } },
        ),
      ]),
      'ehcp-20wk-all',
      '2024',
    );
    expect(r).toMatchObject({ status: 'ok', value: 61.2, numerator: null, denominator: null, problems: [] });
  });

  it('an impossible figure touches only the metrics that use it, never the rest of the row', () => {
    const results = compute([
      local('ehcp-timeliness', '2024', {
        plans_issued_den: 100,
        plans_issued_within_20_weeks: 50,
        plans_issued_gt_1_year: 10,
        plans_issued_den_ex: 90,
        plans_issued_20_weeks_ex: 40,
        avg_weeks_issue_plan: 300,
      }),
    ]);
    expect(one(results, 'ehcp-avg-weeks', '2024').status).toBe('invalid');
    expect(one(results, 'ehcp-20wk-all', '2024')).toMatchObject({ status: 'ok', value: 50, problems: [] });
    expect(one(results, 'ehcp-over-1yr', '2024').status).toBe('ok');
  });

  it('reports a published marker as missing with its reason, never as 0', () => {
    const results = compute([
      local(
        'ehcp-timeliness',
        '2024',
        { plans_issued_den: null, plans_issued_within_20_weeks: 40 },
        { missing: { plans_issued_den: 'x' } },
      ),
      local(
        'ehcp-timeliness',
        '2023',
        { plans_issued_den: 100, plans_issued_within_20_weeks: null },
        { missing: { plans_issued_within_20_weeks: 'c' } },
      ),
    ]);
    const x = one(results, 'ehcp-20wk-all', '2024');
    expect(x).toMatchObject({ status: 'missing', value: null, numerator: null, denominator: null, better: null });
    expect(x.problems).toEqual(['plans_issued_den is not available (x)']);
    expect(one(results, 'ehcp-20wk-all', '2023').problems).toEqual([
      'plans_issued_within_20_weeks is not available (c: suppressed)',
    ]);
  });

  it('reports a zero denominator as missing, not 0%', () => {
    const r = one(
      compute([local('ehcp-timeliness', '2019', { plans_issued_den: 0, plans_issued_within_20_weeks: 0 })]),
      'ehcp-20wk-all',
      '2019',
    );
    expect(r).toMatchObject({ status: 'missing', value: null, numerator: 0, denominator: 0 });
    expect(r.problems).toEqual(['plans_issued_den is 0, so the percentage cannot be computed']);
  });

  it('only computes periods the local area has, and only metrics whose inputs the row could hold', () => {
    const results = compute([
      local('appeal-rate', '2024', { appeals_registered: 10, appealable_decisions: 200 }),
      national('appeal-rate', '2025', { appeals_registered: 26977, appealable_decisions: 405735 }),
    ]);
    expect(results.map((r) => `${r.id} ${r.period}`).sort()).toEqual([
      'appeal-rate 2024',
      'appeal-volume-calendar 2024',
    ]);
  });

  it('takes the comparator from an imported national row of the same period over comparators.json', () => {
    const rows = [
      local('ehcp-timeliness', '2019', { plans_issued_den: 100, plans_issued_within_20_weeks: 70 }),
      national('ehcp-timeliness', '2019', { plans_issued_den: 50000, plans_issued_within_20_weeks: 31000 }),
    ];
    const r = one(compute(rows), 'ehcp-20wk-all', '2019');
    expect(r.comparator).toEqual({ value: 62, period: '2019', source: 'DfE national figure (imported file)' });
    expect(r.better).toBe('better');
  });

  it('falls back to comparators.json when the national row of the period is missing or invalid', () => {
    const invalidNational = national('ehcp-timeliness', '2019', {
      plans_issued_den: 100,
      plans_issued_within_20_weeks: 120,
    });
    const missingNational = national(
      'ehcp-timeliness',
      '2019',
      { plans_issued_den: null, plans_issued_within_20_weeks: 1 },
      { missing: { plans_issued_den: 'x' } },
    );
    for (const n of [invalidNational, missingNational]) {
      const r = one(
        compute([local('ehcp-timeliness', '2019', { plans_issued_den: 100, plans_issued_within_20_weeks: 50 }), n]),
        'ehcp-20wk-all',
        '2019',
      );
      expect(r.comparator?.value).toBe(58.7);
      expect(r.comparator?.source).toContain('[R35]');
      expect(r.better).toBe('worse');
    }
  });

  it('never uses a comparator from a different period', () => {
    const rows = [
      local('ehcp-timeliness', '2018', { plans_issued_den: 100, plans_issued_within_20_weeks: 70 }),
      national('ehcp-timeliness', '2017', { plans_issued_den: 59097, plans_issued_within_20_weeks: 32863 }),
      national('ehcp-timeliness', '2019', { plans_issued_den: 100, plans_issued_within_20_weeks: 50 }),
    ];
    const r = one(compute(rows), 'ehcp-20wk-all', '2018');
    expect(r.comparator).toBeNull();
    expect(r.better).toBeNull();
    expect(r.status).toBe('ok');
  });

  it('matches comparators by breakdown too', () => {
    const rows = [
      local('absence', '2023/24', { enrolments: 1000, enrolments_pa_10_exact: 350 }, { breakdown: 'ehcp' }),
      national('absence', '2023/24', { enrolments: 200000, enrolments_pa_10_exact: 70000 }, { breakdown: 'ehcp' }),
      national('absence', '2023/24', { enrolments: 7000000, enrolments_pa_10_exact: 1400000 }, { breakdown: 'all' }),
    ];
    const r = one(compute(rows), 'persistent-absence-ehcp', '2023/24');
    expect(r).toMatchObject({ value: 35, breakdown: 'ehcp', comparator: { value: 35 }, better: 'same' });
    expect(compute(rows).some((x) => x.id === 'persistent-absence')).toBe(false);
  });

  it('judges better or worse by direction, and not at all for context metrics', () => {
    const results = compute([
      local('appeal-rate', '2024', { appeals_registered: 10, appealable_decisions: 1000 }), // 1.0 vs 6.1, lower is better
      local('appeal-rate', '2025', { appeals_registered: 100, appealable_decisions: 1000 }), // 10.0 vs 6.6
      local('ehcp-timeliness', '2024', { plans_issued_den: 100, plans_issued_within_20_weeks: 40 }), // 40.0 vs 45.9, higher is better
      local('ehcp-timeliness', '2023', { plans_issued_den: 1000, plans_issued_within_20_weeks: 491 }), // 49.1 vs 49.1
      local('ehcp-caseload', '2024/25', { ehcplans: 5000, total_pupils: 100000, ehc_plan: 6000, sen_support: 14000 }),
    ]);
    expect(one(results, 'appeal-rate', '2024').better).toBe('better');
    expect(one(results, 'appeal-rate', '2025').better).toBe('worse');
    expect(one(results, 'ehcp-20wk-all', '2024').better).toBe('worse');
    expect(one(results, 'ehcp-20wk-all', '2023').better).toBe('same');
    expect(one(results, 'ehcp-caseload', '2024/25')).toMatchObject({
      value: 5000,
      unit: 'count',
      comparator: { value: 638700 },
      better: null,
    });
    expect(one(results, 'sen-rates-ehcp', '2024/25')).toMatchObject({
      value: 6,
      comparator: { value: 5.3 },
      better: null,
    });
    expect(one(results, 'sen-rates-sen-support', '2024/25')).toMatchObject({
      value: 14,
      comparator: { value: 14.2, period: '2024/25' },
    });
  });

  it('computes health waits per service, with the §4 order rule', () => {
    const at = '2025-03-31';
    const results = compute([
      local(
        'health-waits',
        at,
        { waiting_total: 400, waiting_over_18_weeks: 198, waiting_over_52_weeks: 60, median_weeks_waiting: 17.25 },
        { breakdown: 'slt' },
      ),
      local(
        'health-waits',
        at,
        { waiting_total: 300, waiting_over_18_weeks: 100, waiting_over_52_weeks: 120 },
        { breakdown: 'community-paediatrics' },
      ),
      local(
        'health-waits',
        at,
        { waiting_total: 50, seen_in_period: 40, seen_within_13_weeks: 10 },
        { breakdown: 'nd-pathway' },
      ),
      local(
        'health-waits',
        at,
        { waiting_total: 80, seen_in_period: 20, seen_within_4_weeks: 9 },
        { breakdown: 'camhs' },
      ),
    ]);
    expect(one(results, 'chs-waits-slt-over-18wk', at)).toMatchObject({
      value: 49.5,
      numerator: 198,
      denominator: 400,
      status: 'ok',
      breakdown: 'slt',
    });
    expect(one(results, 'chs-waits-slt-total', at)).toMatchObject({ value: 400, status: 'ok' });
    expect(one(results, 'chs-waits-slt-over-52wk', at)).toMatchObject({ value: 60, unit: 'count' });
    expect(one(results, 'chs-waits-slt-median-weeks', at)).toMatchObject({ value: 17.3, unit: 'weeks' });
    const paeds = one(results, 'chs-waits-community-paediatrics-over-52wk', at);
    expect(paeds.status).toBe('invalid');
    expect(paeds.problems).toContain(
      'waiting more than 52 weeks (120) must not exceed waiting more than 18 weeks (100)',
    );
    expect(one(results, 'autism-13wk', at)).toMatchObject({ value: 25, status: 'ok', breakdown: 'nd-pathway' });
    expect(one(results, 'cypmh-4wk', at)).toMatchObject({ value: 45, label: 'local/provisional' });
    expect(results.some((r) => r.id.startsWith('chs-waits-ot-'))).toBe(false);
  });

  it('gives rates per 100 to 2 decimal places, as DfE publishes them', () => {
    const r = one(
      compute([
        local(
          'exclusions',
          '2023/24',
          { headcount: 3000, suspension: 1234, perm_excl: 4, susp_rate: 41.13, perm_excl_rate: 0.13 },
          { breakdown: 'sen-support' },
        ),
      ]),
      'perm-exclusion-rate-sen-support',
      '2023/24',
    );
    expect(r).toMatchObject({ value: 0.13, unit: 'per 100', status: 'ok' });
  });

  it('flags a period that is not in the dataset’s canonical form, and duplicate rows for a period', () => {
    const results = compute([
      local('tribunal', '2022-23', { appeals_registered: 50 }),
      local('lgsco', '2022/23', { detailed_investigations: 10, upheld: 8 }),
      local('lgsco', '2022/23', { detailed_investigations: 10, upheld: 9 }),
    ]);
    const tribunal = one(results, 'appeal-volume', '2022-23');
    expect(tribunal.status).toBe('invalid');
    expect(tribunal.problems).toEqual(["period '2022-23' is not written as 2022/23"]);
    const lgsco = one(results, 'lgsco-upheld', '2022/23');
    expect(lgsco.status).toBe('invalid');
    expect(lgsco.problems[0]).toMatch(/2 rows for 2022\/23/);
  });

  it('keeps to the local area it is given and refuses to mix areas', () => {
    const rows = [
      local('appeal-rate', '2024', { appeals_registered: 10, appealable_decisions: 1000 }),
      local(
        'appeal-rate',
        '2024',
        { appeals_registered: 30, appealable_decisions: 1000 },
        { areaCode: '841', areaName: 'Darlington' },
      ),
    ];
    expect(() => compute(rows)).toThrow(/several local areas/);
    const essex = computeMetrics(rows, { comparators: SHIPPED_COMPARATORS, areaCode: '881' });
    expect(one(essex, 'appeal-rate', '2024').value).toBe(1);
  });
});

describe('trend', () => {
  it('lists one metric by period, oldest first, leaving out values that are not ok', () => {
    const results = compute([
      local('ehcp-timeliness', '2021', { plans_issued_den: 200, plans_issued_within_20_weeks: 100 }),
      local('ehcp-timeliness', '2019', { plans_issued_den: 100, plans_issued_within_20_weeks: 60 }),
      local('ehcp-timeliness', '2022', { plans_issued_den: 100, plans_issued_within_20_weeks: 160 }),
      local(
        'ehcp-timeliness',
        '2020',
        { plans_issued_den: null, plans_issued_within_20_weeks: 5 },
        { missing: { plans_issued_den: 'x' } },
      ),
    ]);
    expect(trend(results, 'ehcp-20wk-all')).toEqual([
      { period: '2019', value: 60, status: 'ok' },
      { period: '2020', value: null, status: 'missing' },
      { period: '2021', value: 50, status: 'ok' },
      { period: '2022', value: null, status: 'invalid' },
    ]);
    expect(trend(results, 'appeal-rate')).toEqual([]);
  });

  it('orders academic years and snapshots by time', () => {
    const results = compute([
      local('tribunal', '2023/24', { appeals_registered: 30 }),
      local('tribunal', '2021/22', { appeals_registered: 10 }),
      local('tribunal', '2022/23', { appeals_registered: 20 }),
    ]);
    expect(trend(results, 'appeal-volume').map((p) => p.period)).toEqual(['2021/22', '2022/23', '2023/24']);
  });
});

describe('rounding', () => {
  it('rounds half up from the counts', () => {
    expect(roundedRatio(1, 16, 1)).toBe(6.3); // 6.25
    expect(roundedRatio(29895, 49519, 1)).toBe(60.4);
    expect(roundedRatio(1, 3, 2)).toBe(33.33);
    expect(roundedRatio(2, 3, 1)).toBe(66.7);
  });
});
