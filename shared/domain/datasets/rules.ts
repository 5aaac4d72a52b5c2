import type { DatasetColumn, DatasetDefinition, DatasetRow, ValidationRule } from './types';

/**
 * Validation rules written once, read by the importer (preview problems), the form and the metrics engine.
 * Every rule has a generic description ("plans issued within 20 weeks must not exceed plans issued") and an
 * explanation with the row's numbers ("plans issued within 20 weeks (29,895) must not exceed plans issued (49,519)").
 */

/**
 * A published percentage and the one recomputed from its counts are said to differ when they are more than this
 * apart after rounding to the published figure's decimals. A difference is a note beside the published figure (the
 * figure of record, §4), never an error: DfE's own files differ (England 2023 84.8 published, 84.9 recomputed).
 */
export const PUBLISHED_PERCENT_TOLERANCE = 0.05;

/** 49519 → '49,519'; 58.72 → '58.72'; 1/3 → '0.33'. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const abs = Math.abs(value);
  // Past 10^21 toFixed writes an exponent ("1e+308") with no fraction to split off: a figure that size is whole.
  if (abs >= 1e21) return `${negative ? '-' : ''}${abs.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;
  const rounded = Math.round(abs * 100) / 100;
  // toFixed writes 1e21 and above in exponent form, with no fraction: shown as JavaScript writes it.
  if (rounded >= 1e21) return String(value);
  const [whole, fraction = ''] = rounded.toFixed(2).split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

/** The failure of `rule` written with the numbers of `values` (falls back to the rule's description). */
export function explainFailure(rule: ValidationRule, values: Record<string, number>): string {
  if (rule.explain) return rule.explain(values);
  const shown = rule.fields.filter((f) => values[f] !== undefined).map((f) => `${f} = ${formatNumber(values[f]!)}`);
  return shown.length ? `${rule.description} (${shown.join(', ')})` : rule.description;
}

export interface RuleFailure {
  ruleId: string;
  fields: string[];
  /** The failure with the row's numbers. */
  message: string;
}

/** The row's present values (nulls and absent fields left out), the input rules read. */
export function presentValues(row: Pick<DatasetRow, 'values'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(row.values)) if (typeof v === 'number') out[k] = v;
  return out;
}

/**
 * Runs every error rule of the dataset on one row: only impossible figures (a part larger than its whole, a
 * numerator above its denominator, a negative count) are errors. A rule is skipped when any field it reads is
 * missing (§4: a missing figure is reported as missing, not as a breach).
 */
export function validateRow(def: DatasetDefinition, row: Pick<DatasetRow, 'values'>): RuleFailure[] {
  return runRules(def, row, 'error');
}

/**
 * The row's notes: published percentages that differ from the ones recomputed from the counts. The published figure
 * stays the figure of record; the note is shown beside it.
 */
export function rowNotes(def: DatasetDefinition, row: Pick<DatasetRow, 'values'>): RuleFailure[] {
  return runRules(def, row, 'note');
}

function runRules(def: DatasetDefinition, row: Pick<DatasetRow, 'values'>, kind: 'error' | 'note'): RuleFailure[] {
  const values = presentValues(row);
  const failures: RuleFailure[] = [];
  for (const rule of def.rules) {
    if ((rule.kind ?? 'error') !== kind) continue;
    if (!rule.fields.every((f) => values[f] !== undefined)) continue;
    if (!rule.holds(values))
      failures.push({ ruleId: rule.id, fields: rule.fields, message: explainFailure(rule, values) });
  }
  return failures;
}

// ---------------------------------------------------------------------------------------------------------------
// Builders. Field labels come from the dataset's column titles, so descriptions read naturally.

/** 'Plans issued within 20 weeks' → 'plans issued within 20 weeks'; 'EHC plans' stays. */
export function sentenceLabel(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}

type Fields = string | string[];
const asList = (f: Fields): string[] => (Array.isArray(f) ? f : [f]);
const sum = (values: Record<string, number>, fields: string[]): number => fields.reduce((t, f) => t + values[f]!, 0);
const EPSILON = 1e-9;

