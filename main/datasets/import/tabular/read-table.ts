/**
 * readTable: an uploaded file (bytes and the name it came with) as a grid of typed cells, exactly as the officer's
 * file holds it, or a plain sentence saying why it cannot be read. The content decides the format (a workbook
 * renamed .csv is still read as a workbook); the name is a hint and is used in every message. Never throws.
 */
import { controlCharRatio, decodeText } from '../../../formats/decode';
import { fileExtension, isEncryptedOffice, isImage, isOle, looksLikePdf } from '../../../formats/detect';
import { readContentTypes } from '../../../formats/opc';
import { DEFAULT_LIMITS } from '../../../formats/types';
import { XmlError } from '../../../formats/xml';
import { looksLikeZip, ZipError, ZipReader } from '../../../formats/zip';
import { CellBudget, MAX_MERGES, TooManyCells, TooManyMerges } from './budget';
import { sniffDelimiter, UnclosedQuote } from '../../../formats/csv';
import { parseCsv } from './csv-cells';
import type { ReadTableOptions, TableReadOk, TableReadResult, TextEncodingLabel } from './types';
import { BadWorkbook, openWorkbook } from './workbook';

const DEFAULT_MAX_CELLS = 10_000_000;
const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'tab', 'txt', '']);
const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xltx', 'xltm']);
const MB = 1024 * 1024;

const size = (bytes: number): string =>
  bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

class Refusal extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'Refusal';
  }
}

/** What every refusal of a file that is not a table ends with: what to import instead. */
const SAVE_AS_TABLE = 'Save the figures as CSV or as an Excel Workbook (.xlsx) and import that.';

const notTabular = (name: string): Refusal =>
  new Refusal(`${name} is not a CSV or Excel (.xlsx) file. ${SAVE_AS_TABLE}`);

function listNames(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
}

/** Reads a CSV or .xlsx file into rows of typed cells; `options.sheet` picks a worksheet by name. */
export function readTable(bytes: Uint8Array, fileName: string, options: ReadTableOptions = {}): TableReadResult {
  const name = fileName.split(/[\\/]/).pop() || 'The file';
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  try {
    return read(bytes, name, options, maxCells);
  } catch (error) {
    return { ok: false, problem: describe(error, name, options, maxCells) };
  }
}

function describe(error: unknown, name: string, options: ReadTableOptions, maxCells: number): string {
  if (error instanceof Refusal) return error.problem;
  if (error instanceof TooManyCells) {
    return (
      `${name} has more than ${maxCells.toLocaleString('en-GB')} cells, too many to import at once; ` +
      'split it into smaller files.'
    );
  }
  if (error instanceof TooManyMerges) {
    return (
      `${name} has more than ${MAX_MERGES.toLocaleString('en-GB')} merged ranges on one sheet, too many to read; ` +
      'unmerge the cells in Excel (or save the sheet as CSV) and import it again.'
    );
  }
  if (error instanceof UnclosedQuote) {
    return (
      `${name} has a quote (") opening a field in row ${error.row} that is never closed, so the rest of the ` +
      'file would run into one cell; check that row.'
    );
  }
  if (error instanceof ZipError) {
    switch (error.problem) {
      case 'too-big':
        return (
          `${name} expands to more than ${size(options.maxUnzippedBytes ?? DEFAULT_LIMITS.maxUnzippedBytes)} ` +
          'when unpacked, so it was not read (it may be a "zip bomb"). If it is a genuine workbook, save its figures as CSV and import that.'
        );
      case 'too-many-entries':
        return (
          `${name} holds more than ${(options.maxZipEntries ?? DEFAULT_LIMITS.maxZipEntries).toLocaleString('en-GB')} ` +
          'parts, so it was not read (it may be a "zip bomb"). If it is a genuine workbook, save its figures as CSV and import that.'
        );
      case 'encrypted':
        return `${name} is password-protected; remove the password in Excel, save it and import it again.`;
      case 'unsupported':
        return (
          `${name} uses a compression method that is not supported; open it in Excel, save it ` + 'and import it again.'
        );
      case 'damaged':
        break;
    }
    return damaged(name);
  }
  if (error instanceof XmlError || error instanceof BadWorkbook) return damaged(name);
  if (error instanceof RangeError) return `${name} is too large to read. Split it into smaller files.`;
  return `${name} could not be read (${error instanceof Error ? error.message : String(error)}).`;
}

const damaged = (name: string): string =>
  `${name} is damaged and could not be read as an Excel workbook. ` +
  'Open it in Excel and save it again (or export it again), then import the new copy.';

function read(bytes: Uint8Array, name: string, options: ReadTableOptions, maxCells: number): TableReadResult {
  const ext = fileExtension(name);
  if (bytes.length === 0)
    throw new Refusal(`${name} is empty. Check that you chose the file that holds the figures, or export it again.`);
  if (looksLikeZip(bytes)) return readWorkbookFile(bytes, name, ext, options, maxCells);
  if (isOle(bytes)) {
    if (isEncryptedOffice(bytes)) {
      throw new Refusal(`${name} is password-protected; remove the password in Excel, save it and import it again.`);
    }
    if (ext === 'xls' || ext === 'xlt') {
      throw new Refusal(
        `${name} is an older Excel file (.xls); open it in Excel, save it as an Excel Workbook (.xlsx) ` +
          'or CSV, and import that.',
      );
    }
    throw notTabular(name);
  }
  if (looksLikePdf(bytes) || isImage(bytes)) throw notTabular(name);
  if (WORKBOOK_EXTENSIONS.has(ext)) {
    throw new Refusal(
      `${name} is named .${ext} but is not an Excel workbook; it may be damaged. Open it in Excel, save it as an ` +
        'Excel Workbook (.xlsx) and import that.',
    );
  }
  // Case-management systems often export tab-separated text named .xls; read it as the text it is.
  if (!TEXT_EXTENSIONS.has(ext) && ext !== 'xls') throw notTabular(name);
  return readCsvFile(bytes, name, ext, maxCells);
}

