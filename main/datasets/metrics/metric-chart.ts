import type { MetricResult } from '../../../shared/domain/metrics/types';
import type { ChartSpec } from '../../charts/types';
import { comparePeriods } from '../../../shared/domain/datasets/period';

/**
 * A metric's chart: the area's values across periods against the statistical neighbours' average, the region and
 * England for each period (§4.1). Invalid values
 * are passed flagged, so the chart leaves them out and says so; missing ones leave a gap.
 */
export function metricChartSpec(
  results: readonly MetricResult[],
  metricId: string,
  areaName: string,
  breakdown?: string,
): ChartSpec | null {
  const all = results
    .filter((r) => r.id === metricId && (breakdown === undefined || r.breakdown === breakdown))
    .sort((a, b) => comparePeriods(a.period, b.period));
  // Periods before the first with any figure (the area's or a comparator's) say nothing: the chart starts there.
  const hasFigure = (r: MetricResult) =>
    r.status !== 'missing' || r.comparator !== null || r.region !== null || r.neighbours !== null;
  const start = all.findIndex(hasFigure);
  const mine = start < 0 ? all : all.slice(start);
  const first = mine[0];
  if (!first) return null;
  const local = mine.map((r) => ({
    period: r.period,
    value: r.status === 'missing' ? null : r.value,
    ...(r.status === 'invalid' ? { invalid: true } : {}),
  }));
  // A local count beside England's (38 against 26,977) flattens the local line and compares nothing: rates only.
  const national =
    first.unit === 'count'
      ? []
      : mine.filter((r) => r.comparator).map((r) => ({ period: r.period, value: r.comparator!.value }));
  // The region's published figure and the statistical neighbours' average, from an imported national file.
  const regionName = mine.find((r) => r.region)?.region?.name;
  const region =
    first.unit === 'count'
      ? []
      : mine.filter((r) => r.region).map((r) => ({ period: r.period, value: r.region!.value }));
  const neighbours =
    first.unit === 'count'
      ? []
      : mine.filter((r) => r.neighbours).map((r) => ({ period: r.period, value: r.neighbours!.value }));
  // The area is the local series' label (the legend, and the alt text after the title): not in the title too.
  const title = `${first.title}${breakdown ? ` (${breakdown})` : ''}`;
  return {
    id: `${metricId}${breakdown ? `-${breakdown}` : ''}`,
    title,
    unit: first.unit,
    direction: first.direction === 'higher' || first.direction === 'lower' ? first.direction : 'context',
    kind: mine.length > 1 ? 'trend' : 'comparison',
    series: [
      { label: areaName, role: 'local', points: local },
      ...(neighbours.length
        ? [{ label: 'Statistical neighbours (average)', role: 'neighbours' as const, points: neighbours }]
        : []),
      ...(region.length && regionName ? [{ label: regionName, role: 'regional' as const, points: region }] : []),
      ...(national.length ? [{ label: 'England', role: 'comparator' as const, points: national }] : []),
    ],
  };
}
