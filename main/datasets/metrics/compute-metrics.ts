import {
  comparePeriods,
  datasetById,
  DFE_PUBLISHED_DATASETS,
  formatNumber,
  parsePeriod,
  rowNotes,
  validateRow,
  type DatasetDefinition,
  type DatasetRow,
  type StoredRow,
} from '../../../shared/domain/datasets/index';
import { benchmarksFor, indexBenchmarks, type BenchmarkFigure, type BenchmarkIndex } from './benchmarks';
import { METRICS } from '../../../shared/domain/metrics/definitions';
import type {
  ComparatorFile,
  MetricComparator,
  MetricDefinition,
  MetricResult,
  MetricStatus,
} from '../../../shared/domain/metrics/types';

/**
 * The metrics engine: every metric of §4 for every period the local area has a row for, with the national
 * comparator of the same period, validation and the reason for every missing or invalid figure.
 */

export type { StoredRow };

export interface ComputeOptions {
  /** National figures shipped with the app (resources/comparators.json, see ./comparators). */
  comparators: ComparatorFile;
  /**
   * The local area's DfE old LA code. When absent, every local row is the area's; rows of several local areas then
   * throw, since results carry no area.
   */
  areaCode?: string;
  /** Metrics to compute; all of METRICS by default. */
  metrics?: readonly MetricDefinition[];
  /** Every area's figures from imported national files (./benchmarks): England, region, neighbours and rank. */
  benchmarks?: readonly BenchmarkFigure[] | BenchmarkIndex;
  /** The area's statistical neighbours (old LA codes). */
  neighbours?: readonly string[];
  /** The area's region (ONS code), for when the national file has no row for the area itself. */
  regionCode?: string;
}

/** How many periods the trend runs over, ending with the period shown (§4.1: a 3–5-year trend). */
export const TREND_PERIODS = 5;

export const NOT_PUBLISHED_NOTE = 'not published by DfE; computed from the counts';

export const IMPORTED_NATIONAL_SOURCE_DFE = 'DfE national figure (imported file)';
export const IMPORTED_NATIONAL_SOURCE_OTHER = 'National figure (imported file)';

const MISSING_MEANINGS: Record<string, string> = {
  x: '',
  ':': '',
  z: 'not applicable',
  c: 'suppressed',
  low: 'rounds to zero',
  blank: 'blank in the file',
};

function missingProblem(field: string, reason: string | undefined): string {
  if (reason === undefined) return `${field} is not available (no value given)`;
  const meaning = MISSING_MEANINGS[reason];
  return `${field} is not available (${reason}${meaning ? `: ${meaning}` : ''})`;
}

