/** The typed grid a CSV or XLSX file becomes, before any column is mapped to a dataset. */

/**
 * Markers that stand in for a figure. Published statistics: `x` not available, `z` not applicable, `c`
 * confidential/suppressed, `low` rounds to zero, `u` low reliability, `:` and `..` not available (ONS), `-` nil
 * (DfE tables; the importer decides whether it is 0), `~` rounds to zero, `*` suppressed (NHS tables). The GSS
 * bracketed forms (`[x]`, `[c]`, `[low]`…) and capitals (`X`, `LOW`) read as the same marker; en and em dashes read
 * as `-`. Spreadsheet errors (a formula's `#N/A`, `#DIV/0!`…, or the same text in a CSV saved from Excel) are
 * markers too, so that a broken formula is never taken for a figure.
 */
export type PublishedMarker = 'x' | 'z' | 'c' | 'low' | 'u' | ':' | '..' | '-' | '~' | '*';
export type SpreadsheetError =
  | '#N/A'
  | '#DIV/0!'
  | '#REF!'
  | '#VALUE!'
  | '#NUM!'
  | '#NAME?'
  | '#NULL!'
  | '#SPILL!'
  | '#CALC!'
  | '#GETTING_DATA'
  | '#FIELD!'
  | '#BLOCKED!'
  | '#UNKNOWN!'
  | '#CONNECT!'
  | '#BUSY!';
export type Marker = PublishedMarker | SpreadsheetError;

export type CellKind = 'empty' | 'number' | 'percent' | 'text' | 'date' | 'marker';

/**
 * One cell. `raw` is the text as written (CSV, and xlsx text cells, untrimmed) or as shown (xlsx numbers: the
 * number, a percentage as "12.7%", a date as dd/mm/yyyy). Cells are shared between positions where they are equal
 * (a grid of 200,000 rows repeats "x" and service names a lot), so they are read-only.
 */
export interface Cell {
  readonly raw: string;
  readonly kind: CellKind;
  /** kind 'number': the value; kind 'percent': the percentage, 0–100 (12.7 for "12.7%" or a cell holding 0.127). */
  readonly number?: number;
  /** kind 'date': the calendar date, YYYY-MM-DD (a time of day in `raw` is not kept here). */
  readonly date?: string;
  /** kind 'marker': which marker. */
  readonly marker?: Marker;
}

/** A merged range of an xlsx sheet: rows are 1-based row numbers, columns 0-based indexes into a row; inclusive. */
export interface Merge {
  readonly ref: string;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstCol: number;
  readonly lastCol: number;
}

export type TextEncodingLabel = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface TableReadOk {
  ok: true;
  format: 'csv' | 'xlsx';
  /** The workbook's worksheets in workbook order, hidden ones included (see `hiddenSheets`); [] for a CSV. */
  sheets: string[];
  /** Worksheets the workbook hides; they can still be chosen by name. */
  hiddenSheets: string[];
  /** The sheet read; null for a CSV. */
  sheet: string | null;
  /** How a CSV was decoded; null for a workbook. */
  encoding: TextEncodingLabel | null;
  /** The CSV's field delimiter; null for a workbook. */
  delimiter: ',' | ';' | '\t' | null;
  /**
   * rows[i] is spreadsheet (or CSV record) row i + 1. A row is as long as its last non-empty cell (ragged; a
   * blank row is []); gaps inside a row are empty cells. Trailing blank rows are dropped.
   */
  rows: Cell[][];
  /** Merged ranges of the sheet ([] for a CSV), for filling a group header across the columns it spans. */
  merges: Merge[];
}

export interface TableReadProblem {
  ok: false;
  /** One or two plain sentences naming the file, fit to show the officer. */
  problem: string;
}

export type TableReadResult = TableReadOk | TableReadProblem;

export interface ReadTableOptions {
  /** The worksheet to read (exact name, else matched ignoring case and surrounding spaces). Ignored for a CSV. */
  sheet?: string;
  /** Refuse a grid with more cells than this (default 10 million): each cell costs memory. */
  maxCells?: number;
  /** Bytes an xlsx may inflate to across the parts read (default 200 MB), and entries its zip may hold. */
  maxUnzippedBytes?: number;
  maxZipEntries?: number;
}
