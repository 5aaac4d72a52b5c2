import type { MetricResult } from '../../shared/domain/metrics/types';
import type { ChartSpec } from '../charts/types';
import { comparePeriods } from '../../shared/domain/datasets/period';

/**
 * A metric's chart: the area's values across periods against the national figure of each period. Invalid values
 * are passed flagged, so the chart leaves them out and says so; missing ones leave a gap.
 */
export function metricChartSpec(results: readonly MetricResult[], metricId: string, areaName: string, breakdown?: string): ChartSpec | null {
  const mine = results.filter((r) => r.id === metricId && (breakdown === undefined || r.breakdown === breakdown))
    .sort((a, b) => comparePeriods(a.period, b.period));
  const first = mine[0];
  if (!first) return null;
  const local = mine.map((r) => ({ period: r.period, value: r.status === 'missing' ? null : r.value, ...(r.status === 'invalid' ? { invalid: true } : {}) }));
  // A local count beside England's (38 against 26,977) flattens the local line and compares nothing: rates only.
  const national = first.unit === 'count' ? [] : mine.filter((r) => r.comparator).map((r) => ({ period: r.period, value: r.comparator!.value }));
  // The area is the local series' label (the legend, and the alt text after the title): not in the title too.
  const title = `${first.title}${breakdown ? ` (${breakdown})` : ''}`;
  return {
    id: `${metricId}${breakdown ? `-${breakdown}` : ''}`,
    title,
    unit: first.unit,
    direction: first.direction === 'higher' || first.direction === 'lower' ? first.direction : 'context',
    kind: mine.length > 1 ? 'trend' : 'comparison',
    series: [{ label: areaName, role: 'local', points: local }, ...(national.length ? [{ label: 'England', role: 'comparator' as const, points: national }] : [])],
  };
}
