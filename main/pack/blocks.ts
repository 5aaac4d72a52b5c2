import {
  Bookmark,
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  TextRun,
  type ParagraphChild,
  type Table,
  type TableOfContents,
} from 'docx';
import type { NarrativeInline } from '../../shared/domain/narrative/ast';
import { parseNarrative } from '../../shared/domain/narrative/parse';
import { BULLETS, NUMBERS, numberedList, STYLE } from './styles';

/** What a section builder returns: the body blocks of its part of the document, in order. */
export type PackBlock = Paragraph | Table | TableOfContents;

export interface ContentsEntry {
  title: string;
  bookmark: string;
}

const SECTION_HEADINGS = new WeakMap<PackBlock, ContentsEntry>();

/** A bookmark name from a heading's text (FNV-1a): the same heading gets the same name in every build. */
export function headingBookmark(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `_Toc_${hash.toString(16).padStart(8, '0')}`;
}

/** A section heading: starts a new page, is bookmarked, and is listed in the contents. */
export function heading1(text: string): Paragraph {
  const bookmark = headingBookmark(text);
  const paragraph = new Paragraph({
    heading: HeadingLevel.HEADING_1,
    pageBreakBefore: true,
    children: [new Bookmark({ id: bookmark, children: [new TextRun(text)] })],
  });
  SECTION_HEADINGS.set(paragraph, { title: text, bookmark });
  return paragraph;
}

/** The contents entries of built blocks: their section headings, in order. */
export function contentsEntries(blocks: readonly PackBlock[]): ContentsEntry[] {
  return blocks.flatMap((b) => {
    const entry = SECTION_HEADINGS.get(b);
    return entry ? [entry] : [];
  });
}

/** An item or sub-section heading, optionally bookmarked so other parts of the pack can link to it. */
export function heading2(text: string, bookmark?: string): Paragraph {
  const run = new TextRun(text);
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [bookmark ? new Bookmark({ id: bookmark, children: [run] }) : run],
  });
}

export function body(content: string | ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: typeof content === 'string' ? [new TextRun(content)] : content,
    ...(options.keepNext ? { keepNext: true } : {}),
  });
}

export function note(text: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    style: STYLE.note,
    ...(options.keepNext ? { keepNext: true } : {}),
    children: [new TextRun(text)],
  });
}

/** "Status: Approved" — the label in bold, the value in words. */
export interface FactOptions {
  /** The last of a run of details: space after it. */
  last?: boolean;
  /** Space before it, after paragraphs of text. */
  spaceBefore?: boolean;
  /** Ends its item: not kept on the page with what follows (details are, by their style). */
  end?: boolean;
}

export function fact(label: string, value: string | ParagraphChild[], options: FactOptions = {}): Paragraph {
  return new Paragraph({
    style: STYLE.fact,
    ...(options.last || options.spaceBefore
      ? { spacing: { ...(options.spaceBefore ? { before: 160 } : {}), after: options.last ? 200 : 40 } }
      : {}),
    ...(options.end ? { keepNext: false } : {}),
    children: [
      new TextRun({ text: `${label}: `, bold: true }),
      ...(typeof value === 'string' ? [new TextRun(value)] : value),
    ],
  });
}

/** A bulleted paragraph; `last` ends a list with the space a paragraph has after it. */
export function bullet(
  content: string | ParagraphChild[],
  options: { last?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    numbering: { reference: BULLETS, level: 0 },
    spacing: { after: options.last ? 160 : 60 },
    ...(options.keepNext ? { keepNext: true } : {}),
    children: typeof content === 'string' ? [new TextRun(content)] : content,
  });
}

/** How the pack prints a cited evidence file: its reference in this pack (E001…) and its title. */
export interface CitedEvidence {
  ref: string;
  title: string;
}

export interface NarrativeOptions {
  /** The file a `[[evidence:N]]` citation names, or undefined when this pack does not list it. */
  evidence?: (fileId: number) => CitedEvidence | undefined;
  /**
   * Keep the last paragraph on the page of what follows: the item's one-line "Evidence: no files attached" otherwise
   * lands alone at the top of a page (the sample pack had two such pages of 91).
   */
  keepLastWithNext?: boolean;
}

interface RunFormat {
  bold?: true;
  italics?: true;
  style?: string;
}

function inlineRuns(
  inlines: readonly NarrativeInline[],
  format: RunFormat,
  options: NarrativeOptions,
): ParagraphChild[] {
  return inlines.flatMap((inline): ParagraphChild[] => {
    switch (inline.kind) {
      case 'text':
        return [new TextRun({ text: inline.text, ...format })];
      case 'bold':
        return inlineRuns(inline.children, { ...format, bold: true }, options);
      case 'italic':
        return inlineRuns(inline.children, { ...format, italics: true }, options);
      case 'link':
        return [
          new ExternalHyperlink({
            link: inline.href,
            children: inlineRuns(inline.children, { ...format, style: 'Hyperlink' }, options),
          }),
        ];
      case 'evidence': {
        const cited = options.evidence?.(inline.fileId);
        // A file this pack does not list (left out, binned, purged) stays as written, for the officer to see and fix.
        if (!cited) return [new TextRun({ text: inline.source, ...format })];
        return [
          new TextRun({ text: cited.ref, ...format, bold: true }),
          new TextRun({ text: ` (${cited.title})`, ...format }),
        ];
      }
    }
  });
}

/**
 * The officers' narrative as paragraphs, from its stored Markdown subset (shared/domain/narrative/parse.ts). Its
 * headings sit below the item's Heading 2: "## " becomes Heading 3 and "### " Heading 4, never skipping a level.
 * Each numbered list starts again at the number its first item was written with.
 */
export function narrativeParagraphs(text: string, options: NarrativeOptions = {}): Paragraph[] {
  const out: Paragraph[] = [];
  let previousLevel = 2;
  const blocks = parseNarrative(text);
  for (const [blockIndex, block] of blocks.entries()) {
    const keepLast = options.keepLastWithNext === true && blockIndex === blocks.length - 1;
    switch (block.kind) {
      case 'heading': {
        const level = Math.min(block.level + 2, previousLevel + 1);
        previousLevel = level;
        out.push(
          new Paragraph({
            heading: level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4,
            children: inlineRuns(block.children, {}, options),
          }),
        );
        break;
      }
      case 'paragraph':
        out.push(body(inlineRuns(block.children, {}, options), { keepNext: keepLast }));
        break;
      case 'bullets':
        out.push(
          ...block.items.map((item, index) =>
            bullet(inlineRuns(item, {}, options), {
              last: index === block.items.length - 1,
              keepNext: keepLast && index === block.items.length - 1,
            }),
          ),
        );
        break;
      case 'numbered': {
        const list = numberedList(block.start);
        out.push(
          ...block.items.map(
            (item, index) =>
              new Paragraph({
                numbering: {
                  reference: list.reference === NUMBERS ? NUMBERS : list,
                  level: 0,
                  ...(index === 0 ? { restart: true } : {}),
                },
                spacing: { after: index === block.items.length - 1 ? 160 : 60 },
                ...(keepLast && index === block.items.length - 1 ? { keepNext: true } : {}),
                children: inlineRuns(item, {}, options),
              }),
          ),
        );
        break;
      }
    }
  }
  return out;
}
