import type { DatasetDefinition, DatasetRow } from '../../../shared/domain/datasets/types';
import { rowNotes, validateRow } from '../../../shared/domain/datasets/rules';
import { comparePeriods } from '../../../shared/domain/datasets/period';
import { benchmarkFiguresOf } from '../metrics/benchmark-figures';
import type { BenchmarkFigure } from '../metrics/benchmarks';
import { describeArea, type ChosenArea } from './authority';
import { readTable } from './tabular/read-table';
import type { Cell } from './tabular/types';
import { dfeTidyLayout } from './layouts/dfe-tidy';
import { yearColumnsTableLayout } from './layouts/year-columns-table';
import { templateLayout } from './layouts/template';
import { planListLayout, waitingListLayout } from './layouts/case-extract';
import type { ImportProblem, Layout, LayoutInput, PreviewColumn } from './layouts/layout';
import { layoutKeyOf, mappingTargets, type MappingTarget } from './layouts/column-choice';
import { findHeaderRow } from './tabular/header';

/** Most specific first: a case-level list also has dates a template would not take; the template takes anything left. */
const LAYOUTS: readonly Layout[] = [
  waitingListLayout,
  planListLayout,
  dfeTidyLayout,
  yearColumnsTableLayout,
  templateLayout,
];
const PREVIEW_ROWS = 10;

export interface ImportRequest {
  def: DatasetDefinition;
  bytes: Uint8Array;
  fileName: string;
  area: ChosenArea | null;
  period?: string;
  snapshot?: string;
  sheet?: string;
  /** The officer's column choices (see LayoutInput.mapping). */
  mapping?: readonly { header: string; field: string | null }[];
}

export interface Preview {
  layout: string;
  rowsRead: number;
  columns: (PreviewColumn & { how: NonNullable<PreviewColumn['how']> })[];
  /** Whether the officer can choose what the columns are taken as (their own tables; DfE's layouts are fixed). */
  mappable: boolean;
  /** Identifies the header row's layout, to remember the officer's choices for the next file like it. */
  layoutKey: string | null;
  /** The fields a column can be taken as. */
  targets: MappingTarget[];
  discardedColumns: string[];
  firstRows: string[][];
  rows: DatasetRow[];
  problems: ImportProblem[];
  notes: string[];
  periods: string[];
  /** A national file's figures for every authority, region and England (§4.1 benchmarking); empty otherwise. */
  benchmarks: BenchmarkFigure[];
}

/** A cell as the preview shows it: as written, but a percentage as a spreadsheet would show it (54.5%, not 54.5454545454545%). */
const shown = (cell: Cell | undefined) =>
  !cell
    ? ''
    : cell.kind === 'percent' && cell.number !== undefined
      ? `${Number(cell.number.toFixed(2)).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`
      : cell.raw.trim();

/** A preview that imports nothing, with the one problem that stopped it. */
export function failed(problem: ImportProblem, def?: DatasetDefinition): Preview {
  return {
    layout: 'none',
    rowsRead: 0,
    columns: [],
    mappable: false,
    layoutKey: null,
    targets: def ? mappingTargets(def) : [],
    discardedColumns: [],
    firstRows: [],
    rows: [],
    problems: [problem],
    notes: [],
    periods: [],
    benchmarks: [],
  };
}

