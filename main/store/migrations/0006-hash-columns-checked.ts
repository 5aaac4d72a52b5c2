// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
//
// Every column holding a SHA-256 accepts only 64 lowercase hex characters, so a hash can never be a path
// ("../../somewhere") however the row arrived (an imported workspace, a hand-edited database). Figures typed in
// (datasets.enter) have no source file: their source_sha256 is ''. SQLite adds a CHECK
// only by rebuilding the table: each is copied into a new table with the constraint, the old one dropped and the
// new one renamed into its place (SQLite's documented procedure: migrate() runs it with foreign keys off and runs
// foreign_key_check before it commits). Indexes are recreated as 0002 made them.
export default `
CREATE TABLE blobs_checked (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  text_status TEXT NOT NULL CHECK (text_status IN ('ok', 'not-scanned')),
  text_kind TEXT NOT NULL DEFAULT '',
  not_scanned_reason TEXT,
  segments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(segments)),
  created_at TEXT NOT NULL
) STRICT;
INSERT INTO blobs_checked SELECT sha256, bytes, text_status, text_kind, not_scanned_reason, segments, created_at FROM blobs;
DROP TABLE blobs;
ALTER TABLE blobs_checked RENAME TO blobs;

CREATE TABLE attachments_checked (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL REFERENCES items (id),
  chain_id INTEGER NOT NULL,
  version_no INTEGER NOT NULL CHECK (version_no >= 1),
  sha256 TEXT REFERENCES blobs (sha256) CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
  file_name TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  title TEXT NOT NULL,
  document_date TEXT,
  version_label TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('current', 'superseded', 'binned', 'purged')),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  binned_at TEXT,
  binned_by TEXT,
  UNIQUE (chain_id, version_no)
) STRICT;
INSERT INTO attachments_checked SELECT id, item_id, chain_id, version_no, sha256, file_name, bytes, title, document_date,
  version_label, author, source, note, state, added_at, added_by, binned_at, binned_by FROM attachments;
CREATE TEMP TABLE attachments_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'attachments';
DROP TABLE attachments;
ALTER TABLE attachments_checked RENAME TO attachments;
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.attachments_sequence)) WHERE name = 'attachments'
  AND EXISTS (SELECT 1 FROM temp.attachments_sequence);
INSERT INTO sqlite_sequence (name, seq) SELECT 'attachments', seq FROM temp.attachments_sequence
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'attachments');
DROP TABLE temp.attachments_sequence;
CREATE INDEX attachments_item ON attachments (item_id, state);
CREATE INDEX attachments_sha ON attachments (sha256);

CREATE TABLE dataset_imports_checked (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset TEXT NOT NULL,
  periods TEXT NOT NULL CHECK (json_valid(periods)),
  source_name TEXT NOT NULL,
  source_sha256 TEXT NOT NULL CHECK (source_sha256 = '' OR (length(source_sha256) = 64 AND source_sha256 NOT GLOB '*[^0-9a-f]*')),
  layout TEXT NOT NULL,
  rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
  rows_kept INTEGER NOT NULL CHECK (rows_kept >= 0),
  discarded_columns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(discarded_columns)),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT;
INSERT INTO dataset_imports_checked SELECT id, dataset, periods, source_name, source_sha256, layout, rows_read, rows_kept,
  discarded_columns, imported_at, imported_by FROM dataset_imports;
CREATE TEMP TABLE dataset_imports_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'dataset_imports';
DROP TABLE dataset_imports;
ALTER TABLE dataset_imports_checked RENAME TO dataset_imports;
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.dataset_imports_sequence)) WHERE name = 'dataset_imports'
  AND EXISTS (SELECT 1 FROM temp.dataset_imports_sequence);
INSERT INTO sqlite_sequence (name, seq) SELECT 'dataset_imports', seq FROM temp.dataset_imports_sequence
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'dataset_imports');
DROP TABLE temp.dataset_imports_sequence;

CREATE TABLE pack_builds_checked (
  version INTEGER PRIMARY KEY,
  built_at TEXT NOT NULL,
  built_by TEXT NOT NULL,
  options TEXT NOT NULL CHECK (json_valid(options)),
  input_sha256 TEXT NOT NULL CHECK (length(input_sha256) = 64 AND input_sha256 NOT GLOB '*[^0-9a-f]*'),
  input TEXT NOT NULL CHECK (json_valid(input)),
  status_counts TEXT NOT NULL CHECK (json_valid(status_counts)),
  document_sha256 TEXT NOT NULL CHECK (length(document_sha256) = 64 AND document_sha256 NOT GLOB '*[^0-9a-f]*'),
  bundle_sha256 TEXT CHECK (bundle_sha256 IS NULL OR (length(bundle_sha256) = 64 AND bundle_sha256 NOT GLOB '*[^0-9a-f]*'))
) STRICT;
INSERT INTO pack_builds_checked SELECT version, built_at, built_by, options, input_sha256, input, status_counts,
  document_sha256, bundle_sha256 FROM pack_builds;
DROP TABLE pack_builds;
ALTER TABLE pack_builds_checked RENAME TO pack_builds;
`;
