export { describeFormula, metricById, METRICS, METRICS_NOT_FROM_DATASETS } from './definitions';
