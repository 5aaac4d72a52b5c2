export { computeMetrics, NOT_PUBLISHED_NOTE } from './compute-metrics';
export { SHIPPED_COMPARATORS } from './comparators';
export { indexBenchmarks } from './benchmarks';
