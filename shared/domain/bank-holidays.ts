/**
 * Bank holidays in England and Wales, computed from their rules for 1995–2100 plus a table of the one-off changes
 * made by royal proclamation. Only England and Wales: Scotland and Northern Ireland have different bank holidays
 * (2 January, St Andrew's Day, St Patrick's Day, the Battle of the Boyne, a different summer holiday) and are not
 * modelled; an area inspection is an English matter, and local differences go in the app's overrides.
 *
 * Future one-off holidays (a jubilee, a state occasion) are not known in advance: the app adds them through
 * HolidayOverrides, edited in settings, until a release adds them to BANK_HOLIDAY_ONE_OFFS.
 */
import {
  addCalendarDays,
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  isWeekend,
  parseIsoDate,
  type IsoDate,
  type WorkingDayCalendar,
} from './working-days';

export const FIRST_SUPPORTED_YEAR = 1995;
export const LAST_SUPPORTED_YEAR = 2100;

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/** A one-off change: an extra holiday, or a holiday moved (it `replaces` the date the rules would give). */
export interface BankHolidayOneOff {
  date: IsoDate;
  name: string;
  /** The rule-based holiday this one replaces, if it moved a regular holiday. */
  replaces?: IsoDate;
  reason: string;
}

/** Local changes, editable in the app's settings: extra non-working days, and holidays to treat as working days. */
export interface HolidayOverrides {
  add: BankHoliday[];
  remove: IsoDate[];
}

