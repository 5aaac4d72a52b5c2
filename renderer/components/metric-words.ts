/** Metric figures in words, as the Data screen, the overview and an item's Data panel show them. */
import type { Response } from '../../shared/api/contract';

export type Metric = Response<'metrics.list'>['metrics'][number];

/** A value in its unit: 45.9%, 1,234, 12.3 weeks, 0.45 per 100. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '%') return `${value.toFixed(1)}%`;
  if (unit === 'count') return value.toLocaleString('en-GB');
  // Weeks to one decimal place as DfE publishes them (19.0 weeks beside 19.6 weeks); rates per 100 to two.
  const decimals = unit === 'weeks' ? 1 : unit === 'per 100' ? 2 : undefined;
  return `${decimals === undefined ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} ${unit}`;
}

const ordinal = (n: number): string => {
  const rem100 = n % 100;
  const suffix = rem100 >= 11 && rem100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
};

/** "rank 12 of 151 authorities with data" (1 = best); for context measures, where 1 is the highest: "12th highest of 151 …". */
export function rankWords(m: Metric): { rank: string; quartile: string } | null {
  if (!m.rank) return null;
  const { position, of, quartile } = m.rank;
  if (m.direction === 'context') {
    return { rank: `${ordinal(position)} highest of ${of} authorities with data`, quartile: `quartile ${quartile} (1 = highest quarter)` };
  }
  return { rank: `rank ${position} of ${of} authorities with data (1 = best)`, quartile: `quartile ${quartile} (1 = best quarter)` };
}

/**
 * The trend in words over up to five years, from the earliest to this period: "Up from 38.4% in 2022". Uses the
 * metric's own trend when main gives one, else the area's other periods of the same metric.
 */
export function trendWords(all: readonly Metric[], m: Metric): string {
  if (m.status !== 'ok' || m.value === null) return '—';
  const points = m.trend && m.trend.length > 0 ? m.trend.filter((p) => p.period < m.period)
    : all.filter((o) => o.id === m.id && o.breakdown === m.breakdown && o.status === 'ok' && o.value !== null && o.period < m.period)
      .sort((a, b) => (a.period < b.period ? -1 : 1)).slice(-4).map((o) => ({ period: o.period, value: o.value! }));
  const from = points[0];
  if (!from) return '—';
  const change = Math.round((m.value - from.value) * 10) / 10;
  if (change === 0) return `Same as in ${from.period} (${formatValue(from.value, m.unit)})`;
  const size = m.unit === '%' ? `${Math.abs(change).toFixed(1)} points` : formatValue(Math.abs(change), m.unit);
  return `${change > 0 ? 'Up' : 'Down'} from ${formatValue(from.value, m.unit)} in ${from.period} (${change > 0 ? '+' : '−'}${size})`;
}

/** Against England, in words, or null when there is nothing to compare. */
export function comparedWords(m: Metric): string | null {
  if (!m.better) return null;
  return m.better === 'better' ? 'better than England' : m.better === 'worse' ? 'worse than England' : 'same as England';
}
