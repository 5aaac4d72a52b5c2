import type { MetricResult } from '../../shared/domain/metrics/types';
import { formatFigure } from '../../shared/domain/metrics/describe';
import { DEFAULT_SMALL_NUMBER_THRESHOLD, fewerThan, isSmall, isSmallCount } from '../privacy/small-numbers';

/** Counts below this are printed as "fewer than N"; a setting, since the right figure for a shared pack is a local decision. */
export { DEFAULT_SMALL_NUMBER_THRESHOLD };

const number = (n: number, decimals = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/**
 * A metric's value as the pack prints it. Small counts, and percentages whose numerator or denominator is small,
 * are printed as "fewer than N" so no child can be singled out; the stored figure is unchanged.
 */
export function formatMetricValue(
  m: Pick<MetricResult, 'value' | 'unit' | 'numerator' | 'denominator'>,
  threshold = DEFAULT_SMALL_NUMBER_THRESHOLD,
): string {
  if (m.value === null) return 'not available';
  if (m.unit === 'count') return isSmallCount(m.value, threshold) ? fewerThan(threshold) : number(m.value);
  if ((m.unit === '%' || m.unit === 'per 100') && isSmall(m.numerator, m.denominator, threshold))
    return fewerThan(threshold);
  if (m.unit === '%') return `${number(m.value, 1)}%`;
  if (m.unit === 'per 100') return `${number(m.value, 2)} per 100`;
  return `${number(m.value, 1)} ${m.unit}`;
}

/** A comparator as printed: national figures are never small, but the same formatting keeps the table consistent. */
export function formatComparator(value: number, unit: string): string {
  return formatFigure(value, unit);
}
