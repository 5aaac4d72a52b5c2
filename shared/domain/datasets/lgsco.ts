import { count, defineDataset } from './columns';

/**
 * Local Government and Social Care Ombudsman decisions on the LA's education and children's services complaints,
 * by the Ombudsman's year (April–March, e.g. its 2022-23 review) [R46].
 */
export const lgsco = defineDataset({
  id: 'lgsco',
  title: 'Ombudsman (LGSCO) decisions',
  catalogueItem: 'lgsco',
  periodType: 'financial-year',
  columns: [
    count('complaints_decided', 'Complaints and enquiries decided', 'complaints', {
      synonyms: ['Complaints decided', 'Decisions made'],
    }),
    count('detailed_investigations', 'Detailed investigations', 'investigations', {
      required: true,
      synonyms: ['Investigations', 'Detailed investigations carried out'],
    }),
    count('upheld', 'Complaints upheld', 'investigations', {
      required: true,
      synonyms: ['Upheld', 'Upheld decisions', 'Complaints upheld'],
    }),
    count('remedies_satisfactory_before', 'Upheld complaints already remedied by the council', 'investigations', {
      synonyms: ['Satisfactory remedy provided by the authority'],
    }),
  ],
  rules: (b) => [
    b.notExceed('upheld', 'detailed_investigations'),
    b.notExceed('detailed_investigations', 'complaints_decided'),
    b.notExceed('remedies_satisfactory_before', 'upheld'),
  ],
});
