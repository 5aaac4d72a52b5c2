import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SMALL_NUMBER_THRESHOLD as PACK_DEFAULT, formatMetricValue } from '../../../main/pack/format-figure';
import {
  DEFAULT_SMALL_NUMBER_THRESHOLD,
  fewerThan,
  isSmall,
  isSmallCount,
  suppressCount,
} from '../../../main/privacy/small-numbers';

describe('small numbers (issue 6 §3)', () => {
  it('suppresses counts from 1 to threshold − 1; zero, the threshold and above are shown; no figure is never small', () => {
    expect(DEFAULT_SMALL_NUMBER_THRESHOLD).toBe(5);
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((n) => isSmallCount(n))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isSmallCount(null)).toBe(false);
    expect(isSmallCount(undefined)).toBe(false);
    expect(isSmallCount(7, 10)).toBe(true);
    expect(isSmallCount(4, 1)).toBe(false);
  });

  it('prints a suppressed count as "fewer than N" and any other as a grouped figure', () => {
    expect(suppressCount(3)).toBe('fewer than 5');
    expect(suppressCount(0)).toBe('0');
    expect(suppressCount(5)).toBe('5');
    expect(suppressCount(12345)).toBe('12,345');
    expect(suppressCount(8, 10)).toBe('fewer than 10');
    expect(suppressCount(8, 10, (n) => `${n} pupils`)).toBe('fewer than 10');
    expect(suppressCount(18, 10, (n) => `${n} pupils`)).toBe('18 pupils');
    expect(fewerThan(3)).toBe('fewer than 3');
  });

  it('suppresses a rate when its numerator or its denominator is small', () => {
    expect(isSmall(3, 500)).toBe(true);
    expect(isSmall(300, 4)).toBe(true);
    expect(isSmall(0, 500)).toBe(false);
    expect(isSmall(null, 500)).toBe(false);
    expect(isSmall(60, 500)).toBe(false);
    expect(isSmall(6, 500, 10)).toBe(true);
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 20 }), (a, b, t) => {
        expect(isSmall(a, b, t)).toBe((a > 0 && a < t) || (b > 0 && b < t));
      }),
    );
  });

  it('is what the pack prints: format-figure uses the same rule and keeps its exports', () => {
    expect(PACK_DEFAULT).toBe(DEFAULT_SMALL_NUMBER_THRESHOLD);
    expect(formatMetricValue({ value: 3, unit: 'count', numerator: null, denominator: null })).toBe('fewer than 5');
    expect(formatMetricValue({ value: 0, unit: 'count', numerator: null, denominator: null })).toBe('0');
    expect(formatMetricValue({ value: 1234, unit: 'count', numerator: null, denominator: null })).toBe('1,234');
    expect(formatMetricValue({ value: 75, unit: '%', numerator: 3, denominator: 4 })).toBe('fewer than 5');
    expect(formatMetricValue({ value: 60.4, unit: '%', numerator: 1129, denominator: 1869 })).toBe('60.4%');
    expect(formatMetricValue({ value: 60, unit: '%', numerator: 6, denominator: 10 }, 10)).toBe('fewer than 10');
    expect(formatMetricValue({ value: 2.5, unit: 'per 100', numerator: 2, denominator: 80 })).toBe('fewer than 5');
    expect(formatMetricValue({ value: null, unit: 'count', numerator: null, denominator: null })).toBe('not available');
  });
});
