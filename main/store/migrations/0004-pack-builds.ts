// Shipped in 0.1.0. Never edit: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
export default `
CREATE TABLE pack_builds (
  version INTEGER PRIMARY KEY,
  built_at TEXT NOT NULL,
  built_by TEXT NOT NULL,
  options TEXT NOT NULL CHECK (json_valid(options)),
  input_sha256 TEXT NOT NULL,
  input TEXT NOT NULL CHECK (json_valid(input)),
  status_counts TEXT NOT NULL CHECK (json_valid(status_counts)),
  document_sha256 TEXT NOT NULL,
  bundle_sha256 TEXT
) STRICT;
`;