function readCsvFile(bytes: Uint8Array, name: string, ext: string, maxCells: number): TableReadOk {
  const { text, encoding } = decodeText(bytes);
  if (controlCharRatio(text) >= 0.1 || text.slice(0, 4096).includes('\0')) {
    throw new Refusal(
      ext === 'csv' || ext === 'tsv'
        ? `${name} is named .${ext} but does not contain text; it may be damaged. Export it again, or check that you chose the file ` +
            'that holds the figures.'
        : `${name} is not a CSV or Excel (.xlsx) file. ${SAVE_AS_TABLE}`,
    );
  }
  const start = text.slice(0, 1024).trimStart().toLowerCase();
  if (start.startsWith('<') && /<(?:html|table|!doctype)/.test(start)) {
    throw new Refusal(
      `${name} is a web page (HTML), not a CSV file; open it in Excel, save it as an Excel Workbook ` +
        '(.xlsx) or CSV, and import that.',
    );
  }
  const label: TextEncodingLabel = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8-bom' : encoding;
  const delimiter = sniffDelimiter(text, ext);
  const rows = parseCsv(text, delimiter, new CellBudget(maxCells));
  return {
    ok: true,
    format: 'csv',
    sheets: [],
    hiddenSheets: [],
    sheet: null,
    encoding: label,
    delimiter,
    rows,
    merges: [],
  };
}

function readWorkbookFile(
  bytes: Uint8Array,
  name: string,
  ext: string,
  options: ReadTableOptions,
  maxCells: number,
): TableReadOk {
  const zip = new ZipReader(
    bytes,
    options.maxUnzippedBytes ?? DEFAULT_LIMITS.maxUnzippedBytes,
    options.maxZipEntries ?? DEFAULT_LIMITS.maxZipEntries,
  );
  const workbook = openWorkbook(zip, ext);
  if (!workbook) throw new Refusal(notWorkbook(zip, name));
  const { sheets } = workbook;
  if (sheets.length === 0) {
    throw new Refusal(
      `The workbook ${name} has no worksheets. Open it in Excel, check that the figures are on a worksheet, save it ` +
        'and import it again.',
    );
  }
  const names = sheets.map((s) => s.name);
  const hiddenSheets = sheets.filter((s) => s.state !== 'visible').map((s) => s.name);
  const result = (sheet: (typeof sheets)[number], grid: ReturnType<typeof workbook.read>): TableReadOk => ({
    ok: true,
    format: 'xlsx',
    sheets: names,
    hiddenSheets,
    sheet: sheet.name,
    encoding: null,
    delimiter: null,
    rows: grid.rows,
    merges: grid.merges,
  });
  if (options.sheet !== undefined) {
    const wanted = options.sheet.trim().toLowerCase();
    const sheet =
      sheets.find((s) => s.name === options.sheet) ?? sheets.find((s) => s.name.trim().toLowerCase() === wanted);
    if (!sheet) {
      throw new Refusal(
        `The workbook ${name} has no sheet called '${options.sheet}'; its sheets are ${listNames(names)}. Choose one of those.`,
      );
    }
    return result(sheet, workbook.read(sheet, new CellBudget(maxCells)));
  }
  // The first visible sheet that holds anything; else the first visible one; else the first.
  const visible = sheets.filter((s) => s.state === 'visible');
  for (const sheet of visible) {
    const grid = workbook.read(sheet, new CellBudget(maxCells));
    if (grid.rows.length > 0) return result(sheet, grid);
  }
  const fallback = visible[0] ?? sheets[0]!;
  return result(fallback, workbook.read(fallback, new CellBudget(maxCells)));
}

/** Why a zip is not a workbook, in words. */
function notWorkbook(zip: ZipReader, name: string): string {
  const types = [...(readContentTypes(zip)?.overrides.values() ?? [])].join(' ');
  if (types.includes('wordprocessingml'))
    return `${name} is a Word document, not a CSV or Excel (.xlsx) file. ${SAVE_AS_TABLE}`;
  if (types.includes('presentationml'))
    return `${name} is a PowerPoint presentation, not a CSV or Excel (.xlsx) file. ${SAVE_AS_TABLE}`;
  if (types.includes('ms-excel.sheet.binary')) {
    return (
      `${name} is an Excel binary workbook (.xlsb); open it in Excel, save it as an Excel Workbook (.xlsx) or CSV, ` +
      'and import that.'
    );
  }
  if (zip.has('mimetype') && zip.has('content.xml')) {
    return `${name} is an OpenDocument file; save it as an Excel Workbook (.xlsx) or CSV and import that.`;
  }
  return `${name} is a zip archive, not a CSV or Excel (.xlsx) file. ${SAVE_AS_TABLE}`;
}
