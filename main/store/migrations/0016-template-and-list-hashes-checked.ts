// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
//
// The two SHA-256 columns added after 0006 checked as 0006 checks the others: 64 lowercase hex characters, so a hash
// can never be a path however the row arrived (the council template's, which had no check, and the Annex A list
// checks', which checked only the length). The import of a workspace archive checks them too
// (main/workspace/imported-database.ts); this is the database's own rule. SQLite adds a CHECK only by rebuilding the
// table (0006 says how); neither table is referenced by another.
export default `
CREATE TABLE pack_template_checked (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  file_name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  chosen_at TEXT NOT NULL,
  chosen_by TEXT NOT NULL
) STRICT;
INSERT INTO pack_template_checked SELECT id, file_name, bytes, sha256, chosen_at, chosen_by FROM pack_template;
DROP TABLE pack_template;
ALTER TABLE pack_template_checked RENAME TO pack_template;

CREATE TABLE list_checks_checked (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list INTEGER NOT NULL CHECK (list IN (1, 2)),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  as_of TEXT NOT NULL,
  rule_counts TEXT NOT NULL CHECK (json_valid(rule_counts)),
  checked_at TEXT NOT NULL,
  checked_by TEXT NOT NULL
) STRICT;
INSERT INTO list_checks_checked SELECT id, list, file_name, sha256, row_count, as_of, rule_counts, checked_at, checked_by
  FROM list_checks;
CREATE TEMP TABLE list_checks_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'list_checks';
DROP TABLE list_checks;
ALTER TABLE list_checks_checked RENAME TO list_checks;
UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.list_checks_sequence)) WHERE name = 'list_checks'
  AND EXISTS (SELECT 1 FROM temp.list_checks_sequence);
INSERT INTO sqlite_sequence (name, seq) SELECT 'list_checks', seq FROM temp.list_checks_sequence
  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'list_checks');
DROP TABLE temp.list_checks_sequence;
CREATE INDEX list_checks_list ON list_checks (list, id);
`;
