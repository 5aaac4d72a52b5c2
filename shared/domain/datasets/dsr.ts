import { count, defineDataset } from './columns';

/**
 * Dynamic Support Register, aggregate only (never names): children and young people on the register by risk
 * level, and Care (Education) and Treatment Reviews held when required (NHS England DSR and C(E)TR policy [R44]).
 * A snapshot, usually month end.
 */
export const dsr = defineDataset({
  id: 'dsr',
  title: 'Dynamic Support Register and C(E)TRs',
  catalogueItem: 'dsr-summary',
  periodType: 'snapshot',
  columns: [
    count('dsr_total', 'Children and young people on the register', 'children', {
      required: true,
      synonyms: ['On the DSR', 'DSR total', 'Total on register'],
    }),
    count('dsr_red', 'At red (high) risk', 'children', { synonyms: ['Red', 'High risk', 'Red RAG'] }),
    count('dsr_amber', 'At amber (medium) risk', 'children', { synonyms: ['Amber', 'Medium risk', 'Amber RAG'] }),
    count('dsr_green', 'At green (low) risk', 'children', { synonyms: ['Green', 'Low risk', 'Green RAG'] }),
    count('ctr_required', 'Needing a C(E)TR', 'children', {
      synonyms: ['CETR required', 'CTR required', 'C(E)TR required'],
    }),
    count('ctr_held', 'C(E)TR held when required', 'children', { synonyms: ['CETR held', 'CTR held', 'C(E)TR held'] }),
    count('keyworker_allocated', 'With a keyworker', 'children', { synonyms: ['Keyworker', 'Keyworker allocated'] }),
  ],
  rules: (b) => [
    b.notExceed(['dsr_red', 'dsr_amber', 'dsr_green'], 'dsr_total'),
    b.notExceed('ctr_held', 'ctr_required'),
    b.notExceed('ctr_required', 'dsr_total'),
    b.notExceed('keyworker_allocated', 'dsr_total'),
  ],
});
