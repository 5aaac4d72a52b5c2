import { absence } from './absence';
import { adviceTimeliness } from './advice-timeliness';
import { annualReviews } from './annual-reviews';
import { appealRate } from './appeal-rate';
import { attainment } from './attainment';
import { cypEd } from './cyp-ed';
import { dsr } from './dsr';
import { ehcnaRequests } from './ehcna-requests';
import { ehcpCaseload } from './ehcp-caseload';
import { ehcpTimeliness } from './ehcp-timeliness';
import { exclusions } from './exclusions';
import { healthWaits } from './health-waits';
import { lgsco } from './lgsco';
import { mediation } from './mediation';
import { neet } from './neet';
import { phaseTransfers } from './phase-transfers';
import { rtt } from './rtt';
import { tribunal } from './tribunal';
import type { DatasetDefinition } from './types';

export type { DatasetDefinition, DatasetRow } from './types';
export type { StoredRow } from './stored-row';
export { comparePeriods, isCanonicalPeriod, parsePeriod } from './period';
export { explainFailure, formatNumber, rowNotes, validateRow } from './rules';
export { findBreakdownValue, findColumn, headerKey } from './columns';
/** Every dataset, in the order the data screen lists them (the EHC process first, then appeals, health, outcomes). */
export const DATASETS: readonly DatasetDefinition[] = [
  ehcpTimeliness,
  ehcnaRequests,
  annualReviews,
  phaseTransfers,
  adviceTimeliness,
  ehcpCaseload,
  appealRate,
  mediation,
  tribunal,
  lgsco,
  healthWaits,
  rtt,
  cypEd,
  dsr,
  absence,
  exclusions,
  attainment,
  neet,
];

export function datasetById(id: string): DatasetDefinition | undefined {
  return DATASETS.find((d) => d.id === id);
}

/**
 * Datasets whose national figures DfE publishes (so an imported national row is "DfE national figure"). The
 * others come from the NHS, the Ombudsman, HMCTS or local systems.
 */
export const DFE_PUBLISHED_DATASETS: ReadonlySet<string> = new Set([
  'ehcp-timeliness',
  'ehcna-requests',
  'annual-reviews',
  'ehcp-caseload',
  'appeal-rate',
  'absence',
  'exclusions',
  'attainment',
  'neet',
]);
