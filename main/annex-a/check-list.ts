/**
 * The Annex A list check (issue 19; docs/domain §3.1): a List 1 or List 2 file, as a case-management system
 * exports it, read in memory and every row checked against the field specification. What comes back holds counts,
 * row numbers and column headers only — never a value from the list — so it can be shown, saved as a CSV for the
 * data team, and its counts recorded, without a child's identifier going anywhere.
 */
import { readTable } from '../datasets/import/tabular/read-table';
import { findHeaderRow, normaliseHeader, type HeaderColumn } from '../datasets/import/tabular/header';
import type { Cell, TableReadOk } from '../datasets/import/tabular/types';
import { isValidUln, isValidUpn } from '../../shared/domain/privacy/check-digits';
import {
  listFields,
  listRules,
  type AnnexACompleteness,
  type AnnexAProfile,
  type AnnexAList,
  type AnnexARuleId,
  type AnnexARuleResult,
} from '../../shared/domain/annex-a';
import { ageOn, previousAugust31 } from './ages';
import { listProfile } from './profile';

export interface CheckListOptions {
  list: AnnexAList;
  /** The reference date, YYYY-MM-DD: ages are worked out on it, and "in the future" means after it. */
  asOf: string;
  /** The worksheet of a workbook (default: the one whose header names most of the list's fields). */
  sheet?: string;
  /** The officer's mapping from the preview: field key → column index, or null for "not in this file". */
  mapping?: Record<string, number | null>;
  /** Also count the aggregate profile, suppressing counts below this threshold. */
  profileThreshold?: number;
}

/** A column of the file as the preview offers it: its header and position (no cell below it). */
export interface ListColumn {
  index: number;
  header: string;
}

export interface ListCheckOk {
  ok: true;
  /** Data rows checked (blank rows are skipped, but keep their number). */
  rows: number;
  /** Every rule that applies to the list, in order, fired or not; date-format has one entry per date column that failed. */
  rules: AnnexARuleResult[];
  /** Field key → the header of the column read for it, or null when the file has none. */
  columns: Record<string, string | null>;
  /** Field key → column index (the mapping used). */
  mapping: Record<string, number | null>;
  /** The file's columns, for the preview's mapping choices. */
  fileColumns: ListColumn[];
  /** The spreadsheet row (1-based) of the header: row n of the result is spreadsheet row headerRow + n. */
  headerRow: number;
  completeness: AnnexACompleteness[];
  sheet: string | null;
  /** The workbook's visible sheets ([] for a CSV), to choose another. */
  sheets: string[];
  /** Plain sentences worth a look (a List 1 file checked as List 2). */
  notes: string[];
  /** Present when asked for (profileThreshold). */
  profile?: AnnexAProfile;
}

export interface ListCheckProblem {
  ok: false;
  problem: string;
}
export type ListCheckResult = ListCheckOk | ListCheckProblem;

/** The UPN-unknown codes inspectors accept in the UPN column: UN1 to UN10. */
const UPN_UNKNOWN = /^UN(?:[1-9]|10)$/;

const text = (cell: Cell | undefined): string => (cell ? cell.raw.trim() : '');

/**
 * A date cell's ISO date, or 'bad' when the cell holds something that is not a date. dd/mm/yyyy and yyyy-mm-dd
 * (with or without a time after them) and Excel date cells are read by the shared cell reader; "31/02/2024" or
 * "12/31/2024" (no such day) and a bare number stay unread.
 */
function dateOf(cell: Cell): string | 'bad' {
  return cell.kind === 'date' && cell.date ? cell.date : 'bad';
}

/**
 * The worksheet that holds the list: the one whose header names most of the list's fields, a sheet named for the
 * list ("List 2", "SEN support") winning a tie — Annex A workbooks often carry both lists and a sheet of notes.
 */
function chooseSheet(
  bytes: Uint8Array,
  fileName: string,
  first: TableReadOk,
  names: readonly (readonly string[])[],
  list: AnnexAList,
): TableReadOk {
  const visible = first.sheets.filter((s) => !first.hiddenSheets.includes(s));
  if (visible.length < 2) return first;
  const named = list === 1 ? /list\s*1|ehc/i : /list\s*2|sen\s*support/i;
  let best = first;
  let bestScore = -1;
  for (const sheet of visible) {
    const table = sheet === first.sheet ? first : readTable(bytes, fileName, { sheet });
    if (!table.ok) continue;
    const header = findHeaderRow(table.rows, names, { merges: table.merges, minMatches: 2 });
    const score = header ? (names.length - header.missing.length) * 2 + (named.test(sheet) ? 1 : 0) : -1;
    if (score > bestScore) {
      best = table;
      bestScore = score;
    }
  }
  return best;
}

