/**
 * Metric (KPI) definitions and results, shared by the engine (main/datasets/metrics/), the API, the CLI and the UI.
 * Ids follow the docs/domain §4; where §4 gives several figures under one id, each figure has its own id that
 * starts with it (ar-on-time-decision-4wk, ar-on-time-completed; chs-waits-camhs-over-18wk).
 */

/** '%': 0–100; 'per 100': a rate per 100 pupils; 'count': a whole number; 'weeks': a duration. */
export type MetricUnit = '%' | 'per 100' | 'count' | 'weeks';

/** Which way is better; 'context' metrics are shown without a better/worse judgement. */
export type MetricDirection = 'higher' | 'lower' | 'context';

/**
 * How a metric comes from one DatasetRow's values.
 * ratio: value = (sum of numerator fields) ÷ (sum of denominator fields) × 100 (unit '%' or 'per 100').
 * value: value = the field itself (unit 'count' or 'weeks').
 */
export type MetricFormula =
  { kind: 'ratio'; numerator: string[]; denominator: string[] } | { kind: 'value'; field: string };

export interface MetricDefinition {
  id: string;
  /** The §4 id the figure belongs to (e.g. 'ar-on-time' for 'ar-on-time-completed'); equals id when §4 gives one figure. */
  family: string;
  title: string;
  /** The dataset id whose rows it reads. */
  dataset: string;
  /** For datasets with a breakdown: the breakdown value it reads (e.g. 'camhs'); absent otherwise. */
  breakdown?: string;
  unit: MetricUnit;
  direction: MetricDirection;
  formula: MetricFormula;
  /** Decimal places of the value: 1 for % and weeks (as DfE publishes), 2 for rates per 100, 0 for counts. */
  decimals: number;
  /** The dataset column holding the published figure for the same thing, when there is one. */
  publishedField?: string;
  /** A label to show beside the value, e.g. 'local/provisional' (cypmh-4wk). */
  label?: string;
  /** What a reader should know: definition caveats, why a direction is given as context. */
  note?: string;
  /** A national standard or target (not a national figure for a period), e.g. RTT 92%. */
  standard?: { value: number; source: string };
}

export interface MetricComparator {
  value: number;
  period: string;
  source: string;
}

export type MetricStatus = 'ok' | 'invalid' | 'missing';

/** The authority's region's published figure for the same period (the file's own row for the region, never an average). */
export interface MetricRegion {
  name: string;
  value: number;
  period: string;
}

/** The simple mean of the statistical neighbours' published figures for the same period, and how many had one. */
export interface MetricNeighbours {
  value: number;
  /** Neighbours with a published figure for the period (of the ten in the neighbour list). */
  count: number;
  period: string;
}

/**
 * Rank among the authorities with a published figure for the period, comparing figures as printed (one decimal place
 * for percentages). 1 = best in the metric's better direction; for context metrics 1 = highest. Ties share a rank
 * (1, 2, 2, 4). quartile = 1 + floor(4 × (position − 1) ÷ of), so 1 is the best (or highest) quarter.
 */
export interface MetricRank {
  position: number;
  of: number;
  quartile: number;
}

/** One period of the area's own figure (the figure of record), oldest first; null where it is missing or invalid. */
export interface MetricTrendPoint {
  period: string;
  value: number | null;
}

export interface MetricResult {
  id: string;
  title: string;
  /** The dataset the figure comes from. */
  dataset: string;
  period: string;
  /** Rounded to the metric's decimals (percentages to 1 dp, as DfE publishes); null when it cannot be computed. */
  value: number | null;
  unit: MetricUnit;
  direction: MetricDirection;
  /** For ratio metrics: the summed numerator and denominator counts; null for value metrics or when missing. */
  numerator: number | null;
  denominator: number | null;
  /** The national figure for the SAME period only; null when there is none. */
  comparator: MetricComparator | null;
  /** The region's published figure for the same period, from an imported national file; null when there is none. */
  region: MetricRegion | null;
  /** The statistical neighbours' average for the same period, from an imported national file; null when none had one. */
  neighbours: MetricNeighbours | null;
  /** Rank and quartile among authorities with a published figure for the period; null without a national file. */
  rank: MetricRank | null;
  /** The area's figure over up to five periods ending with this one, oldest first. */
  trend: MetricTrendPoint[];
  /**
   * ok: the figure of record (DfE's published figure, or computed from the counts) with no impossible input.
   * invalid: an impossible figure among the fields this metric uses (value still reported, never charted or put in
   * the pack). missing: an input is missing (reason in problems); value is null.
   */
  status: MetricStatus;
  /** Errors only (missing inputs, impossible figures), written for a person with the numbers. */
  problems: string[];
  /**
   * What a reader should know beside an ok figure: a recomputed value that differs from DfE's published one, or a
   * figure computed from the counts because DfE did not publish it ("not published by DfE; computed from the counts").
   */
  notes: string[];
  /** Against the comparator, using direction; null for context metrics, no comparator or a value that is not ok. */
  better: 'better' | 'worse' | 'same' | null;
  breakdown?: string;
  label?: string;
  standard?: { value: number; source: string };
}

/** One national figure from docs/domain, for one metric and period. */
export interface ComparatorEntry {
  metric: string;
  period: string;
  value: number;
  /** Where the figure comes from, citing the §7 source key, e.g. "… [R51]". */
  source: string;
  /**
   * DfE's data file the figure was read from (its England row), as a path under tests/fixtures/ where a test checks
   * the figure against it; absent for figures quoted from a publication's text.
   */
  dataFile?: string;
}

/** The shape of resources/comparators.json. */
export interface ComparatorFile {
  source: string;
  comparators: ComparatorEntry[];
}
