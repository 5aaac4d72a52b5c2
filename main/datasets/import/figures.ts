import type { DatasetColumn } from '../../../shared/domain/datasets/types';
import type { Cell } from './tabular/types';

export type Figure = { value: number } | { missing: string } | { problem: string };

const SPREADSHEET_ERROR = /^#/;

/**
 * One cell as a figure of a column. Published markers become a missing value with the marker as the reason,
 * never 0; "-" is nil (0) only where the caller knows the table uses it that way; anything else that is not a
 * number is a problem the officer is shown, with what would fix it.
 */
export function readFigure(cell: Cell | undefined, column: DatasetColumn, dashIsNil = false): Figure {
  if (!cell || cell.kind === 'empty') return { missing: 'blank' };
  if (cell.kind === 'marker') {
    const marker = cell.marker ?? cell.raw.trim();
    if (SPREADSHEET_ERROR.test(marker))
      return {
        problem: `'${cell.raw.trim()}' is a spreadsheet error, not a figure: fix the formula or type the figure`,
      };
    if (marker === '-') return dashIsNil ? { value: 0 } : { missing: '-' };
    return { missing: marker };
  }
  if (cell.kind === 'text' || cell.kind === 'date') {
    return {
      problem: `'${cell.raw.trim().slice(0, 40)}' is not a number: type the figure, or leave it blank (or x) if it is not available`,
    };
  }
  const value = cell.number ?? NaN;
  if (cell.kind === 'percent' && column.type !== 'percent') {
    return { problem: `'${cell.raw.trim()}' is a percentage; this column takes ${column.unit}` };
  }
  if (!Number.isFinite(value)) return { problem: `'${cell.raw.trim()}' is not a number` };
  if (column.type === 'count' && (!Number.isInteger(value) || value < 0)) {
    return { problem: `'${cell.raw.trim()}' is not a count (a whole number, 0 or more)` };
  }
  if (column.type === 'percent' && (value < 0 || value > 100)) {
    return { problem: `'${cell.raw.trim()}' is not a percentage between 0 and 100` };
  }
  return { value };
}
