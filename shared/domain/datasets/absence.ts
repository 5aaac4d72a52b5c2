import { SEN_STATUS_BREAKDOWN } from './breakdowns';
import { count, defineDataset, percent } from './columns';

/**
 * Pupil absence by SEN status for a full academic year (DfE "Pupil absence in schools in England", pupil
 * characteristics; column names are DfE's [R61]). A persistent absentee misses 10% or more of possible sessions.
 */
export const absence = defineDataset({
  id: 'absence',
  title: 'Absence by SEN status',
  catalogueItem: 'attendance',
  periodType: 'academic-year',
  breakdown: SEN_STATUS_BREAKDOWN,
  columns: [
    count('enrolments', 'Enrolments', 'enrolments', {
      required: true,
      synonyms: ['Pupils', 'Number of enrolments', 'Pupil enrolments'],
    }),
    count('enrolments_pa_10_exact', 'Persistent absentees (10% or more of sessions missed)', 'enrolments', {
      required: true,
      synonyms: ['Persistent absentees', 'Number of persistent absentees', 'PA enrolments'],
    }),
    percent('enrolments_pa_10_exact_percent', 'Published % of enrolments persistently absent', {
      synonyms: ['Persistent absence rate', 'Percentage persistent absentees', 'Persistent absence percentage'],
    }),
    count('sess_possible', 'Possible sessions', 'sessions', {
      synonyms: ['Sessions possible', 'Number of possible sessions'],
    }),
    count('sess_overall', 'Sessions missed (overall absence)', 'sessions', {
      synonyms: ['Overall absence sessions', 'Sessions missed', 'Absence sessions'],
    }),
    percent('sess_overall_percent', 'Published overall absence rate', {
      synonyms: ['Overall absence rate', 'Overall absence percentage'],
    }),
  ],
  rules: (b) => [
    b.notExceed('enrolments_pa_10_exact', 'enrolments'),
    b.publishedPercent('enrolments_pa_10_exact_percent', 'enrolments_pa_10_exact', 'enrolments'),
    b.notExceed('sess_overall', 'sess_possible'),
    b.publishedPercent('sess_overall_percent', 'sess_overall', 'sess_possible'),
  ],
});
