import type { DatasetDefinition, DatasetRow } from '../../shared/domain/datasets/types';
import { rowNotes, validateRow } from '../../shared/domain/datasets/rules';
import { comparePeriods } from '../../shared/domain/datasets/period';
import { benchmarkFiguresOf } from '../metrics/benchmark-figures';
import type { BenchmarkFigure } from '../metrics/benchmarks';
import { describeArea, type ChosenArea } from './authority';
import { readTable } from './tabular/read-table';
import type { Cell } from './tabular/types';
import { dfeTidyLayout } from './layouts/dfe-tidy';
import { yearColumnsTableLayout } from './layouts/year-columns-table';
import { templateLayout } from './layouts/template';
import { planListLayout, waitingListLayout } from './layouts/case-extract';
import type { ImportProblem, Layout, LayoutInput } from './layouts/layout';

/** Most specific first: a case-level list also has dates a template would not take; the template takes anything left. */
const LAYOUTS: readonly Layout[] = [waitingListLayout, planListLayout, dfeTidyLayout, yearColumnsTableLayout, templateLayout];
const PREVIEW_ROWS = 10;

export interface ImportRequest {
  def: DatasetDefinition;
  bytes: Uint8Array;
  fileName: string;
  area: ChosenArea | null;
  period?: string;
  snapshot?: string;
  sheet?: string;
}

export interface Preview {
  layout: string;
  rowsRead: number;
  columns: { header: string; field: string | null }[];
  discardedColumns: string[];
  firstRows: string[][];
  rows: DatasetRow[];
  problems: ImportProblem[];
  notes: string[];
  periods: string[];
  /** A national file's figures for every authority, region and England (§4.1 benchmarking); empty otherwise. */
  benchmarks: BenchmarkFigure[];
}

const shown = (cell: Cell | undefined) => (cell ? cell.raw.trim() : '');

function failed(problem: ImportProblem): Preview {
  return { layout: 'none', rowsRead: 0, columns: [], discardedColumns: [], firstRows: [], rows: [], problems: [problem], notes: [], periods: [], benchmarks: [] };
}

/** Why a file that was read without a problem still gives nothing to import, and what would change that. */
function nothingToImport(request: ImportRequest, layout: Layout, rowsRead: number): string {
  const name = request.fileName.split(/[\\/]/).pop() || 'The file';
  if (rowsRead === 0) return `${name} has no rows of figures below its header: add them, or choose the file that holds them.`;
  if (layout === waitingListLayout) {
    return `${name} has no child still waiting on ${request.snapshot ?? 'the snapshot date'}: check the snapshot date (children seen by then, `
      + 'and referrals made after it, are not counted).';
  }
  if (layout === planListLayout) {
    return request.period
      ? `${name} has no plan issued in ${request.period}: check the period, or leave it out to import every year in the list.`
      : `${name} has no plan with an issue date (plans not yet issued are not counted): check the issue date column.`;
  }
  const area = request.area ? describeArea(request.area).name : 'your area';
  return `${name} has no rows for ${area} among its ${rowsRead} row${rowsRead === 1 ? '' : 's'}: check the authority chosen, or the file's `
    + 'area and period columns.';
}

/**
 * Reads a file for a dataset and works out everything an import would write, writing nothing: the layout, which
 * columns map where, the rows kept, every problem with its row and column, and rule breaches (which are imported
 * but flagged, so the metric shows as invalid rather than silently wrong).
 */
export function previewImport(request: ImportRequest): Preview {
  const { def } = request;
  const table = readTable(request.bytes, request.fileName, request.sheet ? { sheet: request.sheet } : {});
  if (!table.ok) return failed({ row: null, column: null, message: table.problem });
  const input: LayoutInput = { def, table, area: request.area, ...(request.period ? { period: request.period } : {}),
    ...(request.snapshot ? { snapshot: request.snapshot } : {}) };
  const layout = LAYOUTS.find((l) => l.recognises(input));
  if (!layout) {
    const expected = def.columns.slice(0, 8).map((c) => c.name).join(', ');
    return failed({ row: null, column: null, message: `${request.fileName} has no column that belongs to ${def.title}. Its header should name columns such as ${expected}; save a blank template to see them all.` });
  }
  const result = layout.map(input);
  const problems = [...result.problems];
  const notes = [...result.notes];
  const seen = new Set<string>();
  for (const row of result.rows) {
    const key = `${row.period}|${row.geography}|${row.areaCode}|${row.breakdown}`;
    if (seen.has(key)) {
      problems.push({ row: row.sourceRow, column: null, message: `a second row for ${row.areaName} ${row.period}${row.breakdown ? ` (${row.breakdown})` : ''}: keep one` });
    }
    seen.add(key);
    for (const failure of validateRow(def, row)) {
      notes.push(`${row.sourceRow ? `Row ${row.sourceRow}` : `${row.areaName} ${row.period}`}${row.breakdown ? ` (${row.breakdown})` : ''}: ${failure.message}. `
        + 'It will be imported, and the metrics that use these figures shown as invalid and left out of charts and the pack, until they are corrected.');
    }
    for (const note of rowNotes(def, row)) {
      notes.push(`${row.sourceRow ? `Row ${row.sourceRow}` : `${row.areaName} ${row.period}`} (${row.areaName} ${row.period}): ${note.message}.`);
    }
  }
  if (result.rows.length === 0 && problems.length === 0) {
    problems.push({ row: null, column: null, message: nothingToImport(request, layout, result.rowsRead) });
  }
  // A case-level list's rows are about children: the preview shows what will be kept, never the list itself, whether
  // or not the list has identifier columns to discard.
  const caseLevel = layout === waitingListLayout || layout === planListLayout;
  const firstRows = caseLevel
    ? [['period', 'breakdown', ...Object.keys(result.rows[0]?.values ?? {})],
      ...result.rows.slice(0, PREVIEW_ROWS).map((r) => [r.period, r.breakdown, ...Object.values(r.values).map((v) => (v === null ? '' : String(v)))])]
    : table.rows.slice(result.headerRow - 1, result.headerRow + PREVIEW_ROWS).map((row) => row.map(shown));
  const benchmarks = result.benchmarks?.length ? benchmarkFiguresOf(def, result.benchmarks) : [];
  if (new Set(benchmarks.filter((f) => f.geography === 'local').map((f) => f.areaCode)).size > 1) {
    const latest = [...new Set(benchmarks.map((f) => f.period))].sort(comparePeriods).at(-1)!;
    const count = (g: string) => new Set(benchmarks.filter((f) => f.geography === g && f.period === latest).map((f) => f.areaCode)).size;
    notes.push(`Every area's published figures are kept for benchmarking, apart from your own (${latest}: ${count('local')} authorities, `
      + `${count('regional')} regions and England), for ranks, quartiles, regional and statistical-neighbour comparisons.`);
  }
  return {
    benchmarks,
    layout: result.layout, rowsRead: result.rowsRead, columns: result.columns, discardedColumns: result.discardedColumns,
    firstRows, rows: result.rows.map(({ sourceRow: _sourceRow, ...row }) => row), problems, notes,
    periods: [...new Set(result.rows.map((r) => r.period))].sort(),
  };
}
