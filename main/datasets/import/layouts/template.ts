import { findBreakdownValue, findColumn } from '../../../../shared/domain/datasets/columns';
import { parsePeriod } from '../../../../shared/domain/datasets/period';
import type { DatasetColumn, DatasetDefinition, Geography } from '../../../../shared/domain/datasets/types';
import { resolveArea } from '../authority';
import { findHeaderRow, normaliseHeader, type HeaderColumn, type HeaderMatch } from '../tabular/header';
import type { Cell } from '../tabular/types';
import { withMergesFilledDown } from '../tabular/merges';
import {
  AREA_FIELD,
  choiceKey,
  GEOGRAPHY_FIELD,
  isTotalLabel,
  layoutKeyOf,
  looksLikePercent,
  mappingTargets,
  PERIOD_FIELD,
  percentNotCount,
} from './column-choice';
import type { ImportProblem, Layout, LayoutInput, LayoutResult, PreviewColumn } from './layout';
import { cellText, mapFigures, type MappedColumn } from './map-figures';

export const PERIOD_HEADERS = [
  'period',
  'time period',
  'year',
  'academic year',
  'financial year',
  'calendar year',
  'snapshot date',
  'month',
];
export const AREA_HEADERS = [
  'area',
  'area code',
  'la code',
  'old la code',
  'new la code',
  'la name',
  'local authority',
  'authority',
];
const GEOGRAPHY_HEADERS = ['geography', 'geographic level', 'level'];

function header(input: LayoutInput) {
  const { def } = input;
  const expected = [
    ...def.columns.map((c) => [c.name, c.title, ...c.synonyms]),
    PERIOD_HEADERS,
    AREA_HEADERS,
    GEOGRAPHY_HEADERS,
  ];
  if (def.breakdown) expected.push([def.breakdown.name, def.breakdown.title]);
  // Headers the officer has given a field count towards finding the header row, so a table whose headers the app
  // does not know is still read once its columns are chosen.
  for (const choice of input.mapping ?? []) if (choice.field) expected.push([choice.header]);
  return findHeaderRow(input.table.rows, expected, { minMatches: 1, merges: input.table.merges });
}

type Role = { kind: 'period' | 'area' | 'geography' | 'breakdown' } | { kind: 'column'; column: DatasetColumn };

const roleField = (def: DatasetDefinition, role: Role): string =>
  role.kind === 'column'
    ? role.column.name
    : role.kind === 'breakdown'
      ? def.breakdown!.name
      : role.kind === 'period'
        ? PERIOD_FIELD
        : role.kind === 'area'
          ? AREA_FIELD
          : GEOGRAPHY_FIELD;

function roleOf(def: DatasetDefinition, field: string): Role | null {
  if (field === PERIOD_FIELD) return { kind: 'period' };
  if (field === AREA_FIELD) return { kind: 'area' };
  if (field === GEOGRAPHY_FIELD) return { kind: 'geography' };
  if (def.breakdown && field === def.breakdown.name) return { kind: 'breakdown' };
  const column = def.columns.find((c) => c.name === field);
  return column ? { kind: 'column', column } : null;
}

interface ColumnPlan {
  roles: Map<number, Role>;
  how: Map<number, 'recognised' | 'chosen'>;
  notes: Map<number, string>;
  problems: ImportProblem[];
}

/**
 * What each column is taken as: first what its header names (a percentage column never as a count), then the
 * officer's choices, each field from one column only.
 */
