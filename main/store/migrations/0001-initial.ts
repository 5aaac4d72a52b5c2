// Shipped in 0.1.0. Never edit: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE items (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  areas TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(areas)),
  supports TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(supports)),
  kinds TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(kinds)),
  typical_owner TEXT NOT NULL DEFAULT '',
  freshness_rule TEXT NOT NULL DEFAULT '',
  freshness_months REAL,
  person_level INTEGER NOT NULL DEFAULT 0 CHECK (person_level IN (0, 1)),
  origin TEXT NOT NULL CHECK (origin IN ('catalogue', 'custom')),
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  sort_order INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'not-started'
    CHECK (status IN ('not-started', 'in-progress', 'ready-for-review', 'approved', 'not-applicable')),
  owner TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  approved_by TEXT,
  approved_at TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  item_id TEXT,
  action TEXT NOT NULL,
  before TEXT,
  after TEXT,
  reason TEXT
) STRICT;
CREATE INDEX events_item ON events (item_id, seq);

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
`;
