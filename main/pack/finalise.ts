import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
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
export interface FinaliseOptions { builtAt: string; language: string }

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
  if (!out.includes('<dc:language>')) out = out.replace('</cp:coreProperties>', `<dc:language>${escapeXml(language)}</dc:language></cp:coreProperties>`);
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

/** Renumbers bookmark ids 1, 2, 3… in document order, keeping each start paired with its end. */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  return xml.replace(/<w:(bookmarkStart|bookmarkEnd)\b([^>]*?)\bw:id="(\d+)"/g, (_all, tag: string, attrs: string, id: string) => {
    let next = ids.get(id);
    if (next === undefined) { next = ids.size + 1; ids.set(id, next); }
    return `<w:${tag}${attrs}w:id="${next}"`;
  });
}

/**
 * docx writes a picture's alt text on the drawing (wp:docPr) but leaves the picture's own (pic:cNvPr) empty; some
 * readers take it from there, so it is copied across, with the drawing's name.
 */
function pictureAltText(xml: string): string {
  return xml.replace(/<w:drawing>[\s\S]*?<\/w:drawing>/g, (drawing) => {
    const docPr = /<wp:docPr\b([^>]*?)\/?>/.exec(drawing);
    if (!docPr) return drawing;
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(docPr[1]!)?.[1] ?? '';
    return drawing.replace(/<pic:cNvPr id="0" name="" descr=""\/>/,
      `<pic:cNvPr id="0" name="${attr('name')}" descr="${attr('descr')}"/>`);
  });
}

/**
 * docx names each external hyperlink's relationship at random: renamed rIdLink1, rIdLink2… in document order, in the
 * document and its relationships alike.
 */
function renumberLinks(documentXml: string, relsXml: string): { documentXml: string; relsXml: string } {
  const ids = new Map<string, string>();
  const doc = documentXml.replace(/(<w:hyperlink\b[^>]*?\br:id=")([^"]+)"/g, (_all, head: string, id: string) => {
    let next = ids.get(id);
    if (next === undefined) { next = `rIdLink${ids.size + 1}`; ids.set(id, next); }
    return `${head}${next}"`;
  });
  if (ids.size === 0) return { documentXml, relsXml };
  const rels = relsXml.replace(/(<Relationship\b[^>]*?\bId=")([^"]+)"/g, (all, head: string, id: string) => {
    const next = ids.get(id);
    return next === undefined ? all : `${head}${next}"`;
  });
  return { documentXml: doc, relsXml: rels };
}

const FIRST = ['[Content_Types].xml', '_rels/.rels'];

export function finaliseDocx(docx: Uint8Array, options: FinaliseOptions): Buffer {
  const files = unzipSync(docx);
  const edit = (path: string, fix: (xml: string) => string) => {
    const data = files[path];
    if (data) files[path] = strToU8(fix(strFromU8(data)));
  };
  edit('docProps/core.xml', (xml) => fixCore(xml, options));
  edit('word/settings.xml', (xml) => fixSettings(xml, options));
  edit('word/document.xml', (xml) => pictureAltText(renumberBookmarks(xml)));
  const rels = files['word/_rels/document.xml.rels'];
  const documentXml = files['word/document.xml'];
  if (rels && documentXml) {
    const renamed = renumberLinks(strFromU8(documentXml), strFromU8(rels));
    files['word/document.xml'] = strToU8(renamed.documentXml);
    files['word/_rels/document.xml.rels'] = strToU8(renamed.relsXml);
  }

  const t = ukWallClock(options.builtAt);
  const mtime = t && t.year >= 1980 ? new Date(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) : new Date(1980, 0, 1);
  const names = [...FIRST.filter((n) => n in files), ...Object.keys(files).filter((n) => !FIRST.includes(n))];
  const zippable: Zippable = {};
  for (const name of names) {
    // Images are compressed already: store them.
    zippable[name] = [files[name]!, { level: /\.(png|jpe?g|gif)$/i.test(name) ? 0 : 6, mtime }];
  }
  const out = zipSync(zippable);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
