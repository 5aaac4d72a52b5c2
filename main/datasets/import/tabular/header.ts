/**
 * Finding the header row of a table saved from a spreadsheet: title, source and blank rows above it are skipped,
 * and a row of years (or a merged group heading) above the header is combined with it, so that the appeal-rate
 * table's ",,2024,,,2025,," over "Appeals registered, Total Appealable Decisions, …" reads as "2024 Appeals
 * registered", "2024 Total Appealable Decisions", … "2025 Appeals".
 */
import type { Cell, Merge } from './types';

/**
 * Removes a footnote number glued to the end of a name: "North Northamptonshire7" → "North Northamptonshire",
 * "SEND Tribunal Appeal Rate2" → "SEND Tribunal Appeal Rate", "Bournemouth, Christchurch and Poole5" → "…Poole".
 * Only one or two digits directly after a word of at least four letters are removed, so "KS2", "att8", "Year 11"
 * and "Area 51" keep their numbers (a glued "Area51" or "Year11" would lose them: footnotes look just like that).
 * Superscript digits at the end (¹²³) are always removed. Surrounding spaces are trimmed.
 */
const SUPERSCRIPT_DIGIT = /[\u00b9\u00b2\u00b3\u2070-\u2079]/u;

export function stripFootnoteDigits(name: string): string {
  // Superscripts trimmed from the end by hand: /[¹²³…]+$/ retries from every superscript in a long run.
  let name2 = name.trim();
  let end = name2.length;
  while (end > 0 && SUPERSCRIPT_DIGIT.test(name2[end - 1]!)) end--;
  name2 = name2.slice(0, end);
  return name2.replace(/(\p{L}{4})\d{1,2}$/u, '$1').trimEnd();
}

const MAX_HEADER_CHARS = 500;

/**
 * "[note 3]", "[Notes 1, 2]" replaced by a space, in one pass: a pattern for this rescanned to the end of the text
 * from every "[note" with no closing bracket.
 */
