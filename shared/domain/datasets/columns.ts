import { columnRules, ruleBuilder, type RuleBuilder } from './rules';
import type { DatasetColumn, DatasetDefinition, ValidationRule } from './types';

interface ColumnOptions {
  synonyms?: string[];
  required?: boolean;
}

function column(
  name: string,
  title: string,
  type: DatasetColumn['type'],
  unit: string,
  options: ColumnOptions,
): DatasetColumn {
  return { name, title, type, unit, synonyms: options.synonyms ?? [], required: options.required ?? false };
}

/** A whole number of things (children, plans, appeals…). */
export function count(name: string, title: string, unit: string, options: ColumnOptions = {}): DatasetColumn {
  return column(name, title, 'count', unit, options);
}

/** A percentage, 0–100 (a spreadsheet fraction such as 0.127 is converted by the importer). */
export function percent(name: string, title: string, options: ColumnOptions = {}): DatasetColumn {
  return column(name, title, 'percent', '%', options);
}

/** A duration in weeks. */
export function weeks(name: string, title: string, options: ColumnOptions = {}): DatasetColumn {
  return column(name, title, 'number', 'weeks', options);
}

/** A rate such as suspensions per 100 pupils. */
export function rate(name: string, title: string, unit: string, options: ColumnOptions = {}): DatasetColumn {
  return column(name, title, 'number', unit, options);
}

/** 'review_expected' plus 'review_expected_2019' … 'review_expected_2035' (DfE puts the year in some names). */
export function withYearSuffixes(name: string, from = 2019, to = 2035): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++) out.push(`${name}_${y}`);
  return out;
}

/**
 * Assembles a dataset: the column-type rules (counts whole and ≥ 0, percentages 0–100, weeks and rates ≥ 0) come
 * first, then the dataset's own rules, written with a builder that labels fields by their column titles.
 */
export function defineDataset(
  spec: Omit<DatasetDefinition, 'rules'> & { rules: (b: RuleBuilder) => ValidationRule[] },
): DatasetDefinition {
  const rules = [...columnRules(spec.columns), ...spec.rules(ruleBuilder(spec.columns))];
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`dataset ${spec.id}: duplicate rule id ${r.id}`);
    ids.add(r.id);
  }
  return { ...spec, rules };
}

/** Header text reduced for matching: case, spaces, underscores and punctuation ignored ('Plans issued (den)' → 'plansissuedden'). */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The column a header names, by its name or a synonym, or undefined. */
export function findColumn(def: DatasetDefinition, header: string): DatasetColumn | undefined {
  const key = headerKey(header);
  if (key === '') return undefined;
  return (
    def.columns.find((c) => headerKey(c.name) === key) ??
    def.columns.find((c) => c.synonyms.some((s) => headerKey(s) === key))
  );
}

/** The breakdown value a label names (id, title or synonym), or undefined. */
export function findBreakdownValue(def: DatasetDefinition, label: string): string | undefined {
  const key = headerKey(label);
  const values = def.breakdown?.values ?? [];
  return values.find(
    (v) =>
      headerKey(v.id) === key || headerKey(v.title) === key || (v.synonyms ?? []).some((s) => headerKey(s) === key),
  )?.id;
}
