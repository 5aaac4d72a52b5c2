// Shipped in 0.1.0. Never edit: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
CREATE TABLE inspection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  notified_date TEXT NOT NULL,
  notified_time TEXT,
  preset TEXT NOT NULL,
  lead_officer TEXT NOT NULL DEFAULT '',
  milestone_overrides TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(milestone_overrides)),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

ALTER TABLE items ADD COLUMN due_date TEXT;

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL CHECK (bytes >= 0),
  text_status TEXT NOT NULL CHECK (text_status IN ('ok', 'not-scanned')),
  text_kind TEXT NOT NULL DEFAULT '',
  not_scanned_reason TEXT,
  segments TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(segments)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL REFERENCES items (id),
  chain_id INTEGER NOT NULL,
  version_no INTEGER NOT NULL CHECK (version_no >= 1),
  sha256 TEXT REFERENCES blobs (sha256),
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
CREATE INDEX attachments_item ON attachments (item_id, state);
CREATE INDEX attachments_sha ON attachments (sha256);

CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED, ref UNINDEXED, item_id UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (kind, ref, item_id, title, body)
  SELECT 'item', id, id, title, description || char(10) || note FROM items;
`;
