import type { TextCollector } from './collector';
import { readRelationships, relType } from './opc';
import { extractProperties } from './properties';
import { decodeEntities, decodeXml, parseAttributes, prefixFor, scanXml } from './xml';
import type { ZipReader } from './zip';

const W_NS = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];
const MC_NS = ['http://schemas.openxmlformats.org/markup-compatibility/2006'];

/** Content types of a Word main document part (document, macro-enabled, template). */
export const WORD_MAIN_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  'application/vnd.ms-word.document.macroEnabled.main+xml',
  'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
];

/** One <w:p>: what it now says, and what else a recipient can recover from it. */
export interface WordParagraph {
  n: number;
  /** The paragraph as it now reads (tracked insertions included). */
  text: string;
  /** Text of tracked deletions (<w:del>/<w:delText>): anyone can reject the deletion and read it. */
  deleted: string;
  /** Text moved away from here (<w:moveFrom>): it still sits here until the change is accepted. */
  moved: string;
  /** Field codes (<w:instrText>), e.g. a mailto: link or a merge field's instructions. */
  fields: string;
  /** Alternative text and titles of pictures and shapes anchored in the paragraph. */
  alt: string;
}

interface OpenParagraph {
  n: number;
  text: string[];
  deleted: string[];
  moved: string[];
  fields: string[];
  alt: string[];
}

const join = (parts: string[]) => parts.join('');

/**
 * The paragraphs of one WordprocessingML part, numbered in document order (every <w:p>, empty or not, counts).
 * Text is the <w:t> runs; <w:tab/> is a tab, <w:br/> and <w:cr/> a newline. Tracked deletions, moved-from text,
 * field codes and alternative text are kept apart, so each finding says where it is; only the duplicate fallback
 * copies of text boxes are left out. Stops once `maxChars` are read or past `maxParagraphs` paragraphs (empty ones
 * too: 30 million `<w:p/>` fit in a small file); `complete` is false then.
 */
export function readWordParagraphs(
  xml: string,
  maxChars: number,
  maxParagraphs = Number.POSITIVE_INFINITY,
): { paragraphs: WordParagraph[]; complete: boolean } {
  const w = prefixFor(xml, W_NS) ?? 'w:';
  const mc = prefixFor(xml, MC_NS) ?? 'mc:';
  const P = `${w}p`,
    T = `${w}t`,
    PPR = `${w}pPr`,
    DEL = `${w}del`,
    DEL_TEXT = `${w}delText`,
    MOVE_FROM = `${w}moveFrom`;
  const INSTR = new Set([`${w}instrText`, `${w}delInstrText`]);
  const TABS = new Set([`${w}tab`, `${w}ptab`]);
  const BREAKS = new Set([`${w}br`, `${w}cr`]);
  const FALLBACK = `${mc}Fallback`;
  const done: WordParagraph[] = [];
  const open: OpenParagraph[] = [];
  let count = 0;
  let chars = 0;
  let inText = 0,
    inPPr = 0,
    inDel = 0,
    inMove = 0,
    inInstr = 0,
    skip = 0;
  const current = () => open[open.length - 1];
  /** Where run text goes now: deleted, moved, field code or the paragraph itself. */
  const channel = (p: OpenParagraph) =>
    inInstr > 0 ? p.fields : inMove > 0 ? p.moved : inDel > 0 ? p.deleted : p.text;
  const add = (s: string) => {
    const p = current();
    if (!p) return;
    channel(p).push(s);
    chars += s.length;
  };
  const finish = (p: OpenParagraph) => {
    const para = {
      n: p.n,
      text: join(p.text),
      deleted: join(p.deleted),
      moved: join(p.moved),
      fields: join(p.fields),
      alt: p.alt.join('\n'),
    };
    // Empty paragraphs are only counted: keeping them would let millions of <w:p/> fill the memory.
    if (para.text || para.deleted || para.moved || para.fields || para.alt) done.push(para);
  };
  scanXml(xml, {
    get done() {
      return chars > maxChars || count > maxParagraphs;
    },
    open(name, attrs) {
      if (skip > 0 || name === FALLBACK) {
        skip++;
        return;
      }
      if (name === P) open.push({ n: ++count, text: [], deleted: [], moved: [], fields: [], alt: [] });
      else if (name === T || name === DEL_TEXT) inText++;
      else if (INSTR.has(name)) inInstr++;
      else if (name === DEL) inDel++;
      else if (name === MOVE_FROM) inMove++;
      else if (name === PPR) inPPr++;
      else if (inPPr === 0 && TABS.has(name)) add('\t');
      else if (inPPr === 0 && BREAKS.has(name)) add('\n');
      else if (inPPr === 0 && name === `${w}noBreakHyphen`) add('-');
      else if (name.endsWith(':docPr') || name.endsWith(':cNvPr')) {
        const a = parseAttributes(attrs);
        const alt = [a.get('title'), a.get('descr')].filter((x) => x && /\S/.test(x)).join('\n');
        const p = current();
        if (alt && p) {
          p.alt.push(alt);
          chars += alt.length;
        }
      }
    },
    close(name) {
      if (skip > 0) {
        skip--;
        return;
      }
      if (name === P) {
        const p = open.pop();
        if (p) finish(p);
      } else if (name === T || name === DEL_TEXT) inText--;
      else if (INSTR.has(name)) inInstr--;
      else if (name === DEL) inDel--;
      else if (name === MOVE_FROM) inMove--;
      else if (name === PPR) inPPr--;
    },
    text(raw, cdata) {
      if ((inText > 0 || inInstr > 0) && skip === 0) add(cdata ? raw : decodeEntities(raw));
    },
  });
  const complete = chars <= maxChars && count <= maxParagraphs;
  // A text box's paragraphs sit inside the paragraph that anchors it and close first: restore document order.
  for (const p of open) finish(p);
  return { paragraphs: done.sort((a, b) => a.n - b.n), complete };
}

