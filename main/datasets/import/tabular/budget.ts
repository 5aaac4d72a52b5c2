/** Cells cost memory: a grid counts what it holds and stops once past the limit. */

export class TooManyCells extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} cells`);
    this.name = 'TooManyCells';
  }
}

/** Merged ranges cost a pass each when a header is read: a sheet stops being read past this many. */
export const MAX_MERGES = 100_000;

export class TooManyMerges extends Error {
  constructor() {
    super(`more than ${MAX_MERGES} merged ranges`);
    this.name = 'TooManyMerges';
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
