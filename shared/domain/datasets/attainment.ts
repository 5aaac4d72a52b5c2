import { SEN_STATUS_BREAKDOWN } from './breakdowns';
import { count, defineDataset, percent } from './columns';

/**
 * Key stage 2 attainment by SEN status: pupils reaching the expected standard in reading, writing and maths
 * (DfE "Key stage 2 attainment", local authority characteristics; names are DfE's [R62]). Academic year.
 */
export const attainment = defineDataset({
  id: 'attainment',
  title: 'Key stage 2 attainment by SEN status',
  catalogueItem: 'attainment',
  periodType: 'academic-year',
  breakdown: SEN_STATUS_BREAKDOWN,
  columns: [
    count('t_rwm_eligible_pupils', 'Pupils eligible for key stage 2 assessment', 'pupils', {
      required: true,
      synonyms: ['Eligible pupils', 'Cohort', 'KS2 cohort', 'Number of eligible pupils'],
    }),
    count('t_rwm_met_expected_standard', 'Pupils at the expected standard in reading, writing and maths', 'pupils', {
      required: true,
      synonyms: ['Met expected standard', 'RWM expected standard', 'Pupils meeting expected standard'],
    }),
    percent('pt_rwm_met_expected_standard', 'Published % at the expected standard in reading, writing and maths', {
      synonyms: ['Percentage met expected standard', 'RWM percentage', 'Percentage RWM expected standard'],
    }),
  ],
  rules: (b) => [
    b.notExceed('t_rwm_met_expected_standard', 't_rwm_eligible_pupils'),
    b.publishedPercent('pt_rwm_met_expected_standard', 't_rwm_met_expected_standard', 't_rwm_eligible_pupils'),
  ],
});