/** num ÷ den × 100 rounded half up to `decimals` places, computed from the counts (as DfE publishes). */
export function roundedRatio(numerator: number, denominator: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round((numerator * 100 * scale) / denominator) / scale;
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export interface Evaluation {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: MetricStatus;
  /** Errors only: missing inputs and impossible figures among the fields this metric uses. */
  problems: string[];
  /** Remarks beside an ok figure: a recomputed value that differs from the published one; a figure DfE did not publish. */
  notes: string[];
}

const sum = (values: Record<string, number | null>, fields: string[]) =>
  fields.reduce((t, f) => t + (values[f] ?? 0), 0);

/** A row's rule results, worked out once for all the metrics that read it (a national file has ~1,000 rows × 7 metrics). */
const checked = new WeakMap<
  DatasetRow,
  { errors: ReturnType<typeof validateRow>; notes: ReturnType<typeof rowNotes> }
>();
function checkRow(def: DatasetDefinition, row: DatasetRow) {
  let result = checked.get(row);
  if (!result) checked.set(row, (result = { errors: validateRow(def, row), notes: rowNotes(def, row) }));
  return result;
}

/** The fields a metric reads: its formula's and its published figure's. */
export function metricFields(metric: MetricDefinition): string[] {
  const formula =
    metric.formula.kind === 'ratio'
      ? [...metric.formula.numerator, ...metric.formula.denominator]
      : [metric.formula.field];
  return [...new Set([...formula, ...(metric.publishedField ? [metric.publishedField] : [])])];
}

/**
 * One metric from one row: the figure of record, its inputs, and every problem. Where the file publishes the
 * percentage, that is the figure (§4): a recomputed value that differs is a note; where it publishes a marker but
 * the counts exist, the figure is computed and says so. Only impossible figures among the fields this metric uses
 * make it invalid; a broken rule elsewhere in the row leaves it alone.
 */
export function evaluateMetric(metric: MetricDefinition, def: DatasetDefinition, row: DatasetRow): Evaluation {
  const formulaFields =
    metric.formula.kind === 'ratio'
      ? [...new Set([...metric.formula.numerator, ...metric.formula.denominator])]
      : [metric.formula.field];
  const used = new Set(metricFields(metric));
  const missing: string[] = [];
  for (const f of formulaFields) {
    const v = row.values[f];
    if (typeof v !== 'number' || !Number.isFinite(v)) missing.push(missingProblem(f, row.missing[f]));
  }

  const invalid: string[] = [];
  const notes: string[] = [];
  const period = parsePeriod(row.period, def.periodType);
  if (!period.ok) invalid.push(`period: ${period.error}`);
  else if (period.period !== row.period) invalid.push(`period '${row.period}' is not written as ${period.period}`);
  const rules = checkRow(def, row);
  for (const failure of rules.errors) if (failure.fields.some((f) => used.has(f))) invalid.push(failure.message);

  const publishedRaw = metric.publishedField ? row.values[metric.publishedField] : undefined;
  const published = typeof publishedRaw === 'number' && Number.isFinite(publishedRaw) ? publishedRaw : null;
  const publishedMarker =
    metric.publishedField && publishedRaw === null ? row.missing[metric.publishedField] : undefined;

  let value: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (missing.length === 0) {
    if (metric.formula.kind === 'ratio') {
      numerator = sum(row.values, metric.formula.numerator);
      denominator = sum(row.values, metric.formula.denominator);
      const numText = metric.formula.numerator.join(' + ');
      const denText = metric.formula.denominator.join(' + ');
      if (denominator === 0) {
        if (published === null)
          missing.push(`${denText} is 0, so the ${metric.unit === '%' ? 'percentage' : 'rate'} cannot be computed`);
      } else {
        value = roundedRatio(numerator, denominator, metric.decimals);
        if (metric.unit === '%' && numerator > denominator && invalid.length === 0) {
          invalid.push(
            `${numText} (${formatNumber(numerator)}) must not exceed ${denText} (${formatNumber(denominator)})`,
          );
        }
        if (published === null && publishedMarker !== undefined && publishedMarker !== 'blank') {
          notes.push(
            DFE_PUBLISHED_DATASETS.has(def.id)
              ? NOT_PUBLISHED_NOTE
              : 'not published in the file; computed from the counts',
          );
        }
      }
    } else {
      const v = row.values[metric.formula.field]!;
      value = metric.unit === 'count' ? v : roundTo(v, metric.decimals);
    }
  }
  if (published !== null) {
    // The published figure is the figure of record; missing counts do not make it missing.
    value = published;
    missing.length = 0;
    if (metric.publishedField) {
      for (const note of rules.notes) if (note.fields[0] === metric.publishedField) notes.push(note.message);
    }
  }

  const status: MetricStatus = invalid.length ? 'invalid' : value === null ? 'missing' : 'ok';
  return { value, numerator, denominator, status, problems: [...missing, ...invalid], notes };
}

function better(
  metric: MetricDefinition,
  status: MetricStatus,
  value: number | null,
  comparator: MetricComparator | null,
): MetricResult['better'] {
  // A local count set against England's count says nothing about better or worse; only rates compare.
  if (metric.unit === 'count') return null;
  if (status !== 'ok' || value === null || comparator === null || metric.direction === 'context') return null;
  const diff = value - comparator.value;
  if (Math.abs(diff) < 1e-9) return 'same';
  return diff > 0 === (metric.direction === 'higher') ? 'better' : 'worse';
}

function rowKey(dataset: string, breakdown: string, period: string): string {
  return `${dataset}\u0000${breakdown}\u0000${period}`;
}

/**
 * Computes every metric for every period present for the local area. Rows are all datasets and geographies,
 * each tagged with its dataset id. Rows of unknown datasets are ignored.
 */
export function computeMetrics(rows: readonly StoredRow[], options: ComputeOptions): MetricResult[] {
  const metrics = options.metrics ?? METRICS;
  const local = rows.filter(
    (r) => r.geography === 'local' && (options.areaCode === undefined || r.areaCode === options.areaCode),
  );
  if (options.areaCode === undefined) {
    const areas = [...new Set(local.map((r) => r.areaCode))];
    if (areas.length > 1)
      throw new Error(`rows hold several local areas (${areas.join(', ')}); say which with areaCode`);
  }

  const localByKey = new Map<string, StoredRow[]>();
  for (const r of local) {
    const key = rowKey(r.dataset, r.breakdown, r.period);
    localByKey.set(key, [...(localByKey.get(key) ?? []), r]);
  }
  const national = new Map<string, StoredRow[]>();
  for (const r of rows) {
    if (r.geography !== 'national') continue;
    const key = rowKey(r.dataset, r.breakdown, r.period);
    national.set(key, [...(national.get(key) ?? []), r]);
  }
  const index: BenchmarkIndex | null =
    options.benchmarks === undefined
      ? null
      : 'byMetricPeriod' in options.benchmarks
        ? options.benchmarks
        : indexBenchmarks(options.benchmarks);
  const neighbourCodes = options.neighbours ?? [];
  const shipped = new Map<string, ComparatorFile['comparators'][number]>();
  for (const c of options.comparators.comparators) shipped.set(`${c.metric}\u0000${c.period}`, c);

  const results: MetricResult[] = [];
  for (const metric of metrics) {
    const def = datasetById(metric.dataset);
    if (!def) throw new Error(`metric ${metric.id} reads unknown dataset ${metric.dataset}`);
    const breakdown = metric.breakdown ?? '';
    const periods = [
      ...new Set(local.filter((r) => r.dataset === metric.dataset && r.breakdown === breakdown).map((r) => r.period)),
    ].sort(comparePeriods);
    for (const period of periods) {
      const candidates = localByKey.get(rowKey(metric.dataset, breakdown, period)) ?? [];
      const row = candidates[candidates.length - 1]!;
      const evaluation = evaluateMetric(metric, def, row);
      if (candidates.length > 1) {
        evaluation.problems.push(
          `${candidates.length} rows for ${period}${breakdown ? ` (${breakdown})` : ''}: re-import the period so that one remains`,
        );
        evaluation.status = 'invalid';
      }

      const benchmarks = index
        ? benchmarksFor(index, metric, period, options.areaCode ?? row.areaCode, neighbourCodes, options.regionCode)
        : null;
      let comparator: MetricComparator | null = null;
      if (benchmarks?.england) {
        comparator = {
          value: benchmarks.england.value,
          period,
          source: DFE_PUBLISHED_DATASETS.has(metric.dataset)
            ? IMPORTED_NATIONAL_SOURCE_DFE
            : IMPORTED_NATIONAL_SOURCE_OTHER,
        };
      }
      const nationalRows = national.get(rowKey(metric.dataset, breakdown, period)) ?? [];
      if (comparator === null && nationalRows.length === 1) {
        const n = evaluateMetric(metric, def, nationalRows[0]!);
        if (n.status === 'ok' && n.value !== null) {
          comparator = {
            value: n.value,
            period,
            source: DFE_PUBLISHED_DATASETS.has(metric.dataset)
              ? IMPORTED_NATIONAL_SOURCE_DFE
              : IMPORTED_NATIONAL_SOURCE_OTHER,
          };
        }
      }
      if (comparator === null) {
        const entry = shipped.get(`${metric.id}\u0000${period}`);
        if (entry) comparator = { value: entry.value, period: entry.period, source: entry.source };
      }

      const result: MetricResult = {
        id: metric.id,
        title: metric.title,
        dataset: metric.dataset,
        period,
        value: evaluation.value,
        unit: metric.unit,
        direction: metric.direction,
        numerator: evaluation.numerator,
        denominator: evaluation.denominator,
        comparator,
        region: benchmarks?.region ?? null,
        neighbours: benchmarks?.neighbours ?? null,
        rank: benchmarks?.rank ?? null,
        trend: [],
        status: evaluation.status,
        problems: evaluation.problems,
        notes: evaluation.notes,
        better: better(metric, evaluation.status, evaluation.value, comparator),
      };
      if (metric.breakdown !== undefined) result.breakdown = metric.breakdown;
      if (metric.label !== undefined) result.label = metric.label;
      if (metric.standard !== undefined) result.standard = metric.standard;
      results.push(result);
    }
  }
  // Each result's trend: the area's figure over up to TREND_PERIODS periods ending with its own (ok figures only).
  const byMetric = new Map<string, MetricResult[]>();
  for (const r of results) {
    const key = `${r.id}\u0000${r.breakdown ?? ''}`;
    byMetric.set(key, [...(byMetric.get(key) ?? []), r]);
  }
  for (const series of byMetric.values()) {
    series.forEach((r, i) => {
      r.trend = series
        .slice(Math.max(0, i - TREND_PERIODS + 1), i + 1)
        .map((p) => ({ period: p.period, value: p.status === 'ok' ? p.value : null }));
    });
  }
  return results;
}

export interface TrendPoint {
  period: string;
  /** The value when its status is ok; null for missing and invalid figures, which are never charted. */
  value: number | null;
  status: MetricStatus;
}

/** One metric's values by period, oldest first. */
export function trend(results: readonly MetricResult[], id: string): TrendPoint[] {
  return results
    .filter((r) => r.id === id)
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map((r) => ({ period: r.period, value: r.status === 'ok' ? r.value : null, status: r.status }));
}
