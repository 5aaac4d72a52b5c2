/**
 * A worksheet of an .xlsx as a grid of typed cells. The zip reader (with its zip-bomb budget), the XML scanner,
 * the workbook, shared-string and styles readers and the serial-date arithmetic are the text extractor's
 * (main/formats/); what is added here is keeping each cell in its place and reading its number format, so that a
 * fraction shown as a percentage becomes that percentage and a serial shown as a date becomes that date.
 */
import { fallbackMainPart, partOfType, readContentTypes } from '../../../formats/opc';
import { decodeEntities, decodeXml, prefixFor, scanXml } from '../../../formats/xml';
import {
  BUILTIN_DATE_FORMATS,
  classifyFormat,
  EXCEL_MAIN_TYPES,
  formatSerial,
  readCellFormats,
  readSharedStrings,
  readWorkbook,
  S_NS,
  unescapeOoxml,
  type WorkbookSheet,
} from '../../../formats/xlsx';
import type { ZipReader } from '../../../formats/zip';
import { type CellBudget, dropTrailingBlankRows, MAX_MERGES, TooManyMerges } from './budget';
import { EMPTY_CELL, interpretCell, isoDate, markerOf } from './interpret';
import type { Cell, Merge } from './types';

/** A part of the workbook that is not what the format says it must be. */
export class BadWorkbook extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadWorkbook';
  }
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** How a cell style shows a number. */
type Shown = 'date' | 'datetime' | 'time' | 'percent' | null;

/** A percentage format: a % in the format's first (positive) section, outside quoted text and escapes. */
function isPercentFormat(code: string): boolean {
  const first = code.split(';')[0] ?? '';
  return first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .includes('%');
}

function shownBy(id: number, custom: Map<number, string>): Shown {
  const code = custom.get(id);
  if (code !== undefined) return classifyFormat(code) ?? (isPercentFormat(code) ? 'percent' : null);
  if (id === 9 || id === 10) return 'percent';
  return BUILTIN_DATE_FORMATS.get(id) ?? null;
}

