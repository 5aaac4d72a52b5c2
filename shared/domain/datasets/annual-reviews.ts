import { count, defineDataset, percent, withYearSuffixes } from './columns';

/**
 * Annual reviews of EHC plans due and held in a calendar year and how quickly the LA decided afterwards (DfE SEN2,
 * `annual_reviews.csv` [R72]). DfE writes the year into some names (`review_expected_2025`); those are synonyms.
 * In DfE's file only the "All reviews of EHC plans" (2026 release) or "All annual reviews" (2025 release) breakdown
 * row is an area's total. The 2025 release (calendar year 2024) has no reviews-completed column: it counts review
 * meetings held (`total_review_meeting`) and decisions within and after 4 weeks of the meeting under DfE's own
 * misspellings (`number_decsion_4weeks`, `pc_decsion_4weeks`), kept as aliases.
 */
export const annualReviews = defineDataset({
  id: 'annual-reviews',
  title: 'Annual reviews of EHC plans',
  catalogueItem: 'annual-reviews',
  periodType: 'calendar-year',
  columns: [
    count('total_ehc_plans', 'EHC plans held', 'plans', { synonyms: ['Active EHC plans', 'EHC plans', 'Plans held'] }),
    count('review_expected', 'Reviews expected in the year', 'reviews', {
      required: true,
      synonyms: [...withYearSuffixes('review_expected'), 'Reviews due', 'Reviews expected'],
    }),
    count('review_not_expected', 'Plans with no review expected in the year', 'plans', {
      synonyms: withYearSuffixes('review_not_expected'),
    }),
    count('review_completed', 'Reviews completed in the year', 'reviews', {
      synonyms: [...withYearSuffixes('review_completed'), 'Reviews completed', 'Reviews held'],
    }),
    count('review_meetings_held', 'Review meetings held in the year', 'meetings', {
      synonyms: ['total_review_meeting', 'total_review_meetings', 'Review meetings held', 'Review meetings'],
    }),
    count('review_completed_prior', 'Reviews completed before the year', 'reviews', {
      synonyms: withYearSuffixes('review_completed_prior'),
    }),
    count('review_not_completed', 'Expected reviews not completed', 'reviews', { synonyms: ['Reviews not completed'] }),
    count('outcome_amended', 'Reviews ending with the plan amended', 'reviews', {
      synonyms: ['Amended', 'outcome_amend'],
    }),
    count('outcome_ceased', 'Reviews ending with the plan ceased', 'reviews', {
      synonyms: ['Ceased', 'outcome_cease'],
    }),
    count('outcome_maintained', 'Reviews ending with the plan maintained', 'reviews', {
      synonyms: ['Maintained', 'outcome_maintain', 'outcome_maintan'],
    }),
    count('no_outcome_recorded', 'Reviews with no outcome recorded', 'reviews', {
      synonyms: ['No outcome recorded', 'no_outcome'],
    }),
    count('decision_4_weeks', 'Review decisions issued within 4 weeks of the meeting', 'reviews', {
      synonyms: [
        'Decision within 4 weeks',
        'Decisions within 4 weeks',
        'decision_within_4_weeks',
        'number_decision_4weeks',
        'number_decsion_4weeks',
        'number_decision_4_weeks',
      ],
    }),
    count('decision_over_4_weeks', 'Review decisions issued after more than 4 weeks', 'reviews', {
      synonyms: [
        'Decision over 4 weeks',
        'Decisions over 4 weeks',
        'number_decision_gt_4weeks',
        'number_decsion_gt_4weeks',
        'number_decision_gt_4_weeks',
      ],
    }),
    percent('pc_decision_4_weeks', 'Published % of review decisions within 4 weeks', {
      synonyms: ['pc_decsion_4weeks', 'pc_decision_4weeks', 'Percentage of decisions within 4 weeks'],
    }),
    percent('pc_decision_over_4_weeks', 'Published % of review decisions after more than 4 weeks', {
      synonyms: ['pc_decision_gt_4weeks', 'pc_decsion_gt_4weeks'],
    }),
    count('plans_no_review_12_months', 'Plans with no review in the last 12 months', 'plans', {
      synonyms: ['Overdue reviews', 'Plans overdue a review', 'No review in 12 months'],
    }),
  ],
  rules: (b) => [
    b.notExceed('review_completed', 'review_expected'),
    b.notExceed('review_expected', 'total_ehc_plans'),
    b.notExceed(['decision_4_weeks', 'decision_over_4_weeks'], 'review_completed'),
    b.notExceed('review_not_completed', 'review_expected'),
    b.publishedPercent('pc_decision_4_weeks', 'decision_4_weeks', ['decision_4_weeks', 'decision_over_4_weeks']),
    b.publishedPercent('pc_decision_over_4_weeks', 'decision_over_4_weeks', [
      'decision_4_weeks',
      'decision_over_4_weeks',
    ]),
    // ar-overdue: at most the caseload
    b.notExceed('plans_no_review_12_months', 'total_ehc_plans'),
  ],
});
