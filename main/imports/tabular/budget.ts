/** Cells cost memory: a grid counts what it holds and stops once past the limit. */

export class TooManyCells extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} cells`);
    this.name = 'TooManyCells';
  }
}

export class CellBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  /** Counts a finished row's cells; throws TooManyCells past the limit. */
  take(count: number): void {
    this.used += count;
    if (this.used > this.limit) throw new TooManyCells(this.limit);
  }
}

/** Drops a grid's trailing blank rows (a CSV's final newlines, an xlsx's formatted but empty rows). */
export function dropTrailingBlankRows<T>(rows: T[][]): T[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.length === 0) end--;
  rows.length = end;
  return rows;
}
