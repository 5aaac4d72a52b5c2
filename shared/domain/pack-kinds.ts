/**
 * The documents a workspace builds, shared by main (which builds them) and the build screen (which offers them): each
 * a title, a line saying what it is, and the sections it holds by default. A new kind (an action plan after the
 * inspection) is a new entry here, and, if it needs one, a section builder in main/pack/sections.
 */
/**
 * Every section, in document order. "progress" (progress since the last inspection, from the previous report item
 * and the after-inspection plan's actions) comes between 'voice' and 'case-studies'.
 */
export const PACK_SECTION_ORDER = [
  'cover',
  'document-control',
  'contents',
  'executive-summary',
  'local-context',
  'self-evaluation',
  'voice',
  'progress',
  'case-studies',
  'readiness',
  'metrics',
  'kpis',
  'areas',
  'gaps',
  'evidence-index',
  'briefing',
  'glossary',
] as const;
export type PackSectionName = (typeof PACK_SECTION_ORDER)[number];

export const PACK_KIND_IDS = ['evidence-pack', 'self-evaluation', 'briefing'] as const;
export type PackKindId = (typeof PACK_KIND_IDS)[number];

export interface PackKindDefinition {
  /** The document's title, before " — area". */
  title: string;
  /** What `sendpack build --help` and the build screen say it is. */
  summary: string;
  sections: readonly PackSectionName[];
}

export const PACK_KIND_DEFINITIONS: Readonly<Record<PackKindId, PackKindDefinition>> = {
  'evidence-pack': {
    title: 'Area SEND inspection: evidence pack',
    summary: 'the full evidence pack: self-evaluation, metrics, every evaluation area, gaps and evidence index',
    sections: PACK_SECTION_ORDER.filter((id) => id !== 'briefing'),
  },
  'self-evaluation': {
    title: 'Area SEND inspection: self-evaluation',
    summary:
      'the self-evaluation alone: executive summary, local context, the grid per evaluation area, voice, case studies and KPIs',
    sections: [
      'cover',
      'document-control',
      'contents',
      'executive-summary',
      'local-context',
      'self-evaluation',
      'voice',
      'progress',
      'case-studies',
      'kpis',
      'glossary',
    ],
  },
  briefing: {
    title: 'Area SEND inspection: briefing for schools and settings',
    summary:
      'a short briefing for schools and settings: summary, the inspection timeline, what settings may be asked, contacts',
    sections: ['briefing'],
  },
};
