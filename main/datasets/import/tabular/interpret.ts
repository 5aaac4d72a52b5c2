/**
 * What a piece of text in a cell is: a number, a percentage, a date, a published marker, or text. Runs once per
 * cell of every import (millions of times for a big extract), so it scans characters by hand and only reaches for
 * a regular expression once the cheap tests say a date is possible.
 */
import type { Cell, Marker } from './types';

/** The empty cell (a gap inside a row, or a cell with no value). Shared; cells are read-only. */
export const EMPTY_CELL: Cell = Object.freeze({ raw: '', kind: 'empty' });

const MARKERS = new Map<string, Marker>();
for (const m of ['x', 'z', 'c', 'u', 'low'] as const) {
  for (const spelling of new Set([m, m.toUpperCase(), m[0]!.toUpperCase() + m.slice(1)])) {
    MARKERS.set(spelling, m);
    MARKERS.set(`[${spelling}]`, m);
  }
}
for (const m of [':', '..', '-', '~', '*'] as const) MARKERS.set(m, m);
MARKERS.set('\u2013', '-'); // en dash
MARKERS.set('\u2014', '-'); // em dash
MARKERS.set('[z]', 'z');
for (const e of [
  '#N/A',
  '#DIV/0!',
  '#REF!',
  '#VALUE!',
  '#NUM!',
  '#NAME?',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#UNKNOWN!',
  '#CONNECT!',
  '#BUSY!',
] as const)
  MARKERS.set(e, e);
const LONGEST_MARKER = Math.max(...[...MARKERS.keys()].map((k) => k.length));

/** The marker a (trimmed) text stands for, or null. */
export function markerOf(text: string): Marker | null {
  return text.length <= LONGEST_MARKER ? (MARKERS.get(text) ?? null) : null;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Spaces that may separate thousands: space, no-break space, narrow no-break space, thin space. */
const isGroupSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;

/**
 * A number as people write one: optional sign (- + or the minus sign), optional £, digits with optional thousands
 * separators (comma or a space, in groups of three, the same one throughout), an optional decimal part (.5, 5.),
 * an optional exponent (1.2E+05, as Excel saves big numbers), and an optional % (12.7% or 12.7 %). Anything else
 * (a decimal comma, "(123)", "1,23") is not a number.
 */
function parseNumber(s: string, raw: string): Cell | null {
  const n = s.length;
  let i = 0;
  const c = s.charCodeAt(0);
  let negative = false;
  let plain = true; // Number(s) reads it as written (bar a trailing %)
  if (c === 45 || c === 0x2212) {
    negative = true;
    plain = c === 45;
    i++;
  } else if (c === 43) i++;
  if (s.charCodeAt(i) === 0xa3) {
    plain = false;
    i++;
  }
  const start = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  let digits = i - start;
  let separator = 0;
  if (
    digits > 0 &&
    digits <= 3 &&
    (s.charCodeAt(i) === 44 || isGroupSpace(s.charCodeAt(i))) &&
    isDigit(s.charCodeAt(i + 1)) &&
    isDigit(s.charCodeAt(i + 2)) &&
    isDigit(s.charCodeAt(i + 3))
  ) {
    separator = s.charCodeAt(i);
    plain = false;
    while (i < n && s.charCodeAt(i) === separator) {
      if (!(isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i + 2)) && isDigit(s.charCodeAt(i + 3)))) return null;
      i += 4;
      digits += 3;
      if (i < n && isDigit(s.charCodeAt(i))) return null;
    }
  }
  if (s.charCodeAt(i) === 46) {
    i++;
    const f = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    digits += i - f;
  }
  if (digits === 0) return null;
  if (separator === 0 && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
    const e = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === e) return null;
  }
  const end = i;
  let percent = false;
  if (i < n) {
    while (i < n && isGroupSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 37) return null;
    percent = true;
    i++;
    if (i !== n) return null;
  }
  let value: number;
  if (plain) value = Number(end === n ? s : s.slice(0, end));
  else {
    let body = s.slice(start, end);
    if (separator !== 0) body = body.replaceAll(String.fromCharCode(separator), '');
    value = Number(negative ? `-${body}` : body);
  }
  if (!Number.isFinite(value)) return null;
  if (value === 0) value = 0; // no -0
  return percent ? { raw, kind: 'percent', number: value } : { raw, kind: 'number', number: value };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ISO date for a year, month and day, or null when there is no such day (31/02/2024). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?`;
/** dd/mm/yyyy, d/m/yyyy (also with . or -), optionally followed by a time of day. */
const UK_DATE = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`);
/** yyyy-mm-dd (or yyyy/mm/dd), optionally with a time and a zone, as databases and case-management systems export. */
const ISO_DATE = new RegExp(String.raw`^(\d{4})([-/])(\d{2})\2(\d{2})${TIME}(?:Z|[+-]\d{2}:?\d{2})?$`);
/** 1 January 2024, 01-Jan-2024, 1st Sept 2024. */
const WORD_DATE = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;
const MONTHS = new Map<string, number>();
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, i) => {
  MONTHS.set(name, i + 1);
  MONTHS.set(name.slice(0, 3), i + 1);
});
MONTHS.set('sept', 9);

