import { count, defineDataset } from './columns';

/**
 * Phase transfers in one transfer round (the academic year in which the deadline falls): plans of children moving
 * between phases must be amended by 15 February, and by 31 March for moves from secondary school to post-16
 * (SEND Regulations 2014 reg 18 [R42]). Local data; DfE does not publish it.
 */
export const phaseTransfers = defineDataset({
  id: 'phase-transfers',
  title: 'Phase transfers amended on time',
  catalogueItem: 'phase-transfers',
  periodType: 'academic-year',
  columns: [
    count('transfers_school', 'Plans transferring between school phases (deadline 15 February)', 'plans', {
      required: true,
      synonyms: ['School phase transfers', 'Transfers by 15 February'],
    }),
    count('transfers_school_on_time', 'School phase transfers amended by 15 February', 'plans', {
      required: true,
      synonyms: ['Amended by 15 February', 'School transfers on time'],
    }),
    count('transfers_post16', 'Plans transferring from secondary to post-16 (deadline 31 March)', 'plans', {
      synonyms: ['Post-16 transfers', 'Transfers by 31 March'],
    }),
    count('transfers_post16_on_time', 'Post-16 transfers amended by 31 March', 'plans', {
      synonyms: ['Amended by 31 March', 'Post-16 transfers on time'],
    }),
  ],
  rules: (b) => [
    b.notExceed('transfers_school_on_time', 'transfers_school'),
    b.notExceed('transfers_post16_on_time', 'transfers_post16'),
  ],
});
