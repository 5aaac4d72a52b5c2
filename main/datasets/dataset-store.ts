import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import type { DatasetRow } from '../../shared/domain/datasets/types';
import { appendEvent } from '../audit/audit-events';
import type { BenchmarkFigure } from './metrics/benchmarks';
import { replaceBenchmarkFigures } from './benchmark-store';

export type StoredDatasetRow = DatasetRow & { dataset: string };

/** A row of the dataset_rows table: one area's figures for a period and breakdown, as JSON text. */
interface DatasetRowsRow {
  dataset: string;
  period: string;
  geography: DatasetRow['geography'];
  area_code: string;
  area_name: string;
  breakdown: string;
  /** JSON object of the figures by field. */
  figures: string;
  /** JSON object of why a figure is missing, by field. */
  missing: string;
  import_id: number;
}

/** A row of the dataset_imports table: one import, its periods and discarded columns as JSON text. */
interface DatasetImportRow {
  id: number;
  dataset: string;
  /** JSON array of periods. */
  periods: string;
  source_name: string;
  source_sha256: string;
  layout: string;
  rows_read: number;
  rows_kept: number;
  /** JSON array of column headers. */
  discarded_columns: string;
  imported_at: string;
  imported_by: string;
}

export interface ImportRecord {
  dataset: string;
  sourceName: string;
  sourceSha256: string;
  layout: string;
  rowsRead: number;
  /** Columns read but not kept, e.g. a case-level extract's identifiers: listed so the officer can see what was dropped. */
  discardedColumns: string[];
  rows: DatasetRow[];
  /** A national file's figures for every area (§4.1), computed on preview; absent for a local file. */
  benchmarks?: BenchmarkFigure[];
  /**
   * What a row replaces: 'period' (a file: every breakdown of the area and period, so a re-import never mixes old
   * and new figures) or 'breakdown' (typed-in figures: only that breakdown, say one agency, of the area and period).
   */
  scope?: 'period' | 'breakdown';
}

export interface CommitResult {
  importId: number;
  periods: string[];
  rowsKept: number;
  /** Periods that held data before and were replaced by this import. */
  replacedPeriods: string[];
}

/**
 * Writes an import in one transaction, all rows or none. Each area and period it covers is replaced as a whole
 * (every breakdown), so a re-import never mixes old and new figures; areas it does not cover stay (a local-only
 * file keeps the national comparator imported from DfE's file). The audit trail says what was replaced.
 */
export function commitImport(
  db: WritableDB,
  record: ImportRecord,
  who: string,
  at = new Date().toISOString(),
): CommitResult {
  const periods = [...new Set(record.rows.map((r) => r.period))].sort();
  return db.transaction(() => {
    const byBreakdown = record.scope === 'breakdown';
    const keys = [
      ...new Map(
        record.rows.map((r) => [`${r.period}|${r.geography}|${r.areaCode}${byBreakdown ? `|${r.breakdown}` : ''}`, r]),
      ).values(),
    ];
    const scoped = byBreakdown ? ' AND breakdown = ?' : '';
    const args = (k: DatasetRow) => [
      record.dataset,
      k.period,
      k.geography,
      k.areaCode,
      ...(byBreakdown ? [k.breakdown] : []),
    ];
    const exists = db.prepare(
      `SELECT 1 FROM dataset_rows WHERE dataset = ? AND period = ? AND geography = ? AND area_code = ?${scoped} LIMIT 1`,
    );
    const replacedPeriods = [...new Set(keys.filter((k) => exists.get(...args(k))).map((k) => k.period))].sort();
    const info = db
      .prepare(
        `INSERT INTO dataset_imports (dataset, periods, source_name, source_sha256, layout, rows_read, rows_kept,
        discarded_columns, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.dataset,
        JSON.stringify(periods),
        record.sourceName,
        record.sourceSha256,
        record.layout,
        record.rowsRead,
        record.rows.length,
        JSON.stringify(record.discardedColumns),
        at,
        who,
      );
    const importId = Number(info.lastInsertRowid);
    const remove = db.prepare(
      `DELETE FROM dataset_rows WHERE dataset = ? AND period = ? AND geography = ? AND area_code = ?${scoped}`,
    );
    for (const k of keys) remove.run(...args(k));
    const insert =
      db.prepare(`INSERT INTO dataset_rows (dataset, period, geography, area_code, area_name, breakdown, figures, missing, import_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const row of record.rows) {
      insert.run(
        record.dataset,
        row.period,
        row.geography,
        row.areaCode,
        row.areaName,
        row.breakdown,
        JSON.stringify(row.values),
        JSON.stringify(row.missing),
        importId,
      );
    }
    if (record.benchmarks?.length) {
      replaceBenchmarkFigures(
        db,
        record.dataset,
        [...new Set(record.benchmarks.map((f) => f.period))],
        record.benchmarks,
        importId,
      );
    }
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: replacedPeriods.length ? 'import-replaced' : 'import',
      before: replacedPeriods.length ? JSON.stringify({ dataset: record.dataset, periods: replacedPeriods }) : null,
      after: JSON.stringify({
        dataset: record.dataset,
        periods,
        file: record.sourceName,
        rows: record.rows.length,
        discardedColumns: record.discardedColumns,
      }),
    });
    return { importId, periods, rowsKept: record.rows.length, replacedPeriods };
  })();
}