function validTime(h: string | undefined, m: string | undefined, s: string | undefined): boolean {
  return h === undefined || (Number(h) <= 23 && Number(m) <= 59 && (s === undefined || Number(s) <= 59));
}

function parseDate(s: string, raw: string): Cell | null {
  if (s.length < 8 || s.length > 40) return null;
  let date: string | null = null;
  if (isDigit(s.charCodeAt(1)) && isDigit(s.charCodeAt(2)) && isDigit(s.charCodeAt(3))) {
    const m = ISO_DATE.exec(s);
    if (m && validTime(m[5], m[6], m[7])) date = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  } else {
    const m = UK_DATE.exec(s);
    if (m) {
      if (validTime(m[5], m[6], m[7])) date = isoDate(Number(m[4]), Number(m[3]), Number(m[1]));
    } else {
      const w = WORD_DATE.exec(s);
      const month = w ? MONTHS.get(w[2]!.toLowerCase()) : undefined;
      if (w && month) date = isoDate(Number(w[3]), month, Number(w[1]));
    }
  }
  return date ? { raw, kind: 'date', date } : null;
}

const isSpaceAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c <= 32 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
};

/**
 * Reads the text of a cell (a CSV field, or an xlsx text cell): surrounding spaces are ignored (" x " is the
 * marker x; "  " is empty) but kept in `raw`. Numbers may have thousands separators ("1,234", "1 234"), a sign, a
 * decimal part, a leading £ and a trailing % ("12.7%" is kind percent, 12.7). Dates are dd/mm/yyyy, d/m/yyyy (also
 * with . or -), yyyy-mm-dd (a time after either is allowed and left out of `date`) and "1 January 2024"; a day that
 * does not exist (31/02/2024) leaves the text as text. "n/a", "N/A", "(123)", "12,5" and "'123" are text, for the
 * importer to report.
 */
export function interpretCell(raw: string): Cell {
  const n = raw.length;
  if (n === 0) return EMPTY_CELL;
  let s = raw;
  if (isSpaceAt(raw, 0) || isSpaceAt(raw, n - 1)) {
    s = raw.trim();
    if (s.length === 0) return { raw, kind: 'empty' };
  }
  const c = s.charCodeAt(0);
  if (isDigit(c) || c === 45 || c === 43 || c === 46 || c === 0x2212 || c === 0xa3) {
    const number = parseNumber(s, raw);
    if (number) return number;
    if (isDigit(c)) {
      const date = parseDate(s, raw);
      if (date) return date;
    }
  }
  if (s.length <= 5 || c === 35) {
    const marker = MARKERS.get(s);
    if (marker) return { raw, kind: 'marker', marker };
  }
  return { raw, kind: 'text' };
}
