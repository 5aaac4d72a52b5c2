/** Uploaded CSV and XLSX files as typed grids, for the dataset importer to map to columns. */
export { readTable } from './read-table';
export { interpretCell } from './interpret';
export { findHeaderRow, normaliseHeader, stripFootnoteDigits } from './header';
export type { Cell, TableReadOk, TableReadResult } from './types';
