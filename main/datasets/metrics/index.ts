export { computeMetrics, evaluateMetric, metricFields, NOT_PUBLISHED_NOTE, TREND_PERIODS, roundedRatio, trend, IMPORTED_NATIONAL_SOURCE_DFE, IMPORTED_NATIONAL_SOURCE_OTHER, type ComputeOptions, type Evaluation, type StoredRow, type TrendPoint } from './compute-metrics';
export { checkComparatorFile, SHIPPED_COMPARATORS } from './comparators';
export { benchmarksFor, indexBenchmarks, rankAmong, type BenchmarkFigure, type BenchmarkIndex } from './benchmarks';
