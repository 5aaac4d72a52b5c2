import type { TextCollector } from './collector';
import { extractProperties } from './properties';
import { readRelationships, relType } from './opc';
import { decodeEntities, decodeXml, parseAttributes, prefixFor, scanXml } from './xml';
import type { ZipReader } from './zip';

/** The SpreadsheetML main namespace (transitional and strict). */
export const S_NS = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
];
/** The relationships namespace (transitional and strict). */
export const R_NS = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
];

/** Content types of an Excel workbook part (workbook, macro-enabled, template). Binary .xlsb is not among them. */
export const EXCEL_MAIN_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
];

/** OOXML escapes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Local name without its prefix. */
function local(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** More shared strings than any workbook Excel can hold needs (it caps a sheet at 1,048,576 rows). */
export const MAX_SHARED_STRINGS = 4_000_000;

/** The shared-string table: each <si>'s text (rich-text runs joined, phonetic runs left out). */
export function readSharedStrings(xml: string, maxStrings = MAX_SHARED_STRINGS): string[] {
  const s = prefixFor(xml, S_NS) ?? '';
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = 0;
  let inPhonetic = 0;
  scanXml(xml, {
    get done() {
      return strings.length >= maxStrings;
    },
    open(name) {
      if (name === `${s}si`) current = [];
      else if (name === `${s}rPh`) inPhonetic++;
      else if (name === `${s}t` && inPhonetic === 0) inT++;
    },
    close(name) {
      if (name === `${s}si`) {
        strings.push(unescapeOoxml((current ?? []).join('')));
        current = null;
      } else if (name === `${s}rPh`) inPhonetic--;
      else if (name === `${s}t` && inPhonetic === 0) inT--;
    },
    text(raw, cdata) {
      if (inT > 0 && current) current.push(cdata ? raw : decodeEntities(raw));
    },
  });
  return strings;
}

export type DateKind = 'date' | 'datetime' | 'time';

/** Built-in number format ids that show a date, a time or both. */
export const BUILTIN_DATE_FORMATS: ReadonlyMap<number, DateKind> = new Map<number, DateKind>([
  [14, 'date'],
  [15, 'date'],
  [16, 'date'],
  [17, 'date'],
  [18, 'time'],
  [19, 'time'],
  [20, 'time'],
  [21, 'time'],
  [22, 'datetime'],
  [45, 'time'],
  [46, 'time'],
  [47, 'time'],
  // East Asian built-in date formats.
  ...[27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'date'] as [number, DateKind]),
  [32, 'time'],
  [33, 'time'],
  [55, 'time'],
  [56, 'time'],
]);

/** Whether a custom number format shows a date, a time or both. */
export function classifyFormat(code: string): DateKind | null {
  // Excel keeps format codes to 255 characters; a longer one is cut before the patterns below see it.
  const first = code.slice(0, 255).split(';')[0] ?? '';
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  const time = /[hs]/.test(bare);
  const date = /[dy]/.test(bare) || (/m/.test(bare.replace(/am\/pm|a\/p/g, '')) && !time);
  if (date && time) return 'datetime';
  if (date) return 'date';
  if (time) return 'time';
  return null;
}

/** The number formats of a styles part: each cell style's (cellXfs entry's) numFmtId, and the custom format codes. */
export function readCellFormats(xml: string): { xfFormats: number[]; custom: Map<number, string> } {
  const s = prefixFor(xml, S_NS) ?? '';
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = 0;
  let xfDepth = 0;
  scanXml(xml, {
    open(name, attrs) {
      if (name === `${s}numFmt`) {
        const a = parseAttributes(attrs);
        custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      } else if (name === `${s}cellXfs`) inCellXfs++;
      else if (name === `${s}xf` && inCellXfs > 0) {
        if (xfDepth++ === 0) xfFormats.push(Number(parseAttributes(attrs).get('numFmtId') ?? 0));
      }
    },
    close(name) {
      if (name === `${s}cellXfs`) inCellXfs--;
      else if (name === `${s}xf` && inCellXfs > 0) xfDepth--;
    },
    text() {},
  });
  return { xfFormats, custom };
}

