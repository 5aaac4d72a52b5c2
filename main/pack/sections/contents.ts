import { Paragraph, TableOfContents, TextRun } from 'docx';
import type { PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { STYLE } from '../styles';

/**
 * Contents under a visible "Contents" heading. docx writes the entries itself, one per section heading, each linked
 * to its heading, and (given `pageNumbers` on the document) with the page number its layout works out; the field is
 * written clean, so no reader shows it empty and Word never asks to update it.
 */
export function contentsSection(_input: PackInput): PackBlock[] {
  return [
    new Paragraph({ style: STYLE.contentsHeading, pageBreakBefore: true, children: [new TextRun('Contents')] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
}
