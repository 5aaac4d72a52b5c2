/**
 * CSV as spreadsheets write it (RFC 4180): fields quoted when they hold the delimiter, quotes ("" inside) or line
 * breaks; records end at CRLF, LF or CR. One pass over the text with indexOf and charCodeAt, slicing each field
 * once; equal short fields share one Cell.
 */
import { type CellBudget, dropTrailingBlankRows } from './budget';
import { EMPTY_CELL, interpretCell } from './interpret';
import type { Cell } from './types';

export type Delimiter = ',' | ';' | '\t';

/** A quote that opens a field and is never closed: everything after it would become one cell. */
export class UnclosedQuote extends Error {
  constructor(readonly row: number) {
    super(`a quote opened in row ${row} is never closed`);
    this.name = 'UnclosedQuote';
  }
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The delimiter: tab for .tsv/.tab; otherwise whichever of comma, semicolon and tab splits the most of the first
 * records (up to 100, outside quotes) into the same number of fields, so title rows above the table do not decide.
 */
export function sniffDelimiter(text: string, extension: string): Delimiter {
  if (extension === 'tsv' || extension === 'tab') return '\t';
  const end = Math.min(text.length, 256 * 1024);
  const perRecord: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < end && perRecord.length < 100; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) counts[0]!++;
    else if (c === 59) counts[1]!++;
    else if (c === 9) counts[2]!++;
    else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      perRecord.push(counts);
      counts = [0, 0, 0];
    }
  }
  perRecord.push(counts);
  let best: Delimiter = ',';
  let bestScore = 0;
  let bestWidth = 0;
  CANDIDATES.forEach((delimiter, k) => {
    const frequency = new Map<number, number>();
    for (const record of perRecord) {
      const count = record[k]!;
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    for (const [width, score] of frequency) {
      if (score > bestScore || (score === bestScore && width > bestWidth)) { best = delimiter; bestScore = score; bestWidth = width; }
    }
  });
  return best;
}

interface ColumnCache { cells: Map<string, Cell>; lookups: number; hits: number; on: boolean }
/**
 * Lookups after which a column where fewer than 1 in 10 values repeat (identifiers, names, postcodes) stops being
 * cached — dates of birth repeat enough to keep —, and the most values a column's cache keeps.
 */
const CACHE_TRIAL = 2_000;
const CACHE_LIMIT = 50_000;

/** Parses CSV text into rows of cells; rows[i] is record i + 1 (a quoted line break does not start a new row). */
export function parseCsv(text: string, delimiter: Delimiter, budget: CellBudget): Cell[][] {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: Cell[][] = [];
  // Equal fields share one Cell, per column: a column that repeats (services, dates, markers) is read once per
  // value; one whose values are all different (NHS numbers, names) stops being remembered after its first rows,
  // where a cache would only cost time and memory.
  const caches: (ColumnCache | undefined)[] = [];
  const cellFor = (value: string, column: number): Cell => {
    if (value.length === 0) return EMPTY_CELL;
    if (value.length > 32) return interpretCell(value);
    const cache = caches[column] ??= { cells: new Map(), lookups: 0, hits: 0, on: true };
    if (!cache.on) return interpretCell(value);
    cache.lookups++;
    let cell = cache.cells.get(value);
    if (cell !== undefined) { cache.hits++; return cell; }
    cell = interpretCell(value);
    cache.cells.set(value, cell);
    if ((cache.lookups >= CACHE_TRIAL && cache.hits * 10 < cache.lookups) || cache.cells.size >= CACHE_LIMIT) {
      cache.on = false;
      cache.cells.clear();
    }
    return cell;
  };
  let row: Cell[] = [];
  const endRow = (): void => {
    let end = row.length;
    while (end > 0 && row[end - 1]!.kind === 'empty') end--;
    row.length = end;
    budget.take(end);
    rows.push(row);
    row = [];
  };
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let value: string;
    if (c === 34) {
      // Quoted: up to the closing quote ("" is a quote); text after the closing quote is kept as written.
      i++;
      let start = i;
      let pieces = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new UnclosedQuote(rows.length + 1);
        if (text.charCodeAt(q + 1) === 34) { pieces += text.slice(start, q + 1); i = q + 2; start = i; continue; }
        value = pieces + text.slice(start, q);
        i = q + 1;
        break;
      }
      let j = i;
      while (j < n) { c = text.charCodeAt(j); if (c === d || c === 10 || c === 13) break; j++; }
      if (j > i) { value += text.slice(i, j); i = j; }
    } else {
      let j = i;
      while (j < n) { c = text.charCodeAt(j); if (c === d || c === 10 || c === 13) break; j++; }
      value = text.slice(i, j);
      i = j;
    }
    row.push(cellFor(value, row.length));
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) row.push(EMPTY_CELL);
      continue;
    }
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    endRow();
  }
  if (row.length > 0) endRow();
  return dropTrailingBlankRows(rows);
}
