import type { TextCollector } from './collector';
import { readRelationships, relType } from './opc';
import { decodeEntities, decodeXml, prefixFor, scanXml } from './xml';
import type { ZipReader } from './zip';

const W_NS = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];
const MC_NS = ['http://schemas.openxmlformats.org/markup-compatibility/2006'];

/** Content types of a Word main document part (document, macro-enabled, template). */
export const WORD_MAIN_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
];

interface Paragraph { n: number; text: string }

/**
 * The paragraphs of one WordprocessingML part, numbered in document order (every <w:p>, empty or not, counts).
 * Text is the <w:t> runs; <w:tab/> is a tab, <w:br/> and <w:cr/> a newline. Deleted (tracked) text, field codes,
 * moved-from text and the duplicate fallback copies of text boxes are left out. Stops once `maxChars` are read.
 */
export function readWordParagraphs(xml: string, maxChars: number): Paragraph[] {
  const w = prefixFor(xml, W_NS) ?? 'w:';
  const mc = prefixFor(xml, MC_NS) ?? 'mc:';
  const P = `${w}p`, T = `${w}t`, PPR = `${w}pPr`;
  const TABS = new Set([`${w}tab`, `${w}ptab`]);
  const BREAKS = new Set([`${w}br`, `${w}cr`]);
  const SKIP = new Set([`${mc}Fallback`, `${w}moveFrom`, `${w}del`]);
  const done: Paragraph[] = [];
  const open: { n: number; parts: string[] }[] = [];
  let count = 0;
  let chars = 0;
  let inText = 0;
  let inPPr = 0;
  let skip = 0;
  const add = (s: string) => {
    const current = open[open.length - 1];
    if (!current) return;
    current.parts.push(s);
    chars += s.length;
  };
  scanXml(xml, {
    get done() { return chars > maxChars; },
    open(name) {
      if (skip > 0 || SKIP.has(name)) { skip++; return; }
      if (name === P) open.push({ n: ++count, parts: [] });
      else if (name === T) inText++;
      else if (name === PPR) inPPr++;
      else if (inPPr === 0 && TABS.has(name)) add('\t');
      else if (inPPr === 0 && BREAKS.has(name)) add('\n');
      else if (inPPr === 0 && name === `${w}noBreakHyphen`) add('-');
    },
    close(name) {
      if (skip > 0) { skip--; return; }
      if (name === P) {
        const p = open.pop();
        if (p) done.push({ n: p.n, text: p.parts.join('') });
      } else if (name === T) inText--;
      else if (name === PPR) inPPr--;
    },
    text(raw, cdata) {
      if (inText > 0 && skip === 0) add(cdata ? raw : decodeEntities(raw));
    },
  });
  // A text box's paragraphs sit inside the paragraph that anchors it and close first: restore document order.
  for (const p of open) done.push({ n: p.n, text: p.parts.join('') });
  return done.sort((a, b) => a.n - b.n);
}

/** Where a part's paragraphs are said to be: "" for the body, "header 1, " for word/header1.xml and so on. */
function locationPrefix(kind: string, part: string): string {
  const number = /(\d+)\.xml$/i.exec(part)?.[1];
  return number ? `${kind} ${number}, ` : `${kind}, `;
}

const EXTRA_PARTS: readonly [string, string][] = [
  ['header', 'header'], ['footer', 'footer'], ['footnotes', 'footnotes'], ['endnotes', 'endnotes'], ['comments', 'comments'],
];

/** Reads a .docx: the body ("paragraph 12"), then headers, footers, footnotes, endnotes and comments. */
export function extractDocx(zip: ZipReader, mainPart: string, out: TextCollector, maxChars: number): void {
  const body = zip.read(mainPart);
  if (!body) throw new Error('the main document part is missing');
  for (const p of readWordParagraphs(decodeXml(body), maxChars)) {
    if (!out.add(`paragraph ${p.n}`, p.text)) return;
  }
  const rels = readRelationships(zip, mainPart).filter((r) => !r.external);
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  for (const [type, label] of EXTRA_PARTS) {
    const parts = [...new Set(rels.filter((r) => relType(r) === type).map((r) => r.target))].sort(natural);
    for (const part of parts) {
      const bytes = zip.read(part);
      if (!bytes) continue;
      const prefix = locationPrefix(label, part);
      for (const p of readWordParagraphs(decodeXml(bytes), maxChars)) {
        if (!out.add(`${prefix}paragraph ${p.n}`, p.text)) return;
      }
    }
  }
}
