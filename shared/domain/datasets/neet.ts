import { SEN_STATUS_BREAKDOWN } from './breakdowns';
import { count, defineDataset, percent } from './columns';

/**
 * 16–17-year-olds not in education, employment or training (NEET) or whose activity is not known, as the average of
 * December, January and February (DfE "Participation in education, training and NEET age 16 to 17 by local
 * authority"; methodology [R50]). The December–February average belongs to the academic year it falls in: Dec 2023
 * to Feb 2024 is '2023/24'.
 */
export const neet = defineDataset({
  id: 'neet',
  title: 'NEET or not known, ages 16–17, by SEN status',
  catalogueItem: 'neet-destinations',
  periodType: 'academic-year',
  breakdown: SEN_STATUS_BREAKDOWN,
  columns: [
    count('cohort_16_17', '16–17-year-olds known to the local authority', 'young people', {
      required: true,
      synonyms: ['Cohort', 'Known to LA', 'Number known to the LA', 'avg_cohort', 'Total 16-17 year olds'],
    }),
    count('neet_16_17', 'NEET', 'young people', { synonyms: ['NEET', 'Number NEET', 'avg_neet_count', 'NEET count'] }),
    count('not_known_16_17', 'Activity not known', 'young people', {
      synonyms: ['Not known', 'Number not known', 'avg_nk_count', 'Not known count'],
    }),
    count('neet_not_known_16_17', 'NEET or activity not known', 'young people', {
      required: true,
      synonyms: ['NEET or not known', 'NEET and not known', 'NEET/NK', 'avg_neet_nk_count'],
    }),
    percent('neet_percent', 'Published % NEET', { synonyms: ['NEET percentage', 'NEET_percent'] }),
    percent('not_known_percent', 'Published % not known', {
      synonyms: ['Not known percentage', 'Notknown_percent', 'nk_percent'],
    }),
    percent('neet_not_known_percent', 'Published % NEET or not known', {
      synonyms: ['NEET or not known percentage', 'NEET_not_known_percent', 'neet_nk_percent'],
    }),
  ],
  rules: (b) => [
    // neet-send: NEET + not known = NEET/NK
    b.partsWithin(['neet_16_17', 'not_known_16_17'], 'neet_not_known_16_17'),
    b.notExceed('neet_not_known_16_17', 'cohort_16_17'),
    b.publishedPercent('neet_not_known_percent', 'neet_not_known_16_17', 'cohort_16_17'),
    b.publishedPercent('neet_percent', 'neet_16_17', 'cohort_16_17'),
    b.publishedPercent('not_known_percent', 'not_known_16_17', 'cohort_16_17'),
  ],
});
