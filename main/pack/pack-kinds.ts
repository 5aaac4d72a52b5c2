import { PACK_SECTION_IDS, type PackInput, type PackKind, type PackSectionId } from './pack-input';

/**
 * The documents a workspace builds: each a title and the sections it holds by default (the officer may still choose
 * others). A new kind (an action plan after the inspection) is a new entry here and, if it needs one, a section
 * builder; `sendpack build --kind` and the build screen offer whatever is listed.
 */
export interface PackKindDefinition {
  /** The document's title, before " — area". */
  title: string;
  /** What `sendpack build --help` and the build screen say it is. */
  summary: string;
  sections: readonly PackSectionId[];
}

export const PACK_KIND_DEFINITIONS: Readonly<Record<PackKind, PackKindDefinition>> = {
  'evidence-pack': {
    title: 'Area SEND inspection: evidence pack',
    summary: 'the full evidence pack: self-evaluation, metrics, every evaluation area, gaps and evidence index',
    sections: PACK_SECTION_IDS.filter((id) => id !== 'briefing'),
  },
  'self-evaluation': {
    title: 'Area SEND inspection: self-evaluation',
    summary: 'the self-evaluation alone: executive summary, local context, the grid per evaluation area, voice, case studies and KPIs',
    sections: ['cover', 'document-control', 'contents', 'executive-summary', 'local-context', 'self-evaluation', 'voice', 'progress', 'case-studies', 'kpis', 'glossary'],
  },
  briefing: {
    title: 'Area SEND inspection: briefing for schools and settings',
    summary: 'a short briefing for schools and settings: summary, the inspection timeline, what settings may be asked, contacts',
    sections: ['briefing'],
  },
};

export function packKind(input: Pick<PackInput, 'options'>): PackKindDefinition {
  return PACK_KIND_DEFINITIONS[input.options.kind ?? 'evidence-pack'];
}
