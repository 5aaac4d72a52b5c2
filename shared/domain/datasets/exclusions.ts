import { SEN_STATUS_BREAKDOWN } from './breakdowns';
import { count, defineDataset, rate } from './columns';

/**
 * Suspensions and permanent exclusions by SEN status for an academic year (DfE "Suspensions and permanent
 * exclusions in England", pupil characteristics; names are DfE's [R47]). Rates are per 100 pupils (headcount);
 * suspensions are events, so they can exceed the number of pupils.
 */
export const exclusions = defineDataset({
  id: 'exclusions',
  title: 'Suspensions and permanent exclusions by SEN status',
  catalogueItem: 'exclusions',
  periodType: 'academic-year',
  breakdown: SEN_STATUS_BREAKDOWN,
  columns: [
    count('headcount', 'Pupils (headcount)', 'pupils', {
      required: true,
      synonyms: ['Pupils', 'Number of pupils', 'Pupil headcount'],
    }),
    count('suspension', 'Suspensions', 'suspensions', {
      required: true,
      synonyms: ['Suspensions', 'Number of suspensions', 'Fixed period exclusions', 'fixed_excl'],
    }),
    rate('susp_rate', 'Published suspension rate', 'per 100 pupils', {
      synonyms: ['Suspension rate', 'fixed_excl_rate'],
    }),
    count('perm_excl', 'Permanent exclusions', 'exclusions', {
      required: true,
      synonyms: ['Permanent exclusions', 'Number of permanent exclusions'],
    }),
    rate('perm_excl_rate', 'Published permanent exclusion rate', 'per 100 pupils', {
      synonyms: ['Permanent exclusion rate'],
    }),
    count('one_plus_susp', 'Pupils with one or more suspensions', 'pupils', {
      synonyms: ['One or more suspensions', 'one_plus_fixed'],
    }),
    rate('one_plus_susp_rate', 'Published rate of pupils with one or more suspensions', 'per 100 pupils', {
      synonyms: ['One or more suspensions rate', 'one_+_susp_rate', 'one_or_more_fixed_excl_rate'],
    }),
  ],
  rules: (b) => [
    b.notExceed('perm_excl', 'headcount'),
    b.notExceed('one_plus_susp', 'headcount'),
    b.notExceed('one_plus_susp', 'suspension'),
    b.publishedPercent('susp_rate', 'suspension', 'headcount'),
    b.publishedPercent('perm_excl_rate', 'perm_excl', 'headcount'),
    b.publishedPercent('one_plus_susp_rate', 'one_plus_susp', 'headcount'),
  ],
});
