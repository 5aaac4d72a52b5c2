import type { ChartDirection, ChartSpec, ChartUnit, SeriesRole } from './types';

/**
 * A chart spec made regular: the periods on the axis (every series' periods, in order) and, for each series and
 * period, a value, "not available" or "not shown" (invalid). The SVG and the alt text both read this, so what
 * is drawn and what is said can't drift apart.
 */
export type Cell = { state: 'value'; value: number } | { state: 'missing' } | { state: 'invalid' };

export interface SeriesModel {
  index: number;
  label: string;
  role: SeriesRole;
  /** 0 for the first series of its role, 1 for the second, …: later ones get another dash pattern and marker. */
  variant: number;
  cells: Cell[]; // one per period, in the model's period order
}

export interface ChartModel {
  periods: string[];
  series: SeriesModel[];
  /** A figure as labelled on the chart, every figure with the same decimals: "58.7%", "1,234", "8.0", "12.5". */
  format(value: number): string;
  /** A figure as the alt text says it: "58.7%", "1,234", "12.5 weeks", "3.25 per 100". */
  say(value: number): string;
}

export function buildModel(spec: ChartSpec): ChartModel {
  const periods = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.period)))].sort(comparePeriods);
  const seen = new Map<SeriesRole, number>();
  const series = spec.series.map((s, index): SeriesModel => {
    const variant = seen.get(s.role) ?? 0;
    seen.set(s.role, variant + 1);
    const byPeriod = new Map<string, Cell>();
    for (const point of s.points) {
      if (byPeriod.has(point.period)) continue; // the first figure for a period wins
      byPeriod.set(
        point.period,
        point.invalid
          ? { state: 'invalid' }
          : point.value === null || !Number.isFinite(point.value)
            ? { state: 'missing' }
            : { state: 'value', value: point.value === 0 ? 0 : point.value },
      ); // no "-0"
    }
    return {
      index,
      label: s.label,
      role: s.role,
      variant,
      cells: periods.map((p) => byPeriod.get(p) ?? { state: 'missing' }),
    };
  });
  const values = series.flatMap((s) => s.cells.flatMap((c) => (c.state === 'value' ? [c.value] : [])));
  const decimals = spec.unit === '%' ? 1 : Math.max(0, ...values.map((v) => decimalsOf(v, MAX_DECIMALS[spec.unit])));
  const format = (value: number) => formatValue(value, spec.unit, decimals);
  return { periods, series, format, say: (value) => sayValue(format(value), spec.unit) };
}

/** Percentages always show one decimal place, as DfE publishes them; the others as many as the figures need, up to these. */
const MAX_DECIMALS: Record<ChartUnit, number> = { '%': 1, count: 1, weeks: 1, 'per 100': 2 };

function decimalsOf(value: number, max: number): number {
  for (let d = 0; d < max; d++) {
    const scaled = value * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return max;
}

/** Periods as the metrics engine writes them ('2019', '2023/24', '2025-03-31') sort correctly as text. */
function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatValue(value: number, unit: ChartUnit, decimals: number): string {
  const shown = clean(
    new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value),
  );
  return unit === '%' ? `${shown}%` : shown;
}

function sayValue(shown: string, unit: ChartUnit): string {
  switch (unit) {
    case 'weeks':
      return `${shown} ${/^1(\.0+)?$/.test(shown) ? 'week' : 'weeks'}`;
    case 'per 100':
      return `${shown} per 100`;
    default:
      return shown;
  }
}

function clean(text: string): string {
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text; // a tiny negative rounds to "-0.0"
}

export function unitTitle(unit: ChartUnit): string {
  switch (unit) {
    case '%':
      return 'Percentage';
    case 'count':
      return 'Number';
    case 'weeks':
      return 'Weeks';
    case 'per 100':
      return 'Rate per 100';
  }
}

export function directionSentence(direction: ChartDirection): string {
  switch (direction) {
    case 'higher':
      return 'Higher is better.';
    case 'lower':
      return 'Lower is better.';
    case 'context':
      return 'Shown for context: neither higher nor lower is better.';
  }
}

export function periodRange(periods: readonly string[]): string {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? first : `${first} to ${last}`;
}

export const NOT_SHOWN_REASON = 'the figure failed a validation check';
