import { Bookmark, HeadingLevel, Paragraph, TextRun, type ParagraphChild, type Table, type TableOfContents } from 'docx';
import { BULLETS, STYLE } from './styles';

/** What a section builder returns: the body blocks of its part of the document, in order. */
export type PackBlock = Paragraph | Table | TableOfContents;

export interface ContentsEntry { title: string; bookmark: string }

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
    heading: HeadingLevel.HEADING_1, pageBreakBefore: true,
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
  return new Paragraph({ style: STYLE.note, ...(options.keepNext ? { keepNext: true } : {}), children: [new TextRun(text)] });
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
    children: [new TextRun({ text: `${label}: `, bold: true }), ...(typeof value === 'string' ? [new TextRun(value)] : value)],
  });
}

export function bullet(content: string | ParagraphChild[]): Paragraph {
  return new Paragraph({
    numbering: { reference: BULLETS, level: 0 },
    spacing: { after: 60 },
    children: typeof content === 'string' ? [new TextRun(content)] : content,
  });
}

/**
 * The officers' narrative as paragraphs: plain text, paragraphs separated by blank lines, lines starting "- "
 * (or "* ", "• ") as bullets; other line breaks inside a paragraph are kept as spaces.
 */
export function narrativeParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    let lines: string[] = [];
    let bulletText: string | null = null;
    const flush = () => {
      if (bulletText !== null) out.push(bullet(bulletText));
      else if (lines.length) out.push(body(lines.join(' ')));
      lines = [];
      bulletText = null;
    };
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const item = /^[-*\u2022]\s+(.*)$/.exec(line);
      if (item) {
        flush();
        bulletText = item[1]!;
      } else if (bulletText !== null && /^\s/.test(raw)) {
        bulletText += ` ${line}`; // an indented line continues the bullet above it
      } else {
        if (bulletText !== null) flush();
        lines.push(line);
      }
    }
    flush();
  }
  return out;
}
