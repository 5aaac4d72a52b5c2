import { PACK_SECTION_ORDER } from '../../shared/domain/pack-kinds';
import { Document, Packer, PageOrientation, type ISectionOptions } from 'docx';
import { contentsEntries, type PackBlock } from './blocks';
import { finaliseDocx } from './finalise';
import { formatDateTime } from './format';
import { packFooter, packHeader } from './header-footer';
import { type PackInput, type PackSectionId } from './pack-input';
import { areaSections } from './sections/area-sections';
import { contentsSection } from './sections/contents';
import { coverSection } from './sections/cover';
import { documentControlSection } from './sections/document-control';
import { evidenceIndexSection } from './sections/evidence-index';
import { gapsAndActionsSection } from './sections/gaps-and-actions';
import { glossarySection } from './sections/glossary';
import { metricsSection } from './sections/metrics';
import { readinessSection } from './sections/readiness';
import { briefingSection } from './sections/briefing';
import { caseStudiesSection } from './sections/case-studies';
import { executiveSummarySection } from './sections/executive-summary';
import { kpisSection } from './sections/kpis';
import { localContextSection } from './sections/local-context';
import { selfEvaluationSection } from './sections/self-evaluation';
import { voiceSection } from './sections/voice';
import { packKind } from './pack-kinds';
import { progressSection } from './sections/progress';
import { CONTENT_WIDTH, LANDSCAPE_CONTENT_WIDTH, PACK_NUMBERING, PACK_STYLES, PAGE } from './styles';
import { textOf } from './text-of';

export type SectionBuilder = (input: PackInput) => PackBlock[];

/** The section builders, by the section ids of PackOptions; the glossary is built last, from the others' text. */
export const SECTION_BUILDERS: Readonly<Record<Exclude<PackSectionId, 'glossary' | 'contents'>, SectionBuilder>> = {
  cover: coverSection,
  'document-control': documentControlSection,
  readiness: readinessSection,
  progress: progressSection,
  metrics: metricsSection,
  areas: areaSections,
  gaps: gapsAndActionsSection,
  'evidence-index': evidenceIndexSection,
  'executive-summary': executiveSummarySection,
  'local-context': localContextSection,
  'self-evaluation': selfEvaluationSection,
  voice: voiceSection,
  'case-studies': caseStudiesSection,
  kpis: kpisSection,
  briefing: briefingSection,
};

export const PACK_LANGUAGE = 'en-GB';

export function packTitle(input: PackInput): string {
  return `${packKind(input).title} \u2014 ${input.area.name}`;
}

/**
 * The body of the pack: the chosen sections (all of them when none are chosen) in the document's order. The glossary
 * is built from the text of the others, and the contents from everyone's headings, so both come last.
 */
export function packBlocks(input: PackInput): PackBlock[] {
  return packParts(input).flatMap((part) => part.blocks);
}

/** Sections laid out on landscape pages (in a Word section of their own). */
export const LANDSCAPE_SECTIONS: ReadonlySet<PackSectionId> = new Set(['evidence-index', 'self-evaluation']);

/** The chosen sections' blocks, by section, in the document's order. */
export function packParts(input: PackInput): { id: PackSectionId; blocks: PackBlock[] }[] {
  const chosen = new Set<PackSectionId>(
    input.options.sections.length ? input.options.sections : packKind(input).sections,
  );
  const parts = new Map<PackSectionId, PackBlock[]>();
  for (const id of PACK_SECTION_ORDER) {
    if (chosen.has(id) && id !== 'glossary' && id !== 'contents') parts.set(id, SECTION_BUILDERS[id](input));
  }
  if (chosen.has('glossary')) {
    const pageText = [input.area.name, input.marking, packTitle(input)].join(' ');
    parts.set('glossary', glossarySection(input, `${textOf([...parts.values()].flat())} ${pageText}`));
  }
  if (chosen.has('contents'))
    parts.set('contents', contentsSection(input, contentsEntries([...parts.values()].flat())));
  return PACK_SECTION_ORDER.flatMap((id) => {
    const blocks = parts.get(id);
    // A section with nothing to say (no self-evaluation yet, no case studies) takes no place in the document.
    return blocks?.length ? [{ id, blocks }] : [];
  });
}

/** Word sections: runs of portrait pack sections, and each landscape one on its own. */
function wordSections(input: PackInput): ISectionOptions[] {
  const runs: { landscape: boolean; blocks: PackBlock[] }[] = [];
  for (const part of packParts(input)) {
    const landscape = LANDSCAPE_SECTIONS.has(part.id);
    const last = runs.at(-1);
    if (last && last.landscape === landscape && !landscape) last.blocks.push(...part.blocks);
    else runs.push({ landscape, blocks: [...part.blocks] });
  }
  return runs.map(({ landscape, blocks }) => ({
    properties: {
      page: {
        // docx swaps width and height itself for a landscape page.
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: {
          top: PAGE.marginTop,
          bottom: PAGE.marginBottom,
          left: PAGE.marginSide,
          right: PAGE.marginSide,
          header: PAGE.header,
          footer: PAGE.footer,
        },
      },
    },
    headers: { default: packHeader(input, landscape ? LANDSCAPE_CONTENT_WIDTH : CONTENT_WIDTH) },
    footers: { default: packFooter(input, landscape ? LANDSCAPE_CONTENT_WIDTH : CONTENT_WIDTH) },
    children: blocks,
  }));
}

/** The document's properties (File > Info in Word): its title, subject, author, version and marking. */
export function packProperties(input: PackInput) {
  return {
    title: packTitle(input),
    subject: `Evidence for the area SEND inspection of the ${input.area.name} local area partnership`,
    creator: input.preparedBy,
    lastModifiedBy: input.preparedBy,
    description: `Version ${input.version}, built ${formatDateTime(input.builtAt)}. ${input.marking}.${input.draft ? ' Draft.' : ''}`,
    keywords: 'SEND; area SEND inspection; evidence pack',
    revision: Math.max(1, input.version),
  };
}

/** The docx Document of a pack, before packing. */
export function packDocument(input: PackInput): Document {
  return new Document({
    ...packProperties(input),
    styles: PACK_STYLES,
    numbering: PACK_NUMBERING,
    // No `features.updateFields` and no `pageNumbers`: see sections/contents.ts.
    sections: wordSections(input),
  });
}

/**
 * A turn of the event loop. Node runs the finalisers of native objects V8 has collected (resvg's, from drawing the
 * charts: 4 MB or so each, which V8 does not count) on a later turn, never inside synchronous work such as Packer's;
 * without a turn the memory they hold would stay taken all through the build, the most memory-hungry part of it.
 */
export const turn = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

/** The .docx as docx's Packer writes it. The Document (some 25 MB for a large pack) is garbage once this returns. */
async function packed(input: PackInput): Promise<Buffer> {
  const document = packDocument(input);
  // Building the Document is enough work for V8 to have collected the charts' last native objects: let them go.
  await turn();
  return Packer.toBuffer(document);
}

/** Builds the Word evidence pack: a pure function of its input (the same input gives the same bytes). */
export async function buildPack(input: PackInput): Promise<Buffer> {
  const docx = await packed(input);
  await turn();
  return finaliseDocx(docx, { builtAt: input.builtAt, language: PACK_LANGUAGE });
}
