import { comparePeriods } from '../../../shared/domain/datasets/period';
import type { Geography } from '../../../shared/domain/datasets/types';
import type {
  MetricDefinition,
  MetricNeighbours,
  MetricRank,
  MetricRegion,
} from '../../../shared/domain/metrics/types';

/**
 * Benchmarking from a national file (§4.1): every authority's, region's and England's published figure for a metric
 * and period, kept apart from the officer's own data, and what an inspector reads beside the area's figure: England,
 * the region (the file's own row for it), the statistical neighbours' mean and the rank and quartile.
 */

/** One area's figure of record for one metric and period, from an imported national file. */
export interface BenchmarkFigure {
  metric: string;
  period: string;
  geography: Geography;
  /** Old LA code for authorities, ONS region code for regions, E92000001 for England. */
  areaCode: string;
  areaName: string;
  /** The region an authority is in (ONS code), as the file gives it; '' for England. */
  regionCode: string;
  value: number;
}

export interface BenchmarkIndex {
  /** metric ⟶ period ⟶ figures */
  byMetricPeriod: Map<string, Map<string, BenchmarkFigure[]>>;
}

export function indexBenchmarks(figures: readonly BenchmarkFigure[]): BenchmarkIndex {
  const byMetricPeriod = new Map<string, Map<string, BenchmarkFigure[]>>();
  for (const f of figures) {
    let periods = byMetricPeriod.get(f.metric);
    if (!periods) byMetricPeriod.set(f.metric, (periods = new Map()));
    let list = periods.get(f.period);
    if (!list) periods.set(f.period, (list = []));
    list.push(f);
  }
  return { byMetricPeriod };
}

/** Figures compared as printed: 58.66 and 58.7 are the same 58.7%. */
const printed = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * The mean of published figures, rounded half up to their decimals. Summed as whole tenths (or hundredths) so that
 * the result does not depend on the order of the list: 55.75 is 55.8 whichever neighbour comes first.
 */
export function meanAsPrinted(values: readonly number[], decimals: number): number {
  const scale = 10 ** decimals;
  const total = values.reduce((t, v) => t + Math.round(v * scale), 0);
  return Math.round(total / values.length) / scale;
}

/**
 * Rank of `value` among `values` (authorities with a published figure): 1 = best by the metric's direction, 1 =
 * highest for context metrics; ties share a rank (1, 2, 2, 4); quartile = 1 + ⌊4 × (rank − 1) ÷ n⌋.
 */
export function rankAmong(
  value: number,
  values: readonly number[],
  metric: Pick<MetricDefinition, 'direction' | 'decimals'>,
): MetricRank {
  const mine = printed(value, metric.decimals);
  const lowerIsBetter = metric.direction === 'lower';
  let ahead = 0;
  for (const v of values) {
    const p = printed(v, metric.decimals);
    if (lowerIsBetter ? p < mine : p > mine) ahead++;
  }
  const position = ahead + 1;
  const of = values.length;
  return { position, of, quartile: 1 + Math.floor((4 * (position - 1)) / of) };
}

export interface AreaBenchmarks {
  england: BenchmarkFigure | null;
  region: MetricRegion | null;
  neighbours: MetricNeighbours | null;
  rank: MetricRank | null;
}

/** What the national file says beside one area's figure for one metric and period. */
export function benchmarksFor(
  index: BenchmarkIndex,
  metric: MetricDefinition,
  period: string,
  areaCode: string,
  neighbourCodes: readonly string[],
  regionCodeHint = '',
): AreaBenchmarks {
  const figures = index.byMetricPeriod.get(metric.id)?.get(period) ?? [];
  if (figures.length === 0) return { england: null, region: null, neighbours: null, rank: null };
  const authorities = figures.filter((f) => f.geography === 'local');
  const mine = authorities.find((f) => f.areaCode === areaCode);
  const england = figures.find((f) => f.geography === 'national') ?? null;
  const regionCode = mine?.regionCode || regionCodeHint;
  const regionRow = regionCode
    ? figures.find((f) => f.geography === 'regional' && f.areaCode === regionCode)
    : undefined;
  const region: MetricRegion | null = regionRow ? { name: regionRow.areaName, value: regionRow.value, period } : null;
  const neighbourSet = new Set(neighbourCodes);
  const theirs = authorities.filter((f) => neighbourSet.has(f.areaCode));
  const neighbours: MetricNeighbours | null = theirs.length
    ? {
        value: meanAsPrinted(
          theirs.map((f) => f.value),
          metric.decimals,
        ),
        count: theirs.length,
        period,
      }
    : null;
  const rank = mine
    ? rankAmong(
        mine.value,
        authorities.map((f) => f.value),
        metric,
      )
    : null;
  return { england, region, neighbours, rank };
}

/** The periods a metric has national-file figures for, oldest first. */
export function benchmarkPeriods(index: BenchmarkIndex, metricId: string): string[] {
  return [...(index.byMetricPeriod.get(metricId)?.keys() ?? [])].sort(comparePeriods);
}