function withoutNoteMarks(text: string): string {
  if (!text.includes('[')) return text;
  let out = '';
  let from = 0;
  for (let open = text.indexOf('[', from); open >= 0; open = text.indexOf('[', from)) {
    let i = open + 1;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const word = text.slice(i, i + 5).toLowerCase();
    const isNote =
      word.startsWith('note') &&
      (word.length === 4 ||
        !/[\p{L}\p{N}_]/u.test(word[4]!) ||
        (word[4] === 's' && !/[\p{L}\p{N}_]/u.test(text[i + 5] ?? ' ')));
    const close = isNote ? text.indexOf(']', i) : -1;
    if (close < 0) {
      if (isNote) break; // no closing bracket anywhere after: nothing further can be a note mark
      out += text.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return out + text.slice(from);
}

/**
 * Header text reduced for matching: accents dropped, "[note 3]" and footnote digits removed, % read as "percent"
 * and & as "and", apostrophes dropped, every other run of punctuation, spaces, underscores or hyphens made one
 * space, lower case. "SEND Tribunal Appeal Rate2" → "send tribunal appeal rate"; "plans_issued_den" →
 * "plans issued den"; "% of plans (within 20-weeks)" → "percent of plans within 20 weeks".
 */
export function normaliseHeader(text: string): string {
  // A header is a few words: a longer cell is cut before matching, so no pattern below sees more than this.
  const words = withoutNoteMarks(
    text
      .slice(0, MAX_HEADER_CHARS)
      .normalize('NFKD')
      .replace(/\p{M}+/gu, ''),
  )
    .replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+/gu, ' ')
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/['\u2018\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u);
  const out: string[] = [];
  for (const word of words) {
    if (word === '') continue;
    out.push(stripFootnoteDigits(word).toLowerCase());
  }
  return out.join(' ');
}

/** A year or a period above a group of columns: 2024, 2023/24, 2023-24, 2023-2024, 2023 to 2024. */
const PERIOD = /^(?:19|20)\d{2}(?:\s*(?:\/|-|–|to)\s*(?:\d{2}|(?:19|20)\d{2}))?$/i;

function periodText(cell: Cell | undefined): string | null {
  if (!cell || cell.kind === 'empty') return null;
  const text = cell.raw.trim();
  return PERIOD.test(text) ? text : null;
}

const isBlank = (cell: Cell | undefined): boolean => !cell || cell.kind === 'empty';

export interface HeaderColumn {
  /** 0-based index into each row. */
  index: number;
  /** The header as written, both header rows combined ("2024 Appeals registered"); '' for a column without one. */
  header: string;
  /** The column's own name, without the year or group above it ("Appeals registered"). */
  name: string;
  /** normaliseHeader(name). */
  normalised: string;
  /** The year or period written above (or below) this column in a two-row header, as written ("2024"). */
  year?: string;
  /** A merged group heading above this column that is not a period. */
  group?: string;
  /** Which list of expectedNames this column matched, if any. */
  expected?: number;
}

export interface HeaderMatch {
  /** The last header row (1-based): data starts on the row after it. */
  headerRow: number;
  /** 1, or 2 when a row of years (or a merged group heading) belongs to the header. */
  headerRows: 1 | 2;
  /** Every column up to the widest row below the header, named or not (the appeal table's area names have none). */
  columns: HeaderColumn[];
  /** The indexes of expectedNames that no column matched. */
  missing: number[];
}

export interface FindHeaderOptions {
  /** The sheet's merged ranges (TableReadOk.merges), to fill a group heading across exactly the columns it spans. */
  merges?: readonly Merge[];
  /** How many rows from the top may hold the header (default 100). */
  maxScanRows?: number;
  /** How many of the expected columns a row must match to be the header (default 1). */
  minMatches?: number;
}

/**
 * The header row: among the first rows, the one whose cells match the most lists of expectedNames (each list is
 * one column's name and synonyms; compared after normaliseHeader), the first on a tie. With no expectedNames, the
 * first row that is at least half as wide as the widest row near the top and holds only text (no numbers or dates). Null when no row
 * matches minMatches lists.
 */
export function findHeaderRow(
  rows: readonly (readonly Cell[])[],
  expectedNames: readonly (readonly string[])[],
  options: FindHeaderOptions = {},
): HeaderMatch | null {
  const scan = Math.min(rows.length, options.maxScanRows ?? 100);
  const lookup = new Map<string, number[]>();
  expectedNames.forEach((names, k) => {
    for (const name of names) {
      const key = normaliseHeader(name);
      if (!key) continue;
      const list = lookup.get(key) ?? [];
      if (!list.includes(k)) list.push(k);
      lookup.set(key, list);
    }
  });

  let best = -1;
  if (expectedNames.length > 0) {
    const minMatches = Math.max(1, options.minMatches ?? 1);
    let bestScore = 0;
    for (let r = 0; r < scan; r++) {
      const matched = new Set<number>();
      for (const cell of rows[r]!) {
        if (cell.kind !== 'text' && cell.kind !== 'marker') continue; // a column may be called "c" or "x"
        for (const k of lookup.get(normaliseHeader(cell.raw)) ?? []) matched.add(k);
      }
      if (matched.size > bestScore) {
        bestScore = matched.size;
        best = r;
      }
    }
    if (bestScore < minMatches) return null;
  } else {
    const nonEmpty = (row: readonly Cell[]) => row.reduce((n, c) => n + (c.kind === 'empty' ? 0 : 1), 0);
    let widest = 0;
    for (let r = 0; r < scan; r++) widest = Math.max(widest, nonEmpty(rows[r]!));
    best = rows.slice(0, scan).findIndex((row) => {
      const count = nonEmpty(row);
      return (
        count >= Math.max(2, widest / 2) &&
        row.every((c) => c.kind === 'empty' || c.kind === 'text' || c.kind === 'marker')
      );
    });
    if (best < 0) return null;
  }
  return describeHeader(rows, best, lookup, expectedNames.length, options.merges ?? []);
}

/** Which of two rows is the row of years or group headings, if either is. */
function twoRowHeader(
  rows: readonly (readonly Cell[])[],
  h: number,
  merges: readonly Merge[],
): { upper: number; lower: number; periods: 'upper' | 'lower' | null } | null {
  const header = rows[h]!;
  const headerCount = header.filter((c) => c.kind !== 'empty').length;
  const periodCount = (row: readonly Cell[] | undefined): number => {
    if (!row) return 0;
    let periods = 0;
    for (const cell of row) {
      if (isBlank(cell)) continue;
      if (periodText(cell) === null) return 0;
      periods++;
    }
    return periods;
  };
  // Years above the names: fewer of them than names (each spans a group of columns).
  const above = periodCount(rows[h - 1]);
  if (above >= 1 && above < headerCount) return { upper: h - 1, lower: h, periods: 'upper' };
  // Years below the names ("Appeals" over "2024", "2025"), with nothing under the first name (the row labels'
  // column): a data row holding only years is not that.
  if (periodCount(rows[h + 1]) >= 2 && isBlank(rows[h + 1]![firstFilled(header)]))
    return { upper: h, lower: h + 1, periods: 'lower' };
  const group = rows[h - 1];
  const groupMerges = merges.filter((m) => m.firstRow === h && m.lastRow === h && m.lastCol > m.firstCol);
  // (A merge on the row above that also covers this row is a name spanning both rows, not a group heading.)
  if (group && group.some((c) => !isBlank(c)) && groupMerges.length > 0 && !isTitleRow(group, header, groupMerges)) {
    return { upper: h - 1, lower: h, periods: null };
  }
  return null;
}

/**
 * A title merged across the whole table ("Advice returned within 6 weeks, 2024" over every column) directly above
 * the header: one filled cell whose merge spans every named column. A group heading spans only some of them.
 */
function isTitleRow(row: readonly Cell[], header: readonly Cell[], merges: readonly Merge[]): boolean {
  const filled = row.flatMap((c, i) => (isBlank(c) ? [] : [i]));
  if (filled.length !== 1) return false;
  const named = header.flatMap((c, i) => (isBlank(c) ? [] : [i]));
  const merge = merges.find((m) => m.firstCol === filled[0]);
  return !!merge && merge.firstCol <= named[0]! && merge.lastCol >= named[named.length - 1]!;
}

function firstFilled(row: readonly Cell[]): number {
  const i = row.findIndex((c) => !isBlank(c));
  return i < 0 ? 0 : i;
}

/**
 * For each column, the first merged range (in the sheet's order) that covers it on this row: one pass over the
 * merges, each column claimed once (a "next unclaimed column" pointer skips claimed runs), so a sheet with many
 * merged ranges costs their number plus the width, not their product (200 KB of mergeCells took past 400 s).
 */
function mergesByColumn(merges: readonly Merge[], rowNumber: number, width: number): (Merge | undefined)[] {
  const at: (Merge | undefined)[] = new Array<Merge | undefined>(width);
  const next = Array.from({ length: width + 1 }, (_, i) => i);
  const find = (c: number): number => {
    let root = c;
    while (next[root] !== root) root = next[root]!;
    while (next[c] !== root) {
      const up = next[c]!;
      next[c] = root;
      c = up;
    }
    return root;
  };
  for (const m of merges) {
    if (m.firstRow > rowNumber || m.lastRow < rowNumber || m.firstCol >= width) continue;
    const last = Math.min(m.lastCol, width - 1);
    for (let c = find(Math.max(0, m.firstCol)); c <= last; c = find(c)) {
      at[c] = m;
      next[c] = c + 1;
    }
  }
  return at;
}

/**
 * The upper header row's text for each column: a merged cell covers exactly its range; an unmerged one carries
 * on to the right over the columns that have a name below, until the next filled cell or a column without a name.
 */
function fillAcross(
  upper: readonly Cell[],
  lower: readonly Cell[],
  rowNumber: number,
  width: number,
  merges: readonly Merge[],
): (string | undefined)[] {
  const filled: (string | undefined)[] = new Array<string | undefined>(width);
  const mergeAt = mergesByColumn(merges, rowNumber, width);
  let carried: string | undefined;
  for (let c = 0; c < width; c++) {
    const cell = upper[c];
    const merge = mergeAt[c];
    // A name merged down over both header rows ("Year" beside a group heading) is the column's name, not a group.
    if (merge && merge.lastRow > rowNumber) {
      filled[c] = undefined;
      carried = undefined;
      continue;
    }
    if (merge) {
      const text = upper[merge.firstCol]?.raw.trim();
      filled[c] = text || undefined;
      carried = undefined;
      continue;
    }
    if (!isBlank(cell)) carried = cell!.raw.trim();
    else if (isBlank(lower[c])) carried = undefined;
    filled[c] = carried;
  }
  return filled;
}

function describeHeader(
  rows: readonly (readonly Cell[])[],
  h: number,
  lookup: Map<string, number[]>,
  expectedCount: number,
  merges: readonly Merge[],
): HeaderMatch {
  const two = twoRowHeader(rows, h, merges);
  const headerRow = two ? two.lower + 1 : h + 1;
  let width = 0;
  for (let r = two ? two.upper : h; r < rows.length; r++) width = Math.max(width, rows[r]!.length);
  const upper = two ? fillAcross(rows[two.upper]!, rows[two.lower]!, two.upper + 1, width, merges) : [];
  const lowerRow = rows[two ? two.lower : h]!;
  const columns: HeaderColumn[] = [];
  const found = new Set<number>();
  for (let c = 0; c < width; c++) {
    const below = lowerRow[c]?.raw.trim() ?? '';
    const above = upper[c];
    let name = below;
    const column: HeaderColumn = { index: c, header: '', name: '', normalised: '' };
    if (two?.periods === 'upper') {
      if (above !== undefined) column.year = above;
    } else if (two?.periods === 'lower') {
      name = above ?? '';
      if (below !== '') column.year = below;
    } else if (two && above !== undefined) {
      column.group = above;
    }
    column.name = name;
    column.header =
      two?.periods === 'lower' ? [name, below].filter(Boolean).join(' ') : [above, below].filter(Boolean).join(' ');
    column.normalised = normaliseHeader(name);
    const matched = lookup.get(column.normalised) ?? lookup.get(normaliseHeader(column.header));
    if (matched?.[0] !== undefined) {
      column.expected = matched[0];
      for (const k of matched) found.add(k);
    }
    columns.push(column);
  }
  const missing: number[] = [];
  for (let k = 0; k < expectedCount; k++) if (!found.has(k)) missing.push(k);
  return { headerRow, headerRows: two ? 2 : 1, columns, missing };
}
