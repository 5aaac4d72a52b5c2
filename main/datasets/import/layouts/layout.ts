import type { DatasetDefinition, DatasetRow } from '../../../../shared/domain/datasets/types';
import type { ChosenArea } from '../authority';
import type { TableReadOk } from '../tabular/types';

export interface ImportProblem {
  /** 1-based row of the file (spreadsheet row), null for the file as a whole. */
  row: number | null;
  /** The column's header as written in the file. */
  column: string | null;
  message: string;
}

export interface LayoutInput {
  def: DatasetDefinition;
  table: TableReadOk;
  /** The authority (or region) to keep; the workspace's authority unless the officer chose another. */
  area: ChosenArea | null;
  /** Given by the officer, for files without a period column. */
  period?: string;
  /** For case-level waiting lists: the day the list was taken. */
  snapshot?: string;
  /**
   * The officer's column choices (officers' own tables only): each header as the preview showed it, and the field
   * it is taken as, or null for a column not to use. Columns not named keep what the app recognised.
   */
  mapping?: readonly { header: string; field: string | null }[];
}

/** One column of the file as the preview shows it: what it is taken as, and how that was decided. */
export interface PreviewColumn {
  header: string;
  field: string | null;
  /** recognised by its header, chosen (or remembered) by the officer, or not used; absent: recognised if field is set. */
  how?: 'recognised' | 'chosen' | 'remembered' | 'unused';
  /** Why a column the header seems to name was not taken (a percentage column is never a count). */
  note?: string;
}

export interface LayoutResult {
  layout: string;
  /** Data rows in the file (below the header), whether kept or not. */
  rowsRead: number;
  rows: (DatasetRow & { sourceRow: number | null })[];
  problems: ImportProblem[];
  columns: PreviewColumn[];
  /** Identifies the header row's layout, for remembering the officer's column choices; absent for DfE's own layouts. */
  layoutKey?: string;
  /** Columns read only to aggregate and never stored (identifiers in a case-level extract). */
  discardedColumns: string[];
  notes: string[];
  /** The header row (1-based), so a preview can show the file from there. */
  headerRow: number;
  /** A national file's total row for every area (authorities, regions, England), kept apart as comparators. */
  benchmarks?: BenchmarkRow[];
}

/** One area's total row from a national file, with the region it lies in (ONS code; '' for England). */
export type BenchmarkRow = DatasetRow & { regionCode: string };

/** A layout says whether it recognises a file and, if so, maps it. */
export interface Layout {
  id: string;
  recognises(input: LayoutInput): boolean;
  map(input: LayoutInput): LayoutResult;
}
