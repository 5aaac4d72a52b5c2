import { count, defineDataset, percent, weeks } from './columns';

/**
 * New EHC plans issued in a calendar year and how long they took from request (DfE SEN2,
 * `timeliness_20_week.csv`, EES data set 90d7c9d3… [R35]). Column names are DfE's. An EHC plan case-level extract
 * (request date, issue date, exception flag) aggregates to the same columns, plus the median and 90th-centile weeks
 * that DfE does not publish. The `_ex` columns exclude plans with a regulation 13(3) exception.
 */
export const ehcpTimeliness = defineDataset({
  id: 'ehcp-timeliness',
  title: 'EHC plans issued within 20 weeks',
  catalogueItem: 'ehcp-timeliness',
  periodType: 'calendar-year',
  columns: [
    count('plans_issued_den', 'New EHC plans issued', 'plans', {
      required: true,
      synonyms: ['Plans issued', 'EHC plans issued', 'New plans issued', 'Total plans issued', 'All plans issued'],
    }),
    count('plans_issued_den_ex', 'New EHC plans issued, excluding exceptions', 'plans', {
      synonyms: ['Plans issued excluding exceptions', 'Plans issued (excluding exceptions)', 'plans_issued_den_exc'],
    }),
    count('plans_issued_within_20_weeks', 'Plans issued within 20 weeks', 'plans', {
      required: true,
      synonyms: ['Issued within 20 weeks', 'Within 20 weeks', 'Plans within 20 weeks'],
    }),
    count('plans_issued_20_weeks_ex', 'Plans issued within 20 weeks, excluding exceptions', 'plans', {
      synonyms: [
        'Issued within 20 weeks excluding exceptions',
        'Within 20 weeks excluding exceptions',
        'plans_issued_within_20_weeks_ex',
      ],
    }),
    percent('pc_plans_issued_within_20_weeks', 'Published % issued within 20 weeks', {
      synonyms: ['Percentage within 20 weeks', 'Percentage issued within 20 weeks', 'pc_within_20_weeks'],
    }),
    percent('pc_plans_issued_20_weeks_ex', 'Published % issued within 20 weeks, excluding exceptions', {
      synonyms: [
        'Percentage within 20 weeks excluding exceptions',
        'Percentage issued within 20 weeks excluding exceptions',
      ],
    }),
    count('plans_issued_gt20weeks_ltyear', 'Plans issued after 20 weeks but within a year', 'plans', {
      synonyms: ['Over 20 weeks under a year', 'Issued over 20 weeks within a year'],
    }),
    count(
      'plans_issued_gt20weeks_ltyear_ex',
      'Plans issued after 20 weeks but within a year, excluding exceptions',
      'plans',
    ),
    percent('pc_plans_issued_gt20weeks_ltyear', 'Published % issued after 20 weeks but within a year'),
    percent(
      'pc_plans_issued_gt20weeks_ltyear_ex',
      'Published % issued after 20 weeks but within a year, excluding exceptions',
    ),
    count('plans_issued_gt_1_year', 'Plans issued after more than a year', 'plans', {
      synonyms: ['Over a year', 'Issued over 52 weeks', 'Plans issued over 1 year', 'Over 52 weeks'],
    }),
    count('plans_issued_gt_1_year_ex', 'Plans issued after more than a year, excluding exceptions', 'plans'),
    percent('pc_plans_issued_gt_1_year', 'Published % issued after more than a year'),
    percent('pc_plans_issued_gt_1_year_ex', 'Published % issued after more than a year, excluding exceptions'),
    weeks('avg_weeks_issue_plan', 'Mean weeks from request to final plan', {
      synonyms: ['Average weeks to issue', 'Mean weeks to issue', 'Average weeks', 'Mean weeks'],
    }),
    weeks('avg_weeks_issue_plan_exc', 'Mean weeks from request to final plan, excluding exceptions', {
      synonyms: [
        'avg_weeks_issue_plan_ex',
        'Average weeks to issue excluding exceptions',
        'Mean weeks excluding exceptions',
      ],
    }),
    weeks('median_weeks_issue_plan', 'Median weeks from request to final plan', {
      synonyms: ['Median weeks', 'Median weeks to issue'],
    }),
    weeks('p90_weeks_issue_plan', '90th-centile weeks from request to final plan', {
      synonyms: ['90th centile weeks', '90th percentile weeks', 'P90 weeks'],
    }),
  ],
  rules: (b) => [
    // ehcp-20wk-all
    b.notExceed('plans_issued_within_20_weeks', 'plans_issued_den'),
    b.partsWithin(
      ['plans_issued_within_20_weeks', 'plans_issued_gt20weeks_ltyear', 'plans_issued_gt_1_year'],
      'plans_issued_den',
    ),
    b.publishedPercent('pc_plans_issued_within_20_weeks', 'plans_issued_within_20_weeks', 'plans_issued_den'),
    // ehcp-20wk-excl
    b.notExceed('plans_issued_den_ex', 'plans_issued_den'),
    b.notExceed('plans_issued_20_weeks_ex', 'plans_issued_within_20_weeks'),
    b.notExceed('plans_issued_20_weeks_ex', 'plans_issued_den_ex'),
    b.partsWithin(
      ['plans_issued_20_weeks_ex', 'plans_issued_gt20weeks_ltyear_ex', 'plans_issued_gt_1_year_ex'],
      'plans_issued_den_ex',
    ),
    b.publishedPercent('pc_plans_issued_20_weeks_ex', 'plans_issued_20_weeks_ex', 'plans_issued_den_ex'),
    // ehcp-over-1yr: at most 100 − ehcp-20wk-all
    b.notExceed(['plans_issued_within_20_weeks', 'plans_issued_gt_1_year'], 'plans_issued_den'),
    b.notExceed('plans_issued_gt20weeks_ltyear', 'plans_issued_den'),
    b.notExceed('plans_issued_gt20weeks_ltyear_ex', 'plans_issued_den_ex'),
    b.notExceed('plans_issued_gt_1_year_ex', 'plans_issued_den_ex'),
    b.publishedPercent('pc_plans_issued_gt20weeks_ltyear', 'plans_issued_gt20weeks_ltyear', 'plans_issued_den'),
    b.publishedPercent(
      'pc_plans_issued_gt20weeks_ltyear_ex',
      'plans_issued_gt20weeks_ltyear_ex',
      'plans_issued_den_ex',
    ),
    b.publishedPercent('pc_plans_issued_gt_1_year', 'plans_issued_gt_1_year', 'plans_issued_den'),
    b.publishedPercent('pc_plans_issued_gt_1_year_ex', 'plans_issued_gt_1_year_ex', 'plans_issued_den_ex'),
    // ehcp-avg-weeks: 0 < v ≤ 260
    b.range('avg_weeks_issue_plan', 0, 260),
    b.range('avg_weeks_issue_plan_exc', 0, 260),
    b.range('median_weeks_issue_plan', 0, 260, { minInclusive: true }),
    b.range('p90_weeks_issue_plan', 0, 260, { minInclusive: true }),
    b.notExceed('median_weeks_issue_plan', 'p90_weeks_issue_plan'),
  ],
});
