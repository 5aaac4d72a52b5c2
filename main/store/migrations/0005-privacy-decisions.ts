// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
CREATE TABLE privacy_decisions (
  finding_key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('false-positive')),
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL
) STRICT;

CREATE TABLE privacy_file_decisions (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),
  decision TEXT NOT NULL CHECK (decision IN ('excluded', 'confirmed-no-personal-data')),
  reason TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL
) STRICT;
`;
