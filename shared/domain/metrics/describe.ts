import type { MetricDirection, MetricRank, MetricTrendPoint, MetricUnit } from './types';

/**
 * Comparators and trends written the way a pack and a screen print them, beside the number they describe
 * ("rank 12 of 151 (1 = best), quartile 1"; "up from 38.4% in 2022"). One implementation for the UI, the pack and
 * the CLI.
 */

const grouped = (n: number, decimals: number) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** 38.4 → '38.4%'; 3.6 per 100 → '3.60 per 100'; 1234 → '1,234'; 41.5 weeks → '41.5 weeks'. */
export function formatFigure(value: number, unit: MetricUnit | string): string {
  if (unit === 'count') return grouped(value, 0);
  if (unit === '%') return `${grouped(value, 1)}%`;
  if (unit === 'per 100') return `${grouped(value, 2)} per 100`;
  return `${grouped(value, 1)} ${unit}`;
}

/** 'rank 12 of 151 (1 = best), quartile 1'; context metrics rank the highest first and say so. */
export function describeRank(rank: MetricRank, direction: MetricDirection | string): string {
  const basis = direction === 'context' ? '1 = highest' : '1 = best';
  return `rank ${rank.position} of ${rank.of} (${basis}), quartile ${rank.quartile}`;
}

/**
 * The change over the trend in words: the latest figure against the earliest one shown (up to five periods):
 * 'up from 38.4% in 2022', 'down from 12.0% in 2021', 'unchanged from 50.0% in 2020'. Empty when there is nothing to
 * compare (one period, or no figure at either end).
 */
export function describeTrend(trend: readonly MetricTrendPoint[], unit: MetricUnit | string): string {
  const points = trend.filter((p): p is { period: string; value: number } => p.value !== null);
  const last = trend[trend.length - 1];
  const first = points[0];
  if (!last || last.value === null || !first || first.period === last.period) return '';
  const from = `${formatFigure(first.value, unit)} in ${first.period}`;
  const shownLast = formatFigure(last.value, unit);
  if (shownLast === formatFigure(first.value, unit)) return `unchanged from ${from}`;
  return `${last.value > first.value ? 'up' : 'down'} from ${from}`;
}
