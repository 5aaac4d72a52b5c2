import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { PackInput } from './pack-input';

/** What every page's header and footer show: any document built with the pack's machinery has them. */
export type PageMarks = Pick<PackInput, 'area' | 'marking' | 'draft'>;
import { COLOUR, CONTENT_WIDTH, SIZE, STYLE } from './styles';

/**
 * Every page: area name and protective marking at the top, with DRAFT under them in large bold capitals while the
 * pack is a draft; marking and "Page X of Y" at the bottom.
 */
export function packHeader(input: PageMarks, width: number = CONTENT_WIDTH): Header {
  const line = new Paragraph({
    style: STYLE.headerText,
    tabStops: [{ type: TabStopType.RIGHT, position: width }],
    border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border, space: 4 } },
    children: [
      new TextRun(input.area.name),
      new TextRun({ children: [new Tab(), input.marking], bold: true, color: COLOUR.text }),
    ],
  });
  const draft = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 200 },
    children: [new TextRun({ text: 'DRAFT', bold: true, size: SIZE.draft, color: COLOUR.draft, characterSpacing: 60 })],
  });
  return new Header({ children: input.draft ? [line, draft] : [line] });
}

export function packFooter(input: PageMarks, width: number = CONTENT_WIDTH): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.headerText,
        tabStops: [{ type: TabStopType.RIGHT, position: width }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border, space: 4 } },
        children: [
          new TextRun({ text: input.marking, bold: true, color: COLOUR.text }),
          new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}
