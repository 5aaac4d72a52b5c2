import { count, defineDataset, percent } from './columns';

/**
 * SEND Tribunal appeal rate: appeals registered in a calendar year ÷ the LA's appealable decisions (DfE and HMCTS,
 * "SEND appealable decisions rate 2024-2025" [R71]). Appealable decisions are initial assessment requests refused
 * + assessments ending in a decision not to issue a plan + (from the 2025 method) annual reviews completed in the
 * year; earlier years used the EHC plans held in January + plans ceased because needs are met without a plan.
 * Synonyms cover the published spreadsheet's headers. ` x ` is missing; ` - ` is nil where the rate shows 0.
 */
export const appealRate = defineDataset({
  id: 'appeal-rate',
  title: 'SEND Tribunal appeal rate',
  catalogueItem: 'tribunal',
  periodType: 'calendar-year',
  columns: [
    count('appeals_registered', 'Appeals registered', 'appeals', {
      required: true,
      synonyms: ['Appeals registered', 'Appeals', 'Appeals registered in year', 'Number of appeals'],
    }),
    count('appealable_decisions', 'Total appealable decisions', 'decisions', {
      required: true,
      synonyms: [
        'Total Appealable Decisions',
        'Total Appealable decisions',
        'Appealable decisions',
        'Total appealable decisions1',
      ],
    }),
    percent('appeal_rate', 'Published SEND Tribunal appeal rate', {
      synonyms: ['SEND Tribunal Appeal Rate', 'SEND Tribunal Appeal Rate2', 'Appeal rate', 'Appeal rate percentage'],
    }),
  ],
  rules: (b) => [
    b.notExceed('appeals_registered', 'appealable_decisions'),
    b.publishedPercent('appeal_rate', 'appeals_registered', 'appealable_decisions'),
  ],
});