/** A list file read and its columns matched to the list's fields, before any row is checked (the preview). */
export interface ListRead {
  ok: true;
  table: TableReadOk;
  headerRow: number;
  /** Field key → the header of the column read for it, or null when the file has none. */
  columns: Record<string, string | null>;
  /** Field key → column index (the mapping used). */
  mapping: Record<string, number | null>;
  fileColumns: ListColumn[];
  sheet: string | null;
  sheets: string[];
  notes: string[];
}

/**
 * Reads a list file and matches its header to the list's fields (the officer's mapping winning), without looking at
 * a single data row. Never throws: a file that cannot be read is a problem naming it.
 */
export function readListFile(
  bytes: Uint8Array,
  fileName: string,
  options: Pick<CheckListOptions, 'list' | 'sheet' | 'mapping'>,
): ListRead | ListCheckProblem {
  const fields = listFields(options.list);
  const names = fields.map((f) => [f.name, f.key, ...f.synonyms]);
  const read = readTable(bytes, fileName, options.sheet !== undefined ? { sheet: options.sheet } : {});
  if (!read.ok) return read;
  const table =
    options.sheet === undefined && read.format === 'xlsx'
      ? chooseSheet(bytes, fileName, read, names, options.list)
      : read;
  const name = fileName.split(/[\\/]/).pop() || 'The file';
  const header = findHeaderRow(table.rows, names, { merges: table.merges, minMatches: 2 });
  if (!header) {
    return {
      ok: false,
      problem:
        `${name} has no header row naming at least two of the List ${options.list} fields (for example ` +
        '"UPN", "Date of birth", "Gender"). Check that you chose the list, with its header row, and try again.',
    };
  }
  const named = header.columns.filter((c) => c.header.trim() !== '');
  const fileColumns = named.map((c) => ({ index: c.index, header: c.header }));
  const mapping = resolveMapping(
    fields.map((f) => [f.name, ...f.synonyms]),
    fields.map((f) => f.key),
    header.columns,
    options.mapping,
  );
  const columns: Record<string, string | null> = {};
  for (const f of fields) {
    const index = mapping[f.key];
    columns[f.key] = index === null || index === undefined ? null : (header.columns[index]?.header ?? null);
  }
  const notes: string[] = [];
  if (options.list === 2) {
    const planDates = header.columns.filter(
      (c) => /\behc\b|\bplan\b/.test(c.normalised) && /\bdate\b|\bissued\b|\breviewed\b/.test(c.normalised),
    );
    if (planDates.length > 0)
      notes.push(
        `${name} has EHC plan date columns (${planDates.map((c) => c.header).join('; ')}): is it List 1? List 2 is checked without them.`,
      );
  }
  return {
    ok: true,
    table,
    headerRow: header.headerRow,
    columns,
    mapping,
    fileColumns,
    sheet: table.sheet,
    sheets: table.sheets.filter((s) => !table.hiddenSheets.includes(s)),
    notes,
  };
}

/** Reads a list file and checks it. Never throws: a file that cannot be read is a problem naming it. */
export function checkListFile(bytes: Uint8Array, fileName: string, options: CheckListOptions): ListCheckResult {
  const read = readListFile(bytes, fileName, options);
  if (!read.ok) return read;
  const { table, headerRow, mapping, columns } = read;
  const checked = checkRows(table.rows, headerRow, mapping, columns, options);
  return {
    ...checked,
    fileColumns: read.fileColumns,
    sheet: read.sheet,
    sheets: read.sheets,
    notes: read.notes,
    ...(options.profileThreshold !== undefined
      ? {
          profile: listProfile(table.rows, headerRow, mapping, options.list, options.asOf, options.profileThreshold),
        }
      : {}),
  };
}

