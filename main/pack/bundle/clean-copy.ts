/**
 * The clean copy of a Word or Excel file for the share bundle: what a recipient could recover but the author did
 * not mean to send is taken out. Word: tracked changes accepted (deletions and moved-from text removed, insertions
 * and moved-to text kept as ordinary text, formatting-change records dropped) and comments removed (the comments
 * parts, their relationships, anchors and references). Excel: notes and threaded comments removed (their parts, the
 * drawings that show them, the sheet's link to those drawings). The original stays untouched in the workspace; the
 * bundle's manifest lists the copy's SHA-256 beside the original's.
 */
import { utf8Bytes, zipToBytes } from '../../formats/zip-writer';
import { WORD_MAIN_TYPES } from '../../formats/docx';
import {
  fallbackMainPart,
  partFolder,
  partOfType,
  readContentTypes,
  readRelationships,
  relType,
  type Relationship,
} from '../../formats/opc';
import { rewriteXml, type ElementAction } from '../../formats/rewrite-xml';
import { decodeXml, parseAttributes } from '../../formats/xml';
import { EXCEL_MAIN_TYPES } from '../../formats/xlsx';
import { looksLikeZip, ZipReader } from '../../formats/zip';

export type CleanChange = 'tracked changes accepted' | 'comments removed' | 'notes and comments removed';

export interface CleanCopy {
  bytes: Uint8Array;
  /** What was changed, in words for the manifest. Never empty: a file needing no change gets no copy. */
  changes: CleanChange[];
}

/** Office files larger than this go as they are (their findings still stop the build until decided). */
export const MAX_CLEAN_BYTES = 256 * 1024 * 1024;
const MAX_UNZIPPED = 1024 * 1024 * 1024;
const MAX_ENTRIES = 20_000;

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Tracked-change records whose acceptance removes them with all they hold. */
const DROP_ON_ACCEPT = new Set([
  'del',
  'moveFrom',
  'moveFromRangeStart',
  'moveFromRangeEnd',
  'moveToRangeStart',
  'moveToRangeEnd',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'trPrChange',
  'tcPrChange',
  'tblGridChange',
  'numberingChange',
  'cellDel',
  'cellIns',
  'cellMerge',
  'delText',
  'delInstrText',
  'customXmlDelRangeStart',
  'customXmlDelRangeEnd',
  'customXmlInsRangeStart',
  'customXmlInsRangeEnd',
  'customXmlMoveFromRangeStart',
  'customXmlMoveFromRangeEnd',
  'customXmlMoveToRangeStart',
  'customXmlMoveToRangeEnd',
]);
/** Tracked-change wrappers whose acceptance keeps what they hold. */
const UNWRAP_ON_ACCEPT = new Set(['ins', 'moveTo']);
const COMMENT_MARKS = new Set(['commentRangeStart', 'commentRangeEnd', 'commentReference']);
/** Relationship types of Word's comment parts (comments, their extensions, the people who wrote them). */
const WORD_COMMENT_RELS = new Set(['comments', 'commentsExtended', 'commentsIds', 'commentsExtensible', 'people']);
const WORD_STORY_RELS = new Set(['header', 'footer', 'footnotes', 'endnotes']);

