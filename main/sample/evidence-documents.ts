/**
 * The sample's evidence files, made when the sample is created: text and CSV as written, Word documents and a PDF
 * laid out from a small plain-text markup. Dates in the text ({{date}}, {{month}}, {{year}}, {{year+1}},
 * {{date+365}}) follow the document's date, which is counted back from the day the sample is created.
 */
import { utf8Bytes, zipToBytes } from '../formats/zip-writer';
import { addCalendarDays, parseIsoDate } from '../../shared/domain/working-days';
import type { EvidenceFormat } from './sample-content';
import { MONTH_NAMES } from '../../shared/domain/dates';

const MONTHS = MONTH_NAMES;

function longDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${MONTHS[month - 1]!} ${year}`;
}

/** Replaces the date placeholders with the document's date. Unknown placeholders are an error in the sample. */
export function renderTemplate(text: string, documentDate: string): string {
  const { year, month } = parseIsoDate(documentDate);
  return text
    .replace(/\{\{(date|month|year)([+-]\d+)?\}\}/g, (_match, what: string, offset?: string) => {
      const n = offset ? Number(offset) : 0;
      if (what === 'date') return longDate(addCalendarDays(documentDate, n));
      if (what === 'month') return `${MONTHS[month - 1]!} ${year}`;
      return String(year + n);
    })
    .replace(/\{\{[^}]*\}\}/g, (m) => {
      throw new Error(`Unknown placeholder ${m} in a sample evidence template`);
    });
}

export type Block =
  | { kind: 'title' | 'heading' | 'paragraph'; text: string }
  | { kind: 'bullet' | 'numbered'; text: string; marker: string };

/** "# Title", "## Heading", "- bullet", "1. numbered", and paragraphs separated by blank lines. */
export function parseBlocks(markup: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (const raw of markup.split(/\r?\n/)) {
    const line = raw.trim();
    const numbered = /^(\d+)\.\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (line.startsWith('# ')) {
      flush();
      blocks.push({ kind: 'title', text: line.slice(2) });
    } else if (line.startsWith('## ')) {
      flush();
      blocks.push({ kind: 'heading', text: line.slice(3) });
    } else if (line.startsWith('- ')) {
      flush();
      blocks.push({ kind: 'bullet', text: line.slice(2), marker: '\u2022' });
    } else if (numbered) {
      flush();
      blocks.push({ kind: 'numbered', text: numbered[2]!, marker: `${numbered[1]}.` });
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}

export interface DocumentInfo {
  title: string;
  author: string;
  date: string;
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Noon UTC on the document's date: a fixed time, so the same date always gives the same bytes. */
const stamp = (date: string) => new Date(`${date}T12:00:00Z`);

function wordParagraph(block: Block): string {
  const run = (text: string) => `<w:r><w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;
  switch (block.kind) {
    case 'title':
      return `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run(block.text)}</w:p>`;
    case 'heading':
      return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(block.text)}</w:p>`;
    case 'paragraph':
      return `<w:p>${run(block.text)}</w:p>`;
    case 'bullet':
    case 'numbered':
      return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${run(block.marker)}<w:r><w:tab/></w:r>${run(block.text)}</w:p>`;
  }
}

const STYLES =
  `${XML_DECL}<w:styles xmlns:w="${W}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:after="80"/><w:ind w:left="720" w:hanging="360"/></w:pPr></w:style>' +
  '</w:styles>';

/** A small Word document: title, headings, paragraphs and lists, with core properties (title, author, date, en-GB). */
export function buildDocx(blocks: readonly Block[], info: DocumentInfo): Uint8Array {
  const when = `${info.date}T12:00:00Z`;
  const body = blocks.map(wordParagraph).join('');
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      `${XML_DECL}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="word/document.xml"/>` +
      `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    'docProps/core.xml':
      `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${xml(info.title)}</dc:title><dc:creator>${xml(info.author)}</dc:creator><dc:language>en-GB</dc:language>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
      '</cp:coreProperties>',
    'word/_rels/document.xml.rels':
      `${XML_DECL}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${DOC_REL}/styles" Target="styles.xml"/></Relationships>`,
    'word/styles.xml': STYLES,
    'word/document.xml':
      `${XML_DECL}<w:document xmlns:w="${W}"><w:body>${body}` +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' +
      '</w:body></w:document>',
  };
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, utf8Bytes(text)]));
  return zipToBytes(entries, { level: 6, mtime: stamp(info.date) });
}

