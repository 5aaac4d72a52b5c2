import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  isCanonicalPeriod,
  parsePeriod,
  periodSortKey,
} from '../../../shared/domain/datasets/period';

const ok = (period: string) => ({ ok: true, period });

describe('parsePeriod', () => {
  it('reads calendar years', () => {
    expect(parsePeriod('2019', 'calendar-year')).toEqual(ok('2019'));
    expect(parsePeriod(' 2024 ', 'calendar-year')).toEqual(ok('2024'));
    const wrong = parsePeriod('2023/24', 'calendar-year');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toMatch(/calendar year/);
    expect(parsePeriod('202324', 'calendar-year').ok).toBe(false);
    expect(parsePeriod('19', 'calendar-year').ok).toBe(false);
    expect(parsePeriod('', 'calendar-year').ok).toBe(false);
  });

  it('reads academic and financial years in every usual spelling, including DfE time_period', () => {
    for (const text of [
      '2023/24',
      '2023-24',
      '202324',
      '2023/2024',
      '2023-2024',
      '2023–24',
      '2023 to 2024',
      '2023 / 24',
    ]) {
      expect(parsePeriod(text, 'academic-year'), text).toEqual(ok('2023/24'));
      expect(parsePeriod(text, 'financial-year'), text).toEqual(ok('2023/24'));
    }
    expect(parsePeriod('199900', 'academic-year')).toEqual(ok('1999/00'));
    expect(parsePeriod('1999/2000', 'academic-year')).toEqual(ok('1999/00'));
  });

  it('refuses a year pair that does not follow on, and a single year for an academic year', () => {
    expect(parsePeriod('2023/25', 'academic-year').ok).toBe(false);
    expect(parsePeriod('202325', 'academic-year').ok).toBe(false);
    expect(parsePeriod('2023/2025', 'academic-year').ok).toBe(false);
    const single = parsePeriod('2025', 'academic-year');
    expect(single.ok).toBe(false);
    if (!single.ok) expect(single.error).toContain('2024/25');
  });

  it('reads snapshot dates in ISO and UK order and refuses impossible dates', () => {
    expect(parsePeriod('2025-03-31', 'snapshot')).toEqual(ok('2025-03-31'));
    expect(parsePeriod('31/03/2025', 'snapshot')).toEqual(ok('2025-03-31'));
    expect(parsePeriod('1/4/2025', 'snapshot')).toEqual(ok('2025-04-01'));
    expect(parsePeriod('2025-3-1', 'snapshot')).toEqual(ok('2025-03-01'));
    expect(parsePeriod('2024-02-29', 'snapshot')).toEqual(ok('2024-02-29'));
    expect(parsePeriod('2025-02-29', 'snapshot').ok).toBe(false);
    expect(parsePeriod('31/04/2025', 'snapshot').ok).toBe(false);
    expect(parsePeriod('13/13/2025', 'snapshot').ok).toBe(false);
    expect(parsePeriod('2025', 'snapshot').ok).toBe(false);
  });

  it('knows canonical forms, formats for people and sorts in time order', () => {
    expect(isCanonicalPeriod('2023/24', 'academic-year')).toBe(true);
    expect(isCanonicalPeriod('2023-24', 'academic-year')).toBe(false);
    expect(isCanonicalPeriod('2025-03-31', 'snapshot')).toBe(true);
    expect(formatPeriod('2025-03-31', 'snapshot')).toBe('31 Mar 2025');
    expect(formatPeriod('2023/24', 'academic-year')).toBe('2023/24');
    expect(formatPeriod('2019', 'calendar-year')).toBe('2019');
    expect(periodSortKey('2023/24')).toBe('2023');
    expect(['2024/25', '1999/00', '2023/24'].sort(comparePeriods)).toEqual(['1999/00', '2023/24', '2024/25']);
    expect(['2025-01-31', '2024-12-31', '2025-01-01'].sort(comparePeriods)).toEqual([
      '2024-12-31',
      '2025-01-01',
      '2025-01-31',
    ]);
  });
});
