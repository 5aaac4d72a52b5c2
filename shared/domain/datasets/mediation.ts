import { count, defineDataset } from './columns';

/**
 * Mediation in a calendar year: cases, certificates, agreements and how many went on to appeal. Local data (the
 * LA or its mediation provider); DfE's requests file publishes `mediation_related_request` and
 * `tribunal_after_mediation_request` for the same ideas [R34].
 */
export const mediation = defineDataset({
  id: 'mediation',
  title: 'Mediation',
  catalogueItem: 'mediation',
  periodType: 'calendar-year',
  columns: [
    count('mediation_enquiries', 'Mediation information and advice enquiries', 'enquiries', {
      synonyms: ['Enquiries', 'Mediation enquiries'],
    }),
    count('mediation_certificates_issued', 'Mediation certificates issued', 'certificates', {
      synonyms: ['Certificates issued', 'Certificates'],
    }),
    count('mediation_cases', 'Mediations held', 'mediations', {
      required: true,
      synonyms: ['Mediations', 'Mediation cases', 'Mediations held', 'mediation_related_request'],
    }),
    count('mediation_agreement', 'Mediations ending in agreement (all or some issues)', 'mediations', {
      synonyms: ['Agreement reached', 'Mediations with agreement', 'Resolved'],
    }),
    count('mediation_followed_by_appeal', 'Mediations followed by an appeal', 'mediations', {
      synonyms: ['Proceeded to appeal', 'Went to tribunal', 'tribunal_after_mediation_request'],
    }),
  ],
  rules: (b) => [
    b.notExceed('mediation_agreement', 'mediation_cases'),
    b.notExceed('mediation_followed_by_appeal', 'mediation_cases'),
  ],
});
