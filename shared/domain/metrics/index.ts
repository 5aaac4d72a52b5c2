export type {
  ComparatorEntry, ComparatorFile, MetricComparator, MetricDefinition, MetricDirection, MetricFormula, MetricResult,
  MetricStatus, MetricUnit,
} from './types';
export { describeFormula, metricById, METRICS, METRICS_NOT_FROM_DATASETS, metricsForDataset } from './definitions';