// PDF -------------------------------------------------------------------------------------------------------------

/** Characters outside ASCII that Helvetica's WinAnsi encoding has, by their code there. */
const WIN_ANSI: Record<string, number> = {
  '\u2018': 0x91,
  '\u2019': 0x92,
  '\u201c': 0x93,
  '\u201d': 0x94,
  '\u2022': 0x95,
  '\u2013': 0x96,
  '\u2014': 0x97,
};

/** Text shown on a page with a WinAnsi font: ASCII as it is, other characters as WinAnsi octal escapes. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else {
      const win = WIN_ANSI[ch] ?? (code >= 0xa0 && code <= 0xff ? code : 0x3f);
      out += `\\${win.toString(8).padStart(3, '0')}`;
    }
  }
  return out;
}

/** A PDF text string outside page content (document information): UTF-16BE with a byte order mark, as hex. */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

interface PdfLine {
  font: 'F1' | 'F2';
  size: number;
  x: number;
  text: string;
  gapBefore: number;
}

function pdfLines(blocks: readonly Block[]): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const block of blocks) {
    if (block.kind === 'title')
      wrap(block.text, 48).forEach((t, i) =>
        lines.push({ font: 'F2', size: 18, x: 72, text: t, gapBefore: i ? 22 : 0 }),
      );
    else if (block.kind === 'heading')
      wrap(block.text, 60).forEach((t, i) =>
        lines.push({ font: 'F2', size: 13, x: 72, text: t, gapBefore: i ? 17 : 26 }),
      );
    else if (block.kind === 'paragraph')
      wrap(block.text, 86).forEach((t, i) =>
        lines.push({ font: 'F1', size: 10.5, x: 72, text: t, gapBefore: i ? 14 : 20 }),
      );
    else if (block.kind === 'bullet' || block.kind === 'numbered') {
      const marker = block.marker;
      wrap(block.text, 80).forEach((t, i) => {
        if (i === 0) lines.push({ font: 'F1', size: 10.5, x: 80, text: marker, gapBefore: 16 });
        lines.push({ font: 'F1', size: 10.5, x: 96, text: t, gapBefore: i ? 14 : 0 });
      });
    }
  }
  return lines;
}

/** Pages of text-showing operators, A4, breaking before the bottom margin. */
function pdfPages(blocks: readonly Block[]): string[] {
  const pages: string[][] = [[]];
  let y = 770;
  for (const line of pdfLines(blocks)) {
    if (y - line.gapBefore < 72) {
      pages.push([]);
      y = 770;
    } else y -= line.gapBefore;
    pages[pages.length - 1]!.push(
      `BT /${line.font} ${line.size} Tf ${line.x} ${y.toFixed(1)} Td (${pdfString(line.text)}) Tj ET`,
    );
  }
  return pages.map((ops) => ops.join('\n'));
}

/** A PDF written by hand: Helvetica text on A4 pages, document information (title, author, date), a correct xref. */
export function buildPdf(blocks: readonly Block[], info: DocumentInfo): Uint8Array {
  const pages = pdfPages(blocks);
  const objects: string[] = [];
  const pageRef = (i: number) => 5 + i * 2;
  objects[1] = '<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageRef(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  pages.forEach((content, i) => {
    objects[pageRef(i)] =
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageRef(i) + 1} 0 R >>`;
    objects[pageRef(i) + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  const infoRef = objects.length;
  const pdfDate = `D:${info.date.replace(/-/g, '')}120000Z`;
  objects[infoRef] =
    `<< /Title ${pdfTextString(info.title)} /Author ${pdfTextString(info.author)} /CreationDate (${pdfDate}) /ModDate (${pdfDate}) >>`;
  // Everything above is ASCII (other characters are octal escapes), so string length is byte length.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]!}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoRef} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (ch) => ch.charCodeAt(0));
}

/** One evidence file's bytes from its template text, in the format the sample names. */
export function buildEvidenceFile(format: EvidenceFormat, template: string, info: DocumentInfo): Uint8Array {
  const text = renderTemplate(template, info.date);
  switch (format) {
    case 'txt':
    case 'csv':
      return utf8Bytes(text.replace(/\r?\n/g, '\r\n'));
    case 'docx':
      return buildDocx(parseBlocks(text), info);
    case 'pdf':
      return buildPdf(parseBlocks(text), info);
  }
}
