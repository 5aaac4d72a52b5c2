import { findColumn } from '../../../../shared/domain/datasets/columns';
import { parsePeriod } from '../../../../shared/domain/datasets/period';
import type { Geography } from '../../../../shared/domain/datasets/types';
import { authorityByName, sameAuthorityName } from '../authority';
import { findLocalAuthorityByOldCode, LOCAL_AUTHORITIES } from '../../../catalogue/local-authorities';
import type { Cell } from '../tabular/types';
import { findHeaderRow, normaliseHeader } from '../tabular/header';
import type { ImportProblem, Layout, LayoutInput, LayoutResult } from './layout';
import { cellText, mapFigures, type MappedColumn } from './map-figures';
import { AREA_FIELD, GEOGRAPHY_FIELD, PERIOD_FIELD } from './column-choice';

/** What the identifying columns are read as, so the preview says so instead of calling them unused. */
const IDENTITY_ROLE: Record<string, string> = {
  time_period: PERIOD_FIELD,
  geographic_level: GEOGRAPHY_FIELD,
  region_code: AREA_FIELD,
  region_name: AREA_FIELD,
  new_la_code: AREA_FIELD,
  old_la_code: AREA_FIELD,
  la_name: AREA_FIELD,
};

const IDENTITY = [
  'time_period',
  'time_identifier',
  'geographic_level',
  'country_code',
  'country_name',
  'region_code',
  'region_name',
  'new_la_code',
  'old_la_code',
  'la_name',
  'breakdown_topic',
  'breakdown',
];

function header(input: LayoutInput) {
  return findHeaderRow(
    input.table.rows,
    IDENTITY.map((n) => [n]),
    { minMatches: 3, merges: input.table.merges },
  );
}

/**
 * Whether a row is its area's total. DfE labels totals differently in each release and file ("All EHC plans",
 * "All EHC plans issued", "All requests for EHC needs assessments", "All annual reviews", "All reviews of EHC
 * plans"); the 2025 release also has breakdown rows whose own label ends in "total" ("AP/PRU - total") under a
 * topic such as "Type of placement", which are not the area's total. So the topic decides where there is one.
 */
export function isTotalRow(topic: string, breakdown: string): boolean {
  const all = /^all\b/i;
  const total = /^(total|totals|all)$/i;
  if (topic) return all.test(topic) || total.test(topic);
  return !breakdown || all.test(breakdown) || total.test(breakdown);
}

/**
 * DfE's explore-education-statistics layout: one row per area, period and breakdown, national to local. The chosen
 * authority's rows, its region's and the national rows are kept as the area's data, and of each only the area
 * total: summing every breakdown would count children twice. Every area's total row (each authority, region and
 * England) is also handed back as a benchmark, kept apart as comparators (§4.1).
 */
