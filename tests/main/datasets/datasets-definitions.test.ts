import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalogueJson from '../../../resources/catalogue/catalogue.json' with { type: 'json' };
import {
  DATASETS,
  datasetById,
  explainFailure,
  findBreakdownValue,
  findColumn,
  headerKey,
  rowNotes,
  validateRow,
} from '../../../shared/domain/datasets/index';
import type { DatasetRow } from '../../../shared/domain/datasets/types';

const REQUIRED_IDS = [
  'ehcp-timeliness',
  'ehcna-requests',
  'annual-reviews',
  'appeal-rate',
  'mediation',
  'health-waits',
  'absence',
  'exclusions',
  'neet',
  'attainment',
  'lgsco',
  'dsr',
  'phase-transfers',
  'advice-timeliness',
  'tribunal',
  'ehcp-caseload',
];

const dfeDir = new URL('../../fixtures/dfe/', import.meta.url);
const firstLine = (file: string) => readFileSync(new URL(file, dfeDir), 'utf8').split(/\r?\n/)[0]!;

function row(values: Record<string, number | null>, missing: Record<string, string> = {}): DatasetRow {
  return {
    period: '2019',
    geography: 'local',
    areaCode: '841',
    areaName: 'Darlington',
    breakdown: '',
    values,
    missing,
  };
}