/** The segments of one paragraph: its text, then what a recipient could recover from it, each with its own place. */
export function paragraphSegments(prefix: string, p: WordParagraph): [string, string][] {
  const out: [string, string][] = [[`${prefix}paragraph ${p.n}`, p.text]];
  if (p.deleted) out.push([`${prefix}tracked deletion, paragraph ${p.n}`, p.deleted]);
  if (p.moved) out.push([`${prefix}moved text (still at its old place), paragraph ${p.n}`, p.moved]);
  if (p.fields) out.push([`${prefix}field code, paragraph ${p.n}`, p.fields]);
  if (p.alt) out.push([`${prefix}picture description, paragraph ${p.n}`, p.alt]);
  return out;
}

/** Where a part's paragraphs are said to be: "" for the body, "header 1, " for word/header1.xml and so on. */
function locationPrefix(kind: string, part: string): string {
  const number = /(\d{1,6})\.xml$/i.exec(part.slice(-12))?.[1];
  return number ? `${kind} ${number}, ` : `${kind}, `;
}

const EXTRA_PARTS: readonly [string, string][] = [
  ['header', 'header'],
  ['footer', 'footer'],
  ['footnotes', 'footnotes'],
  ['endnotes', 'endnotes'],
  ['comments', 'comments'],
];

/** Reads one part's paragraphs into the collector; false once the collector is full. */
function readPart(xml: string, prefix: string, partName: string, out: TextCollector, limits: PartLimits): boolean {
  const { paragraphs, complete } = readWordParagraphs(xml, limits.maxChars, limits.maxParagraphs);
  for (const p of paragraphs) {
    for (const [location, text] of paragraphSegments(prefix, p)) if (!out.add(location, text)) return false;
  }
  if (!complete && !out.full) {
    out.markUnread(`${partName} after paragraph ${limits.maxParagraphs.toLocaleString('en-GB')}`);
    return false;
  }
  return true;
}

export interface PartLimits {
  maxChars: number;
  maxParagraphs: number;
}

/**
 * Reads a .docx: the body ("paragraph 12", "tracked deletion, paragraph 3"…), then headers, footers, footnotes,
 * endnotes and comments, then the document properties.
 */
export function extractDocx(zip: ZipReader, mainPart: string, out: TextCollector, limits: PartLimits): void {
  const body = zip.read(mainPart);
  if (!body) throw new Error('the main document part is missing');
  if (!readPart(decodeXml(body), '', 'the document body', out, limits)) return;
  const rels = readRelationships(zip, mainPart).filter((r) => !r.external);
  const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  for (const [type, label] of EXTRA_PARTS) {
    const parts = [...new Set(rels.filter((r) => relType(r) === type).map((r) => r.target))].sort(natural);
    for (const part of parts) {
      const bytes = zip.read(part);
      if (!bytes) continue;
      const prefix = locationPrefix(label, part);
      if (!readPart(decodeXml(bytes), prefix, prefix.slice(0, -2), out, limits)) return;
    }
  }
  extractProperties(zip, out);
}
