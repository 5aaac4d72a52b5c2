import { count, defineDataset, percent } from './columns';

/**
 * Requests for an EHC needs assessment received in a calendar year and what was decided (DfE SEN2 requests file,
 * EES data set aec1cce1… [R34]), with the outcomes of the assessments completed in the year (EES 96aff67b… [R53]).
 * Column names are DfE's.
 */
export const ehcnaRequests = defineDataset({
  id: 'ehcna-requests',
  title: 'EHC needs assessment requests and outcomes',
  catalogueItem: 'ehcna-requests',
  periodType: 'calendar-year',
  columns: [
    count('requests_received_in_year', 'Requests for an EHC needs assessment received', 'requests', {
      required: true,
      synonyms: ['Requests received', 'Initial requests', 'Requests for assessment', 'Assessment requests received'],
    }),
    count('requests_decided_to_assess', 'Requests agreed (decided to assess)', 'requests', {
      synonyms: ['Decided to assess', 'Agreed to assess', 'Requests agreed'],
    }),
    count('requests_decided_not_to_assess', 'Requests refused (decided not to assess)', 'requests', {
      synonyms: ['Decided not to assess', 'Refused to assess', 'Requests refused', 'Refusals'],
    }),
    count('requests_decision_not_made', 'Requests awaiting a decision', 'requests', {
      synonyms: ['Decision not yet made', 'Decision not made', 'Awaiting decision'],
    }),
    count('requests_withdrawn', 'Requests withdrawn', 'requests', { synonyms: ['Withdrawn'] }),
    percent('request_not_assess_pc', 'Published % of requests refused', {
      synonyms: ['Percentage refused', 'Refusal rate'],
    }),
    count('request_decisions', 'Decisions on requests made', 'decisions', {
      synonyms: ['Decisions made', 'Request decisions'],
    }),
    count('request_outcome_six_weeks', 'Decisions notified within 6 weeks', 'decisions', {
      synonyms: ['Within 6 weeks', 'Decisions within 6 weeks', 'request_outcome_6_weeks'],
    }),
    count('request_outcome_over_6_weeks', 'Decisions notified after more than 6 weeks', 'decisions', {
      synonyms: ['Over 6 weeks', 'Decisions over 6 weeks', 'request_outcome_over_six_weeks'],
    }),
    percent('request_outcome_six_weeks_pc', 'Published % of decisions within 6 weeks', {
      synonyms: ['Percentage within 6 weeks'],
    }),
    count('assess_in_year', 'EHC needs assessments completed', 'assessments', {
      synonyms: ['Assessments completed', 'Assessments in year', 'Assessments'],
    }),
    count('assess_issued', 'Assessments ending in a plan being issued', 'assessments', {
      synonyms: ['Plan issued', 'Decided to issue', 'Assessments issued'],
    }),
    count('assess_not_issued', 'Assessments ending in a decision not to issue a plan', 'assessments', {
      synonyms: ['Plan not issued', 'Decided not to issue', 'Assessments not issued'],
    }),
  ],
  rules: (b) => [
    // ehcna-refusal
    b.partsWithin(
      [
        'requests_decided_to_assess',
        'requests_decided_not_to_assess',
        'requests_decision_not_made',
        'requests_withdrawn',
      ],
      'requests_received_in_year',
    ),
    b.notExceed('requests_decided_not_to_assess', 'requests_received_in_year'),
    b.notExceed('requests_decided_to_assess', 'requests_received_in_year'),
    b.publishedPercent('request_not_assess_pc', 'requests_decided_not_to_assess', 'requests_received_in_year'),
    // ehcna-6wk
    b.partsWithin(['request_outcome_six_weeks', 'request_outcome_over_6_weeks'], 'request_decisions'),
    b.publishedPercent('request_outcome_six_weeks_pc', 'request_outcome_six_weeks', [
      'request_outcome_six_weeks',
      'request_outcome_over_6_weeks',
    ]),
    // assess-to-plan
    b.notExceed('assess_issued', 'assess_in_year'),
    b.notExceed(['assess_issued', 'assess_not_issued'], 'assess_in_year'),
  ],
});
