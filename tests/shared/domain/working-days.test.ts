import { describe, it, expect } from 'vitest';
import {
  BANK_HOLIDAY_ONE_OFFS,
  HolidayCalendar,
  bankHolidays,
  createHolidayCalendar,
  easterSunday,
} from '../../../shared/domain/bank-holidays';
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  calendarDaysBetween,
  dayOfWeek,
  isIsoDate,
  nextWorkingDayOnOrAfter,
  parseIsoDate,
  previousWorkingDayOnOrBefore,
  workingDayZero,
  workingDaysBetween,
} from '../../../shared/domain/working-days';

const dates = (year: number, calendar?: HolidayCalendar) =>
  (calendar ? calendar.holidays(year) : bankHolidays(year)).map((h) => h.date);

const england = new HolidayCalendar();

describe('bank holidays (England and Wales)', () => {
  it('2026 matches the published list', () => {
    expect(bankHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('2027 matches the published list', () => {
    expect(bankHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-05-03', name: 'Early May bank holiday' },
      { date: '2027-05-31', name: 'Spring bank holiday' },
      { date: '2027-08-30', name: 'Summer bank holiday' },
      { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('2020: the early May holiday moved to Friday 8 May for VE Day', () => {
    expect(dates(2020)).toEqual([
      '2020-01-01',
      '2020-04-10',
      '2020-04-13',
      '2020-05-08',
      '2020-05-25',
      '2020-08-31',
      '2020-12-25',
      '2020-12-28',
    ]);
    expect(dates(2020)).not.toContain('2020-05-04');
  });

  it('2021: Christmas on a Saturday gives substitutes on 27 and 28 December', () => {
    expect(dates(2021)).toEqual([
      '2021-01-01',
      '2021-04-02',
      '2021-04-05',
      '2021-05-03',
      '2021-05-31',
      '2021-08-30',
      '2021-12-27',
      '2021-12-28',
    ]);
    expect(england.holidayOn('2021-12-27')?.name).toBe('Christmas Day (substitute day)');
    expect(england.holidayOn('2021-12-28')?.name).toBe('Boxing Day (substitute day)');
  });

  it('2022: Platinum Jubilee on 2 and 3 June (no 30 May), State Funeral on 19 September', () => {
    expect(dates(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
    expect(england.holidayOn('2022-01-03')?.name).toBe("New Year's Day (substitute day)");
    // Christmas on a Sunday: Boxing Day keeps Monday 26, Christmas moves to Tuesday 27.
    expect(england.holidayOn('2022-12-26')?.name).toBe('Boxing Day');
    expect(england.holidayOn('2022-12-27')?.name).toBe('Christmas Day (substitute day)');
  });

  it('2023: coronation holiday on 8 May alongside the early May holiday', () => {
    expect(dates(2023)).toEqual([
      '2023-01-02',
      '2023-04-07',
      '2023-04-10',
      '2023-05-01',
      '2023-05-08',
      '2023-05-29',
      '2023-08-28',
      '2023-12-25',
      '2023-12-26',
    ]);
  });

  it('2010 and 2011: Christmas on a Saturday then a Sunday, New Year substitute, royal wedding', () => {
    expect(dates(2010)).toEqual([
      '2010-01-01',
      '2010-04-02',
      '2010-04-05',
      '2010-05-03',
      '2010-05-31',
      '2010-08-30',
      '2010-12-27',
      '2010-12-28',
    ]);
    expect(dates(2011)).toEqual([
      '2011-01-03',
      '2011-04-22',
      '2011-04-25',
      '2011-04-29',
      '2011-05-02',
      '2011-05-30',
      '2011-08-29',
      '2011-12-26',
      '2011-12-27',
    ]);
  });

  it('Christmas on a Friday moves only Boxing Day (to Monday 28)', () => {
    expect(dates(2015).slice(-2)).toEqual(['2015-12-25', '2015-12-28']);
  });

  it('jubilee, millennium and VE Day one-offs', () => {
    expect(dates(1995)).toContain('1995-05-08');
    expect(dates(1995)).not.toContain('1995-05-01');
    expect(dates(1999).slice(-3)).toEqual(['1999-12-27', '1999-12-28', '1999-12-31']);
    expect(dates(2000)[0]).toBe('2000-01-03');
    expect(dates(2002)).toEqual(expect.arrayContaining(['2002-06-03', '2002-06-04']));
    expect(dates(2002)).not.toContain('2002-05-27');
    expect(dates(2012)).toEqual(expect.arrayContaining(['2012-06-04', '2012-06-05']));
    expect(dates(2012)).not.toContain('2012-05-28');
  });

  it('every one-off that replaces a date replaces a holiday the rules give', () => {
    for (const oneOff of BANK_HOLIDAY_ONE_OFFS) {
      expect(oneOff.reason.length).toBeGreaterThan(0);
      if (oneOff.replaces === undefined) continue;
      const year = parseIsoDate(oneOff.replaces).year;
      const withoutOneOffs = bankHolidays(year, { add: [], remove: [] }).map((h) => h.date);
      expect(withoutOneOffs).not.toContain(oneOff.replaces);
      // Undo the one-off with overrides: the rule-based date comes back.
      const undone = bankHolidays(year, { add: [{ date: oneOff.replaces, name: 'rule' }], remove: [oneOff.date] });
      expect(undone.map((h) => h.date)).toContain(oneOff.replaces);
    }
  });

  it('Easter by the anonymous Gregorian algorithm', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2008)).toBe('2008-03-23');
    // Independent table (python-dateutil's easter()) for 1995–2100, MMDD.
    const table = (
      '0416 0407 0330 0412 0404 0423 0415 0331 0420 0411 0327 0416 0408 0323 0412 0404 0424 0408 0331 0420 ' +
      '0405 0327 0416 0401 0421 0412 0404 0417 0409 0331 0420 0405 0328 0416 0401 0421 0413 0328 0417 0409 ' +
      '0325 0413 0405 0425 0410 0401 0421 0406 0329 0417 0409 0325 0414 0405 0418 0410 0402 0421 0406 0329 ' +
      '0418 0402 0422 0414 0330 0418 0410 0326 0415 0406 0329 0411 0403 0422 0414 0330 0419 0410 0326 0415 ' +
      '0407 0419 0411 0403 0423 0407 0330 0419 0404 0326 0415 0331 0420 0411 0403 0416 0408 0330 0412 0404 ' +
      '0424 0415 0331 0420 0412 0328'
    ).split(' ');
    expect(table).toHaveLength(106);
    table.forEach((mmdd, index) => {
      const year = 1995 + index;
      expect(easterSunday(year)).toBe(`${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`);
    });
  });

  it('every year 1995–2100 has 8 rule-based holidays, sorted, all on weekdays', () => {
    for (let year = 1995; year <= 2100; year += 1) {
      const list = dates(year);
      expect([...list].sort()).toEqual(list);
      for (const date of list) expect([0, 6]).not.toContain(dayOfWeek(date));
      const extra = BANK_HOLIDAY_ONE_OFFS.filter((o) => o.date.startsWith(`${year}-`) && o.replaces === undefined);
      expect(list).toHaveLength(8 + extra.length);
    }
  });

  it('refuses years outside 1995–2100', () => {
    expect(() => bankHolidays(1994)).toThrow(RangeError);
    expect(() => bankHolidays(2101)).toThrow(RangeError);
    expect(() => england.isWorkingDay('2101-01-03')).toThrow(RangeError);
  });

  it('overrides add and remove holidays', () => {
    const local = { add: [{ date: '2026-07-06', name: 'Local holiday' }], remove: ['2026-08-31'] };
    const list = bankHolidays(2026, local);
    expect(list).toContainEqual({ date: '2026-07-06', name: 'Local holiday' });
    expect(list.map((h) => h.date)).not.toContain('2026-08-31');
    expect(bankHolidays(2027, local).map((h) => h.date)).toEqual(dates(2027));
    expect(() => new HolidayCalendar({ add: [], remove: ['2026-02-30'] })).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('parseIsoDate accepts real dates and rejects impossible ones', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      '2026-1-5',
      '26-01-05',
      '2026/01/05',
      '2026-01-05T10:00',
      ' 2026-01-05',
      '',
      'tomorrow',
    ]) {
      expect(() => parseIsoDate(bad), bad).toThrow(RangeError);
      expect(isIsoDate(bad)).toBe(false);
    }
    expect(isIsoDate('2026-12-31')).toBe(true);
    expect(isIsoDate(20261231)).toBe(false);
  });

  it('dayOfWeek uses 0 = Sunday … 6 = Saturday', () => {
    expect(dayOfWeek('2026-11-13')).toBe(5);
    expect(dayOfWeek('2026-11-14')).toBe(6);
    expect(dayOfWeek('2026-11-15')).toBe(0);
    expect(dayOfWeek('2027-01-11')).toBe(1);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30'); // across the clocks changing
    expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(() => addCalendarDays('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('addMonths clamps to the end of shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-05-10', 18)).toBe('2027-11-10');
    expect(addMonths('2026-05-10', -24)).toBe('2024-05-10');
  });
});

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    expect(england.isWorkingDay('2026-11-13')).toBe(true);
    expect(england.isWorkingDay('2026-11-14')).toBe(false);
    expect(england.isWorkingDay('2026-12-28')).toBe(false);
    expect(nextWorkingDayOnOrAfter('2026-12-25', england)).toBe('2026-12-29');
    expect(previousWorkingDayOnOrBefore('2027-01-03', england)).toBe('2026-12-31');
  });

  it('across Christmas 2026: notification Wed 23 Dec → WD5 is Mon 4 Jan 2027', () => {
    const day0 = workingDayZero('2026-12-23', england);
    expect(day0).toBe('2026-12-23');
    const days = [1, 2, 3, 4, 5].map((n) => addWorkingDays(day0, n, england));
    expect(days).toEqual(['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04']);
    expect(workingDaysBetween(day0, '2027-01-04', england)).toBe(5);
  });

  it('across Easter 2027: notification Thu 25 Mar → WD5 is Mon 5 Apr', () => {
    const days = [1, 2, 3, 4, 5].map((n) => addWorkingDays('2027-03-25', n, england));
    expect(days).toEqual(['2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02', '2027-04-05']);
  });

  it('across the May bank holidays 2027', () => {
    // Early May: Mon 3 May.
    expect(addWorkingDays('2027-04-27', 5, england)).toBe('2027-05-05');
    expect(addWorkingDays('2027-04-30', 1, england)).toBe('2027-05-04');
    // Spring: Mon 31 May.
    expect(addWorkingDays('2027-05-24', 5, england)).toBe('2027-06-01');
    expect(workingDaysBetween('2027-05-28', '2027-06-01', england)).toBe(1);
  });

  it('a Friday 16:45 notification is still working day 0', () => {
    // Fri 13 Nov 2026 at 16:45: only the date counts.
    const day0 = workingDayZero('2026-11-13', england);
    expect(day0).toBe('2026-11-13');
    expect(addWorkingDays(day0, 5, england)).toBe('2026-11-20');
  });

  it('a notification on a Saturday counts from Monday', () => {
    const day0 = workingDayZero('2026-11-14', england);
    expect(day0).toBe('2026-11-16');
    expect(addWorkingDays(day0, 5, england)).toBe('2026-11-23');
    // A notification on a bank holiday counts from the next working day too.
    expect(workingDayZero('2027-05-31', england)).toBe('2027-06-01');
  });

  it('addWorkingDays handles zero, negatives and non-working starts', () => {
    expect(addWorkingDays('2026-11-14', 0, england)).toBe('2026-11-14');
    expect(addWorkingDays('2026-11-14', 1, england)).toBe('2026-11-16');
    expect(addWorkingDays('2026-11-14', -1, england)).toBe('2026-11-13');
    expect(addWorkingDays('2026-11-16', -1, england)).toBe('2026-11-13');
    expect(addWorkingDays('2027-01-04', -5, england)).toBe('2026-12-23');
    expect(() => addWorkingDays('2026-11-16', 0.5, england)).toThrow(RangeError);
  });

  it('workingDaysBetween is the signed count after from, up to and including to', () => {
    expect(workingDaysBetween('2026-11-16', '2026-11-16', england)).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-20', england)).toBe(4);
    expect(workingDaysBetween('2026-11-20', '2026-11-23', england)).toBe(1);
    expect(workingDaysBetween('2026-11-20', '2026-11-21', england)).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-13', england)).toBe(-1);
    expect(workingDaysBetween('2026-11-13', '2026-11-16', england)).toBe(1);
    expect(workingDaysBetween('2027-01-04', '2026-12-23', england)).toBe(-5);
    expect(workingDaysBetween('2026-01-01', '2026-12-31', england)).toBe(253);
  });

  it('round trip: from a working day, workingDaysBetween(d, addWorkingDays(d, n)) = n', () => {
    const starts = ['2026-12-23', '2027-03-25', '2027-04-30', '2026-11-13', '2022-06-01'];
    for (const start of starts) {
      for (let n = -25; n <= 25; n += 1) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, england), england)).toBe(n);
      }
    }
  });

  it('overrides shift working days: a local holiday added, a bank holiday removed', () => {
    // Without overrides: Mon 20 Jul 2026 + 5 = Mon 27 Jul.
    expect(addWorkingDays('2026-07-20', 5, england)).toBe('2026-07-27');
    const local = createHolidayCalendar({ add: [{ date: '2026-07-22', name: 'Local holiday' }], remove: [] });
    expect(local.isWorkingDay('2026-07-22')).toBe(false);
    expect(addWorkingDays('2026-07-20', 5, local)).toBe('2026-07-28');

    // Removing Christmas Day 2026 makes it a working day: 23 Dec + 5 lands a day earlier.
    const noChristmas = createHolidayCalendar({ add: [], remove: ['2026-12-25'] });
    expect(addWorkingDays('2026-12-23', 5, noChristmas)).toBe('2026-12-31');
    expect(noChristmas.holidays(2026).map((h) => h.date)).not.toContain('2026-12-25');
  });

  it('the calendar copies its overrides', () => {
    const overrides = { add: [{ date: '2026-07-22', name: 'Local holiday' }], remove: [] as string[] };
    const calendar = new HolidayCalendar(overrides);
    overrides.add.push({ date: '2026-07-23', name: 'Later edit' });
    expect(calendar.isWorkingDay('2026-07-23')).toBe(true);
    expect(calendar.holidays(2026)).toEqual(bankHolidays(2026, calendar.overrides));
  });
});
