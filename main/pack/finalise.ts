import { unzipAll } from '../formats/zip';
import { utf8Bytes, zipToBytes } from '../formats/zip-writer';
import { ukWallClock } from './format';

/**
 * The last step of a build, on the .docx docx's Packer wrote: what docx can't set, and what would make two builds of
 * the same input differ.
 *  - docProps/core.xml: created and modified are the build time (Packer writes the current time), and the language.
 *  - word/settings.xml: the theme's language, en-GB, so Word proofs the document in British English.
 *  - word/document.xml: bookmark ids renumbered in order (docx draws them from a counter shared by every document
 *    built in the process), external hyperlinks' relationship ids too (docx draws them at random), and each picture's
 *    alt text copied from its drawing to the picture itself.
 *  - the zip: entries in a fixed order, each dated with the build time (UK wall clock, as zip dates are local), so the
 *    same input gives the same bytes.
 */
export interface FinaliseOptions {
  builtAt: string;
  language: string;
}

/** "2026-11-13T16:45:00Z": an instant in UTC to the second; a time without a zone is taken as written. */
export function w3cdtf(builtAt: string): string {
  const trimmed = builtAt.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const t = ukWallClock(trimmed);
  if (!t) return '2000-01-01T00:00:00Z';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}Z`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fixCore(xml: string, { builtAt, language }: FinaliseOptions): string {
  const when = w3cdtf(builtAt);
  let out = xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${when}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${when}$2`);
  if (!out.includes('<dc:language>'))
    out = out.replace('</cp:coreProperties>', `<dc:language>${escapeXml(language)}</dc:language></cp:coreProperties>`);
  return out;
}

function fixSettings(xml: string, { language }: FinaliseOptions): string {
  if (xml.includes('<w:themeFontLang')) return xml;
  const lang = `<w:themeFontLang w:val="${escapeXml(language)}"/>`;
  // CT_Settings order: themeFontLang follows compat, docVars, rsids, mathPr and attachedSchema.
  const after = /<\/w:compat>|<w:compat\/>/.exec(xml);
  if (after && !/<w:(?:docVars|rsids|mathPr|attachedSchema)\b/.test(xml)) {
    const at = after.index + after[0].length;
    return xml.slice(0, at) + lang + xml.slice(at);
  }
  return xml;
}

const BOOKMARK = String.raw`<w:(bookmarkStart|bookmarkEnd)\b([^>]*?)\bw:id="(\d+)"`;
const LINK = String.raw`(<w:hyperlink\b[^>]*?\br:id=")([^"]+)"`;
const TAGS = new RegExp(`${BOOKMARK}|${LINK}`, 'g');
const DRAWINGS_AND_TAGS = new RegExp(String.raw`<w:drawing>[\s\S]*?<\/w:drawing>|${BOOKMARK}|${LINK}`, 'g');

/**
 * docx writes a picture's alt text on the drawing (wp:docPr) but leaves the picture's own (pic:cNvPr) empty; some
 * readers take it from there, so it is copied across, with the drawing's name.
 */
function pictureAltText(drawing: string): string {
  const docPr = /<wp:docPr\b([^>]*?)\/?>/.exec(drawing);
  if (!docPr) return drawing;
  const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(docPr[1]!)?.[1] ?? '';
  // A function, so that a "$" in the alt text is written as it is, never read as a replacement pattern.
  return drawing.replace(
    /<pic:cNvPr id="0" name="" descr=""\/>/,
    () => `<pic:cNvPr id="0" name="${attr('name')}" descr="${attr('descr')}"/>`,
  );
}

/**
 * The edits to word/document.xml, made in one pass in document order, so the 2 MB of XML of a large pack is copied
 * once, not once per edit:
 *  - bookmark ids renumbered 1, 2, 3…, each start kept paired with its end;
 *  - each picture's alt text copied to the picture (pictureAltText);
 *  - with `renameLinks`, external hyperlinks' relationship ids renamed rIdLink1, rIdLink2… (docx names them at
 *    random); `links` maps each old id to its new one, for the relationships.
 * Bookmarks and links inside a drawing (in a text box) are numbered where they stand, as elsewhere.
 */