/** Row (1-based) and column (0-based) of a cell reference such as "B7" or "$B$7", or null when it is not one. */
function cellRef(ref: string): { row: number; col: number } | null {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let col = 0;
  const lettersStart = i;
  for (; i < ref.length && i - lettersStart < 3; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  if (i === lettersStart) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digitsStart = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57 || i - digitsStart >= 7) return null;
    row = row * 10 + (c - 48);
  }
  if (i === digitsStart || row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return null;
  return { row, col: col - 1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** One attribute's value from a start tag's raw attribute text, without building a map of them all. */
function attribute(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + 1;
    if (at > 0 && !isSpace(attrs.charCodeAt(at - 1))) continue;
    let j = at + name.length;
    while (isSpace(attrs.charCodeAt(j))) j++;
    if (attrs.charCodeAt(j) !== 61) continue;
    j++;
    while (isSpace(attrs.charCodeAt(j))) j++;
    const quote = attrs.charCodeAt(j);
    if (quote !== 34 && quote !== 39) return undefined;
    const end = attrs.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (end < 0) return undefined;
    const value = attrs.slice(j + 1, end);
    return value.includes('&') ? decodeEntities(value) : value;
  }
}

export interface OpenWorkbook {
  /** Worksheets (not chart sheets), in workbook order. */
  sheets: WorkbookSheet[];
  /** Reads one worksheet's grid. */
  read(sheet: WorkbookSheet, budget: CellBudget): { rows: Cell[][]; merges: Merge[] };
}

/** Opens the workbook in a zip: its sheets, shared strings and styles. Null when the zip is not an Excel workbook. */
export function openWorkbook(zip: ZipReader, extension: string): OpenWorkbook | null {
  const contentTypes = readContentTypes(zip);
  const main =
    partOfType(contentTypes, EXCEL_MAIN_TYPES) ?? fallbackMainPart(zip, extension, 'xlsx', 'xl/workbook.xml');
  if (!main) return null;
  // [Content_Types].xml may name a workbook part the zip does not hold (readWorkbook would throw a plain Error).
  if (!zip.has(main)) throw new BadWorkbook(`the workbook part ${main} is missing`);
  const info = readWorkbook(zip, main);
  const sharedBytes = info.sharedStringsPart ? zip.read(info.sharedStringsPart) : null;
  const shared = sharedBytes ? readSharedStrings(decodeXml(sharedBytes)) : [];
  const sharedCells: (Cell | undefined)[] = new Array<Cell | undefined>(shared.length);
  const stylesBytes = info.stylesPart ? zip.read(info.stylesPart) : null;
  const formats = stylesBytes
    ? readCellFormats(decodeXml(stylesBytes))
    : { xfFormats: [], custom: new Map<number, string>() };
  const shown: Shown[] = formats.xfFormats.map((id) => shownBy(id, formats.custom));

  const sharedCell = (index: number): Cell => {
    // An index that is not a whole number (1.5, 5e-324) names no string either.
    if (!(Number.isInteger(index) && index >= 0 && index < shared.length))
      throw new BadWorkbook(`shared string ${index} does not exist`);
    return (sharedCells[index] ??= interpretCell(shared[index]!));
  };

  /** A serial number shown as a date, date and time, or time; the number itself when no calendar has that day. */
  const dateCells = new Map<number, Cell>();
  const serialCell = (value: number, how: 'date' | 'datetime' | 'time'): Cell => {
    const text = formatSerial(value, how, info.date1904);
    if (text === null) return { raw: String(value), kind: 'number', number: value };
    if (how === 'time') return { raw: text, kind: 'text' };
    const date = isoDate(Number(text.slice(6, 10)), Number(text.slice(3, 5)), Number(text.slice(0, 2)));
    return date ? { raw: text, kind: 'date', date } : { raw: text, kind: 'text' };
  };

  const numberCell = (written: string, style: number): Cell => {
    const trimmed = written.trim();
    if (trimmed === '') return EMPTY_CELL;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) return interpretCell(written);
    const how = shown[style] ?? null;
    if (how === 'percent') {
      const percent = Number((value * 100).toPrecision(15)) || 0;
      return { raw: `${percent}%`, kind: 'percent', number: percent };
    }
    if (how === 'date' && Number.isInteger(value)) {
      // Whole-day dates repeat down a column (referral dates, snapshot dates): work each one out once.
      let cell = dateCells.get(value);
      if (cell === undefined) {
        cell = serialCell(value, how);
        if (dateCells.size < 100_000) dateCells.set(value, cell);
      }
      return cell;
    }
    if (how !== null) return serialCell(value, how);
    // Excel writes the shortest form that reads back exactly; past 15 significant digits it shows them rounded.
    if (trimmed.length <= 15 && !trimmed.includes('E') && !trimmed.includes('e') && value !== 0) {
      return { raw: trimmed, kind: 'number', number: value };
    }
    const number = Number(value.toPrecision(15)) || 0;
    return { raw: String(number), kind: 'number', number };
  };

  const valueCell = (type: string, style: number, v: string, inline: string): Cell => {
    switch (type) {
      case 's':
        return v.trim() === '' ? EMPTY_CELL : sharedCell(Number(v));
      case 'inlineStr':
        return interpretCell(unescapeOoxml(inline));
      case 'str':
        return interpretCell(unescapeOoxml(v));
      case 'b':
        return v === ''
          ? EMPTY_CELL
          : { raw: v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : 'FALSE', kind: 'text' };
      case 'e': {
        const marker = markerOf(v.trim());
        return marker ? { raw: v, kind: 'marker', marker } : { raw: v, kind: 'text' };
      }
      case 'd': {
        const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
        const date = m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
        return date
          ? { raw: `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`, kind: 'date', date }
          : interpretCell(v);
      }
      default:
        return numberCell(v, style);
    }
  };

  return {
    sheets: info.sheets.filter((sheet) => sheet.part !== null),
    read(sheet, budget) {
      const bytes = sheet.part ? zip.read(sheet.part) : null;
      if (!bytes) throw new BadWorkbook(`the part of sheet '${sheet.name}' is missing`);
      return readGrid(decodeXml(bytes), valueCell, budget);
    },
  };
}

