import { LeaderType, Paragraph, TableOfContents, TextRun } from 'docx';
import type { ContentsEntry, PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { STYLE } from '../styles';

/**
 * Contents under a visible "Contents" heading (Word's TOC Heading style, so it doesn't list itself). The entries are
 * written into the field (`cachedEntries`), each linked to its heading's bookmark, so no reader shows it empty; the
 * field is written clean and the document doesn't ask for fields to be updated, so Word never prompts. No page
 * numbers: laying the pages out to work them out (docx/layout's estimator) takes seconds for a large pack, and the
 * numbers would only be right where the fonts are Word's. Word's "Update table" adds them if someone wants them.
 */
export function contentsSection(_input: PackInput, entries: readonly ContentsEntry[]): PackBlock[] {
  return [
    new Paragraph({ style: STYLE.contentsHeading, pageBreakBefore: true, children: [new TextRun('Contents')] }),
    new TableOfContents('Contents', {
      hyperlink: true,
      headingStyleRange: '1-1',
      beginDirty: false,
      tabLeader: LeaderType.NONE,
      cachedEntries: entries.map((e) => ({ title: e.title, level: 1, href: e.bookmark })),
    }),
  ];
}
