/**
 * The column-mapping step of an import: what each column of an officer's own table is taken as, and the officer's
 * changes to that. A column is taken as one of the dataset's fields, as the period, the area, the geographic level
 * or the breakdown (an agency, a service), or not used. Choices are keyed by the header as the preview shows it.
 */
import { createHash } from 'node:crypto';
import type { DatasetColumn, DatasetDefinition } from '../../../../shared/domain/datasets/types';
import { normaliseHeader } from '../tabular/header';
import type { Cell } from '../tabular/types';

/** Fields a column can be taken as that are not one of the dataset's own columns. */
export const PERIOD_FIELD = 'period';
export const AREA_FIELD = 'area';
export const GEOGRAPHY_FIELD = 'geography';

export interface MappingTarget {
  /** What a choice names: a dataset column's name, 'period', 'area', 'geography' or the breakdown's name. */
  id: string;
  title: string;
  /** 'count', 'percent', 'number' for figures; 'period', 'area', 'geography', 'breakdown' for the others. */
  kind: string;
  required: boolean;
}

/** Every field a column of this dataset's files can be taken as, the identifying ones first. */
export function mappingTargets(def: DatasetDefinition): MappingTarget[] {
  return [
    { id: PERIOD_FIELD, title: 'Period (year, or the date of a snapshot)', kind: 'period', required: true },
    { id: AREA_FIELD, title: 'Area (authority name or LA code, or England)', kind: 'area', required: false },
    {
      id: GEOGRAPHY_FIELD,
      title: 'Geographic level (national, regional, local authority)',
      kind: 'geography',
      required: false,
    },
    ...(def.breakdown
      ? [{ id: def.breakdown.name, title: def.breakdown.title, kind: 'breakdown', required: true }]
      : []),
    ...def.columns.map((c) => ({ id: c.name, title: `${c.title} (${c.unit})`, kind: c.type, required: c.required })),
  ];
}

/** The header a choice names, reduced the way headers are compared. */
export const choiceKey = (header: string): string => normaliseHeader(header);

/**
 * Files of the same layout: a digest of the header row, each header normalised (case, punctuation, footnotes),
 * so the choices made for one month's file are used for the next month's.
 */
export function layoutKeyOf(headers: readonly string[]): string {
  return createHash('sha256')
    .update(headers.map((h) => normaliseHeader(h)).join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

const PERCENT_WORDS = /\b(?:percent|percentage|pc|pct|proportion|rate)\b/;

/**
 * A column of percentages: its header says so ("%", "percent", "rate", "pc"), or most of its figures are written
 * as percentages (62.5% in a CSV, a cell formatted 0.0% in Excel). Such a column is never taken as a count: "%
 * within 6 weeks" reads like "Within 6 weeks" once the % is set aside.
 */
export function looksLikePercent(header: string, cells: readonly (Cell | undefined)[]): boolean {
  if (header.includes('%') || PERCENT_WORDS.test(normaliseHeader(header))) return true;
  let figures = 0;
  let percents = 0;
  for (const cell of cells) {
    if (!cell || (cell.kind !== 'number' && cell.kind !== 'percent')) continue;
    figures++;
    if (cell.kind === 'percent') percents++;
  }
  return figures > 0 && percents * 2 > figures;
}

/** Why a percentage column is not taken as a count column. */
export const percentNotCount = (header: string, column: DatasetColumn): string =>
  `'${header}' holds percentages, so it is not taken as ${column.title} (a count of ${column.unit})`;

/**
 * A row that totals the rows above it ("Total", "Totals", "Grand total", "Total for 2024"): not a period's or an
 * area's figures, and adding it would count everything twice.
 */
export function isTotalLabel(text: string): boolean {
  return /^(?:grand\s+)?totals?\b/i.test(text.trim()) || /^sum$/i.test(text.trim());
}
