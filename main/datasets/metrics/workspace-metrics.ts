import type { Database } from 'better-sqlite3';
import type { MetricDefinition, MetricResult } from '../../../shared/domain/metrics/types';
import { findLocalAuthorityByOldCode } from '../../catalogue/local-authorities';
import { listBenchmarkFigures } from '../benchmark-store';
import { listRows, type StoredDatasetRow } from '../dataset-store';
import { indexBenchmarks, type BenchmarkIndex } from './benchmarks';
import { SHIPPED_COMPARATORS } from './comparators';
import { computeMetrics } from './compute-metrics';
import { workspaceNeighbours } from './statistical-neighbours';

/** What a workspace's metrics are computed from: its own rows, the national files' figures, its neighbour list. */
export interface WorkspaceFigures {
  rows: StoredDatasetRow[];
  benchmarks: BenchmarkIndex;
  neighbours: Record<string, string[]>;
}

export function readWorkspaceFigures(db: Database): WorkspaceFigures {
  return {
    rows: listRows(db),
    benchmarks: indexBenchmarks(listBenchmarkFigures(db)),
    neighbours: workspaceNeighbours(db).neighbours,
  };
}

/**
 * Every metric for one area of the workspace, with England (the imported file's row first, then the shipped
 * figure), the region, the statistical neighbours' average, rank, quartile and trend.
 */
export function areaMetrics(
  figures: WorkspaceFigures,
  areaCode: string | undefined,
  metrics?: readonly MetricDefinition[],
): MetricResult[] {
  const la = areaCode ? findLocalAuthorityByOldCode(areaCode) : undefined;
  return computeMetrics(figures.rows, {
    comparators: SHIPPED_COMPARATORS,
    benchmarks: figures.benchmarks,
    neighbours: areaCode ? (figures.neighbours[areaCode] ?? []) : [],
    ...(la ? { regionCode: la.regionCode } : {}),
    ...(areaCode ? { areaCode } : {}),
    ...(metrics ? { metrics } : {}),
  });
}
