/**
 * The model every dataset import produces and every metric is computed from. Importers (main/datasets/import/) turn files
 * into DatasetRows; the store keeps them; the metrics engine (main/datasets/metrics/) reads them.
 */

/** How a dataset's period is written: '2019' (calendar year), '2023/24' (academic or financial year), '2025-03-31' (snapshot). */
export type PeriodType = 'calendar-year' | 'academic-year' | 'financial-year' | 'snapshot';

export type Geography = 'local' | 'regional' | 'national';

/** count: a non-negative whole number; percent: 0–100; number: any other figure (weeks, rate per 100). */
export type ColumnType = 'count' | 'percent' | 'number' | 'date' | 'text';

export interface DatasetColumn {
  /** Stable snake_case name, the template's header; DfE's own name where DfE publishes the figure. */
  name: string;
  title: string;
  type: ColumnType;
  /** 'children', 'plans', 'appeals', '%', 'weeks', 'per 100 pupils', … */
  unit: string;
  /** Other headers that mean this column (matched ignoring case, spaces, underscores and punctuation). */
  synonyms: string[];
  required: boolean;
}

export interface ValidationRule {
  id: string;
  /** Written for a person: "plans issued within 20 weeks must not exceed plans issued". */
  description: string;
  /** The fields the rule reads; it is skipped when any of them is missing. */
  fields: string[];
  /**
   * error (the default): an impossible figure, which makes the metrics using these fields invalid. note: a remark
   * shown beside the figure (a published percentage that differs from the one recomputed), never an error.
   */
  kind?: 'error' | 'note';
  holds(values: Record<string, number>): boolean;
  /**
   * Optional (added): the failure written with the row's numbers, e.g. "plans issued within 20 weeks (29,895) must
   * not exceed plans issued (49,519)". Use explainFailure() from ./rules, which falls back to the description.
   */
  explain?(values: Record<string, number>): string;
}

export interface DatasetDefinition {
  /** Stable kebab-case id, e.g. 'ehcp-timeliness'. */
  id: string;
  title: string;
  /** The checklist item (catalogue id) this dataset is evidence for. */
  catalogueItem: string;
  periodType: PeriodType;
  /** A dimension within one area and period, e.g. the service for health waits; absent when rows are whole areas. */
  breakdown?: {
    name: string;
    title: string;
    /** `synonyms` (optional, added): other labels for the value in source files, e.g. 'SALT' or 'EHC plan'. */
    values: { id: string; title: string; synonyms?: string[] }[];
  };
  columns: DatasetColumn[];
  rules: ValidationRule[];
}

/** One area's figures for one period (and breakdown), as imported or typed in. */
export interface DatasetRow {
  period: string;
  geography: Geography;
  /** DfE old LA code (3 digits) for local rows, ONS region code for regional, E92000001 for national. */
  areaCode: string;
  areaName: string;
  /** '' when the dataset has no breakdown. */
  breakdown: string;
  /** Field values; null means missing, with the reason in `missing`. Never 0 for a missing figure. */
  values: Record<string, number | null>;
  /** Why a field is missing: 'x' (not available), 'z' (not applicable), 'c' (suppressed), 'low', ':' or 'blank'. */
  missing: Record<string, string>;
}
