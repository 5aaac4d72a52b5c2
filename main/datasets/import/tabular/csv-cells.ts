import { type Delimiter, tokenizeCsv } from '../../../formats/csv';
import { type CellBudget, dropTrailingBlankRows } from './budget';
import { EMPTY_CELL, interpretCell } from './interpret';
import type { Cell } from './types';

interface ColumnCache {
  cells: Map<string, Cell>;
  lookups: number;
  hits: number;
  on: boolean;
}
/**
 * Lookups after which a column where fewer than 1 in 10 values repeat (identifiers, names, postcodes) stops being
 * cached — dates of birth repeat enough to keep —, and the most values a column's cache keeps.
 */
const CACHE_TRIAL = 2_000;
const CACHE_LIMIT = 50_000;

/** Parses CSV text into rows of cells; rows[i] is record i + 1 (a quoted line break does not start a new row). */
export function parseCsv(text: string, delimiter: Delimiter, budget: CellBudget): Cell[][] {
  const rows: Cell[][] = [];
  // Equal fields share one Cell, per column: a column that repeats (services, dates, markers) is read once per
  // value; one whose values are all different (NHS numbers, names) stops being remembered after its first rows,
  // where a cache would only cost time and memory.
  const caches: (ColumnCache | undefined)[] = [];
  const cellFor = (value: string, column: number): Cell => {
    if (value.length === 0) return EMPTY_CELL;
    if (value.length > 32) return interpretCell(value);
    const cache = (caches[column] ??= { cells: new Map(), lookups: 0, hits: 0, on: true });
    if (!cache.on) return interpretCell(value);
    cache.lookups++;
    let cell = cache.cells.get(value);
    if (cell !== undefined) {
      cache.hits++;
      return cell;
    }
    cell = interpretCell(value);
    cache.cells.set(value, cell);
    if ((cache.lookups >= CACHE_TRIAL && cache.hits * 10 < cache.lookups) || cache.cells.size >= CACHE_LIMIT) {
      cache.on = false;
      cache.cells.clear();
    }
    return cell;
  };
  let row: Cell[] = [];
  tokenizeCsv(text, delimiter, {
    field: (value) => {
      row.push(cellFor(value, row.length));
    },
    endRecord: () => {
      let end = row.length;
      while (end > 0 && row[end - 1]!.kind === 'empty') end--;
      row.length = end;
      budget.take(end);
      rows.push(row);
      row = [];
    },
  });
  return dropTrailingBlankRows(rows);
}