type ValueCell = (type: string, style: number, v: string, inline: string) => Cell;

/** Scans a worksheet part: every cell in its place, and the merged ranges. */
function readGrid(xml: string, valueCell: ValueCell, budget: CellBudget): { rows: Cell[][]; merges: Merge[] } {
  const p = prefixFor(xml, S_NS) ?? '';
  const ROW = `${p}row`,
    C = `${p}c`,
    V = `${p}v`,
    IS = `${p}is`,
    T = `${p}t`,
    RPH = `${p}rPh`,
    MERGE = `${p}mergeCell`;
  const rows: Cell[][] = [];
  const merges: Merge[] = [];
  let rowNumber = 0;
  let row: Cell[] | null = null;
  let inCell = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let v = '';
  let inline = '';
  let inV = 0,
    inIs = 0,
    inT = 0,
    inPhonetic = 0;

  const endRow = (): void => {
    if (!row) return;
    let end = row.length;
    while (end > 0 && row[end - 1]!.kind === 'empty') end--;
    row.length = end;
    budget.take(end);
    row = null;
  };

  scanXml(xml, {
    open(name, attrs) {
      if (name === C) {
        inCell = true;
        const ref = attribute(attrs, 'r');
        if (ref !== undefined) {
          const at = cellRef(ref);
          if (!at) throw new BadWorkbook(`cell reference '${ref}' is not valid`);
          col = at.col;
        } else {
          col++;
          if (col >= MAX_COLUMNS) throw new BadWorkbook('a row has more than 16,384 columns');
        }
        type = attribute(attrs, 't') ?? 'n';
        const s = attribute(attrs, 's');
        style = s === undefined ? 0 : Number.parseInt(s, 10) || 0;
        v = '';
        inline = '';
      } else if (name === V) inV++;
      else if (name === ROW) {
        endRow();
        const r = attribute(attrs, 'r');
        const next = r === undefined ? rowNumber + 1 : Number(r);
        if (!Number.isInteger(next) || next < 1 || next > MAX_ROWS)
          throw new BadWorkbook(`row number '${r ?? next}' is not valid`);
        rowNumber = next;
        row = rows[rowNumber - 1] ?? [];
        rows[rowNumber - 1] = row;
        col = row.length - 1;
      } else if (name === IS) inIs++;
      else if (name === RPH) inPhonetic++;
      else if (name === T && inIs > 0 && inPhonetic === 0) inT++;
      else if (name === MERGE) {
        const ref = attribute(attrs, 'ref') ?? '';
        const [from, to] = ref.split(':');
        const a = from ? cellRef(from) : null;
        const b = to ? cellRef(to) : a;
        if (a && b) {
          if (merges.length >= MAX_MERGES) throw new TooManyMerges();
          merges.push({
            ref,
            firstRow: Math.min(a.row, b.row),
            lastRow: Math.max(a.row, b.row),
            firstCol: Math.min(a.col, b.col),
            lastCol: Math.max(a.col, b.col),
          });
        }
      }
    },
    close(name) {
      if (name === C) {
        if (!inCell || !row) return;
        inCell = false;
        const cell = valueCell(type, style, v, inline);
        if (cell === EMPTY_CELL && col >= row.length) return;
        while (row.length < col) row.push(EMPTY_CELL);
        row[col] = cell;
      } else if (name === V) inV--;
      else if (name === ROW) endRow();
      else if (name === IS) inIs--;
      else if (name === RPH) inPhonetic--;
      else if (name === T && inIs > 0 && inPhonetic === 0) inT--;
    },
    text(raw, cdata) {
      if (!inCell) return;
      if (inV > 0) v += cdata ? raw : decodeEntities(raw);
      else if (inT > 0) inline += cdata ? raw : decodeEntities(raw);
    },
  });
  endRow();
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { rows: dropTrailingBlankRows(rows), merges };
}