function planColumns(input: LayoutInput, match: HeaderMatch): ColumnPlan {
  const { def, table } = input;
  const plan: ColumnPlan = { roles: new Map(), how: new Map(), notes: new Map(), problems: [] };
  const cellsOf = (index: number) => table.rows.slice(match.headerRow, match.headerRow + 200).map((row) => row[index]);
  const named = (names: string[]) => match.columns.find((c) => names.includes(c.normalised));
  const yearAt = (index: number) => match.columns.find((c) => c.index === index)?.year;
  const identifying: [HeaderColumn | undefined, Role][] = [
    [named(PERIOD_HEADERS), { kind: 'period' }],
    [named(AREA_HEADERS), { kind: 'area' }],
    [named(GEOGRAPHY_HEADERS), { kind: 'geography' }],
    [
      def.breakdown ? named([normaliseHeader(def.breakdown.name), normaliseHeader(def.breakdown.title)]) : undefined,
      { kind: 'breakdown' },
    ],
  ];
  for (const [column, role] of identifying) if (column) plan.roles.set(column.index, role);
  for (const c of match.columns) {
    if (!c.header || plan.roles.has(c.index)) continue;
    const column = findColumn(def, c.name) ?? (c.group ? findColumn(def, c.header) : undefined);
    if (!column) continue;
    if (column.type === 'count' && looksLikePercent(c.header, cellsOf(c.index))) {
      plan.notes.set(c.index, percentNotCount(c.header, column));
      continue;
    }
    // The first column wins (per year, in a table with years above its columns).
    if ([...plan.roles].some(([index, r]) => r.kind === 'column' && r.column === column && yearAt(index) === c.year))
      continue;
    plan.roles.set(c.index, { kind: 'column', column });
  }
  for (const c of match.columns) if (plan.roles.has(c.index)) plan.how.set(c.index, 'recognised');

  for (const choice of input.mapping ?? []) {
    const key = choiceKey(choice.header);
    const columns = match.columns.filter((c) => c.header && choiceKey(c.header) === key);
    if (columns.length === 0) continue; // a remembered choice for a column this file does not have
    const role = choice.field === null ? null : roleOf(def, choice.field);
    if (choice.field !== null && !role) {
      plan.problems.push({
        row: match.headerRow,
        column: choice.header,
        message:
          `${def.title} has no field "${choice.field}": ` +
          `choose one of ${mappingTargets(def)
            .map((t) => t.id)
            .join(', ')}, or leave the column unused`,
      });
      continue;
    }
    for (const c of columns) {
      plan.notes.delete(c.index);
      if (!role) {
        plan.roles.delete(c.index);
        plan.how.set(c.index, 'chosen');
        continue;
      }
      if (role.kind === 'column' && role.column.type === 'count' && looksLikePercent(c.header, cellsOf(c.index))) {
        plan.problems.push({
          row: match.headerRow,
          column: c.header,
          message:
            `${percentNotCount(c.header, role.column)}: ` +
            'choose the column that holds the count, or a percentage field',
        });
        continue;
      }
      // One column per field: another column that was taken as it is no longer.
      const field = roleField(def, role);
      for (const [index, other] of plan.roles) {
        if (index !== c.index && roleField(def, other) === field && yearAt(index) === c.year) {
          plan.roles.delete(index);
          plan.how.set(index, 'chosen');
        }
      }
      plan.roles.set(c.index, role);
      plan.how.set(c.index, 'chosen');
    }
  }
  return plan;
}

/**
 * The app's template, and officers' own tables like it: a header row naming the dataset's columns (by name or a
 * known synonym, or as the officer chose in the preview), optionally a period column, an area column and the
 * breakdown column. Title rows and a merged group heading above the header are read past; rows that total the
 * rows above ("Total", "Totals") are skipped and said so. Rows for other areas are skipped; "England" rows become
 * the national comparator.
 */
