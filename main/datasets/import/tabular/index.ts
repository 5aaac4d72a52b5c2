/** Uploaded CSV and XLSX files as typed grids, for the dataset importer to map to columns. */
export { readTable } from './read-table';
export { EMPTY_CELL, interpretCell, isoDate, markerOf } from './interpret';
export { findHeaderRow, normaliseHeader, stripFootnoteDigits } from './header';
export type { FindHeaderOptions, HeaderColumn, HeaderMatch } from './header';
export type {
  Cell, CellKind, Marker, Merge, PublishedMarker, ReadTableOptions, SpreadsheetError, TableReadOk, TableReadProblem,
  TableReadResult, TextEncodingLabel,
} from './types';
