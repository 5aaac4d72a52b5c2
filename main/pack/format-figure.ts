import type { MetricResult } from '../../shared/domain/metrics/types';

/** Counts below this are printed as "fewer than N"; a setting, since the right figure for a shared pack is a local decision. */
export const DEFAULT_SMALL_NUMBER_THRESHOLD = 5;

const number = (n: number, decimals = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/**
 * A metric's value as the pack prints it. Small counts, and percentages whose numerator or denominator is small,
 * are printed as "fewer than N" so no child can be singled out; the stored figure is unchanged.
 */
export function formatMetricValue(m: Pick<MetricResult, 'value' | 'unit' | 'numerator' | 'denominator'>, threshold = DEFAULT_SMALL_NUMBER_THRESHOLD): string {
  if (m.value === null) return 'not available';
  const small = (n: number | null) => n !== null && n > 0 && n < threshold;
  if (m.unit === 'count') return small(m.value) ? `fewer than ${threshold}` : number(m.value);
  if ((m.unit === '%' || m.unit === 'per 100') && (small(m.numerator) || small(m.denominator))) return `fewer than ${threshold}`;
  if (m.unit === '%') return `${number(m.value, 1)}%`;
  if (m.unit === 'per 100') return `${number(m.value, 2)} per 100`;
  return `${number(m.value, 1)} ${m.unit}`;
}

/** A comparator as printed: national figures are never small, but the same formatting keeps the table consistent. */
export function formatComparator(value: number, unit: string): string {
  if (unit === 'count') return number(value);
  if (unit === '%') return `${number(value, 1)}%`;
  if (unit === 'per 100') return `${number(value, 2)} per 100`;
  return `${number(value, 1)} ${unit}`;
}