function editDocument(xml: string, renameLinks: boolean): { xml: string; links: Map<string, string> } {
  const bookmarks = new Map<string, number>();
  const links = new Map<string, string>();
  const tag = (all: string, name?: string, attrs?: string, id?: string, linkHead?: string, linkId?: string): string => {
    if (name !== undefined && id !== undefined) {
      let next = bookmarks.get(id);
      if (next === undefined) {
        next = bookmarks.size + 1;
        bookmarks.set(id, next);
      }
      return `<w:${name}${attrs}w:id="${next}"`;
    }
    if (linkHead !== undefined && linkId !== undefined && renameLinks) {
      let next = links.get(linkId);
      if (next === undefined) {
        next = `rIdLink${links.size + 1}`;
        links.set(linkId, next);
      }
      return `${linkHead}${next}"`;
    }
    return all;
  };
  const out = xml.replace(DRAWINGS_AND_TAGS, (all: string, ...groups: (string | undefined)[]) =>
    all.startsWith('<w:drawing>') ? pictureAltText(all.replace(TAGS, tag)) : tag(all, ...groups.slice(0, 5)),
  );
  return { xml: out, links };
}

/** The relationships of renamed hyperlinks given their new ids. */
function renameRelationships(relsXml: string, links: ReadonlyMap<string, string>): string {
  return relsXml.replace(/(<Relationship\b[^>]*?\bId=")([^"]+)"/g, (all, head: string, id: string) => {
    const next = links.get(id);
    return next === undefined ? all : `${head}${next}"`;
  });
}

const FIRST = ['[Content_Types].xml', '_rels/.rels'];

const FORBIDDEN_BYTES = /[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]/g;

function stripForbiddenXmlBytes(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  FORBIDDEN_BYTES.lastIndex = 0;
  return FORBIDDEN_BYTES.test(text) ? new Uint8Array(Buffer.from(text.replace(FORBIDDEN_BYTES, ''), 'latin1')) : bytes;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

export function finaliseDocx(docx: Uint8Array, options: FinaliseOptions): Buffer {
  const files = unzipAll(docx);
  const edit = (path: string, fix: (xml: string) => string) => {
    const data = files[path];
    if (data) files[path] = utf8Bytes(fix(Buffer.from(data).toString('utf8')));
  };
  edit('docProps/core.xml', (xml) => fixCore(xml, options));
  edit('word/settings.xml', (xml) => fixSettings(xml, options));
  // document.xml and its relationships are read and written as Latin-1, a character a byte: the edits match and
  // insert ASCII only, or copy text from the same XML, so UTF-8 passes through byte for byte, and the text takes one
  // byte a character in memory where UTF-16 would take two. (Buffer's Latin-1: the string decoder used before went 16 KB at
  // a time through Function.apply and left 18 MB of garbage for a large pack's 2 MB document.)
  const documentXml = files['word/document.xml'];
  const rels = files['word/_rels/document.xml.rels'];
  if (documentXml) {
    const edited = editDocument(latin1(documentXml), rels !== undefined);
    files['word/document.xml'] = Buffer.from(edited.xml, 'latin1');
    if (rels && edited.links.size > 0)
      files['word/_rels/document.xml.rels'] = Buffer.from(renameRelationships(latin1(rels), edited.links), 'latin1');
  }

  // The last line against characters XML forbids (refused where text enters; a dataset's cell or a database from
  // elsewhere can still carry one): removed from every XML part, as UTF-8 bytes. In UTF-8 a byte below 0x20 is only
  // ever that character, and EF BF BE / EF BF BF only ever U+FFFE / U+FFFF; a lone surrogate was already written as
  // U+FFFD by the encoder.
  for (const name of Object.keys(files)) {
    if (/\.(xml|rels)$/i.test(name)) files[name] = stripForbiddenXmlBytes(files[name]!);
  }

  const t = ukWallClock(options.builtAt);
  const mtime =
    t && t.year >= 1980 ? new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) : new Date(1980, 0, 1);
  const names = [...FIRST.filter((n) => n in files), ...Object.keys(files).filter((n) => !FIRST.includes(n))];
  const ordered: Record<string, Uint8Array> = {};
  for (const name of names) ordered[name] = files[name]!;
  // Images are compressed already: stored.
  const out = zipToBytes(ordered, { mtime, stored: (name) => /\.(png|jpe?g|gif)$/i.test(name) });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
