// Never edit once shipped: add a new numbered migration instead (tests/unit/migrations-frozen.test.ts).
// Each file's text stored once (issue 13 §4). Until now it was kept twice, as JSON segments in blobs and again in the
// full-text index's own content table, which made a county's workspace about 2x its evidence. Now:
// - blobs.text holds the text (segments joined by newlines, as the index always took it): as TEXT, or as a BLOB
//   compressed by the app (main/evidence/stored-text.ts); blobs.segments holds only where each part begins;
// - search_docs lists what is indexed (an item's indexed text is small and kept there; a file's is blobs.text), and
//   search_index is a contentless FTS5 table (contentless_delete, SQLite 3.43+): the index holds no second copy;
// - privacy_text_scans keeps each file's findings from the last check with the rules they were found under, so a
//   check rescans only files whose text or rules changed.
export default `
ALTER TABLE blobs ADD COLUMN text ANY NOT NULL DEFAULT '';
UPDATE blobs SET
  text = coalesce((SELECT group_concat(json_extract(value, '$.text'), char(10) ORDER BY key) FROM json_each(blobs.segments)), ''),
  segments = coalesce((SELECT json_group_array(json_array(json_extract(value, '$.location'),
      length(json_extract(value, '$.text')) - length(replace(json_extract(value, '$.text'), char(10), '')) + 1) ORDER BY key)
    FROM json_each(blobs.segments)), '[]');

CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('item', 'attachment')),
  ref TEXT NOT NULL,
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  sha256 TEXT REFERENCES blobs (sha256),
  CHECK ((body IS NULL) <> (sha256 IS NULL)),
  UNIQUE (kind, ref)
) STRICT;
CREATE INDEX search_docs_sha ON search_docs (sha256) WHERE sha256 IS NOT NULL;

INSERT OR IGNORE INTO search_docs (kind, ref, item_id, title, body, sha256)
  SELECT s.kind, s.ref, s.item_id, s.title,
    CASE WHEN b.text = s.body THEN NULL ELSE coalesce(s.body, '') END,
    CASE WHEN b.text = s.body THEN b.sha256 END
  FROM search_index s
  LEFT JOIN attachments a ON s.kind = 'attachment' AND a.id = CAST(s.ref AS INTEGER)
  LEFT JOIN blobs b ON b.sha256 = a.sha256
  ORDER BY s.rowid;

ALTER TABLE search_index RENAME TO search_index_0013;
CREATE VIRTUAL TABLE search_index USING fts5(
  title, body, content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_index (rowid, title, body)
  SELECT d.id, d.title, coalesce(d.body, b.text, '') FROM search_docs d LEFT JOIN blobs b ON b.sha256 = d.sha256 ORDER BY d.id;
DROP TABLE search_index_0013;

CREATE TABLE privacy_text_scans (
  sha256 TEXT PRIMARY KEY REFERENCES blobs (sha256) ON DELETE CASCADE,
  rules TEXT NOT NULL,
  findings TEXT NOT NULL CHECK (json_valid(findings))
) STRICT;
`;