/** Why a file that was read without a problem still gives nothing to import, and what would change that. */
function nothingToImport(request: ImportRequest, layout: Layout, rowsRead: number): string {
  const name = request.fileName.split(/[\\/]/).pop() || 'The file';
  if (rowsRead === 0)
    return `${name} has no rows of figures below its header: add them, or choose the file that holds them.`;
  if (layout === waitingListLayout) {
    return (
      `${name} has no child still waiting on ${request.snapshot ?? 'the snapshot date'}: check the snapshot date (children seen by then, ` +
      'and referrals made after it, are not counted).'
    );
  }
  if (layout === planListLayout) {
    return request.period
      ? `${name} has no plan issued in ${request.period}: check the period, or leave it out to import every year in the list.`
      : `${name} has no plan with an issue date (plans not yet issued are not counted): check the issue date column.`;
  }
  const area = request.area ? describeArea(request.area).name : 'your area';
  return (
    `${name} has no rows for ${area} among its ${rowsRead} row${rowsRead === 1 ? '' : 's'}: check the authority chosen, or the file's ` +
    'area and period columns.'
  );
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
  const input: LayoutInput = {
    def,
    table,
    area: request.area,
    ...(request.period ? { period: request.period } : {}),
    ...(request.snapshot ? { snapshot: request.snapshot } : {}),
    ...(request.mapping ? { mapping: request.mapping } : {}),
  };
  const layout = LAYOUTS.find((l) => l.recognises(input));
  if (!layout) {
    const expected = def.columns
      .slice(0, 8)
      .map((c) => c.name)
      .join(', ');
    const refusal = failed(
      {
        row: null,
        column: null,
        message:
          `${request.fileName} has no column that belongs to ${def.title}. ` +
          `Choose what its columns are (below), or name them as the dataset does, such as ${expected}; save a blank template to see them all.`,
      },
      def,
    );
    // The table's header row, as best it can be found, so the officer can say what its columns are.
    const generic = findHeaderRow(table.rows, [], { merges: table.merges });
    if (!generic) return refusal;
    const headers = generic.columns.filter((c) => c.header).map((c) => c.header);
    return {
      ...refusal,
      mappable: true,
      layoutKey: layoutKeyOf(generic.columns.map((c) => c.header)),
      columns: headers.map((header) => ({ header, field: null, how: 'unused' as const })),
      firstRows: table.rows.slice(generic.headerRow - 1, generic.headerRow + PREVIEW_ROWS).map((row) => row.map(shown)),
    };
  }
  const result = layout.map(input);
  const problems = [...result.problems];
  const notes = [...result.notes];
  const seen = new Set<string>();
  for (const row of result.rows) {
    const key = `${row.period}|${row.geography}|${row.areaCode}|${row.breakdown}`;
    if (seen.has(key)) {
      problems.push({
        row: row.sourceRow,
        column: null,
        message: `a second row for ${row.areaName} ${row.period}${row.breakdown ? ` (${row.breakdown})` : ''}: keep one`,
      });
    }
    seen.add(key);
    for (const failure of validateRow(def, row)) {
      notes.push(
        `${row.sourceRow ? `Row ${row.sourceRow}` : `${row.areaName} ${row.period}`}${row.breakdown ? ` (${row.breakdown})` : ''}: ${failure.message}. ` +
          'It will be imported, and the metrics that use these figures shown as invalid and left out of charts and the pack, until they are corrected.',
      );
    }
    for (const note of rowNotes(def, row)) {
      notes.push(
        `${row.sourceRow ? `Row ${row.sourceRow}` : `${row.areaName} ${row.period}`} (${row.areaName} ${row.period}): ${note.message}.`,
      );
    }
  }
  if (result.rows.length === 0 && problems.length === 0) {
    problems.push({ row: null, column: null, message: nothingToImport(request, layout, result.rowsRead) });
  }
  // A case-level list's rows are about children: the preview shows what will be kept, never the list itself, whether
  // or not the list has identifier columns to discard.
  const caseLevel = layout === waitingListLayout || layout === planListLayout;
  const firstRows = caseLevel
    ? [
        ['period', 'breakdown', ...Object.keys(result.rows[0]?.values ?? {})],
        ...result.rows
          .slice(0, PREVIEW_ROWS)
          .map((r) => [r.period, r.breakdown, ...Object.values(r.values).map((v) => (v === null ? '' : String(v)))]),
      ]
    : table.rows.slice(result.headerRow - 1, result.headerRow + PREVIEW_ROWS).map((row) => row.map(shown));
  const benchmarks = result.benchmarks?.length ? benchmarkFiguresOf(def, result.benchmarks) : [];
  if (new Set(benchmarks.filter((f) => f.geography === 'local').map((f) => f.areaCode)).size > 1) {
    const latest = [...new Set(benchmarks.map((f) => f.period))].sort(comparePeriods).at(-1)!;
    const count = (g: string) =>
      new Set(benchmarks.filter((f) => f.geography === g && f.period === latest).map((f) => f.areaCode)).size;
    notes.push(
      `Every area's published figures are kept for benchmarking, apart from your own (${latest}: ${count('local')} authorities, ` +
        `${count('regional')} regions and England), for ranks, quartiles, regional and statistical-neighbour comparisons.`,
    );
  }
  return {
    benchmarks,
    layout: result.layout,
    rowsRead: result.rowsRead,
    columns: result.columns.map((c) => ({ ...c, how: c.how ?? (c.field ? 'recognised' : 'unused') })),
    mappable: layout === templateLayout,
    layoutKey: result.layoutKey ?? null,
    targets: mappingTargets(def),
    discardedColumns: result.discardedColumns,
    firstRows,
    rows: result.rows.map(({ sourceRow: _sourceRow, ...row }) => row),
    problems,
    notes,
    periods: [...new Set(result.rows.map((r) => r.period))].sort(),
  };
}
