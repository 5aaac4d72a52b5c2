import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { COLOUR, CONTENT_WIDTH, LANDSCAPE_CONTENT_WIDTH, STYLE } from './styles';

/**
 * Accessible tables laid out the same in Word, LibreOffice and Google Docs: widths in DXA on the table, on the grid
 * (`columnWidths`) and on every cell, fixed layout, one header row marked to repeat on each page (and no other row
 * marked: a `tableHeader: false` row reads as a header to some readers), rows kept whole across pages.
 */

export interface PackColumn {
  header: string;
  /** Share of the table's width; the widths are worked out in DXA from these. */
  weight: number;
  align?: 'left' | 'right';
}

/** A cell: plain text, runs making one paragraph, or paragraphs. */
export type PackCell = string | ParagraphChild[] | Paragraph[];

export interface PackTableOptions {
  columns: readonly PackColumn[];
  rows: readonly (readonly PackCell[])[];
  /** Smaller text, for wide tables such as the evidence index. */
  small?: boolean;
  /** Table width in DXA; default the full text width. */
  width?: number;
}

/** Column widths in DXA from weights, summing exactly to `total`. */
export function columnWidthsDxa(weights: readonly number[], total: number = CONTENT_WIDTH): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || weights.some((w) => !(w > 0))) throw new RangeError('Column weights must be positive');
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: COLOUR.border } as const;
const CELL_MARGINS = { top: 40, bottom: 40, left: 85, right: 85 } as const;

function cellParagraphs(content: PackCell, style: string, align: PackColumn['align'], bold: boolean): Paragraph[] {
  const alignment = align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  if (typeof content === 'string') {
    // Line breaks in the text become separate paragraphs; an empty cell still gets one (Word requires it).
    return content
      .split('\n')
      .map((line) => new Paragraph({ style, alignment, children: [new TextRun({ text: line, bold })] }));
  }
  if (content.length > 0 && content.every((c) => c instanceof Paragraph)) return content as Paragraph[];
  return [new Paragraph({ style, alignment, children: content as ParagraphChild[] })];
}

/** The width tables take when none is given: the pack's text width, or a council template's while building into it. */
let textWidth: number = CONTENT_WIDTH;
/** The width of the landscape pages wide tables have (the evidence index); in a template, its one page width. */
let wideWidth: number = LANDSCAPE_CONTENT_WIDTH;

/** The width a wide table (the evidence index) takes. */
export const wideTableWidth = (): number => wideWidth;

/**
 * Builds blocks whose tables fit a text width other than the pack's own: a council template's page, where every
 * section is on the template's own page (no landscape section).
 */
export function withTextWidth<T>(width: number, build: () => T): T {
  const before = [textWidth, wideWidth] as const;
  textWidth = width;
  wideWidth = width;
  try {
    return build();
  } finally {
    [textWidth, wideWidth] = before;
  }
}

export function packTable({ columns, rows, small = false, width = textWidth }: PackTableOptions): Table {
  const widths = columnWidthsDxa(
    columns.map((c) => c.weight),
    width,
  );
  const style = small ? STYLE.tableTextSmall : STYLE.tableText;
  const cell = (content: PackCell, index: number, header: boolean) =>
    new TableCell({
      width: { size: widths[index]!, type: WidthType.DXA },
      margins: CELL_MARGINS,
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOUR.headerFill } } : {}),
      children: cellParagraphs(content, style, columns[index]?.align, header),
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map((row) => {
        if (row.length !== columns.length)
          throw new RangeError(`A table row has ${row.length} cells for ${columns.length} columns`);
        return new TableRow({ cantSplit: true, children: row.map((content, i) => cell(content, i, false)) });
      }),
    ],
  });
}