function relsName(part: string): string {
  const folder = partFolder(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** A relationships part without the given relationship ids. */
function withoutRelationships(xml: string, ids: ReadonlySet<string>): string {
  return rewriteXml(xml, (name, attrs) =>
    local(name) === 'Relationship' && ids.has(parseAttributes(attrs).get('Id') ?? '') ? 'drop' : 'keep',
  );
}

/** [Content_Types].xml without overrides for removed parts. */
function withoutOverrides(xml: string, removed: ReadonlySet<string>): string {
  return rewriteXml(xml, (name, attrs) => {
    if (local(name) !== 'Override') return 'keep';
    const part = (parseAttributes(attrs).get('PartName') ?? '').replace(/^\/+/, '').toLowerCase();
    return removed.has(part) ? 'drop' : 'keep';
  });
}

interface Edit {
  parts: Map<string, string>;
  removed: Set<string>;
  changes: Set<CleanChange>;
}

function cleanWord(zip: ZipReader, main: string, edit: Edit): void {
  const rels = readRelationships(zip, main).filter((r) => !r.external);
  const commentRels = rels.filter((r) => WORD_COMMENT_RELS.has(relType(r)));
  if (commentRels.length > 0) {
    for (const r of commentRels) edit.removed.add(r.target.toLowerCase());
    const relsPart = relsName(main);
    const relsBytes = zip.read(relsPart);
    if (relsBytes)
      edit.parts.set(relsPart, withoutRelationships(decodeXml(relsBytes), new Set(commentRels.map((r) => r.id))));
    edit.changes.add('comments removed');
  }
  const stories = [main, ...new Set(rels.filter((r) => WORD_STORY_RELS.has(relType(r))).map((r) => r.target))];
  for (const part of stories) {
    const bytes = zip.read(part);
    if (!bytes) continue;
    let tracked = false;
    let comments = false;
    const cleaned = rewriteXml(decodeXml(bytes), (name): ElementAction => {
      const l = local(name);
      if (DROP_ON_ACCEPT.has(l)) {
        tracked = true;
        return 'drop';
      }
      if (UNWRAP_ON_ACCEPT.has(l)) {
        tracked = true;
        return 'unwrap';
      }
      if (COMMENT_MARKS.has(l)) {
        comments = true;
        return 'drop';
      }
      return 'keep';
    });
    if (tracked) edit.changes.add('tracked changes accepted');
    if (comments) edit.changes.add('comments removed');
    if (tracked || comments) edit.parts.set(part, cleaned);
  }
  // Stop Word recording changes in the copy (it would start again on the recipient's first edit).
  const settings = rels.find((r) => relType(r) === 'settings');
  const settingsBytes = settings && edit.changes.size > 0 ? zip.read(settings.target) : null;
  if (settings && settingsBytes) {
    edit.parts.set(
      settings.target,
      rewriteXml(decodeXml(settingsBytes), (name) => (local(name) === 'trackRevisions' ? 'drop' : 'keep')),
    );
  }
}

function cleanExcel(zip: ZipReader, workbook: string, edit: Edit): void {
  const sheets = readRelationships(zip, workbook).filter((r) => !r.external && relType(r) === 'worksheet');
  for (const sheet of sheets) {
    const rels = readRelationships(zip, sheet.target).filter((r) => !r.external);
    const comments = rels.filter((r) => relType(r) === 'comments' || relType(r) === 'threadedComment');
    if (comments.length === 0) continue;
    // The legacy drawing shows the notes; a sheet with notes has one, and it holds nothing else Excel writes.
    const drawings = rels.filter((r) => relType(r) === 'vmlDrawing');
    const dropped: Relationship[] = [...comments, ...drawings];
    for (const r of dropped) edit.removed.add(r.target.toLowerCase());
    const ids = new Set(dropped.map((r) => r.id));
    const relsPart = relsName(sheet.target);
    const relsBytes = zip.read(relsPart);
    if (relsBytes) edit.parts.set(relsPart, withoutRelationships(decodeXml(relsBytes), ids));
    const sheetBytes = zip.read(sheet.target);
    if (sheetBytes) {
      edit.parts.set(
        sheet.target,
        rewriteXml(decodeXml(sheetBytes), (name, attrs) => {
          if (local(name) !== 'legacyDrawing' && local(name) !== 'legacyDrawingHF') return 'keep';
          const id = [...parseAttributes(attrs)].find(([k]) => local(k) === 'id')?.[1] ?? '';
          return ids.has(id) ? 'drop' : 'keep';
        }),
      );
    }
    edit.changes.add('notes and comments removed');
  }
}

/**
 * The clean copy of a .docx or .xlsx, or null when the file needs none (no tracked changes or comments), is not a
 * Word or Excel file, or cannot be read (the privacy check has then already asked for a decision about it).
 * `mtime` is stored for every entry, so the same file gives the same copy.
 */
export function cleanCopy(bytes: Uint8Array, fileName: string, mtime: Date): CleanCopy | null {
  if (bytes.length > MAX_CLEAN_BYTES || !looksLikeZip(bytes)) return null;
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  try {
    const zip = new ZipReader(bytes, MAX_UNZIPPED, MAX_ENTRIES);
    const types = readContentTypes(zip);
    const edit: Edit = { parts: new Map(), removed: new Set(), changes: new Set() };
    const word = partOfType(types, WORD_MAIN_TYPES) ?? fallbackMainPart(zip, ext, 'docx', 'word/document.xml');
    const excel = word
      ? null
      : (partOfType(types, EXCEL_MAIN_TYPES) ?? fallbackMainPart(zip, ext, 'xlsx', 'xl/workbook.xml'));
    if (word) cleanWord(zip, word, edit);
    else if (excel) cleanExcel(zip, excel, edit);
    else return null;
    if (edit.changes.size === 0) return null;
    const typesBytes = zip.read('[Content_Types].xml');
    if (typesBytes && edit.removed.size > 0)
      edit.parts.set('[Content_Types].xml', withoutOverrides(decodeXml(typesBytes), edit.removed));
    const edited = new Map([...edit.parts].map(([name, xml]) => [name.toLowerCase(), xml]));
    const files: Record<string, Uint8Array> = {};
    for (const name of zip.originalNames) {
      const key = name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
      if (edit.removed.has(key) || name.endsWith('/')) continue;
      const xml = edited.get(key);
      const content = xml !== undefined ? utf8Bytes(xml) : zip.read(name);
      if (!content) continue;
      files[name] = content;
    }
    return { bytes: zipToBytes(files, { mtime }), changes: [...edit.changes] };
  } catch {
    return null;
  }
}
