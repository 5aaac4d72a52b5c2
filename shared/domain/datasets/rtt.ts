import { count, defineDataset, percent } from './columns';

/**
 * Consultant-led referral to treatment (RTT): incomplete pathways at a month-end snapshot, by treatment function
 * (NHS England RTT statistics; the standard is 92% waiting under 18 weeks [R55]).
 */
export const rtt = defineDataset({
  id: 'rtt',
  title: 'Referral to treatment (consultant-led) waits',
  catalogueItem: 'health-waits',
  periodType: 'snapshot',
  breakdown: {
    name: 'treatment_function',
    title: 'Treatment function',
    values: [
      { id: 'all', title: "All children's treatment functions", synonyms: ['Total', 'All', 'All treatment functions'] },
      {
        id: 'paediatrics',
        title: 'Paediatrics (420)',
        synonyms: ['Paediatrics', '420', 'C_420', 'Paediatric service'],
      },
      { id: 'paediatric-neurology', title: 'Paediatric neurology (421)', synonyms: ['Paediatric neurology', '421'] },
      {
        id: 'child-psychiatry',
        title: 'Child and adolescent psychiatry (711)',
        synonyms: ['Child and adolescent psychiatry', '711', 'Child psychiatry'],
      },
    ],
  },
  columns: [
    count('incomplete_pathways', 'Incomplete pathways (people waiting)', 'pathways', {
      required: true,
      synonyms: ['Total incomplete pathways', 'Total waiting', 'Incomplete', 'Total number of incomplete pathways'],
    }),
    count('incomplete_within_18_weeks', 'Incomplete pathways waiting under 18 weeks', 'pathways', {
      required: true,
      synonyms: ['Within 18 weeks', 'Total within 18 weeks', 'Under 18 weeks'],
    }),
    count('incomplete_over_52_weeks', 'Incomplete pathways waiting more than 52 weeks', 'pathways', {
      synonyms: ['Over 52 weeks', 'Total 52 plus weeks', '52 plus weeks'],
    }),
    percent('pc_within_18_weeks', 'Published % waiting under 18 weeks', {
      synonyms: ['Percentage within 18 weeks', 'Percentage within 18 weeks'],
    }),
  ],
  rules: (b) => [
    b.notExceed('incomplete_within_18_weeks', 'incomplete_pathways'),
    b.notExceed(['incomplete_within_18_weeks', 'incomplete_over_52_weeks'], 'incomplete_pathways'),
    b.publishedPercent('pc_within_18_weeks', 'incomplete_within_18_weeks', 'incomplete_pathways'),
  ],
});
