import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { appendEvent } from '../audit/audit-events';

/** One column's choice in an import's preview: the header as the preview shows it, and the field it is taken as. */
export interface ColumnChoice {
  header: string;
  field: string | null;
}

/** The choices an officer made for files of one layout (the same normalised header row) of one dataset. */
export interface ColumnMapping {
  dataset: string;
  /** Identifies the layout: a digest of the normalised header row (see layoutKeyOf in main/imports). */
  layoutKey: string;
  /** The headers as written, for the officer to recognise the layout. */
  headers: string[];
  choices: ColumnChoice[];
}

export interface SavedColumnMapping extends ColumnMapping {
  savedAt: string;
  savedBy: string;
}

/** A row of the import_column_mappings table: headers and choices as JSON text. */
interface ColumnMappingRow {
  dataset: string;
  layout_key: string;
  headers: string;
  choices: string;
  saved_at: string;
  saved_by: string;
}

/** The remembered choices for a dataset's files of this layout, if any. */
export function findColumnMapping(db: Database, dataset: string, layoutKey: string): SavedColumnMapping | null {
  const row = db
    .prepare<[string, string], ColumnMappingRow>(
      'SELECT * FROM import_column_mappings WHERE dataset = ? AND layout_key = ?',
    )
    .get(dataset, layoutKey);
  if (!row) return null;
  return {
    dataset: row.dataset,
    layoutKey: row.layout_key,
    headers: JSON.parse(row.headers) as string[],
    choices: JSON.parse(row.choices) as ColumnChoice[],
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  };
}

/**
 * Remembers (or, with no choices, forgets) the officer's choices for files of this layout; the audit trail records
 * the change with the choices before and after.
 */
export function saveColumnMapping(
  db: WritableDB,
  mapping: ColumnMapping,
  who: string,
  at = new Date().toISOString(),
): void {
  const before = findColumnMapping(db, mapping.dataset, mapping.layoutKey);
  const same = JSON.stringify(before?.choices ?? []) === JSON.stringify(mapping.choices);
  if (!same) {
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'import-columns',
      before: before ? JSON.stringify({ dataset: mapping.dataset, choices: before.choices }) : null,
      after: JSON.stringify({ dataset: mapping.dataset, headers: mapping.headers, choices: mapping.choices }),
    });
  }
  if (mapping.choices.length === 0) {
    db.prepare('DELETE FROM import_column_mappings WHERE dataset = ? AND layout_key = ?').run(
      mapping.dataset,
      mapping.layoutKey,
    );
    return;
  }
  db.prepare(
    `INSERT INTO import_column_mappings (dataset, layout_key, headers, choices, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (dataset, layout_key) DO UPDATE SET headers = excluded.headers, choices = excluded.choices,
      saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  ).run(mapping.dataset, mapping.layoutKey, JSON.stringify(mapping.headers), JSON.stringify(mapping.choices), at, who);
}
