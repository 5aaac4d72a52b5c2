/**
 * Calendar-date and working-day arithmetic on ISO calendar dates ('YYYY-MM-DD').
 *
 * Dates are plain calendar dates with no time and no time zone: internally each one is turned into a whole number
 * of days since 1970-01-01 with Date.UTC, so daylight-saving changes and the machine's zone never shift a date.
 *
 * Working days are Monday to Friday minus the calendar's holidays (see bank-holidays.ts for England and Wales).
 * Inspection timelines count from working day 0: the notification date is working day 0 whatever the time of the
 * call; a notification on a non-working day counts from the next working day (see workingDayZero).
 */

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface IsoDateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Anything that can say whether a date is a working day (HolidayCalendar in bank-holidays.ts is one). */
export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month: ${month}`);
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Validates an ISO calendar date and returns its parts. Throws a RangeError for anything else: wrong shape
 * ('2026-2-3', '2026-02-03T00:00'), month 13, or a day the month does not have ('2026-02-30', '2025-02-29').
 */
export function parseIsoDate(value: string): IsoDateParts {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(value)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR) throw new RangeError(`Year out of range: ${value}`);
  if (month < 1 || month > 12) throw new RangeError(`No such month: ${value}`);
  if (day < 1 || day > daysInMonth(year, month)) throw new RangeError(`No such day: ${value}`);
  return { year, month, day };
}

/** True if the value is a real calendar date in the form 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Builds 'YYYY-MM-DD' from parts, validating them. */
export function formatIsoDate(parts: IsoDateParts): IsoDate {
  const { year, month, day } = parts;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Year out of range: ${year}`);
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  parseIsoDate(text);
  return text;
}

function utcMs(year: number, month: number, day: number): number {
  const ms = Date.UTC(year, month - 1, day);
  if (year >= 100) return ms;
  // Date.UTC maps years 0–99 onto 1900–1999; put the real year back.
  const date = new Date(ms);
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Days since 1970-01-01 (negative before it). */
function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): IsoDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}

/** Day of the week, JavaScript numbering: 0 = Sunday, 1 = Monday, … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** The date `days` calendar days later (earlier if negative). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  requireInteger('days', days);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Signed number of calendar days from `from` to `to` (positive when `to` is later). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day of the month `months` months later (earlier if negative), clamped to the end of a shorter month:
 * 2027-01-31 + 1 month = 2027-02-28; 2028-01-31 + 1 month = 2028-02-29; 2026-03-31 − 1 month = 2026-02-28.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  requireInteger('months', months);
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) throw new RangeError(`Year out of range: ${newYear}`);
  return formatIsoDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** The date itself if it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  let current = fromDayNumber(toDayNumber(date));
  while (!calendar.isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

/** The date itself if it is a working day, otherwise the last working day before it. */
export function previousWorkingDayOnOrBefore(date: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  let current = fromDayNumber(toDayNumber(date));
  while (!calendar.isWorkingDay(current)) current = addCalendarDays(current, -1);
  return current;
}

/**
 * Working day 0 of an inspection timeline. "The notification date is working day 0 whatever the time of the call;
 * a notification on a non-working day counts from the next working day." So a call at 16:45 on a Friday makes that
 * Friday working day 0, and a call on a Saturday or bank holiday makes the next working day working day 0.
 */
export function workingDayZero(notificationDate: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  return nextWorkingDayOnOrAfter(notificationDate, calendar);
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself for n = 0, even if it is not a
 * working day. The start date never counts: Friday + 1 = the next Monday, Saturday + 1 = Monday, Saturday − 1 =
 * Friday. For a working-day start (such as working day 0) workingDaysBetween(date, addWorkingDays(date, n)) = n.
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingDayCalendar): IsoDate {
  requireInteger('n', n);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = fromDayNumber(toDayNumber(date));
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (calendar.isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * Signed count of working days after `from` up to and including `to`: when `to` is later, the working days in
 * (from, to]; when `to` is earlier, minus the working days in (to, from]. So Mon→Fri of one week = 4, Fri→next Mon
 * = 1, Fri→Sat = 0, Mon→previous Fri = −1, and workingDaysBetween(a, b) = −workingDaysBetween(b, a).
 * Measured from working day 0, a date's result is its working-day number; a non-working date gets the number of the
 * last working day before it.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const sign = end < start ? -1 : 1;
  const [low, high] = end < start ? [end, start] : [start, end];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) {
    if (calendar.isWorkingDay(fromDayNumber(day))) count += 1;
  }
  return count === 0 ? 0 : sign * count;
}
