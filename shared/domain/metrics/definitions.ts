import { HEALTH_SERVICE_BREAKDOWN, SEN_STATUS_BREAKDOWN } from '../datasets/breakdowns';
import type { MetricDefinition, MetricDirection, MetricUnit } from './types';

/**
 * Every KPI of the docs/domain §4 as computed from one dataset row. Extra figures the datasets hold (median
 * weeks, overall absence, mediation outcomes…) are defined too, each under its own id.
 */

const DECIMALS: Record<MetricUnit, number> = { '%': 1, 'per 100': 2, weeks: 1, count: 0 };

interface Common {
  family?: string;
  breakdown?: string;
  publishedField?: string;
  label?: string;
  note?: string;
  standard?: { value: number; source: string };
}

function ratio(
  id: string,
  title: string,
  dataset: string,
  numerator: string | string[],
  denominator: string | string[],
  direction: MetricDirection,
  common: Common & { unit?: '%' | 'per 100' } = {},
): MetricDefinition {
  const { unit = '%', family = id, ...rest } = common;
  return {
    id,
    family,
    title,
    dataset,
    unit,
    direction,
    decimals: DECIMALS[unit],
    formula: { kind: 'ratio', numerator: [numerator].flat(), denominator: [denominator].flat() },
    ...rest,
  };
}

function value(
  id: string,
  title: string,
  dataset: string,
  field: string,
  unit: 'count' | 'weeks',
  direction: MetricDirection,
  common: Common = {},
): MetricDefinition {
  const { family = id, ...rest } = common;
  return {
    id,
    family,
    title,
    dataset,
    unit,
    direction,
    decimals: DECIMALS[unit],
    formula: { kind: 'value', field },
    ...rest,
  };
}

/** Metrics repeated per SEN status: the base id is the whole population ('all'); others add the status id. */
function bySenStatus(
  make: (id: string, titleSuffix: string, breakdown: string) => MetricDefinition,
  base: string,
): MetricDefinition[] {
  return SEN_STATUS_BREAKDOWN.values.map((v) =>
    make(v.id === 'all' ? base : `${base}-${v.id}`, v.id === 'all' ? 'all pupils' : v.title, v.id),
  );
}

const ehcpTimeliness: MetricDefinition[] = [
  ratio(
    'ehcp-20wk-all',
    'New EHC plans issued within 20 weeks',
    'ehcp-timeliness',
    'plans_issued_within_20_weeks',
    'plans_issued_den',
    'higher',
    { publishedField: 'pc_plans_issued_within_20_weeks' },
  ),
  ratio(
    'ehcp-20wk-excl',
    'New EHC plans issued within 20 weeks, excluding exceptions',
    'ehcp-timeliness',
    'plans_issued_20_weeks_ex',
    'plans_issued_den_ex',
    'higher',
    {
      publishedField: 'pc_plans_issued_20_weeks_ex',
      note: 'Both sides leave out plans with a regulation 13(3) exception.',
    },
  ),
  value(
    'ehcp-avg-weeks',
    'Mean weeks from request to final EHC plan',
    'ehcp-timeliness',
    'avg_weeks_issue_plan',
    'weeks',
    'lower',
  ),
  value(
    'ehcp-avg-weeks-excl',
    'Mean weeks from request to final EHC plan, excluding exceptions',
    'ehcp-timeliness',
    'avg_weeks_issue_plan_exc',
    'weeks',
    'lower',
    { family: 'ehcp-avg-weeks' },
  ),
  value(
    'ehcp-weeks-median',
    'Median weeks from request to final EHC plan',
    'ehcp-timeliness',
    'median_weeks_issue_plan',
    'weeks',
    'lower',
    { family: 'ehcp-avg-weeks', note: 'From an EHC plan extract; DfE does not publish it.' },
  ),
  value(
    'ehcp-weeks-p90',
    '90th-centile weeks from request to final EHC plan',
    'ehcp-timeliness',
    'p90_weeks_issue_plan',
    'weeks',
    'lower',
    { family: 'ehcp-avg-weeks', note: 'From an EHC plan extract; DfE does not publish it.' },
  ),
  ratio(
    'ehcp-over-1yr',
    'New EHC plans issued after more than a year',
    'ehcp-timeliness',
    'plans_issued_gt_1_year',
    'plans_issued_den',
    'lower',
    { publishedField: 'pc_plans_issued_gt_1_year' },
  ),
];

