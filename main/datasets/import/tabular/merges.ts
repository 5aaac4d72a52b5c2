/**
 * Merged cells as a reader sees them. A cell merged down over several rows (a year beside each of its agencies'
 * rows; "Year" spanning both rows of a two-row header) holds its value only in its top cell: the rows below read
 * it as blank. Officers' own tables merge like this all the time, so for reading, the value is given to every row
 * the merge covers (in its first column). Merges across columns only are left as they are: a group heading above
 * the header (header.ts) is one, and reads differently.
 */
import { EMPTY_CELL } from './interpret';
import type { Cell, TableReadOk } from './types';

const filled = new WeakMap<TableReadOk, TableReadOk>();

export function withMergesFilledDown(table: TableReadOk): TableReadOk {
  const down = table.merges.filter((m) => m.lastRow > m.firstRow);
  if (down.length === 0) return table;
  const known = filled.get(table);
  if (known) return known;
  const rows = table.rows.slice();
  for (const m of down) {
    const top = rows[m.firstRow - 1]?.[m.firstCol];
    if (!top || top.kind === 'empty') continue;
    for (let r = m.firstRow; r < m.lastRow && r < rows.length; r++) {
      const row: Cell[] = rows[r]!.slice();
      while (row.length <= m.firstCol) row.push(EMPTY_CELL);
      if (row[m.firstCol]!.kind === 'empty') row[m.firstCol] = top;
      rows[r] = row;
    }
  }
  const result = { ...table, rows };
  filled.set(table, result);
  return result;
}
