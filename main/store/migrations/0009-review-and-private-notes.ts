// Never edit once shipped: add a new numbered migration instead (tests/main/store/migrations-frozen.test.ts).
// Issue 16: private notes (one per item per writer, never in the pack, tracker, bundle or an exported workspace) and
// the reviewer's comment when an item is sent back (shown on the item until it is approved).
export default `
-- Private notes and review comments (issue 16).
CREATE TABLE private_notes (
  item_id TEXT NOT NULL REFERENCES items (id),
  writer TEXT NOT NULL,
  note TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (item_id, writer)
) STRICT;

ALTER TABLE items ADD COLUMN review_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN review_comment_by TEXT;
ALTER TABLE items ADD COLUMN review_comment_at TEXT;
`;
