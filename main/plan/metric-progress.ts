import type { Database } from 'better-sqlite3';
import { readMeta } from '../store/meta';
import { comparePeriods } from '../../shared/domain/datasets/period';
import { metricById } from '../../shared/domain/metrics/index';
import type { MetricResult } from '../../shared/domain/metrics/types';
import { listRows } from '../datasets/dataset-store';
import { computeMetrics, SHIPPED_COMPARATORS } from '../datasets/metrics/index';
import type { ActionMetric } from './plan-repository';

const meta = (db: Database, key: string) => readMeta(db, key) ?? null;

/** The workspace's own metrics from its imported figures (its authority's rows, as the pack reads them). */
export function workspaceMetricResults(db: Database): MetricResult[] {
  const rows = listRows(db);
  const areaCode =
    meta(db, 'la_code') ?? [...new Set(rows.filter((r) => r.geography === 'local').map((r) => r.areaCode))][0];
  if (!areaCode) return [];
  return computeMetrics(rows, { comparators: SHIPPED_COMPARATORS, areaCode });
}

/** The newest value of a metric that passed its checks: invalid figures never judge progress. */
export function latestMetric(results: readonly MetricResult[], metricId: string): MetricResult | null {
  let latest: MetricResult | null = null;
  for (const r of results) {
    if (r.id !== metricId || r.status !== 'ok' || r.value === null) continue;
    if (!latest || comparePeriods(r.period, latest.period) > 0) latest = r;
  }
  return latest;
}

export type MetricTrend = 'met' | 'towards' | 'away' | 'unchanged' | 'unknown';

/**
 * Where a linked metric stands against its target. The target says which way is better (a target above the baseline
 * means up), so a context metric can be targeted too: 'met' at or past the target, 'away' when the latest figure is
 * further from the target than the baseline was.
 */
export function metricTrend(baseline: number | null, target: number | null, latest: number | null): MetricTrend {
  if (target === null || latest === null) return 'unknown';
  const up = baseline === null ? null : target >= baseline;
  if (up === true ? latest >= target : up === false ? latest <= target : latest === target) return 'met';
  if (baseline === null) return 'unknown';
  const before = Math.abs(target - baseline);
  const now = Math.abs(target - latest);
  return now < before ? 'towards' : now > before ? 'away' : 'unchanged';
}

export function metricProgress(link: ActionMetric, results: readonly MetricResult[]) {
  const definition = metricById(link.metricId);
  const latest = latestMetric(results, link.metricId);
  return {
    metricId: link.metricId,
    title: definition?.title ?? link.metricId,
    unit: definition?.unit ?? '',
    baseline: link.baseline,
    baselineDate: link.baselineDate,
    target: link.target,
    targetDate: link.targetDate,
    latest: latest?.value ?? null,
    latestPeriod: latest?.period ?? null,
    trend: metricTrend(link.baseline, link.target, latest?.value ?? null),
  };
}
