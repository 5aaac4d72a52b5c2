import { count, defineDataset } from './columns';

/**
 * SEND Tribunal appeals by academic year (September–August, as the Ministry of Justice tribunal statistics
 * count them [R45]): registered, disposed of, decided at hearing and for whom, conceded and withdrawn.
 */
export const tribunal = defineDataset({
  id: 'tribunal',
  title: 'SEND Tribunal appeals decided',
  catalogueItem: 'tribunal',
  periodType: 'academic-year',
  columns: [
    count('appeals_registered', 'Appeals registered', 'appeals', {
      required: true,
      synonyms: ['Appeals', 'Registered', 'Appeals lodged'],
    }),
    count('appeals_disposed', 'Appeals disposed of', 'appeals', { synonyms: ['Disposed', 'Appeals closed'] }),
    count('appeals_decided', 'Appeals decided at hearing', 'appeals', {
      synonyms: ['Decided', 'Decided at hearing', 'Appeals decided'],
    }),
    count('decided_for_appellant', 'Appeals decided wholly or partly for the appellant', 'appeals', {
      synonyms: ['For appellant', 'Upheld for appellant', 'Appellant success', 'In favour of appellant'],
    }),
    count('decided_for_la', 'Appeals decided for the local authority', 'appeals', {
      synonyms: ['Upheld LA', 'For LA', 'Dismissed', 'In favour of LA'],
    }),
    count('appeals_conceded', 'Appeals conceded by the local authority', 'appeals', {
      synonyms: ['Conceded', 'Concessions'],
    }),
    count('appeals_withdrawn', 'Appeals withdrawn', 'appeals', { synonyms: ['Withdrawn'] }),
  ],
  rules: (b) => [
    // appellant-success: decided ≤ disposed ≤ registered
    b.notExceed('appeals_decided', 'appeals_disposed'),
    b.notExceed('appeals_disposed', 'appeals_registered'),
    b.notExceed('appeals_decided', 'appeals_registered'),
    b.notExceed(['decided_for_appellant', 'decided_for_la'], 'appeals_decided'),
    b.notExceed(['appeals_decided', 'appeals_conceded', 'appeals_withdrawn'], 'appeals_disposed'),
  ],
});