const ehcnaRequests: MetricDefinition[] = [
  ratio(
    'ehcna-6wk',
    'Assessment request decisions notified within 6 weeks',
    'ehcna-requests',
    'request_outcome_six_weeks',
    ['request_outcome_six_weeks', 'request_outcome_over_6_weeks'],
    'higher',
    { publishedField: 'request_outcome_six_weeks_pc' },
  ),
  ratio(
    'ehcna-refusal',
    'Assessment requests refused',
    'ehcna-requests',
    'requests_decided_not_to_assess',
    'requests_received_in_year',
    'context',
    { publishedField: 'request_not_assess_pc' },
  ),
  ratio(
    'assess-to-plan',
    'Assessments ending in an EHC plan',
    'ehcna-requests',
    'assess_issued',
    ['assess_issued', 'assess_not_issued'],
    'context',
    {
      note: 'Plans issued ÷ (plans issued + decisions not to issue); assessments withdrawn or undecided are left out.',
    },
  ),
];

const caseload: MetricDefinition[] = [
  value(
    'ehcp-caseload',
    'EHC plans held at the January census (0–25)',
    'ehcp-caseload',
    'ehcplans',
    'count',
    'context',
  ),
  ratio('sen-rates-ehcp', 'Pupils with an EHC plan', 'ehcp-caseload', 'ehc_plan', 'total_pupils', 'context', {
    family: 'sen-rates',
    publishedField: 'ehc_plan_percent',
  }),
  ratio('sen-rates-sen-support', 'Pupils on SEN support', 'ehcp-caseload', 'sen_support', 'total_pupils', 'context', {
    family: 'sen-rates',
    publishedField: 'sen_support_percent',
  }),
];

const annualReviews: MetricDefinition[] = [
  ratio(
    'ar-on-time-decision-4wk',
    'Annual review decisions issued within 4 weeks of the meeting',
    'annual-reviews',
    'decision_4_weeks',
    ['decision_4_weeks', 'decision_over_4_weeks'],
    'higher',
    { family: 'ar-on-time', publishedField: 'pc_decision_4_weeks' },
  ),
  ratio(
    'ar-on-time-completed',
    'Expected annual reviews completed in the year',
    'annual-reviews',
    'review_completed',
    'review_expected',
    'higher',
    { family: 'ar-on-time' },
  ),
  ratio(
    'ar-overdue',
    'EHC plans with no review in the last 12 months',
    'annual-reviews',
    'plans_no_review_12_months',
    'total_ehc_plans',
    'lower',
  ),
];

const phaseTransfers: MetricDefinition[] = [
  ratio(
    'phase-transfer',
    'Phase transfer plans amended by the deadline',
    'phase-transfers',
    ['transfers_school_on_time', 'transfers_post16_on_time'],
    ['transfers_school', 'transfers_post16'],
    'higher',
  ),
  ratio(
    'phase-transfer-school',
    'School phase transfer plans amended by 15 February',
    'phase-transfers',
    'transfers_school_on_time',
    'transfers_school',
    'higher',
    { family: 'phase-transfer' },
  ),
  ratio(
    'phase-transfer-post16',
    'Post-16 transfer plans amended by 31 March',
    'phase-transfers',
    'transfers_post16_on_time',
    'transfers_post16',
    'higher',
    { family: 'phase-transfer' },
  ),
];

const adviceAgencies: Record<string, string> = {
  all: 'all agencies',
  ep: 'educational psychology',
  health: 'health',
  'social-care': 'social care',
};
const advice: MetricDefinition[] = Object.entries(adviceAgencies).map(([agency, name]) =>
  ratio(
    agency === 'all' ? 'advice-6wk' : `advice-6wk-${agency}`,
    `Advice returned within 6 weeks, ${name}`,
    'advice-timeliness',
    'advice_within_6_weeks',
    'advice_requests',
    'higher',
    { family: 'advice-6wk', breakdown: agency },
  ),
);

const appeals: MetricDefinition[] = [
  ratio(
    'appeal-rate',
    'SEND Tribunal appeal rate (appeals ÷ appealable decisions)',
    'appeal-rate',
    'appeals_registered',
    'appealable_decisions',
    'lower',
    {
      publishedField: 'appeal_rate',
      note: 'Lower is better but read it in context: the denominator changed with the 2025 method (annual reviews completed replace plans held and ceased).',
    },
  ),
  value(
    'appeal-volume-calendar',
    'SEND Tribunal appeals registered in the calendar year',
    'appeal-rate',
    'appeals_registered',
    'count',
    'context',
    { family: 'appeal-volume' },
  ),
  ratio(
    'appellant-success',
    'Appeals decided wholly or partly for the appellant',
    'tribunal',
    'decided_for_appellant',
    'appeals_decided',
    'context',
    { note: '§4 gives no better direction; for the local authority a lower figure is better.' },
  ),
  value(
    'appeal-volume',
    'SEND Tribunal appeals registered in the academic year',
    'tribunal',
    'appeals_registered',
    'count',
    'context',
  ),
  ratio(
    'mediation-to-appeal',
    'Mediations followed by an appeal',
    'mediation',
    'mediation_followed_by_appeal',
    'mediation_cases',
    'lower',
  ),
  ratio(
    'mediation-agreement',
    'Mediations ending in agreement',
    'mediation',
    'mediation_agreement',
    'mediation_cases',
    'higher',
    { family: 'mediation-to-appeal' },
  ),
  ratio(
    'lgsco-upheld',
    'Ombudsman detailed investigations upheld',
    'lgsco',
    'upheld',
    'detailed_investigations',
    'lower',
  ),
];