/** For each cell style index (the `s` of a cell), whether its number format shows a date or time. */
function readDateStyles(xml: string): (DateKind | null)[] {
  const { xfFormats, custom } = readCellFormats(xml);
  return xfFormats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? classifyFormat(code) : (BUILTIN_DATE_FORMATS.get(id) ?? null);
  });
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel serial date as the UK shows it: 07/03/2014, 07/03/2014 14:30, 14:30. */
export function formatSerial(serial: number, kind: DateKind, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
  const hh = Math.floor(seconds / 3600),
    mm = Math.floor((seconds % 3600) / 60),
    ss = seconds % 60;
  const time = `${pad(hh)}:${pad(mm)}${ss ? `:${pad(ss)}` : ''}`;
  if (kind === 'time') return time;
  let date: string;
  if (!date1904 && days === 60)
    date = '29/02/1900'; // Excel's deliberate 1900 leap-year bug
  else {
    const base = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    const d = new Date(base + days * DAY_MS);
    date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  }
  return kind === 'datetime' ? `${date} ${time}` : date;
}

const HEADER_FOOTER_LABELS: Record<string, string> = {
  oddHeader: 'header',
  oddFooter: 'footer',
  evenHeader: 'even page header',
  evenFooter: 'even page footer',
  firstHeader: 'first page header',
  firstFooter: 'first page footer',
};

interface Cell {
  type: string;
  style: number;
  value: string[];
  inline: string[];
}

/** Reads one worksheet; each row with any value becomes "sheet NAME, row N" with its cells joined by tabs. */
function readSheet(
  xml: string,
  sheetLabel: string,
  shared: string[],
  dateStyles: (DateKind | null)[],
  date1904: boolean,
  out: TextCollector,
): void {
  const s = prefixFor(xml, S_NS) ?? '';
  const ROW = `${s}row`,
    C = `${s}c`,
    V = `${s}v`,
    IS = `${s}is`,
    T = `${s}t`,
    RPH = `${s}rPh`;
  const HEADER_FOOTER = new Set(Object.keys(HEADER_FOOTER_LABELS));
  let headerFooter: string | null = null;
  let headerText: string[] = [];
  let row = 0;
  let cells: string[] = [];
  let cell: Cell | null = null;
  let inV = 0,
    inIs = 0,
    inT = 0,
    inPhonetic = 0;
  scanXml(xml, {
    get done() {
      return out.full;
    },
    open(name, attrs) {
      if (name === ROW) {
        const r = Number.parseInt(parseAttributes(attrs).get('r') ?? '', 10);
        row = Number.isFinite(r) && r > 0 ? r : row + 1;
        cells = [];
      } else if (name === C) {
        const a = parseAttributes(attrs);
        cell = { type: a.get('t') ?? 'n', style: Number.parseInt(a.get('s') ?? '0', 10) || 0, value: [], inline: [] };
      } else if (name === V) inV++;
      else if (name === IS) inIs++;
      else if (name === RPH) inPhonetic++;
      else if (name === T && inIs > 0 && inPhonetic === 0) inT++;
      else if (HEADER_FOOTER.has(local(name))) {
        headerFooter = local(name);
        headerText = [];
      }
    },
    close(name) {
      if (headerFooter !== null && local(name) === headerFooter) {
        out.add(`${sheetLabel}, ${HEADER_FOOTER_LABELS[headerFooter] ?? 'header'}`, headerText.join(''));
        headerFooter = null;
      } else if (name === ROW) {
        out.add(`${sheetLabel}, row ${row}`, cells.join('\t'));
        cells = [];
      } else if (name === C) {
        if (cell) {
          const text = renderCell(cell, shared, dateStyles, date1904);
          if (text !== '') cells.push(text);
        }
        cell = null;
      } else if (name === V) inV--;
      else if (name === IS) inIs--;
      else if (name === RPH) inPhonetic--;
      else if (name === T && inIs > 0 && inPhonetic === 0) inT--;
    },
    text(raw, cdata) {
      if (headerFooter !== null) {
        headerText.push(cdata ? raw : decodeEntities(raw));
        return;
      }
      if (!cell) return;
      const text = cdata ? raw : decodeEntities(raw);
      if (inV > 0) cell.value.push(text);
      else if (inT > 0) cell.inline.push(text);
    },
  });
}

