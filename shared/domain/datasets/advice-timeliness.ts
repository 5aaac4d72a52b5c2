import { count, defineDataset } from './columns';

/**
 * Advice for EHC needs assessments returned within 6 weeks of the request, per agency (SEND Regulations 2014;
 * [R36]). Local data, by calendar year like the other EHC process figures.
 */
export const adviceTimeliness = defineDataset({
  id: 'advice-timeliness',
  title: 'Advice returned within 6 weeks',
  catalogueItem: 'advice-timeliness',
  periodType: 'calendar-year',
  breakdown: {
    name: 'agency',
    title: 'Agency',
    values: [
      { id: 'all', title: 'All agencies', synonyms: ['Total', 'All'] },
      {
        id: 'ep',
        title: 'Educational psychology',
        synonyms: ['EP', 'Educational psychologist', 'Educational psychology service'],
      },
      { id: 'health', title: 'Health', synonyms: ['Health advice', 'NHS'] },
      { id: 'social-care', title: 'Social care', synonyms: ['Social care advice', "Children's social care"] },
    ],
  },
  columns: [
    count('advice_requests', 'Advice requests made', 'requests', {
      required: true,
      synonyms: ['Requests for advice', 'Advice requested'],
    }),
    count('advice_within_6_weeks', 'Advice returned within 6 weeks', 'requests', {
      required: true,
      synonyms: ['Returned within 6 weeks', 'Within 6 weeks'],
    }),
  ],
  rules: (b) => [b.notExceed('advice_within_6_weeks', 'advice_requests')],
});
