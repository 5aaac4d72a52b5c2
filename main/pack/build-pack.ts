import { Document, Packer } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import type { PackBlock } from './blocks';
import { finaliseDocx } from './finalise';
import { formatDateTime } from './format';
import { packFooter, packHeader } from './header-footer';
import { PACK_SECTION_IDS, type PackInput, type PackSectionId } from './pack-input';
import { areaSections } from './sections/area-sections';
import { contentsSection } from './sections/contents';
import { coverSection } from './sections/cover';
import { documentControlSection } from './sections/document-control';
import { evidenceIndexSection } from './sections/evidence-index';
import { gapsAndActionsSection } from './sections/gaps-and-actions';
import { glossarySection } from './sections/glossary';
import { metricsSection } from './sections/metrics';
import { readinessSection } from './sections/readiness';
import { PACK_NUMBERING, PACK_STYLES, PAGE } from './styles';
import { textOf } from './text-of';

export type SectionBuilder = (input: PackInput) => PackBlock[];

/** The section builders, by the section ids of PackOptions; the glossary is built last, from the others' text. */
export const SECTION_BUILDERS: Readonly<Record<Exclude<PackSectionId, 'glossary'>, SectionBuilder>> = {
  cover: coverSection,
  'document-control': documentControlSection,
  contents: contentsSection,
  readiness: readinessSection,
  metrics: metricsSection,
  areas: areaSections,
  gaps: gapsAndActionsSection,
  'evidence-index': evidenceIndexSection,
};

export const PACK_LANGUAGE = 'en-GB';

export function packTitle(input: PackInput): string {
  return `Area SEND inspection: evidence pack \u2014 ${input.area.name}`;
}

/** The body of the pack: the chosen sections (all of them when none are chosen) in the document's order. */
export function packBlocks(input: PackInput): PackBlock[] {
  const chosen = new Set<PackSectionId>(input.options.sections.length ? input.options.sections : PACK_SECTION_IDS);
  const blocks: PackBlock[] = [];
  for (const id of PACK_SECTION_IDS) {
    if (chosen.has(id) && id !== 'glossary') blocks.push(...SECTION_BUILDERS[id](input));
  }
  if (chosen.has('glossary')) {
    const pageText = [input.area.name, input.marking, packTitle(input)].join(' ');
    blocks.push(...glossarySection(input, `${textOf(blocks)} ${pageText}`));
  }
  return blocks;
}

/** The docx Document of a pack, before packing. */
export function packDocument(input: PackInput): Document {
  return new Document({
    title: packTitle(input),
    subject: `Evidence for the area SEND inspection of the ${input.area.name} local area partnership`,
    creator: input.preparedBy,
    lastModifiedBy: input.preparedBy,
    description: `Version ${input.version}, built ${formatDateTime(input.builtAt)}. ${input.marking}.${input.draft ? ' Draft.' : ''}`,
    keywords: 'SEND; area SEND inspection; evidence pack',
    revision: Math.max(1, input.version),
    styles: PACK_STYLES,
    numbering: PACK_NUMBERING,
    // Page numbers of the contents, worked out by laying the pages out as Word does; written clean, so no reader
    // shows blanks and Word never asks to update fields. (No `features.updateFields`.)
    ...(process.env.NOEST ? {} : { pageNumbers: estimatePageNumbers }),
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: {
            top: PAGE.marginTop, bottom: PAGE.marginBottom, left: PAGE.marginSide, right: PAGE.marginSide,
            header: PAGE.header, footer: PAGE.footer,
          },
        },
      },
      headers: { default: packHeader(input) },
      footers: { default: packFooter(input) },
      children: packBlocks(input),
    }],
  });
}

/** Builds the Word evidence pack: a pure function of its input (the same input gives the same bytes). */
export async function buildPack(input: PackInput): Promise<Buffer> {
  const packed = await Packer.toBuffer(packDocument(input));
  return finaliseDocx(packed, { builtAt: input.builtAt, language: PACK_LANGUAGE });
}