/** Known one-off changes since 1995 (source: gov.uk/bank-holidays and the royal proclamations). */
export const BANK_HOLIDAY_ONE_OFFS: readonly BankHolidayOneOff[] = [
  {
    date: '1995-05-08',
    name: 'Early May bank holiday (VE Day)',
    replaces: '1995-05-01',
    reason: '50th anniversary of VE Day: the early May bank holiday moved from Monday 1 May to Monday 8 May',
  },
  { date: '1999-12-31', name: 'Millennium Day', reason: 'Extra bank holiday for the millennium' },
  {
    date: '2002-06-03',
    name: 'Golden Jubilee bank holiday',
    reason: "Extra bank holiday for Queen Elizabeth II's Golden Jubilee",
  },
  {
    date: '2002-06-04',
    name: 'Spring bank holiday',
    replaces: '2002-05-27',
    reason: 'Spring bank holiday moved from Monday 27 May to Tuesday 4 June for the Golden Jubilee',
  },
  {
    date: '2011-04-29',
    name: 'Royal wedding',
    reason: 'Extra bank holiday for the wedding of Prince William and Catherine Middleton',
  },
  {
    date: '2012-06-04',
    name: 'Spring bank holiday',
    replaces: '2012-05-28',
    reason: 'Spring bank holiday moved from Monday 28 May to Monday 4 June for the Diamond Jubilee',
  },
  {
    date: '2012-06-05',
    name: "Queen's Diamond Jubilee",
    reason: "Extra bank holiday for Queen Elizabeth II's Diamond Jubilee",
  },
  {
    date: '2020-05-08',
    name: 'Early May bank holiday (VE Day)',
    replaces: '2020-05-04',
    reason: '75th anniversary of VE Day: the early May bank holiday moved from Monday 4 May to Friday 8 May',
  },
  {
    date: '2022-06-02',
    name: 'Spring bank holiday',
    replaces: '2022-05-30',
    reason: 'Spring bank holiday moved from Monday 30 May to Thursday 2 June for the Platinum Jubilee',
  },
  {
    date: '2022-06-03',
    name: 'Platinum Jubilee bank holiday',
    reason: "Extra bank holiday for Queen Elizabeth II's Platinum Jubilee",
  },
  {
    date: '2022-09-19',
    name: 'Bank holiday for the State Funeral of Queen Elizabeth II',
    reason: 'Extra bank holiday for the State Funeral of Queen Elizabeth II',
  },
  {
    date: '2023-05-08',
    name: 'Bank holiday for the coronation of King Charles III',
    reason: 'Extra bank holiday for the coronation of King Charles III',
  },
];

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`Bank holidays are computed for ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}, not ${year}`);
  }
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`Gregorian Easter needs a year from 1583: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate({ year, month, day });
}

const MONDAY = 1;

function firstMonday(year: number, month: number): IsoDate {
  const first = formatIsoDate({ year, month, day: 1 });
  return addCalendarDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = formatIsoDate({ year, month, day: daysInMonth(year, month) });
  return addCalendarDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
}

/**
 * Fixed-date holidays with substitute days: each one that falls on a weekday keeps its date; each one that falls on
 * a Saturday or Sunday moves to the first weekday after it that is not already a holiday. This gives every
 * Christmas combination: Christmas on a Friday → Boxing Day substitute Monday 28; on a Saturday → Christmas
 * substitute Monday 27 and Boxing Day substitute Tuesday 28; on a Sunday → Boxing Day Monday 26 and Christmas
 * substitute Tuesday 27.
 */
function withSubstitutes(days: readonly BankHoliday[]): BankHoliday[] {
  const result = days.filter((h) => !isWeekend(h.date));
  const taken = new Set(result.map((h) => h.date));
  for (const holiday of days) {
    if (!isWeekend(holiday.date)) continue;
    let date = addCalendarDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addCalendarDays(date, 1);
    taken.add(date);
    result.push({ date, name: `${holiday.name} (substitute day)` });
  }
  return result;
}

/** The holidays the standing rules give for a year, before one-off changes and overrides. */
function ruleHolidays(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  return [
    ...withSubstitutes([{ date: formatIsoDate({ year, month: 1, day: 1 }), name: "New Year's Day" }]),
    { date: addCalendarDays(easter, -2), name: 'Good Friday' },
    { date: addCalendarDays(easter, 1), name: 'Easter Monday' },
    { date: firstMonday(year, 5), name: 'Early May bank holiday' },
    { date: lastMonday(year, 5), name: 'Spring bank holiday' },
    { date: lastMonday(year, 8), name: 'Summer bank holiday' },
    ...withSubstitutes([
      { date: formatIsoDate({ year, month: 12, day: 25 }), name: 'Christmas Day' },
      { date: formatIsoDate({ year, month: 12, day: 26 }), name: 'Boxing Day' },
    ]),
  ];
}

function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}

function byDate(a: BankHoliday, b: BankHoliday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/**
 * England and Wales bank holidays for a year (1995–2100), sorted by date: the standing rules, then the shipped
 * one-off changes, then the overrides — `remove` takes dates off the list and `add` puts dates on it (an added date
 * that is already a holiday takes the added name). Throws a RangeError for other years or invalid override dates.
 */
export function bankHolidays(year: number, overrides?: HolidayOverrides): BankHoliday[] {
  assertSupportedYear(year);
  const holidays = new Map<IsoDate, BankHoliday>();
  for (const holiday of ruleHolidays(year)) holidays.set(holiday.date, holiday);
  for (const oneOff of BANK_HOLIDAY_ONE_OFFS) {
    if (yearOf(oneOff.date) !== year) continue;
    if (oneOff.replaces !== undefined) holidays.delete(oneOff.replaces);
    holidays.set(oneOff.date, { date: oneOff.date, name: oneOff.name });
  }
  if (overrides) {
    for (const date of overrides.remove) {
      parseIsoDate(date);
      holidays.delete(date);
    }
    for (const holiday of overrides.add) {
      if (yearOf(holiday.date) === year) holidays.set(holiday.date, { date: holiday.date, name: holiday.name });
    }
  }
  return [...holidays.values()].sort(byDate);
}

/**
 * Working-day calendar for England and Wales with the app's overrides: Monday to Friday minus bank holidays.
 * Each year's holidays are computed once and cached. Dates outside 1995–2100 throw a RangeError.
 */
export class HolidayCalendar implements WorkingDayCalendar {
  readonly overrides: HolidayOverrides;
  private readonly cache = new Map<number, ReadonlyMap<IsoDate, BankHoliday>>();

  constructor(overrides?: HolidayOverrides) {
    const add = (overrides?.add ?? []).map((h) => ({ date: h.date, name: h.name }));
    const remove = [...(overrides?.remove ?? [])];
    for (const date of [...add.map((h) => h.date), ...remove]) parseIsoDate(date);
    this.overrides = { add, remove };
  }

  private year(year: number): ReadonlyMap<IsoDate, BankHoliday> {
    let holidays = this.cache.get(year);
    if (!holidays) {
      holidays = new Map(bankHolidays(year, this.overrides).map((h) => [h.date, h]));
      this.cache.set(year, holidays);
    }
    return holidays;
  }

  /** The year's holidays, sorted by date. */
  holidays(year: number): BankHoliday[] {
    return [...this.year(year).values()];
  }

  /** The holiday on this date, if there is one. */
  holidayOn(date: IsoDate): BankHoliday | undefined {
    return this.year(yearOf(date)).get(date);
  }

  isHoliday(date: IsoDate): boolean {
    return this.holidayOn(date) !== undefined;
  }

  /** Monday to Friday and not a holiday. */
  isWorkingDay(date: IsoDate): boolean {
    return !isWeekend(date) && !this.isHoliday(date);
  }
}

/** A calendar from the given overrides (or none). */
export function createHolidayCalendar(overrides?: HolidayOverrides): HolidayCalendar {
  return new HolidayCalendar(overrides);
}
