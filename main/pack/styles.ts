import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type INumberingOptions,
  type IStylesOptions,
  type NumberingDefinition,
} from 'docx';

/**
 * The pack's look in one place: fonts, sizes, colours, page geometry, paragraph styles and the bullet list.
 * GOV.UK-like restraint: Arial, black text, one accent colour, no colour that carries meaning on its own.
 * Sizes are in half-points (docx's `size`), lengths in DXA (twentieths of a point; 1,440 to the inch).
 */

export const FONT = 'Arial';

export const SIZE = {
  body: 22, // 11 pt
  table: 18, // 9 pt
  tableSmall: 16, // 8 pt: the evidence index's nine columns
  note: 18,
  header: 18,
  draft: 36,
  title: 60,
  coverArea: 40,
  heading1: 36,
  heading2: 28,
  heading3: 24,
  heading4: 22,
} as const;

export const COLOUR = {
  text: '0B0C0C',
  secondary: '505A5F',
  accent: '1D70B8',
  border: 'B1B4B6',
  headerFill: 'F3F2F1',
  /** DRAFT is always the word, in bold capitals; the red is only emphasis. */
  draft: 'D4351C',
} as const;

/** A4 portrait with 2 cm side margins. */
export const PAGE = {
  width: 11906,
  height: 16838,
  marginTop: 1418,
  marginBottom: 1134,
  marginSide: 1134,
  header: 567,
  footer: 567,
} as const;

/** The width text and tables have: the page less its side margins. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginSide;

/** The same on a landscape page (the evidence index, whose nine columns need it). */
export const LANDSCAPE_CONTENT_WIDTH = PAGE.height - 2 * PAGE.marginSide;

/** The widest a chart is shown, in pixels at 96 dpi (a little inside the text width). */
export const MAX_IMAGE_WIDTH_PX = Math.floor((CONTENT_WIDTH / 1440) * 96) - 4;

export const BULLETS = 'pack-bullets';
/** Numbered lists in narratives: each list starts again at its first number (see blocks.ts). */
export const NUMBERS = 'pack-numbers';

export const STYLE = {
  coverArea: 'CoverArea',
  coverLine: 'CoverLine',
  contentsHeading: 'TOCHeading',
  tableText: 'TableText',
  tableTextSmall: 'TableTextSmall',
  fact: 'ItemFact',
  note: 'Note',
  caption: 'Caption',
  headerText: 'HeaderText',
} as const;

const thinRule = { style: BorderStyle.SINGLE, size: 8, color: COLOUR.accent, space: 4 } as const;

export const PACK_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body, color: COLOUR.text, language: { value: 'en-GB' } },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: SIZE.title, bold: true, color: COLOUR.text },
      paragraph: { spacing: { before: 240, after: 360, line: 240, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: SIZE.heading1, bold: true, color: COLOUR.text },
      paragraph: {
        outlineLevel: 0,
        keepNext: true,
        keepLines: true,
        spacing: { before: 0, after: 240, line: 240, lineRule: LineRuleType.AUTO },
        border: { bottom: thinRule },
      },
    },
    heading2: {
      run: { font: FONT, size: SIZE.heading2, bold: true, color: COLOUR.text },
      paragraph: {
        outlineLevel: 1,
        keepNext: true,
        keepLines: true,
        spacing: { before: 360, after: 120, line: 240, lineRule: LineRuleType.AUTO },
      },
    },
    heading3: {
      run: { font: FONT, size: SIZE.heading3, bold: true, color: COLOUR.text },
      paragraph: {
        outlineLevel: 2,
        keepNext: true,
        keepLines: true,
        spacing: { before: 240, after: 80, line: 240, lineRule: LineRuleType.AUTO },
      },
    },
    heading4: {
      run: { font: FONT, size: SIZE.heading4, bold: true, color: COLOUR.text },
      paragraph: {
        outlineLevel: 3,
        keepNext: true,
        keepLines: true,
        spacing: { before: 200, after: 60, line: 240, lineRule: LineRuleType.AUTO },
      },
    },
    hyperlink: { run: { color: COLOUR.accent, underline: {} } },
  },
  paragraphStyles: [
    {
      // Word's own style for the heading of a table of contents: looks like Heading 1, is not listed in the contents.
      id: STYLE.contentsHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: SIZE.heading1, bold: true },
      paragraph: {
        keepNext: true,
        spacing: { before: 0, after: 240, line: 240, lineRule: LineRuleType.AUTO },
        border: { bottom: thinRule },
      },
    },
    { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 60, after: 60 } } },
    {
      id: 'TOC2',
      name: 'toc 2',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: { indent: { left: 284 }, spacing: { after: 40 } },
    },
    {
      id: STYLE.coverArea,
      name: 'Cover area name',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: SIZE.coverArea, bold: true, color: COLOUR.accent },
      paragraph: { spacing: { before: 2400, after: 120 } },
    },
    {
      id: STYLE.coverLine,
      name: 'Cover detail',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 24 },
      paragraph: { spacing: { after: 80 } },
    },
    {
      id: STYLE.tableText,
      name: 'Table text',
      basedOn: 'Normal',
      run: { size: SIZE.table },
      paragraph: { spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } },
    },
    { id: STYLE.tableTextSmall, name: 'Table text small', basedOn: STYLE.tableText, run: { size: SIZE.tableSmall } },
    {
      id: STYLE.fact,
      name: 'Item detail',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: { spacing: { after: 40 }, keepNext: true },
    },
    {
      id: STYLE.note,
      name: 'Note',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: SIZE.note, color: COLOUR.secondary },
      paragraph: { spacing: { before: 80, after: 120 } },
    },
    {
      id: STYLE.caption,
      name: 'caption',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 20, bold: true },
      paragraph: { spacing: { before: 240, after: 60 }, keepNext: true },
    },
    {
      id: STYLE.headerText,
      name: 'Header text',
      basedOn: 'Normal',
      run: { size: SIZE.header, color: COLOUR.secondary },
      paragraph: { spacing: { after: 0 } },
    },
  ],
  characterStyles: [
    // The contents entries' runs name this style (as LibreOffice and Word write them); plain text, no colour.
    { id: 'IndexLink', name: 'Index Link' },
  ],
};

export const PACK_NUMBERING: INumberingOptions = {
  config: [
    {
      reference: BULLETS,
      levels: [
        {
          level: 0,
          format: LevelFormat.BULLET,
          text: '\u2022',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 426, hanging: 284 } } },
        },
      ],
    },
    numberedList(1),
  ],
};

/** The numbering of a narrative's numbered list that starts at `start` ("1.", "2."… by default). */
export function numberedList(start: number): NumberingDefinition {
  return {
    reference: start === 1 ? NUMBERS : `${NUMBERS}-from-${start}`,
    levels: [
      {
        level: 0,
        format: LevelFormat.DECIMAL,
        text: '%1.',
        start,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 426, hanging: 426 } } },
      },
    ],
  };
}