function renderCell(cell: Cell, shared: string[], dateStyles: (DateKind | null)[], date1904: boolean): string {
  const v = cell.value.join('');
  switch (cell.type) {
    case 's':
      return shared[Number.parseInt(v, 10)] ?? '';
    case 'inlineStr':
      return unescapeOoxml(cell.inline.join(''));
    case 'str':
      return unescapeOoxml(v);
    case 'b':
      return v === '' ? '' : v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
    case 'd':
      return v;
    default: {
      const trimmed = v.trim();
      const kind = dateStyles[cell.style];
      if (kind && trimmed !== '') return formatSerial(Number(trimmed), kind, date1904) ?? trimmed;
      return trimmed;
    }
  }
}

/** A worksheet (or chart or dialog sheet) listed in the workbook, in workbook order. */
export interface WorkbookSheet {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden', as the workbook says. */
  state: string;
  /** The relationship id (r:id) that names its part. */
  id: string;
  /** Its part name, or null when the relationship is missing or not a worksheet (chart sheets hold no cells). */
  part: string | null;
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  /** True when the workbook uses the 1904 date system. */
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  /** Defined names (named ranges, print areas…) with what each refers to. */
  definedNames: { name: string; refersTo: string }[];
}

/** The workbook part's sheet list, date system, and where its shared strings and styles are. */
export function readWorkbook(zip: ZipReader, workbookPart: string): WorkbookInfo {
  const workbookBytes = zip.read(workbookPart);
  if (!workbookBytes) throw new Error('the workbook part is missing');
  const workbook = decodeXml(workbookBytes);
  const s = prefixFor(workbook, S_NS) ?? '';
  const r = prefixFor(workbook, R_NS);
  const listed: { name: string; id: string; state: string }[] = [];
  const definedNames: { name: string; refersTo: string }[] = [];
  let definedName: { name: string; refersTo: string } | null = null;
  let date1904 = false;
  scanXml(workbook, {
    open(name, attrs) {
      if (name === `${s}definedName`) {
        definedName = { name: parseAttributes(attrs).get('name') ?? '', refersTo: '' };
      } else if (name === `${s}sheet`) {
        const a = parseAttributes(attrs);
        const id = r !== null ? a.get(`${r}id`) : [...a].find(([k]) => local(k) === 'id' && k.includes(':'))?.[1];
        listed.push({
          name: a.get('name') ?? `Sheet${listed.length + 1}`,
          id: id ?? '',
          state: a.get('state') ?? 'visible',
        });
      } else if (name === `${s}workbookPr`) {
        const v = parseAttributes(attrs).get('date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
    close(name) {
      if (name === `${s}definedName` && definedName) {
        definedNames.push(definedName);
        definedName = null;
      }
    },
    text(raw, cdata) {
      if (definedName) definedName.refersTo += cdata ? raw : decodeEntities(raw);
    },
  });
  const rels = readRelationships(zip, workbookPart).filter((rel) => !rel.external);
  const byId = new Map(rels.map((rel) => [rel.id, rel]));
  const sheets = listed.map((sheet) => {
    const rel = byId.get(sheet.id);
    return { ...sheet, part: rel && relType(rel) === 'worksheet' ? rel.target : null };
  });
  return {
    sheets,
    date1904,
    sharedStringsPart: rels.find((rel) => relType(rel) === 'sharedStrings')?.target ?? null,
    stylesPart: rels.find((rel) => relType(rel) === 'styles')?.target ?? null,
    definedNames,
  };
}

/**
 * A comments part: legacy comments (the "notes" of Excel 365: <comment ref="B2"><text>…) and threaded comments
 * (<threadedComment ref="B2"><text>…), one segment each, "sheet Budget, note at B2".
 */
function readComments(xml: string, sheetLabel: string, what: 'note' | 'comment', out: TextCollector): void {
  let ref: string | null = null;
  let text: string[] = [];
  let inText = 0;
  let inPhonetic = 0;
  scanXml(xml, {
    get done() {
      return out.full;
    },
    open(name, attrs) {
      const l = local(name);
      if (l === 'comment' || l === 'threadedComment') {
        ref = parseAttributes(attrs).get('ref') ?? '?';
        text = [];
      } else if (l === 'rPh') inPhonetic++;
      else if (l === 'text' || (l === 't' && inPhonetic === 0)) inText++;
    },
    close(name) {
      const l = local(name);
      if ((l === 'comment' || l === 'threadedComment') && ref !== null) {
        out.add(`${sheetLabel}, ${what} at ${ref}`, unescapeOoxml(text.join('')));
        ref = null;
      } else if (l === 'rPh') inPhonetic--;
      else if (l === 'text' || (l === 't' && inPhonetic === 0)) inText--;
    },
    text(raw, cdata) {
      if (ref !== null && inText > 0 && inPhonetic === 0) text.push(cdata ? raw : decodeEntities(raw));
    },
  });
}

/** How a sheet is named in a location: "sheet Budget", "sheet Pupils (hidden)". */
export function sheetLabel(sheet: WorkbookSheet): string {
  return `sheet ${sheet.name}${sheet.state === 'hidden' || sheet.state === 'veryHidden' ? ' (hidden)' : ''}`;
}

/**
 * Reads a .xlsx: the sheet names and defined names, every worksheet in workbook order (hidden ones too), one segment
 * per row, with each sheet's header and footer, notes and comments, then the document properties.
 */
export function extractXlsx(zip: ZipReader, workbookPart: string, out: TextCollector): void {
  const { sheets, date1904, sharedStringsPart, stylesPart, definedNames } = readWorkbook(zip, workbookPart);
  out.add('sheet names', sheets.map((sheet) => sheet.name).join('\t'));
  for (const d of definedNames) if (!out.add(`defined name ${d.name}`, `${d.name}\t${d.refersTo}`)) return;
  const sharedBytes = sharedStringsPart ? zip.read(sharedStringsPart) : null;
  const shared = sharedBytes ? readSharedStrings(decodeXml(sharedBytes)) : [];
  if (shared.length >= MAX_SHARED_STRINGS)
    out.markUnread(`the shared strings after the first ${MAX_SHARED_STRINGS.toLocaleString('en-GB')}`);
  const stylesBytes = stylesPart ? zip.read(stylesPart) : null;
  const dateStyles = stylesBytes ? readDateStyles(decodeXml(stylesBytes)) : [];
  for (const sheet of sheets) {
    if (!sheet.part) continue; // chart sheets and dialog sheets hold no cells
    const bytes = zip.read(sheet.part);
    if (!bytes) continue;
    const label = sheetLabel(sheet);
    readSheet(decodeXml(bytes), label, shared, dateStyles, date1904, out);
    if (out.full) return;
    for (const rel of readRelationships(zip, sheet.part)) {
      if (rel.external) continue;
      const type = relType(rel);
      if (type !== 'comments' && type !== 'threadedComment') continue;
      const commentBytes = zip.read(rel.target);
      if (commentBytes) readComments(decodeXml(commentBytes), label, type === 'comments' ? 'note' : 'comment', out);
      if (out.full) return;
    }
  }
  extractProperties(zip, out);
}