export const templateLayout: Layout = {
  id: 'template',
  recognises: (raw) => {
    const input = { ...raw, table: withMergesFilledDown(raw.table) };
    const match = header(input);
    if (!match) return false;
    const plan = planColumns(input, match);
    return [...plan.roles.values()].some((r) => r.kind === 'column');
  },
  map(raw) {
    const input = { ...raw, table: withMergesFilledDown(raw.table) };
    const { def, table, area } = input;
    const match = header(input)!;
    const plan = planColumns(input, match);
    const columnOf = (kind: Role['kind']) => match.columns.find((c) => plan.roles.get(c.index)?.kind === kind);
    const periodColumn = columnOf('period');
    const areaColumn = columnOf('area');
    const geographyColumn = columnOf('geography');
    const breakdownColumn = columnOf('breakdown');
    const mapped: MappedColumn[] = [];
    // A table with years above its columns ("2023" over Requests and Within 6 weeks, "2024" over the same): each
    // row holds one period per year, and the year is the period.
    const byYear = new Map<string, MappedColumn[]>();
    const columns: PreviewColumn[] = match.columns
      .filter((c) => c.header)
      .map((c) => {
        const role = plan.roles.get(c.index);
        if (role?.kind === 'column') {
          const column = { index: c.index, header: c.header, column: role.column };
          if (c.year) byYear.set(c.year, [...(byYear.get(c.year) ?? []), column]);
          else mapped.push(column);
        }
        const note = plan.notes.get(c.index);
        return {
          header: c.header,
          field: role ? roleField(def, role) : null,
          how: plan.how.get(c.index) ?? 'unused',
          ...(note ? { note } : {}),
        };
      });
    const result: LayoutResult = {
      layout: 'template',
      rowsRead: 0,
      rows: [],
      problems: [...plan.problems],
      columns,
      discardedColumns: [],
      notes: [],
      headerRow: match.headerRow,
      layoutKey: layoutKeyOf(match.columns.map((c) => c.header)),
    };
    const local =
      area?.kind === 'la'
        ? { code: area.la.oldCode, name: area.la.name }
        : area?.kind === 'region'
          ? { code: area.code, name: area.name }
          : null;
    const totals: string[] = [];
    for (let r = match.headerRow; r < table.rows.length; r++) {
      const cells = table.rows[r]!;
      if (cells.every((c) => c.kind === 'empty')) continue;
      result.rowsRead++;
      const sourceRow = r + 1;
      const label = totalRowLabel(
        cells,
        [periodColumn, areaColumn, geographyColumn].filter(Boolean).map((c) => c!.index),
        breakdownColumn?.index,
      );
      if (label !== null) {
        totals.push(`row ${sourceRow} ('${label}')`);
        continue;
      }
      let geography: Geography = 'local';
      let areaCode = local?.code ?? '';
      let areaName = local?.name ?? '';
      const level = geographyColumn ? normaliseHeader(cellText(cells[geographyColumn.index])) : '';
      const areaText = areaColumn ? cellText(cells[areaColumn.index]) : '';
      if (level === 'national' || /^england$/i.test(areaText) || areaText === 'E92000001') {
        geography = 'national';
        areaCode = 'E92000001';
        areaName = 'England';
      } else if (areaText) {
        const named = resolveArea(areaText);
        const isOurs =
          named &&
          local &&
          ((named.kind === 'la' && named.la.oldCode === local.code) ||
            (named.kind === 'region' && named.code === local.code));
        if (!isOurs) {
          if (named?.kind === 'region' && area?.kind === 'la' && named.code === area.la.regionCode) {
            geography = 'regional';
            areaCode = named.code;
            areaName = named.name;
          } else continue; // another area's row
        }
      }
      if (!areaCode && geography === 'local') {
        result.problems.push({
          row: null,
          column: null,
          message: 'The workspace has no LA code: choose the local authority these figures are for.',
        });
        break;
      }
      let breakdown = '';
      if (def.breakdown) {
        const label = breakdownColumn ? cellText(cells[breakdownColumn.index]) : '';
        const id = label ? findBreakdownValue(def, label) : undefined;
        if (!id) {
          result.problems.push({
            row: sourceRow,
            column: breakdownColumn?.header ?? def.breakdown.name,
            message: label
              ? `'${label}' is not a ${def.breakdown.title.toLowerCase()} this dataset takes: use one of ${def.breakdown.values.map((v) => v.id).join(', ')}`
              : `a ${def.breakdown.title.toLowerCase()} column is needed (${def.breakdown.values.map((v) => v.id).join(', ')})`,
          });
          continue;
        }
        breakdown = id;
      }
      const place = { geography, areaCode, areaName, breakdown, sourceRow };
      if (mapped.length > 0 || byYear.size === 0) {
        const periodCell = periodColumn ? cells[periodColumn.index] : undefined;
        const rawPeriod = periodColumn ? (periodCell?.date ?? cellText(periodCell)) : (input.period ?? '');
        const period = parsePeriod(rawPeriod, def.periodType);
        if (!period.ok) {
          result.problems.push({
            row: sourceRow,
            column: periodColumn?.header ?? null,
            message: rawPeriod
              ? period.error
              : 'no period: add a period column, choose which column holds the period, or give the period the figures are for',
          });
          continue;
        }
        result.rows.push({ period: period.period, ...place, ...mapFigures(cells, mapped, sourceRow, result.problems) });
      }
      for (const [year, group] of byYear) {
        const period = parsePeriod(year, def.periodType);
        if (!period.ok) {
          if (!result.problems.some((p) => p.column === year && p.row === match.headerRow - 1)) {
            result.problems.push({ row: match.headerRow - 1, column: year, message: period.error });
          }
          continue;
        }
        result.rows.push({ period: period.period, ...place, ...mapFigures(cells, group, sourceRow, result.problems) });
      }
    }
    if (totals.length > 0) {
      result.notes.push(
        `Skipped ${totals.length === 1 ? 'a total row' : `${totals.length} total rows`} (${totals.join(', ')}): ` +
          'a total adds up the rows above it, so importing it would count them twice.',
      );
    }
    return result;
  },
};

/**
 * The label of a row that totals the rows above it, or null: "Total" (or "Totals", "Grand total") in the period,
 * area or level column, in the row's first filled cell, or alone in any other text cell; never in the breakdown
 * column, where "Total" is the breakdown's all-agencies row, a real row of the dataset.
 */
function totalRowLabel(
  cells: readonly Cell[],
  identifying: number[],
  breakdownIndex: number | undefined,
): string | null {
  for (const index of identifying) {
    const text = cellText(cells[index]);
    if (text && isTotalLabel(text)) return text;
  }
  const first = cells.findIndex((c) => c.kind !== 'empty');
  if (first >= 0 && first !== breakdownIndex && cells[first]!.kind === 'text' && isTotalLabel(cells[first]!.raw))
    return cells[first]!.raw.trim();
  // Elsewhere in the row (a label column the app does not use), only a cell that says no more than "Total".
  const label = cells.find(
    (c, i) => i !== breakdownIndex && c.kind === 'text' && /^(?:grand\s+)?totals?:?$/i.test(c.raw.trim()),
  );
  return label ? label.raw.trim() : null;
}
