export type {
  ComparatorEntry, ComparatorFile, MetricComparator, MetricDefinition, MetricDirection, MetricFormula, MetricResult,
  MetricStatus, MetricUnit, MetricRegion, MetricNeighbours, MetricRank, MetricTrendPoint,
} from './types';
export { describeRank, describeTrend, formatFigure } from './describe';
export { METRIC_THEMES, themeOf, type MetricThemeId } from './themes';
export { describeFormula, metricById, METRICS, METRICS_NOT_FROM_DATASETS, metricsForDataset } from './definitions';
