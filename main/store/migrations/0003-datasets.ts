// Shipped in 0.1.0. Never edit: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
CREATE TABLE dataset_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset TEXT NOT NULL,
  periods TEXT NOT NULL CHECK (json_valid(periods)),
  source_name TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  layout TEXT NOT NULL,
  rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
  rows_kept INTEGER NOT NULL CHECK (rows_kept >= 0),
  discarded_columns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(discarded_columns)),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;

CREATE TABLE dataset_rows (
  dataset TEXT NOT NULL,
  period TEXT NOT NULL,
  geography TEXT NOT NULL CHECK (geography IN ('local', 'regional', 'national')),
  area_code TEXT NOT NULL,
  area_name TEXT NOT NULL,
  breakdown TEXT NOT NULL DEFAULT '',
  figures TEXT NOT NULL CHECK (json_valid(figures)),
  missing TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(missing)),
  import_id INTEGER NOT NULL REFERENCES dataset_imports (id),
  PRIMARY KEY (dataset, period, geography, area_code, breakdown)
) STRICT;
CREATE INDEX dataset_rows_import ON dataset_rows (import_id);
`;
