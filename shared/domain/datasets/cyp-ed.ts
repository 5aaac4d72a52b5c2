import { count, defineDataset } from './columns';

/**
 * Children and young people's eating disorder services: treatment started within 1 week (urgent) and 4 weeks
 * (routine), the NHS access and waiting time standard (target 95% [R60]). NHS England publishes it quarterly for a
 * rolling 12 months; the period is the quarter-end date. Urgent and routine are kept separate (§4).
 */
export const cypEd = defineDataset({
  id: 'cyp-ed',
  title: 'Eating disorder treatment waits (children and young people)',
  catalogueItem: 'health-waits',
  periodType: 'snapshot',
  columns: [
    count('urgent_started', 'Urgent cases starting treatment', 'children', {
      synonyms: ['Urgent', 'Urgent cases', 'Urgent completed pathways'],
    }),
    count('urgent_within_1_week', 'Urgent cases starting treatment within 1 week', 'children', {
      synonyms: ['Urgent within 1 week', 'Urgent within one week'],
    }),
    count('routine_started', 'Routine cases starting treatment', 'children', {
      synonyms: ['Routine', 'Routine cases', 'Routine completed pathways'],
    }),
    count('routine_within_4_weeks', 'Routine cases starting treatment within 4 weeks', 'children', {
      synonyms: ['Routine within 4 weeks', 'Routine within four weeks'],
    }),
  ],
  rules: (b) => [
    b.notExceed('urgent_within_1_week', 'urgent_started'),
    b.notExceed('routine_within_4_weeks', 'routine_started'),
  ],
});
