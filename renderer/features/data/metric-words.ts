/** Metric figures in words, as the Data screen, the overview and an item's Data panel show them. */
import type { Response } from '../../../shared/api/contract';
import { describeRank, describeTrend, formatFigure } from '../../../shared/domain/metrics/describe';

export type Metric = Response<'metrics.list'>['metrics'][number];

/** A value in its unit (45.9%, 1,234, 19.0 weeks, 0.45 per 100), or a dash. */
export const formatValue = (value: number | null, unit: string): string =>
  value === null ? '—' : formatFigure(value, unit);

/** "rank 12 of 151 (1 = best), quartile 1"; for context measures "(1 = highest)". Null without a rank. */
export const rankWords = (m: Metric): string | null => (m.rank ? describeRank(m.rank, m.direction) : null);

const TREND_PERIODS = 5;

/**
 * The trend in words over up to five periods ending with this one: "Up from 38.4% in 2022". Uses the trend main
 * gives the metric, else the area's other periods of the same metric (invalid or missing ones as gaps).
 */
export function trendWords(all: readonly Metric[], m: Metric): string {
  if (m.status !== 'ok' || m.value === null) return '—';
  const trend =
    m.trend ??
    all
      .filter((o) => o.id === m.id && o.breakdown === m.breakdown && o.period <= m.period)
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .slice(-TREND_PERIODS)
      .map((o) => ({ period: o.period, value: o.status === 'ok' ? o.value : null }));
  const words = describeTrend(trend, m.unit);
  return words ? words[0]!.toUpperCase() + words.slice(1) : '—';
}

/** Against England, in words, or null when there is nothing to compare. */
export function comparedWords(m: Metric): string | null {
  if (!m.better) return null;
  return m.better === 'better'
    ? 'Better than England'
    : m.better === 'worse'
      ? 'Worse than England'
      : 'Same as England';
}
