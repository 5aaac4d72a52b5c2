import { findColumn } from '../../../../shared/domain/datasets/columns';
import { parsePeriod } from '../../../../shared/domain/datasets/period';
import type { Geography } from '../../../../shared/domain/datasets/types';
import { sameAuthorityName } from '../authority';
import { findHeaderRow, stripFootnoteDigits } from '../tabular/header';
import type { Layout, LayoutInput, LayoutResult } from './layout';
import { cellText, mapFigures, type MappedColumn } from './map-figures';

const CODE_HEADER = 'old la code';

function header(input: LayoutInput) {
  const expected = [['Old LA code', 'LA code'], ...input.def.columns.map((c) => [c.name, c.title, ...c.synonyms])];
  return findHeaderRow(input.table.rows, expected, { minMatches: 2, merges: input.table.merges });
}

const isNational = (name: string) => /^england\b/i.test(name);

/**
 * A published table saved from a spreadsheet, like DfE's appeal-rate table: title rows, then a two-row header
 * with years above groups of columns, one row per authority with its old LA code, region rows that only separate,
 * and an "England Total" row. Each authority row holds one period per year group.
 */
export const yearColumnsTableLayout: Layout = {
  id: 'year-columns-table',
  recognises: (input) => {
    const match = header(input);
    return (
      !!match &&
      match.headerRows === 2 &&
      match.columns.some((c) => c.normalised === CODE_HEADER) &&
      match.columns.some((c) => c.year)
    );
  },
  map(input) {
    const { def, table, area } = input;
    const match = header(input)!;
    const codeIndex = match.columns.find((c) => c.normalised === CODE_HEADER)!.index;
    const nameIndex = 0;
    const groups = new Map<string, MappedColumn[]>();
    const columns = match.columns
      .filter((c) => c.header)
      .map((c) => {
        const column = c.year ? findColumn(def, stripFootnoteDigits(c.name)) : undefined;
        if (column && c.year)
          groups.set(c.year, [...(groups.get(c.year) ?? []), { index: c.index, header: c.header, column }]);
        return { header: c.header, field: column ? `${column.name} (${c.year})` : null };
      });
    const result: LayoutResult = {
      layout: 'year-columns-table',
      rowsRead: 0,
      rows: [],
      problems: [],
      columns,
      discardedColumns: [],
      notes: [],
      headerRow: match.headerRow,
    };
    if (groups.size === 0) {
      result.problems.push({
        row: match.headerRow,
        column: null,
        message: `None of this table's columns belong to ${def.title}: is it the right file?`,
      });
      return result;
    }
    if (area?.kind !== 'la') {
      result.problems.push({
        row: null,
        column: null,
        message: 'This table lists local authorities: choose yours by name, old or new LA code.',
      });
      return result;
    }
    const la = area.la;
    const figureIndexes = [...groups.values()].flat().map((m) => m.index);
    let chosen: { row: number; name: string; code: string } | null = null;
    let national: number | null = null;
    const byCode: { row: number; name: string }[] = [];
    for (let r = match.headerRow; r < table.rows.length; r++) {
      const cells = table.rows[r]!;
      const name = stripFootnoteDigits(cellText(cells[nameIndex]));
      if (!name || figureIndexes.every((i) => !cells[i] || cells[i]!.kind === 'empty')) continue; // blank, region or footnote rows
      result.rowsRead++;
      const code = cells[codeIndex]?.kind === 'number' ? String(cells[codeIndex]!.number) : cellText(cells[codeIndex]);
      if (isNational(name)) national = r;
      else if (sameAuthorityName(name, la.name) || (la.dfeTidyName && sameAuthorityName(name, la.dfeTidyName)))
        chosen = { row: r, name, code };
      else if (code === la.oldCode) byCode.push({ row: r, name });
    }
    if (!chosen && byCode.length === 1) {
      chosen = { row: byCode[0]!.row, name: byCode[0]!.name, code: la.oldCode };
      result.notes.push(
        `The table names LA ${la.oldCode} "${chosen.name}", not ${la.name}; its row was taken by its code.`,
      );
    }
    if (!chosen) {
      result.problems.push({
        row: null,
        column: null,
        message:
          `The table has no row for ${la.name} (LA ${la.oldCode}). Check the authority chosen, ` +
          'or that this is the table that lists every local authority.',
      });
      return result;
    }
    if (chosen.code && chosen.code !== la.oldCode) {
      result.notes.push(
        `The table gives ${chosen.name} the LA code ${chosen.code}, but ${la.name}'s code is ${la.oldCode}. The row was matched by name; check the table if the figures look wrong.`,
      );
    }
    const keep: { r: number; geography: Geography; code: string; name: string }[] = [
      { r: chosen.row, geography: 'local', code: la.oldCode, name: la.name },
    ];
    if (national !== null) keep.push({ r: national, geography: 'national', code: 'E92000001', name: 'England' });
    for (const k of keep) {
      for (const [year, mapped] of groups) {
        const period = parsePeriod(year, def.periodType);
        if (!period.ok) {
          result.problems.push({ row: match.headerRow - 1, column: year, message: period.error });
          continue;
        }
        result.rows.push({
          period: period.period,
          geography: k.geography,
          areaCode: k.code,
          areaName: k.name,
          breakdown: '',
          sourceRow: k.r + 1,
          ...mapFigures(table.rows[k.r]!, mapped, k.r + 1, result.problems),
        });
      }
    }
    return result;
  },
};
