import type { DatasetDefinition } from '../../../shared/domain/datasets/types';
import { metricsForDataset } from '../../../shared/domain/metrics/definitions';
import type { BenchmarkRow } from '../import/layouts/layout';
import type { BenchmarkFigure } from './benchmarks';
import { evaluateMetric } from './compute-metrics';

/**
 * Every area's figure of record for every metric of a dataset, from a national file's total rows: computed once on
 * import. A figure that is missing or impossible for an area is left out, so it is neither ranked nor averaged.
 */
export function benchmarkFiguresOf(def: DatasetDefinition, rows: readonly BenchmarkRow[]): BenchmarkFigure[] {
  const figures: BenchmarkFigure[] = [];
  const metrics = metricsForDataset(def.id);
  for (const row of rows) {
    for (const metric of metrics) {
      if ((metric.breakdown ?? '') !== row.breakdown) continue;
      const evaluation = evaluateMetric(metric, def, row);
      if (evaluation.status !== 'ok' || evaluation.value === null) continue;
      figures.push({
        metric: metric.id,
        period: row.period,
        geography: row.geography,
        areaCode: row.areaCode,
        areaName: row.areaName,
        regionCode: row.regionCode,
        value: evaluation.value,
      });
    }
  }
  return figures;
}
