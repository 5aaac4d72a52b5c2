import { findBreakdownValue, findColumn } from '../../../shared/domain/datasets/columns';
import { parsePeriod } from '../../../shared/domain/datasets/period';
import type { Geography } from '../../../shared/domain/datasets/types';
import { resolveArea } from '../authority';
import { findHeaderRow, normaliseHeader } from '../tabular/header';
import type { Layout, LayoutInput, LayoutResult } from './layout';
import { cellText, mapFigures, type MappedColumn } from './map-figures';

export const PERIOD_HEADERS = ['period', 'time period', 'year', 'academic year', 'financial year', 'calendar year', 'snapshot date', 'month'];
export const AREA_HEADERS = ['area', 'area code', 'la code', 'old la code', 'new la code', 'la name', 'local authority', 'authority'];
const GEOGRAPHY_HEADERS = ['geography', 'geographic level', 'level'];

function header(input: LayoutInput) {
  const { def } = input;
  const expected = [...def.columns.map((c) => [c.name, c.title, ...c.synonyms]), PERIOD_HEADERS, AREA_HEADERS, GEOGRAPHY_HEADERS];
  if (def.breakdown) expected.push([def.breakdown.name, def.breakdown.title]);
  return findHeaderRow(input.table.rows, expected, { minMatches: 1, merges: input.table.merges });
}

/**
 * The app's template, and officers' own tables like it: a header row naming the dataset's columns (by name or a
 * known synonym), optionally a period column, an area column and the breakdown column. Rows for other areas are
 * skipped; "England" rows become the national comparator.
 */
export const templateLayout: Layout = {
  id: 'template',
  recognises: (input) => {
    const match = header(input);
    return !!match && match.columns.some((c) => findColumn(input.def, c.name));
  },
  map(input) {
    const { def, table, area } = input;
    const match = header(input)!;
    const find = (names: string[]) => match.columns.find((c) => names.includes(c.normalised));
    const periodColumn = find(PERIOD_HEADERS);
    const areaColumn = find(AREA_HEADERS);
    const geographyColumn = find(GEOGRAPHY_HEADERS);
    const breakdownColumn = def.breakdown ? find([normaliseHeader(def.breakdown.name), normaliseHeader(def.breakdown.title)]) : undefined;
    const special = new Set([periodColumn, areaColumn, geographyColumn, breakdownColumn].filter(Boolean).map((c) => c!.index));
    const mapped: MappedColumn[] = [];
    const columns = match.columns.filter((c) => c.header).map((c) => {
      if (special.has(c.index)) return { header: c.header, field: c === breakdownColumn ? def.breakdown!.name : `(${c.normalised})` };
      const column = findColumn(def, c.name);
      if (column) mapped.push({ index: c.index, header: c.header, column });
      return { header: c.header, field: column?.name ?? null };
    });
    const result: LayoutResult = { layout: 'template', rowsRead: 0, rows: [], problems: [], columns, discardedColumns: [], notes: [],
      headerRow: match.headerRow };
    const local = area?.kind === 'la' ? { code: area.la.oldCode, name: area.la.name } : area?.kind === 'region' ? { code: area.code, name: area.name } : null;
    for (let r = match.headerRow; r < table.rows.length; r++) {
      const cells = table.rows[r]!;
      if (cells.every((c) => c.kind === 'empty')) continue;
      result.rowsRead++;
      const sourceRow = r + 1;
      let geography: Geography = 'local';
      let areaCode = local?.code ?? '';
      let areaName = local?.name ?? '';
      const level = geographyColumn ? normaliseHeader(cellText(cells[geographyColumn.index])) : '';
      const areaText = areaColumn ? cellText(cells[areaColumn.index]) : '';
      if (level === 'national' || /^england$/i.test(areaText) || areaText === 'E92000001') {
        geography = 'national'; areaCode = 'E92000001'; areaName = 'England';
      } else if (areaText) {
        const named = resolveArea(areaText);
        const isOurs = named && local && ((named.kind === 'la' && named.la.oldCode === local.code) || (named.kind === 'region' && named.code === local.code));
        if (!isOurs) {
          if (named?.kind === 'region' && area?.kind === 'la' && named.code === area.la.regionCode) {
            geography = 'regional'; areaCode = named.code; areaName = named.name;
          } else continue; // another area's row
        }
      }
      if (!areaCode && geography === 'local') {
        result.problems.push({ row: null, column: null, message: 'The workspace has no LA code: choose the local authority these figures are for.' });
        break;
      }
      const periodCell = periodColumn ? cells[periodColumn.index] : undefined;
      const rawPeriod = periodColumn ? periodCell?.date ?? cellText(periodCell) : input.period ?? '';
      const period = parsePeriod(rawPeriod, def.periodType);
      if (!period.ok) {
        result.problems.push({ row: sourceRow, column: periodColumn?.header ?? null,
          message: rawPeriod ? period.error : 'no period: add a period column, or give the period the figures are for' });
        continue;
      }
      let breakdown = '';
      if (def.breakdown) {
        const label = breakdownColumn ? cellText(cells[breakdownColumn.index]) : '';
        const id = label ? findBreakdownValue(def, label) : undefined;
        if (!id) {
          result.problems.push({ row: sourceRow, column: breakdownColumn?.header ?? def.breakdown.name,
            message: label ? `'${label}' is not a ${def.breakdown.title.toLowerCase()} this dataset takes: use one of ${def.breakdown.values.map((v) => v.id).join(', ')}`
              : `a ${def.breakdown.title.toLowerCase()} column is needed (${def.breakdown.values.map((v) => v.id).join(', ')})` });
          continue;
        }
        breakdown = id;
      }
      result.rows.push({ period: period.period, geography, areaCode, areaName, breakdown, sourceRow,
        ...mapFigures(cells, mapped, sourceRow, result.problems) });
    }
    return result;
  },
};