const healthWaits: MetricDefinition[] = HEALTH_SERVICE_BREAKDOWN.values.flatMap((s) => {
  const name = s.title;
  const common = { family: 'chs-waits', breakdown: s.id };
  return [
    value(
      `chs-waits-${s.id}-total`,
      `Children and young people waiting, ${name}`,
      'health-waits',
      'waiting_total',
      'count',
      'lower',
      common,
    ),
    ratio(
      `chs-waits-${s.id}-over-18wk`,
      `Waiting more than 18 weeks, ${name}`,
      'health-waits',
      'waiting_over_18_weeks',
      'waiting_total',
      'lower',
      { ...common, publishedField: 'pc_waiting_over_18_weeks' },
    ),
    value(
      `chs-waits-${s.id}-over-52wk`,
      `Waiting more than 52 weeks, ${name}`,
      'health-waits',
      'waiting_over_52_weeks',
      'count',
      'lower',
      common,
    ),
    value(
      `chs-waits-${s.id}-median-weeks`,
      `Median weeks waited so far, ${name}`,
      'health-waits',
      'median_weeks_waiting',
      'weeks',
      'lower',
      common,
    ),
  ];
});

const health: MetricDefinition[] = [
  ...healthWaits,
  ratio(
    'autism-13wk',
    'Neurodevelopmental (autism) assessments started within 13 weeks of referral',
    'health-waits',
    'seen_within_13_weeks',
    'seen_in_period',
    'higher',
    {
      breakdown: 'nd-pathway',
      note: 'NICE QS51 expects a diagnostic assessment to start within 3 months of referral.',
    },
  ),
  ratio(
    'cypmh-4wk',
    'Children seen by mental health services within 4 weeks of referral (local/provisional)',
    'health-waits',
    'seen_within_4_weeks',
    'seen_in_period',
    'higher',
    { breakdown: 'camhs', label: 'local/provisional', note: 'A proposed standard, piloted; not a national measure.' },
  ),
  ...[
    ['all', "all children's treatment functions"],
    ['paediatrics', 'paediatrics'],
    ['paediatric-neurology', 'paediatric neurology'],
    ['child-psychiatry', 'child and adolescent psychiatry'],
  ].map(([tf, name]) =>
    ratio(
      tf === 'all' ? 'rtt-18wk' : `rtt-18wk-${tf!}`,
      `Consultant-led pathways waiting under 18 weeks, ${name!}`,
      'rtt',
      'incomplete_within_18_weeks',
      'incomplete_pathways',
      'higher',
      {
        family: 'rtt-18wk',
        breakdown: tf!,
        publishedField: 'pc_within_18_weeks',
        standard: { value: 92, source: 'NHS constitution standard: 92% of incomplete pathways under 18 weeks [R55]' },
      },
    ),
  ),
  ratio(
    'cyp-ed-urgent-1wk',
    'Urgent eating disorder cases starting treatment within 1 week',
    'cyp-ed',
    'urgent_within_1_week',
    'urgent_started',
    'higher',
    {
      family: 'cyp-ed',
      standard: { value: 95, source: 'NHS access and waiting time standard for CYP eating disorders: 95% [R60]' },
    },
  ),
  ratio(
    'cyp-ed-routine-4wk',
    'Routine eating disorder cases starting treatment within 4 weeks',
    'cyp-ed',
    'routine_within_4_weeks',
    'routine_started',
    'higher',
    {
      family: 'cyp-ed',
      standard: { value: 95, source: 'NHS access and waiting time standard for CYP eating disorders: 95% [R60]' },
    },
  ),
  ratio('dsr-ctr', 'C(E)TRs held when required, Dynamic Support Register', 'dsr', 'ctr_held', 'ctr_required', 'higher'),
  value(
    'dsr-ctr-on-register',
    'Children and young people on the Dynamic Support Register',
    'dsr',
    'dsr_total',
    'count',
    'context',
    { family: 'dsr-ctr' },
  ),
  value('dsr-ctr-red', 'On the Dynamic Support Register at red (high) risk', 'dsr', 'dsr_red', 'count', 'context', {
    family: 'dsr-ctr',
  }),
  value(
    'dsr-ctr-amber',
    'On the Dynamic Support Register at amber (medium) risk',
    'dsr',
    'dsr_amber',
    'count',
    'context',
    { family: 'dsr-ctr' },
  ),
  value(
    'dsr-ctr-green',
    'On the Dynamic Support Register at green (low) risk',
    'dsr',
    'dsr_green',
    'count',
    'context',
    { family: 'dsr-ctr' },
  ),
];