/** A header's words with any bracketed note dropped: "Date of birth (dd/mm/yyyy)" → "date of birth". */
const looseWords = (header: string): string[] =>
  normaliseHeader(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '))
    .split(' ')
    .filter(Boolean);

/**
 * Field → column. The officer's choice wins; otherwise the header row's exact match (after normaliseHeader);
 * otherwise a close variant: a column not yet used whose header, bracketed notes aside, is one of the field's names
 * or holds every word of one of them (of two words or more) with at most three more — taken only when exactly one
 * column fits, so a guess is never made between two.
 */
function resolveMapping(
  names: readonly (readonly string[])[],
  keys: readonly string[],
  columns: readonly HeaderColumn[],
  chosen: Record<string, number | null> | undefined,
): Record<string, number | null> {
  const mapping: Record<string, number | null> = {};
  keys.forEach((key, k) => {
    if (chosen && key in chosen) {
      const index = chosen[key];
      mapping[key] = index !== null && index !== undefined && index >= 0 && index < columns.length ? index : null;
    } else {
      mapping[key] = columns.find((c) => c.expected === k)?.index ?? null;
    }
  });
  const used = new Set(Object.values(mapping).filter((i): i is number => i !== null));
  keys.forEach((key, k) => {
    if (mapping[key] !== null || (chosen && key in chosen)) return;
    const wanted = names[k]!.map((n) => looseWords(n)).filter((w) => w.length > 0);
    const fits = columns.filter((c) => {
      if (used.has(c.index) || c.header.trim() === '') return false;
      const words = looseWords(c.header);
      return wanted.some(
        (w) =>
          w.join(' ') === words.join(' ') ||
          (w.length >= 2 && w.every((x) => words.includes(x)) && words.length - w.length <= 3),
      );
    });
    if (fits.length === 1) {
      mapping[key] = fits[0]!.index;
      used.add(fits[0]!.index);
    }
  });
  return mapping;
}

/** Row-by-row checks over the data rows below the header. Exported for the benchmark's per-stage timing. */
export function checkRows(
  rows: readonly (readonly Cell[])[],
  headerRow: number,
  mapping: Record<string, number | null>,
  columns: Record<string, string | null>,
  options: CheckListOptions,
): Omit<ListCheckOk, 'fileColumns' | 'sheet' | 'sheets' | 'notes'> {
  const { list, asOf } = options;
  const august = previousAugust31(asOf);
  const hits = new Map<string, number[]>();
  const hit = (id: string, row: number) => {
    const list = hits.get(id);
    if (list) list.push(row);
    else hits.set(id, [row]);
  };
  const col = (key: string): number => mapping[key] ?? -1;
  const fields = listFields(list);
  // Plain loops over column indexes, no per-row objects or closures: this runs once per row of lists of 20,000+ rows.
  const fieldIndex = fields.map((f) => col(f.key));
  const filled = new Int32Array(fields.length);
  const upnRows = new Map<string, number[]>();
  const [dob, gender, ethnicity, need, disability, upn, uln, urn, subsidiary, initialCol, updatedCol, reviewedCol] = [
    'dateOfBirth',
    'gender',
    'ethnicity',
    'senPrimaryNeed',
    'doesTheChildOrYoungPersonHaveADisability',
    'upn',
    'uln',
    'mainEducationEstablishmentUrn',
    'subsidiaryEducationEstablishmentPhaseDualRegistration',
    'dateInitialEhcPlanIssued',
    'dateUpdatedEhcPlanIssued',
    'dateEhcPlanLastReviewed',
  ].map(col) as [number, number, number, number, number, number, number, number, number, number, number, number];
  const plans = list === 1;
  /** A date column's ISO date for this row; null when empty, or (recorded as date-format) unreadable. */
  const readDate = (cells: readonly Cell[], index: number, key: string, row: number): string | null => {
    if (index < 0) return null;
    const cell = cells[index];
    if (!cell || cell.kind === 'empty') return null;
    const date = dateOf(cell);
    if (date === 'bad') {
      hit(`date-format:${key}`, row);
      return null;
    }
    return date;
  };
  const missing = (cells: readonly Cell[], index: number): boolean => {
    const cell = index < 0 ? undefined : cells[index];
    return !cell || cell.kind === 'empty';
  };
  let count = 0;

  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r]!;
    let blank = true;
    for (let c = 0; c < cells.length; c++)
      if (cells[c]!.kind !== 'empty') {
        blank = false;
        break;
      }
    if (blank) continue;
    count++;
    const row = r - headerRow + 1;
    for (let f = 0; f < fieldIndex.length; f++) {
      const index = fieldIndex[f]!;
      if (index >= 0 && index < cells.length && cells[index]!.kind !== 'empty') filled[f]!++;
    }

    const born = readDate(cells, dob, 'dateOfBirth', row);
    const initial = plans ? readDate(cells, initialCol, 'dateInitialEhcPlanIssued', row) : null;
    const updated = plans ? readDate(cells, updatedCol, 'dateUpdatedEhcPlanIssued', row) : null;
    const reviewed = plans ? readDate(cells, reviewedCol, 'dateEhcPlanLastReviewed', row) : null;

    if (missing(cells, dob)) hit('101a', row);
    if (missing(cells, gender)) hit('101b', row);
    if (missing(cells, ethnicity)) hit('101c', row);
    if (missing(cells, need)) hit('101d', row);
    if (missing(cells, disability)) hit('103', row);

    const age = born && born <= asOf ? ageOn(born, asOf) : null;
    if (age === 25) hit('102a', row);
    if (age !== null && age >= 26) hit('102b', row);
    if (born && born > asOf) hit('105a', row);

    if (plans) {
      if (initial && initial > asOf) hit('105b', row);
      if (updated && updated > asOf) hit('105c', row);
      if (reviewed && reviewed > asOf) hit('105d', row);
      if (initial && updated && initial > updated) hit('106a', row);
      if (initial && reviewed && initial > reviewed) hit('106b', row);
    }

    const upnText = upn < 0 ? '' : text(cells[upn]).toUpperCase();
    const ulnText = uln < 0 ? '' : text(cells[uln]);
    if (age !== null && age >= 6 && upnText === '' && ulnText === '') hit('107', row);
    if (upnText !== '' && !UPN_UNKNOWN.test(upnText)) {
      if (!isValidUpn(upnText)) hit('upn-check', row);
      const seen = upnRows.get(upnText);
      if (seen) seen.push(row);
      else upnRows.set(upnText, [row]);
    }
    if (ulnText !== '' && !isValidUln(ulnText)) hit('uln-check', row);

    if (born && born <= august && missing(cells, urn) && missing(cells, subsidiary)) {
      const schoolAge = ageOn(born, august);
      if (schoolAge >= 5 && schoolAge <= 16) hit('108', row);
    }
  }
  const dateFields = fields.filter((f) => f.date).map((f) => ({ key: f.key }));

  const duplicates: number[] = [];
  for (const seen of upnRows.values()) if (seen.length > 1) duplicates.push(...seen);
  if (duplicates.length)
    hits.set(
      '109',
      duplicates.sort((a, b) => a - b),
    );

  const rules: AnnexARuleResult[] = [];
  for (const rule of listRules(list)) {
    if (rule.id === 'date-format') {
      const failing = dateFields.filter((f) => hits.has(`date-format:${f.key}`));
      if (failing.length === 0) rules.push({ id: 'date-format', count: 0, rows: [] });
      for (const f of failing) {
        const rowsHit = hits.get(`date-format:${f.key}`)!;
        rules.push({ id: 'date-format', count: rowsHit.length, rows: rowsHit, column: columns[f.key]! });
      }
      continue;
    }
    const rowsHit = hits.get(rule.id) ?? [];
    rules.push({ id: rule.id as AnnexARuleId, count: rowsHit.length, rows: rowsHit });
  }
  const completeness: AnnexACompleteness[] = fields.map((f, k) => ({
    field: f.key,
    name: f.name,
    column: columns[f.key] ?? null,
    linked: f.linked ?? false,
    filled: filled[k]!,
    missing: count - filled[k]!,
  }));
  return { ok: true, rows: count, rules, columns, mapping, headerRow, completeness };
}

/** The result as the data team's CSV: one line per row and rule, row numbers and rule ids only. */
export function resultCsv(result: Pick<ListCheckOk, 'rules'>): string {
  const lines: { row: number; rule: string; column: string }[] = [];
  for (const rule of result.rules)
    for (const row of rule.rows) lines.push({ row, rule: rule.id, column: rule.column ?? '' });
  lines.sort((a, b) => a.row - b.row || a.rule.localeCompare(b.rule));
  // A header starting = + - @ would be read as a formula by Excel: it is written as text.
  const quote = (s: string) => {
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return ['Row,Rule,Column', ...lines.map((l) => `${l.row},${l.rule},${quote(l.column)}`)].join('\r\n') + '\r\n';
}

/** True when a rule other than a query fired: the list is not ready to send. */
export function hasErrors(rules: readonly AnnexARuleResult[]): boolean {
  return rules.some((r) => r.count > 0 && r.id !== '102a');
}

export type { AnnexARuleResult };
