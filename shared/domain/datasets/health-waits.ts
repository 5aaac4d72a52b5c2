import { HEALTH_SERVICE_BREAKDOWN } from './breakdowns';
import { count, defineDataset, percent, weeks } from './columns';

/**
 * Children and young people waiting for community and specialist health services at a snapshot date, per service
 * (§4 chs-waits [R56][R57]; autism-13wk [R38]; cypmh-4wk [R58]). Either typed in as aggregates or computed from a
 * waiting-list extract (one row per child: service, referral date, optionally first-seen date), which the importer
 * aggregates to these columns without keeping any row. "Seen" means the first appointment or, on the
 * neurodevelopmental pathway, the start of the diagnostic assessment.
 */
export const healthWaits = defineDataset({
  id: 'health-waits',
  title: 'Health waiting times',
  catalogueItem: 'health-waits',
  periodType: 'snapshot',
  breakdown: HEALTH_SERVICE_BREAKDOWN,
  columns: [
    count('waiting_total', 'Children and young people waiting', 'children', {
      required: true,
      synonyms: ['Waiting', 'Total waiting', 'Number waiting', 'Waiting list', 'CYP waiting'],
    }),
    count('waiting_over_18_weeks', 'Waiting more than 18 weeks', 'children', {
      synonyms: ['Over 18 weeks', 'Waiting over 18 weeks', '>18 weeks'],
    }),
    count('waiting_over_52_weeks', 'Waiting more than 52 weeks', 'children', {
      synonyms: ['Over 52 weeks', 'Waiting over 52 weeks', 'Over a year', '>52 weeks'],
    }),
    percent('pc_waiting_over_18_weeks', 'Published % waiting more than 18 weeks', {
      synonyms: ['Percentage over 18 weeks'],
    }),
    weeks('median_weeks_waiting', 'Median weeks waited so far', {
      synonyms: ['Median wait', 'Median weeks', 'Median wait (weeks)'],
    }),
    weeks('mean_weeks_waiting', 'Mean weeks waited so far', {
      synonyms: ['Mean wait', 'Average wait', 'Average weeks', 'Mean weeks'],
    }),
    weeks('p90_weeks_waiting', '90th-centile weeks waited so far', {
      synonyms: ['90th centile wait', '90th percentile wait', 'P90 wait', 'P90 weeks'],
    }),
    count('referrals_in_period', 'Referrals received in the period', 'referrals', {
      synonyms: ['Referrals', 'New referrals'],
    }),
    count('seen_in_period', 'Children seen for the first time in the period', 'children', {
      synonyms: ['Seen', 'First seen', 'Assessments started', 'Clock stops'],
    }),
    count('seen_within_4_weeks', 'Of those seen, seen within 4 weeks of referral', 'children', {
      synonyms: ['Seen within 4 weeks', 'Within 4 weeks'],
    }),
    count('seen_within_13_weeks', 'Of those seen, seen within 13 weeks of referral', 'children', {
      synonyms: ['Seen within 13 weeks', 'Within 13 weeks', 'Assessment started within 13 weeks', 'Within 3 months'],
    }),
  ],
  rules: (b) => [
    // chs-waits: >52 ≤ >18 ≤ total
    b.notExceed('waiting_over_52_weeks', 'waiting_over_18_weeks'),
    b.notExceed('waiting_over_18_weeks', 'waiting_total'),
    b.notExceed('waiting_over_52_weeks', 'waiting_total'),
    b.publishedPercent('pc_waiting_over_18_weeks', 'waiting_over_18_weeks', 'waiting_total'),
    b.notExceed('median_weeks_waiting', 'p90_weeks_waiting'),
    // autism-13wk / cypmh-4wk
    b.notExceed('seen_within_4_weeks', 'seen_within_13_weeks'),
    b.notExceed('seen_within_13_weeks', 'seen_in_period'),
    b.notExceed('seen_within_4_weeks', 'seen_in_period'),
  ],
});
