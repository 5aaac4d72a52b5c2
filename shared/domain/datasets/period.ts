import type { PeriodType } from './types';

/**
 * Periods are stored in one canonical form per period type:
 *   calendar-year   '2019'
 *   academic-year   '2023/24'   (September–August)
 *   financial-year  '2023/24'   (April–March)
 *   snapshot        '2025-03-31'
 * parsePeriod accepts what files and people write ('2023-24', '202324' as in DfE's time_period, '2023/2024',
 * '31/03/2025', …) and returns the canonical form or a sentence saying what is wrong.
 */
export type PeriodParse = { ok: true; period: string } | { ok: false; error: string };

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function yearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function twoDigits(n: number): string {
  return String(n % 100).padStart(2, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (!yearInRange(year) || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseYearPair(text: string, type: 'academic-year' | 'financial-year'): PeriodParse {
  const label = type === 'academic-year' ? 'an academic year' : 'a financial year';
  // 2023/24, 2023-24, 2023–24, 2023_24, 2023/2024, 2023 to 2024, 202324 (DfE time_period), 20232024
  const match = /^(\d{4})\s*(?:[/\-–—_]|\s+to\s+)?\s*(\d{2}|\d{4})$/i.exec(text);
  if (!match) {
    if (/^\d{4}$/.test(text)) {
      const y = Number(text);
      return {
        ok: false,
        error: `'${text}' is a single year; write ${label} as ${y - 1}/${twoDigits(y)} or ${y}/${twoDigits(y + 1)}`,
      };
    }
    return { ok: false, error: `'${text}' is not ${label}; write it like 2023/24` };
  }
  const first = Number(match[1]);
  const secondText = match[2]!;
  const second = Number(secondText);
  const expected = first + 1;
  const fits = secondText.length === 4 ? second === expected : second === expected % 100;
  if (!yearInRange(first) || !fits) {
    return {
      ok: false,
      error: `'${text}' is not ${label}: the second year must follow the first (e.g. ${first}/${twoDigits(first + 1)})`,
    };
  }
  return { ok: true, period: `${first}/${twoDigits(expected)}` };
}

function parseSnapshot(text: string): PeriodParse {
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isRealDate(y, m, d)) return { ok: true, period: isoDate(y, m, d) };
    return { ok: false, error: `'${text}' is not a real date` };
  }
  match = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(text);
  if (match) {
    // UK order: day/month/year.
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (isRealDate(y, m, d)) return { ok: true, period: isoDate(y, m, d) };
    return { ok: false, error: `'${text}' is not a real date (dates are read day/month/year)` };
  }
  return { ok: false, error: `'${text}' is not a date; write it as 2025-03-31 or 31/03/2025` };
}

/** Reads a period as written in a file or form and returns its canonical form for the period type. */
export function parsePeriod(text: string, type: PeriodType): PeriodParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'the period is empty' };
  switch (type) {
    case 'calendar-year': {
      if (/^\d{4}$/.test(trimmed) && yearInRange(Number(trimmed))) return { ok: true, period: trimmed };
      if (/^\d{4}\s*[/\-–_]\s*\d{2}$|^\d{6}$/.test(trimmed)) {
        return {
          ok: false,
          error: `'${trimmed}' looks like an academic or financial year; this dataset is by calendar year (e.g. 2024)`,
        };
      }
      return { ok: false, error: `'${trimmed}' is not a calendar year; write it like 2024` };
    }
    case 'academic-year':
    case 'financial-year':
      return parseYearPair(trimmed, type);
    case 'snapshot':
      return parseSnapshot(trimmed);
  }
}

/** True when `period` is already in the canonical form of the period type. */
export function isCanonicalPeriod(period: string, type: PeriodType): boolean {
  const parsed = parsePeriod(period, type);
  return parsed.ok && parsed.period === period;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A canonical period written for a person: '2019', '2023/24', '31 Mar 2025'. Text that is not canonical is
 * returned unchanged.
 */
export function formatPeriod(period: string, type: PeriodType): string {
  if (type === 'snapshot') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
    if (!match) return period;
    return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
  }
  return period;
}

/**
 * A key that sorts canonical periods of one type in time order: '2019' → '2019', '2023/24' → '2023',
 * '2025-03-31' → '2025-03-31'.
 */
export function periodSortKey(period: string): string {
  const pair = /^(\d{4})\/\d{2}$/.exec(period);
  return pair ? pair[1]! : period;
}

export function comparePeriods(a: string, b: string): number {
  const ka = periodSortKey(a);
  const kb = periodSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
