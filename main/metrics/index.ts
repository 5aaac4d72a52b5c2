export { computeMetrics, evaluateMetric, roundedRatio, trend, IMPORTED_NATIONAL_SOURCE_DFE, IMPORTED_NATIONAL_SOURCE_OTHER, type ComputeOptions, type Evaluation, type StoredRow, type TrendPoint } from './compute-metrics';
export { checkComparatorFile, SHIPPED_COMPARATORS } from './comparators';