export interface HeldRow {
  period: string;
  breakdown: string;
  /** The file the figures came from, or 'typed in'. */
  source: string;
  importedAt: string;
  importedBy: string;
}

/** The rows an area holds for a period (and breakdown), with where each came from: what saving over them replaces. */
export function heldRows(
  db: Database,
  dataset: string,
  period: string,
  areaCode: string,
  breakdown?: string,
): HeldRow[] {
  const rows = db
    .prepare<
      string[],
      Pick<DatasetRowsRow, 'period' | 'breakdown'> &
        Pick<DatasetImportRow, 'source_name' | 'imported_at' | 'imported_by'>
    >(
      `SELECT r.period, r.breakdown, i.source_name, i.imported_at, i.imported_by FROM dataset_rows r
      JOIN dataset_imports i ON i.id = r.import_id
      WHERE r.dataset = ? AND r.period = ? AND r.geography = 'local' AND r.area_code = ?${breakdown === undefined ? '' : ' AND r.breakdown = ?'}
      ORDER BY r.breakdown`,
    )
    .all(dataset, period, areaCode, ...(breakdown === undefined ? [] : [breakdown]));
  return rows.map((r) => ({
    period: r.period,
    breakdown: r.breakdown,
    source: r.source_name,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  }));
}

export function listRows(db: Database, dataset?: string): StoredDatasetRow[] {
  const rows = dataset
    ? db
        .prepare<[string], DatasetRowsRow>(
          'SELECT * FROM dataset_rows WHERE dataset = ? ORDER BY period, geography, area_code, breakdown',
        )
        .all(dataset)
    : db
        .prepare<[], DatasetRowsRow>(
          'SELECT * FROM dataset_rows ORDER BY dataset, period, geography, area_code, breakdown',
        )
        .all();
  return rows.map((r) => ({
    dataset: r.dataset,
    period: r.period,
    geography: r.geography,
    areaCode: r.area_code,
    areaName: r.area_name,
    breakdown: r.breakdown,
    values: JSON.parse(r.figures) as DatasetRow['values'],
    missing: JSON.parse(r.missing) as DatasetRow['missing'],
  }));
}

export interface ImportSummary {
  id: number;
  dataset: string;
  periods: string[];
  sourceName: string;
  layout: string;
  rowsRead: number;
  rowsKept: number;
  discardedColumns: string[];
  importedAt: string;
  importedBy: string;
}

export function listImports(db: Database, dataset?: string): ImportSummary[] {
  const rows = dataset
    ? db
        .prepare<[string], DatasetImportRow>('SELECT * FROM dataset_imports WHERE dataset = ? ORDER BY id DESC')
        .all(dataset)
    : db.prepare<[], DatasetImportRow>('SELECT * FROM dataset_imports ORDER BY id DESC').all();
  return rows.map((r) => ({
    id: r.id,
    dataset: r.dataset,
    periods: JSON.parse(r.periods) as string[],
    sourceName: r.source_name,
    layout: r.layout,
    rowsRead: r.rows_read,
    rowsKept: r.rows_kept,
    discardedColumns: JSON.parse(r.discarded_columns) as string[],
    importedAt: r.imported_at,
    importedBy: r.imported_by,
  }));
}
