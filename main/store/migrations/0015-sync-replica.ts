// Never edit once shipped: add a new numbered migration instead (tests/unit/migrations-frozen.test.ts).
// The replicated document (Yjs) of a workspace shared through a sync server, kept in the workspace's own database
// and written in the same transactions as the rows it describes, so a kill at any moment loses nothing: the update
// log, what the rows and the document last agreed on (to tell a local change from a remote one), and the stable
// key each attachment has in the document.
export default `
CREATE TABLE sync_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_update BLOB NOT NULL
) STRICT;

CREATE TABLE sync_shadow (
  kind TEXT NOT NULL CHECK (kind IN ('item', 'attachment', 'inspection', 'settings')),
  key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (json_valid(state)),
  PRIMARY KEY (kind, key)
) STRICT;

CREATE TABLE sync_attachment_keys (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),
  uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 8 AND 80)
) STRICT;
`;