export const dfeTidyLayout: Layout = {
  id: 'dfe-tidy',
  recognises: (input) => {
    const match = header(input);
    if (!match) return false;
    const names = new Set(match.columns.map((c) => c.normalised));
    return names.has('time period') && names.has('geographic level');
  },
  map(input) {
    const { def, table, area } = input;
    const match = header(input)!;
    const at = (name: string) => match.columns.find((c) => c.normalised === normaliseHeader(name))?.index ?? -1;
    const idx = Object.fromEntries(IDENTITY.map((n) => [n, at(n)])) as Record<string, number>;
    const mapped: MappedColumn[] = [];
    const columns = match.columns
      .filter((c) => c.header)
      .map((c) => {
        const identity = c.normalised.replace(/ /g, '_');
        if (IDENTITY.includes(identity)) return { header: c.header, field: IDENTITY_ROLE[identity] ?? null };
        const column = findColumn(def, c.name);
        if (column) mapped.push({ index: c.index, header: c.header, column });
        return { header: c.header, field: column?.name ?? null };
      });
    const result: LayoutResult = {
      layout: 'dfe-tidy',
      rowsRead: 0,
      rows: [],
      problems: [],
      columns,
      discardedColumns: [],
      notes: [],
      headerRow: match.headerRow,
      benchmarks: [],
    };
    let skippedBreakdowns = 0;
    if (mapped.length === 0) {
      result.problems.push({
        row: match.headerRow,
        column: null,
        message: `None of this file's columns belong to ${def.title}: is it the right file for this dataset?`,
      });
      return result;
    }
    // A national file has about 12,000 rows with a handful of distinct levels: normalise each once.
    const levels = new Map<string, string>();
    const levelOf = (cells: readonly Cell[]) => {
      const raw = cellText(cells[idx.geographic_level!]);
      let level = levels.get(raw);
      if (level === undefined) levels.set(raw, (level = normaliseHeader(raw)));
      return level;
    };
    const hasLocalRows = table.rows.slice(match.headerRow).some((r) => levelOf(r) === 'local authority');
    if (hasLocalRows && !area) {
      result.problems.push({
        row: null,
        column: null,
        message:
          'This is a national file: choose your local authority (by name, old or new LA code) so its rows can be picked out.',
      });
      return result;
    }
    const regionCode = area?.kind === 'la' ? area.la.regionCode : area?.kind === 'region' ? area.code : null;
    // An area whose file has no "All …" row for a period (a layout that only gives "Total" under each topic) takes its
    // first "Total" row instead: one row per area and period, never a sum.
    const areaKey = (cells: readonly Cell[]) =>
      [
        levelOf(cells),
        cellText(cells[idx.time_period!]),
        cellText(cells[idx.region_code!]),
        cellText(cells[idx.old_la_code!]),
        cellText(cells[idx.new_la_code!]),
        cellText(cells[idx.la_name!]),
      ].join('|');
    const withTotal = new Set<string>();
    for (let r = match.headerRow; r < table.rows.length; r++) {
      const cells = table.rows[r]!;
      if (cells.length && isTotalRow(cellText(cells[idx.breakdown_topic!]), cellText(cells[idx.breakdown!])))
        withTotal.add(areaKey(cells));
    }
    const takenFallback = new Set<string>();
    const isAreaTotal = (cells: readonly Cell[]) => {
      if (isTotalRow(cellText(cells[idx.breakdown_topic!]), cellText(cells[idx.breakdown!]))) return true;
      const key = areaKey(cells);
      if (withTotal.has(key) || takenFallback.has(key) || !/^(total|totals)$/i.test(cellText(cells[idx.breakdown!])))
        return false;
      takenFallback.add(key);
      return true;
    };
    for (let r = match.headerRow; r < table.rows.length; r++) {
      const cells = table.rows[r]!;
      if (cells.length === 0) continue;
      result.rowsRead++;
      const level = levelOf(cells);
      if (!isAreaTotal(cells)) {
        skippedBreakdowns++;
        continue;
      }
      collectBenchmark(result, input, cells, idx, level, mapped, r + 1);
      let geography: Geography | null = null;
      let areaCode = '';
      let areaName = '';
      if (level === 'national') {
        geography = 'national';
        areaCode = cellText(cells[idx.country_code!]) || 'E92000001';
        areaName = cellText(cells[idx.country_name!]) || 'England';
      } else if (level === 'regional' && regionCode && cellText(cells[idx.region_code!]) === regionCode) {
        geography = area?.kind === 'region' ? 'local' : 'regional';
        areaCode = regionCode;
        areaName = cellText(cells[idx.region_name!]);
      } else if (level === 'local authority' && area?.kind === 'la') {
        const la = area.la;
        const sameCode =
          cellText(cells[idx.old_la_code!]) === la.oldCode || cellText(cells[idx.new_la_code!]) === la.newCode;
        if (sameCode || sameAuthorityName(cellText(cells[idx.la_name!]), la.dfeTidyName ?? la.name)) {
          geography = 'local';
          areaCode = la.oldCode;
          areaName = la.name;
        }
      }
      if (!geography) continue;
      const sourceRow = r + 1;
      const rawPeriod = cellText(cells[idx.time_period!]) || input.period || '';
      const period = parsePeriod(rawPeriod, def.periodType);
      if (!period.ok) {
        result.problems.push({ row: sourceRow, column: 'time_period', message: period.error });
        continue;
      }
      result.rows.push({
        period: period.period,
        geography,
        areaCode,
        areaName,
        breakdown: '',
        sourceRow,
        ...mapFigures(cells, mapped, sourceRow, result.problems),
      });
    }
    if (skippedBreakdowns > 0) {
      result.notes.push(
        `${skippedBreakdowns.toLocaleString('en-GB')} breakdown rows (age, sex, ethnicity and the like) were left out: each area's total row is kept, never a sum of its breakdowns.`,
      );
    }
    if (area && !result.rows.some((row) => row.geography === 'local')) {
      const named = area.kind === 'la' ? `${area.la.name} (LA ${area.la.oldCode}, ${area.la.newCode})` : area.name;
      result.problems.push({
        row: null,
        column: null,
        message: `The file has no total rows for ${named}. Check the authority, or the file: only the "All …" breakdown rows are an area's total.`,
      });
    }
    return result;
  },
};

/**
 * Keeps one total row of any area as a benchmark: authorities by their old LA code (from the file, or the shipped
 * list by new code or name), regions by ONS code, England as E92000001. Rows whose period or figures cannot be read
 * are left out of the benchmarks; the area's own rows report those problems.
 */
function collectBenchmark(
  result: LayoutResult,
  input: LayoutInput,
  cells: readonly Cell[],
  idx: Record<string, number>,
  level: string,
  mapped: MappedColumn[],
  sourceRow: number,
): void {
  const period = parsePeriod(cellText(cells[idx.time_period!]) || input.period || '', input.def.periodType);
  if (!period.ok) return;
  let geography: Geography;
  let areaCode: string;
  let areaName: string;
  let regionCode = cellText(cells[idx.region_code!]);
  if (level === 'national') {
    geography = 'national';
    areaCode = cellText(cells[idx.country_code!]) || 'E92000001';
    areaName = cellText(cells[idx.country_name!]) || 'England';
    regionCode = '';
  } else if (level === 'regional') {
    geography = 'regional';
    areaCode = regionCode;
    areaName = cellText(cells[idx.region_name!]);
    if (!areaCode) return;
  } else if (level === 'local authority') {
    const name = cellText(cells[idx.la_name!]);
    const newCode = cellText(cells[idx.new_la_code!]);
    const la =
      findLocalAuthorityByOldCode(cellText(cells[idx.old_la_code!])) ??
      LOCAL_AUTHORITIES.find((a) => a.newCode === newCode) ??
      authorityByName(name);
    geography = 'local';
    areaCode = la?.oldCode ?? cellText(cells[idx.old_la_code!]);
    areaName = name || la?.name || areaCode;
    regionCode ||= la?.regionCode ?? '';
    if (!areaCode) return;
  } else return;
  const ignored: ImportProblem[] = [];
  const figures = mapFigures(cells, mapped, sourceRow, ignored);
  result.benchmarks!.push({
    period: period.period,
    geography,
    areaCode,
    areaName,
    regionCode,
    breakdown: '',
    ...figures,
  });
}