/** 'a, b and c'; labels that hold commas themselves are joined with 'plus' so the list stays readable. */
function listOf(labels: string[]): string {
  if (labels.some((l) => l.includes(','))) return labels.join(' plus ');
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]!}`;
}

export interface RuleBuilder {
  label(field: string): string;
  /** a (or the sum of a's fields) must not exceed b (or the sum of b's fields). */
  notExceed(a: Fields, b: Fields, id?: string): ValidationRule;
  /**
   * The parts must not add up to more than the total. DfE's parts often add up to less (England 2023 timeliness:
   * 80,306 of 80,945 plans in the three timing groups), which is not an error (§4).
   */
  partsWithin(parts: string[], total: string, id?: string): ValidationRule;
  /** A note (never an error) when a published percentage (or rate per 100) differs from num ÷ den × 100. */
  publishedPercent(percent: string, numerator: Fields, denominator: Fields, id?: string): ValidationRule;
  /** min < v (or ≤ when minInclusive) and v ≤ max. */
  range(field: string, min: number, max: number, options?: { minInclusive?: boolean; id?: string }): ValidationRule;
  /** v ≥ min. */
  atLeastValue(field: string, min: number, id?: string): ValidationRule;
}

export function ruleBuilder(columns: DatasetColumn[]): RuleBuilder {
  const titles = new Map(columns.map((c) => [c.name, sentenceLabel(c.title)]));
  const label = (field: string): string => {
    const t = titles.get(field);
    if (t === undefined) throw new Error(`rule refers to unknown column ${field}`);
    return t;
  };
  const labels = (f: Fields): string => asList(f).map(label).join(' plus ');
  const shown = (values: Record<string, number>, f: Fields): string => {
    const list = asList(f);
    if (list.length === 1) return `${label(list[0]!)} (${formatNumber(values[list[0]!]!)})`;
    return `${labels(list)} (${list.map((x) => formatNumber(values[x]!)).join(' + ')} = ${formatNumber(sum(values, list))})`;
  };
  const slug = (f: Fields) => asList(f).join('+');

  return {
    label,
    notExceed(a, b, id) {
      const fa = asList(a);
      const fb = asList(b);
      return {
        id: id ?? `${slug(a)}-le-${slug(b)}`,
        description: `${labels(a)} must not exceed ${labels(b)}`,
        fields: [...fa, ...fb],
        holds: (v) => sum(v, fa) <= sum(v, fb) + EPSILON,
        explain: (v) => `${shown(v, a)} must not exceed ${shown(v, b)}`,
      };
    },
    partsWithin(parts, total, id) {
      return {
        id: id ?? `${parts.join('+')}-le-${total}`,
        description: `${listOf(parts.map(label))} must not add up to more than ${label(total)}`,
        fields: [...parts, total],
        holds: (v) => sum(v, parts) <= v[total]! + EPSILON,
        explain: (v) =>
          `${listOf(parts.map(label))} (${parts.map((p) => formatNumber(v[p]!)).join(' + ')} = ${formatNumber(sum(v, parts))}) must not add up to more than ${label(total)} (${formatNumber(v[total]!)})`,
      };
    },
    publishedPercent(percent, numerator, denominator, id) {
      const fn = asList(numerator);
      const fd = asList(denominator);
      const computed = (v: Record<string, number>) => (sum(v, fn) * 100) / sum(v, fd);
      // Compared as printed: the recomputed value rounded to the published figure's decimals (at least one).
      const decimalsOf = (n: number) => Math.max(1, (String(n).split('.')[1] ?? '').length);
      const printed = (v: Record<string, number>) => {
        const scale = 10 ** decimalsOf(v[percent]!);
        return Math.round(computed(v) * scale) / scale;
      };
      return {
        id: id ?? `${percent}-matches-count`,
        kind: 'note',
        description: `${label(percent)} differs from ${labels(numerator)} ÷ ${labels(denominator)} × 100; the published figure is the figure of record`,
        fields: [percent, ...fn, ...fd],
        // With a zero denominator there is nothing to compare: a published 0 (or a marker) is consistent.
        holds: (v) => sum(v, fd) === 0 || Math.abs(printed(v) - v[percent]!) <= PUBLISHED_PERCENT_TOLERANCE,
        explain: (v) =>
          `${label(percent)} is ${formatNumber(v[percent]!)}; recomputed from the counts (${formatNumber(sum(v, fn))} ÷ ${formatNumber(sum(v, fd))} × 100) it is ${formatNumber(printed(v))}. The published figure is the figure of record`,
      };
    },
    range(field, min, max, options = {}) {
      const lower = options.minInclusive ? `at least ${formatNumber(min)}` : `more than ${formatNumber(min)}`;
      return {
        id: options.id ?? `${field}-range`,
        description: `${label(field)} must be ${lower} and at most ${formatNumber(max)}`,
        fields: [field],
        holds: (v) => (options.minInclusive ? v[field]! >= min : v[field]! > min) && v[field]! <= max,
        explain: (v) =>
          `${label(field)} (${formatNumber(v[field]!)}) must be ${lower} and at most ${formatNumber(max)}`,
      };
    },
    atLeastValue(field, min, id) {
      return {
        id: id ?? `${field}-at-least-${min}`,
        description: `${label(field)} must be at least ${formatNumber(min)}`,
        fields: [field],
        holds: (v) => v[field]! >= min,
        explain: (v) => `${label(field)} (${formatNumber(v[field]!)}) must be at least ${formatNumber(min)}`,
      };
    },
  };
}

/**
 * The rules every column brings by its type (§4): counts are whole numbers of 0 or more; percentages lie in 0–100.
 */
export function columnRules(columns: DatasetColumn[]): ValidationRule[] {
  const rules: ValidationRule[] = [];
  for (const c of columns) {
    const name = sentenceLabel(c.title);
    if (c.type === 'count') {
      rules.push({
        id: `${c.name}-whole-number`,
        description: `${name} must be a whole number, 0 or more`,
        fields: [c.name],
        holds: (v) => Number.isInteger(v[c.name]) && v[c.name]! >= 0,
        explain: (v) => `${name} (${formatNumber(v[c.name]!)}) must be a whole number, 0 or more`,
      });
    } else if (c.type === 'percent') {
      rules.push({
        id: `${c.name}-percent-range`,
        description: `${name} must be a percentage from 0 to 100`,
        fields: [c.name],
        holds: (v) => v[c.name]! >= 0 && v[c.name]! <= 100,
        explain: (v) => `${name} (${formatNumber(v[c.name]!)}) must be a percentage from 0 to 100`,
      });
    } else if (c.type === 'number' && (c.unit === 'weeks' || c.unit.startsWith('per '))) {
      rules.push({
        id: `${c.name}-non-negative`,
        description: `${name} must be 0 or more`,
        fields: [c.name],
        holds: (v) => v[c.name]! >= 0,
        explain: (v) => `${name} (${formatNumber(v[c.name]!)}) must be 0 or more`,
      });
    }
  }
  return rules;
}