describe('dataset definitions', () => {
  it('has every dataset the issue names, with stable kebab-case ids, once each', () => {
    const ids = DATASETS.map((d) => d.id);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(datasetById('ehcp-timeliness')?.title).toBeTruthy();
    expect(datasetById('nope')).toBeUndefined();
  });

  it('points every dataset at a checklist item of the shipped catalogue', () => {
    const items = new Set((catalogueJson as { items: { id: string }[] }).items.map((i) => i.id));
    for (const d of DATASETS) expect(items.has(d.catalogueItem), `${d.id} → ${d.catalogueItem}`).toBe(true);
  });

  it('gives each dataset its §4 period type', () => {
    const expected: Record<string, string> = {
      'ehcp-timeliness': 'calendar-year',
      'ehcna-requests': 'calendar-year',
      'annual-reviews': 'calendar-year',
      'appeal-rate': 'calendar-year',
      mediation: 'calendar-year',
      absence: 'academic-year',
      exclusions: 'academic-year',
      attainment: 'academic-year',
      tribunal: 'academic-year',
      neet: 'academic-year',
      'ehcp-caseload': 'academic-year',
      'health-waits': 'snapshot',
      dsr: 'snapshot',
      rtt: 'snapshot',
      lgsco: 'financial-year',
      'phase-transfers': 'academic-year',
    };
    for (const [id, type] of Object.entries(expected)) expect(datasetById(id)?.periodType, id).toBe(type);
  });

  it('has well-formed columns: snake_case names, units, and no header that could mean two columns', () => {
    for (const d of DATASETS) {
      const owner = new Map<string, string>();
      // ehcp-caseload takes either census source (SEN2 caseload or school census) and cyp-ed urgent or routine
      // cases (kept separate, §4), so nothing in them is required.
      if (!['ehcp-caseload', 'cyp-ed'].includes(d.id))
        expect(
          d.columns.some((c) => c.required),
          `${d.id} has a required column`,
        ).toBe(true);
      for (const c of d.columns) {
        expect(c.name, d.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
        expect(c.title.length).toBeGreaterThan(0);
        expect(c.unit.length).toBeGreaterThan(0);
        if (c.type === 'percent') expect(c.unit).toBe('%');
        for (const header of [c.name, ...c.synonyms]) {
          const key = headerKey(header);
          const other = owner.get(key);
          expect(
            other === undefined || other === c.name,
            `${d.id}: '${header}' means both ${other} and ${c.name}`,
          ).toBe(true);
          owner.set(key, c.name);
        }
      }
    }
  });

  it('has rules that read only its own columns, each described for a person, with unique ids', () => {
    for (const d of DATASETS) {
      const names = new Set(d.columns.map((c) => c.name));
      expect(new Set(d.rules.map((r) => r.id)).size).toBe(d.rules.length);
      for (const r of d.rules) {
        expect(r.description.length, r.id).toBeGreaterThan(10);
        expect(r.description).not.toMatch(/[a-z]+_[a-z_]+/); // labels, not field names
        for (const f of r.fields) expect(names.has(f), `${d.id} rule ${r.id} reads ${f}`).toBe(true);
      }
      // generic rules: every count is a whole number ≥ 0, every percentage is 0–100
      for (const c of d.columns) {
        if (c.type === 'count') expect(d.rules.some((r) => r.id === `${c.name}-whole-number`)).toBe(true);
        if (c.type === 'percent') expect(d.rules.some((r) => r.id === `${c.name}-percent-range`)).toBe(true);
      }
    }
  });

  it('has breakdown values with ids and titles that labels in files can be matched to', () => {
    const waits = datasetById('health-waits')!;
    expect(waits.breakdown?.values.map((v) => v.id)).toEqual([
      'camhs',
      'slt',
      'ot',
      'physio',
      'community-paediatrics',
      'nd-pathway',
    ]);
    expect(findBreakdownValue(waits, 'SALT')).toBe('slt');
    expect(findBreakdownValue(waits, 'Speech and language therapy')).toBe('slt');
    expect(findBreakdownValue(waits, 'Community Paediatrics')).toBe('community-paediatrics');
    expect(findBreakdownValue(waits, 'Neurodevelopmental')).toBe('nd-pathway');
    expect(findBreakdownValue(datasetById('absence')!, 'EHC plan')).toBe('ehcp');
    expect(findBreakdownValue(datasetById('absence')!, 'Total')).toBe('all');
    expect(findBreakdownValue(datasetById('absence')!, 'SEN support')).toBe('sen-support');
    for (const d of DATASETS) {
      const keys = new Map<string, string>();
      for (const v of d.breakdown?.values ?? []) {
        for (const label of [v.id, v.title, ...(v.synonyms ?? [])]) {
          const other = keys.get(headerKey(label));
          expect(other === undefined || other === v.id, `${d.id}: '${label}' means ${other} and ${v.id}`).toBe(true);
          keys.set(headerKey(label), v.id);
        }
      }
    }
  });

  it('names the DfE columns of the timeliness and annual-review files exactly, and the appeal-rate headers as synonyms', () => {
    const timeliness = datasetById('ehcp-timeliness')!;
    const dfeHeaders = firstLine('timeliness_20_week_excerpt.csv').split(',').slice(12);
    for (const h of dfeHeaders) expect(findColumn(timeliness, h)?.name, h).toBe(h);
    for (const name of ['median_weeks_issue_plan', 'p90_weeks_issue_plan'])
      expect(findColumn(timeliness, name)).toBeDefined();

    const reviews = datasetById('annual-reviews')!;
    const reviewHeaders = firstLine('annual_reviews_excerpt.csv').split(',').slice(12);
    const mapped = reviewHeaders.map((h) => findColumn(reviews, h)?.name);
    expect(mapped).toEqual([
      'total_ehc_plans',
      'review_expected',
      'review_not_expected',
      'review_completed',
      'review_completed_prior',
      'review_not_completed',
      'outcome_amended',
      'outcome_ceased',
      'outcome_maintained',
      'no_outcome_recorded',
      'decision_4_weeks',
      'decision_over_4_weeks',
    ]);
    expect(findColumn(reviews, 'review_expected_2024')?.name).toBe('review_expected');

    const appeals = datasetById('appeal-rate')!;
    expect(findColumn(appeals, 'Appeals registered')?.name).toBe('appeals_registered');
    expect(findColumn(appeals, 'Appeals')?.name).toBe('appeals_registered');
    expect(findColumn(appeals, 'Total Appealable Decisions')?.name).toBe('appealable_decisions');
    expect(findColumn(appeals, 'Total Appealable decisions')?.name).toBe('appealable_decisions');
    expect(findColumn(appeals, 'SEND Tribunal Appeal Rate')).toMatchObject({ name: 'appeal_rate', type: 'percent' });
    expect(findColumn(appeals, 'SEND Tribunal Appeal Rate2')?.name).toBe('appeal_rate');
    expect(findColumn(appeals, 'Old LA code')).toBeUndefined();
  });

  it('gives ehcp-timeliness published percentages as percent columns and weeks as numbers', () => {
    const d = datasetById('ehcp-timeliness')!;
    expect(findColumn(d, 'pc_plans_issued_within_20_weeks')?.type).toBe('percent');
    expect(findColumn(d, 'PC_plans_issued_20_weeks_ex')?.type).toBe('percent');
    expect(findColumn(d, 'avg_weeks_issue_plan')).toMatchObject({ type: 'number', unit: 'weeks' });
  });

  it('health-waits holds what §4 chs-waits, autism-13wk and cypmh-4wk need', () => {
    const d = datasetById('health-waits')!;
    for (const name of [
      'waiting_total',
      'waiting_over_18_weeks',
      'waiting_over_52_weeks',
      'median_weeks_waiting',
      'p90_weeks_waiting',
      'seen_in_period',
      'mean_weeks_waiting',
      'seen_within_4_weeks',
      'seen_within_13_weeks',
    ]) {
      expect(findColumn(d, name)?.name).toBe(name);
    }
  });
});

describe('validation rules', () => {
  const timeliness = datasetById('ehcp-timeliness')!;

  it('passes the real 2019 national row', () => {
    expect(
      validateRow(
        timeliness,
        row(
          {
            plans_issued_den: 53327,
            plans_issued_den_ex: 49519,
            plans_issued_within_20_weeks: 31313,
            plans_issued_20_weeks_ex: 29895,
            pc_plans_issued_within_20_weeks: 58.7,
            pc_plans_issued_20_weeks_ex: 60.4,
            plans_issued_gt20weeks_ltyear: null,
          },
          { plans_issued_gt20weeks_ltyear: 'x' },
        ),
      ),
    ).toEqual([]);
  });

  it('names the numbers when within 20 weeks exceeds plans issued', () => {
    const failures = validateRow(
      timeliness,
      row({
        plans_issued_den_ex: 29895,
        plans_issued_20_weeks_ex: 49519,
        plans_issued_den: 60000,
        plans_issued_within_20_weeks: 50000,
      }),
    );
    expect(failures.map((f) => f.message)).toContain(
      'plans issued within 20 weeks, excluding exceptions (49,519) must not exceed new EHC plans issued, excluding exceptions (29,895)',
    );
  });

  it('notes, never errs, where a published percentage differs from the one recomputed from its counts, as printed', () => {
    const base = { plans_issued_den: 49519, plans_issued_within_20_weeks: 29895 };
    expect(rowNotes(timeliness, row({ ...base, pc_plans_issued_within_20_weeks: 60.4 }))).toEqual([]);
    expect(validateRow(timeliness, row({ ...base, pc_plans_issued_within_20_weeks: 61.4 }))).toEqual([]);
    const notes = rowNotes(timeliness, row({ ...base, pc_plans_issued_within_20_weeks: 60.5 }));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toBe(
      'published % issued within 20 weeks is 60.5; recomputed from the counts (29,895 ÷ 49,519 × 100) it is 60.4. The published figure is the figure of record',
    );
  });

  it('errs only where parts exceed the whole, counts are not whole or < 0, percentages leave 0–100, weeks leave (0, 260]', () => {
    const messages = (values: Record<string, number | null>) =>
      validateRow(timeliness, row(values)).map((f) => f.message);
    // DfE's parts often fall short of the total (England 2023: 80,306 of 80,945): not an error.
    expect(
      messages({
        plans_issued_den: 80945,
        plans_issued_within_20_weeks: 39784,
        plans_issued_gt20weeks_ltyear: 36404,
        plans_issued_gt_1_year: 4118,
      }),
    ).toEqual([]);
    expect(
      messages({
        plans_issued_den: 100,
        plans_issued_within_20_weeks: 50,
        plans_issued_gt20weeks_ltyear: 45,
        plans_issued_gt_1_year: 10,
      }),
    ).toContain(
      'plans issued within 20 weeks, plans issued after 20 weeks but within a year and plans issued after more than a year (50 + 45 + 10 = 105) must not add up to more than new EHC plans issued (100)',
    );
    expect(messages({ plans_issued_den: -1 })).toContain('new EHC plans issued (-1) must be a whole number, 0 or more');
    expect(messages({ plans_issued_den: 10.5 })).toContain(
      'new EHC plans issued (10.5) must be a whole number, 0 or more',
    );
    expect(messages({ pc_plans_issued_within_20_weeks: 101 })).toContain(
      'published % issued within 20 weeks (101) must be a percentage from 0 to 100',
    );
    expect(messages({ avg_weeks_issue_plan: 0 })).toContain(
      'mean weeks from request to final plan (0) must be more than 0 and at most 260',
    );
    expect(messages({ avg_weeks_issue_plan: 261 })).toHaveLength(1);
    expect(messages({ avg_weeks_issue_plan: 23.4 })).toEqual([]);
  });

  it('skips a rule when a field it reads is missing (a marker is not a breach)', () => {
    expect(
      validateRow(
        timeliness,
        row({ plans_issued_den: null, plans_issued_within_20_weeks: 5 }, { plans_issued_den: 'x' }),
      ),
    ).toEqual([]);
  });

  it('keeps §4 rules for the other families', () => {
    const messages = (id: string, values: Record<string, number | null>) =>
      validateRow(datasetById(id)!, row(values)).map((f) => f.message);
    expect(
      messages('health-waits', { waiting_total: 100, waiting_over_18_weeks: 40, waiting_over_52_weeks: 41 }),
    ).toEqual(['waiting more than 52 weeks (41) must not exceed waiting more than 18 weeks (40)']);
    expect(
      messages('ehcna-requests', {
        requests_received_in_year: 100,
        requests_decided_to_assess: 60,
        requests_decided_not_to_assess: 30,
        requests_decision_not_made: 5,
        requests_withdrawn: 5,
      }),
    ).toEqual([]);
    expect(
      messages('ehcna-requests', {
        requests_received_in_year: 100,
        requests_decided_to_assess: 60,
        requests_decided_not_to_assess: 30,
        requests_decision_not_made: 5,
        requests_withdrawn: 4,
      }),
    ).toEqual([]);
    expect(
      messages('ehcna-requests', {
        requests_received_in_year: 100,
        requests_decided_to_assess: 60,
        requests_decided_not_to_assess: 30,
        requests_decision_not_made: 5,
        requests_withdrawn: 6,
      }),
    ).toHaveLength(1);
    // Decisions within and after 6 weeks are decisions made in the year, not parts of the year's requests (Manchester 2024).
    expect(
      messages('ehcna-requests', {
        requests_received_in_year: 2305,
        request_outcome_six_weeks: 1200,
        request_outcome_over_6_weeks: 1111,
        requests_decided_to_assess: 1500,
      }),
    ).toEqual([]);
    expect(messages('annual-reviews', { review_expected: 10, review_completed: 11 })).toEqual([
      'reviews completed in the year (11) must not exceed reviews expected in the year (10)',
    ]);
    expect(messages('appeal-rate', { appeals_registered: 8, appealable_decisions: 700, appeal_rate: 1.1 })).toEqual([]);
    expect(messages('appeal-rate', { appeals_registered: 800, appealable_decisions: 700 })).toHaveLength(1);
    expect(messages('tribunal', { appeals_registered: 10, appeals_disposed: 12, appeals_decided: 5 })).toHaveLength(1);
    expect(
      messages('neet', { cohort_16_17: 1000, neet_16_17: 30, not_known_16_17: 20, neet_not_known_16_17: 50 }),
    ).toEqual([]);
    expect(
      messages('neet', { cohort_16_17: 1000, neet_16_17: 30, not_known_16_17: 20, neet_not_known_16_17: 45 }),
    ).toHaveLength(1);
    expect(messages('exclusions', { headcount: 100, suspension: 250, perm_excl: 1 })).toEqual([]); // events can exceed pupils
    expect(messages('ehcp-caseload', { total_pupils: 100, ehc_plan: 50, sen_support: 60 })).toHaveLength(1);
    expect(messages('lgsco', { detailed_investigations: 10, upheld: 11 })).toHaveLength(1);
    expect(messages('dsr', { dsr_total: 10, ctr_required: 5, ctr_held: 6 })).toHaveLength(1);
  });

  it('explainFailure falls back to the description with the values for rules without explain', () => {
    const rule = { id: 'r', description: 'a must be small', fields: ['a'], holds: () => false };
    expect(explainFailure(rule, { a: 12345 })).toBe('a must be small (a = 12,345)');
  });
});

describe('rule wording', () => {
  it('keeps lists readable when labels hold commas', () => {
    const rule = datasetById('ehcp-timeliness')!.rules.find(
      (r) =>
        r.fields.join() ===
        'plans_issued_20_weeks_ex,plans_issued_gt20weeks_ltyear_ex,plans_issued_gt_1_year_ex,plans_issued_den_ex',
    )!;
    expect(rule.description).toBe(
      'plans issued within 20 weeks, excluding exceptions plus plans issued after 20 weeks but within a year, excluding exceptions plus plans issued after more than a year, excluding exceptions must not add up to more than new EHC plans issued, excluding exceptions',
    );
    const refusal = datasetById('ehcna-requests')!.rules.find(
      (r) => r.fields.includes('requests_withdrawn') && r.fields.length === 5,
    )!;
    expect(refusal.description).toBe(
      'requests agreed (decided to assess), requests refused (decided not to assess), requests awaiting a decision and requests withdrawn must not add up to more than requests for an EHC needs assessment received',
    );
  });
});
