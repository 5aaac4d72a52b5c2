// Issue 19: the Annex A list checks (counts only) and catalogue 2026.2 (due rule, background items, split items).
// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
ALTER TABLE items ADD COLUMN due_rule TEXT NOT NULL DEFAULT '' CHECK (due_rule IN ('', 'day-0'));
ALTER TABLE items ADD COLUMN background INTEGER NOT NULL DEFAULT 0 CHECK (background IN (0, 1));

CREATE TABLE item_lineage (
  item_id TEXT NOT NULL REFERENCES items (id),
  from_item_id TEXT NOT NULL REFERENCES items (id),
  PRIMARY KEY (item_id, from_item_id)
) STRICT;

CREATE TABLE list_checks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list INTEGER NOT NULL CHECK (list IN (1, 2)),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  as_of TEXT NOT NULL,
  rule_counts TEXT NOT NULL CHECK (json_valid(rule_counts)),
  checked_at TEXT NOT NULL,
  checked_by TEXT NOT NULL
) STRICT;
CREATE INDEX list_checks_list ON list_checks (list, id);

CREATE TABLE list_profiles (
  list INTEGER PRIMARY KEY CHECK (list IN (1, 2)),
  profile TEXT NOT NULL CHECK (json_valid(profile)),
  saved_at TEXT NOT NULL,
  saved_by TEXT NOT NULL
) STRICT;
`;