const outcomes: MetricDefinition[] = [
  ...bySenStatus(
    (id, who, b) =>
      ratio(
        id,
        `Persistent absence (10% or more of sessions missed), ${who}`,
        'absence',
        'enrolments_pa_10_exact',
        'enrolments',
        'lower',
        { family: 'persistent-absence', breakdown: b, publishedField: 'enrolments_pa_10_exact_percent' },
      ),
    'persistent-absence',
  ),
  ...bySenStatus(
    (id, who, b) =>
      ratio(id, `Overall absence rate, ${who}`, 'absence', 'sess_overall', 'sess_possible', 'lower', {
        family: 'absence-overall',
        breakdown: b,
        publishedField: 'sess_overall_percent',
      }),
    'absence-overall',
  ),
  ...bySenStatus(
    (id, who, b) =>
      ratio(id, `Suspensions per 100 pupils, ${who}`, 'exclusions', 'suspension', 'headcount', 'lower', {
        unit: 'per 100',
        family: 'suspension-rate',
        breakdown: b,
        publishedField: 'susp_rate',
        note: 'Suspensions are events: one pupil can have several.',
      }),
    'suspension-rate',
  ),
  ...bySenStatus(
    (id, who, b) =>
      ratio(id, `Permanent exclusions per 100 pupils, ${who}`, 'exclusions', 'perm_excl', 'headcount', 'lower', {
        unit: 'per 100',
        family: 'suspension-rate',
        breakdown: b,
        publishedField: 'perm_excl_rate',
      }),
    'perm-exclusion-rate',
  ),
  ...bySenStatus(
    (id, who, b) =>
      ratio(
        id,
        `Key stage 2: expected standard in reading, writing and maths, ${who}`,
        'attainment',
        't_rwm_met_expected_standard',
        't_rwm_eligible_pupils',
        'higher',
        { family: 'ks2-rwm', breakdown: b, publishedField: 'pt_rwm_met_expected_standard' },
      ),
    'ks2-rwm',
  ),
  ...SEN_STATUS_BREAKDOWN.values.map((v) => {
    const id =
      {
        all: 'neet-all',
        send: 'neet-send',
        ehcp: 'neet-send-ehcp',
        'sen-support': 'neet-send-sen-support',
        'no-sen': 'neet-no-sen',
      }[v.id] ?? `neet-${v.id}`;
    const who =
      v.id === 'all'
        ? 'all 16–17-year-olds'
        : v.id === 'send'
          ? '16–17-year-olds with SEND'
          : `16–17-year-olds, ${v.title}`;
    return ratio(id, `NEET or activity not known, ${who}`, 'neet', 'neet_not_known_16_17', 'cohort_16_17', 'lower', {
      family: 'neet-send',
      breakdown: v.id,
      publishedField: 'neet_not_known_percent',
      note: 'Average of December, January and February.',
    });
  }),
];

export const METRICS: readonly MetricDefinition[] = [
  ...ehcpTimeliness,
  ...ehcnaRequests,
  ...caseload,
  ...annualReviews,
  ...phaseTransfers,
  ...advice,
  ...appeals,
  ...health,
  ...outcomes,
];

export function metricById(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}

export function metricsForDataset(dataset: string): MetricDefinition[] {
  return METRICS.filter((m) => m.dataset === dataset);
}

/**
 * §4 metrics that are not computed from dataset rows, and why. The app tracks them elsewhere.
 */
export const METRICS_NOT_FROM_DATASETS: readonly {
  id: string;
  title: string;
  reason: string;
  catalogueItem: string;
}[] = [
  {
    id: 'lo-feedback-published',
    title: 'Date the Local Offer comments and response were last published',
    reason:
      'A date, not a figure for a period: it is the date of the newest published "you said, we did" document, so it ' +
      'is held as evidence on checklist item local-offer-feedback, whose freshness rule (at least yearly, [R29]) ' +
      'flags it when more than 12 months old.',
    catalogueItem: 'local-offer-feedback',
  },
];

/** The formula written for a person: 'plans_issued_within_20_weeks ÷ plans_issued_den × 100'. */
export function describeFormula(metric: MetricDefinition): string {
  if (metric.formula.kind === 'value') return metric.formula.field;
  const side = (fields: string[]) => (fields.length === 1 ? fields[0]! : `(${fields.join(' + ')})`);
  return `${side(metric.formula.numerator)} ÷ ${side(metric.formula.denominator)} × 100`;
}
