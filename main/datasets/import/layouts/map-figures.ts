import type { DatasetColumn, DatasetRow } from '../../../../shared/domain/datasets/types';
import { readFigure } from '../figures';
import type { Cell } from '../tabular/types';
import type { ImportProblem } from './layout';

export interface MappedColumn {
  index: number;
  header: string;
  column: DatasetColumn;
}

/**
 * A row's figures for the mapped columns. "-" counts as nil (0) only in a row whose published percentage is 0 —
 * DfE's use of it — and is missing otherwise.
 */
export function mapFigures(
  cells: readonly Cell[],
  columns: readonly MappedColumn[],
  sourceRow: number,
  problems: ImportProblem[],
): Pick<DatasetRow, 'values' | 'missing'> {
  const dashIsNil = columns.some((m) => {
    if (m.column.type !== 'percent') return false;
    const published = readFigure(cells[m.index], m.column);
    return 'value' in published && published.value === 0;
  });
  const values: Record<string, number | null> = {};
  const missing: Record<string, string> = {};
  for (const m of columns) {
    const figure = readFigure(cells[m.index], m.column, dashIsNil);
    if ('value' in figure) values[m.column.name] = figure.value;
    else if ('missing' in figure) {
      values[m.column.name] = null;
      missing[m.column.name] = figure.missing;
    } else {
      values[m.column.name] = null;
      problems.push({ row: sourceRow, column: m.header, message: figure.problem });
    }
  }
  return { values, missing };
}

export const cellText = (cell: Cell | undefined): string => (cell ? cell.raw.trim() : '');
