import type { PACK_SECTIONS } from '../../../shared/api/contract';

/** The pack's sections as the build screen names them. */
export const SECTION_LABELS: Record<(typeof PACK_SECTIONS)[number], string> = {
  cover: 'Cover',
  'document-control': 'Document control',
  contents: 'Contents',
  readiness: 'Readiness summary',
  metrics: 'Key metrics and charts',
  areas: 'One section per evaluation area',
  gaps: 'Gaps and actions',
  'evidence-index': 'Evidence index',
  glossary: 'Glossary',
  'executive-summary': 'Executive summary',
  'local-context': 'Local context',
  'self-evaluation': 'Self-evaluation grid',
  voice: 'Voice and lived experience',
  'case-studies': 'Case studies',
  kpis: 'KPI table',
  briefing: 'Briefing for schools and settings',
  progress: 'Progress since the last inspection',
};
