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
      byPeriod.set(point.period, point.invalid ? { state: 'invalid' }
        : point.value === null || !Number.isFinite(point.value) ? { state: 'missing' }
        : { state: 'value', value: point.value === 0 ? 0 : point.value }); // no "-0"
    }
    return { index, label: s.label, role: s.role, variant, cells: periods.map((p) => byPeriod.get(p) ?? { state: 'missing' }) };
  });
  return { periods, series };
}

/** Periods as the metrics engine writes them ('2019', '2023/24', '2025-03-31') sort correctly as text. */
function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const RATE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A figure as it is labelled on the chart: "58.7%", "1,234", "12.5", "3.25". */
export function formatValue(value: number, unit: ChartUnit): string {
  switch (unit) {
    case '%': return `${clean(value.toFixed(1))}%`;
    case 'per 100': return clean(RATE.format(value));
    default: return clean(GROUPED.format(value));
  }
}

/** A figure as the alt text says it: "58.7%", "1,234", "12.5 weeks", "3.25 per 100". */
export function sayValue(value: number, unit: ChartUnit): string {
  const shown = formatValue(value, unit);
  switch (unit) {
    case 'weeks': return `${shown} ${shown === '1' ? 'week' : 'weeks'}`;
    case 'per 100': return `${shown} per 100`;
    default: return shown;
  }
}

function clean(text: string): string {
  return /^-0(\.0+)?%?$/.test(text) ? text.slice(1) : text; // a tiny negative rounds to "-0.0"
}

export function unitTitle(unit: ChartUnit): string {
  switch (unit) {
    case '%': return 'Percentage';
    case 'count': return 'Number';
    case 'weeks': return 'Weeks';
    case 'per 100': return 'Rate per 100';
  }
}

export function directionSentence(direction: ChartDirection): string {
  switch (direction) {
    case 'higher': return 'Higher is better.';
    case 'lower': return 'Lower is better.';
    case 'context': return 'Shown for context: neither higher nor lower is better.';
  }
}

export function periodRange(periods: readonly string[]): string {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? first : `${first} to ${last}`;
}

export const NOT_SHOWN_REASON = 'the figure failed a validation check';
