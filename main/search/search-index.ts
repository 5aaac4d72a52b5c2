import type { Database } from 'better-sqlite3';

/**
 * The full-text index (migration 0014): search_docs lists what is indexed, and search_index is an external-content
 * FTS5 table over the view search_source, which takes a file's text from blobs.text, so the text is stored once.
 * An external-content index must be told the exact text it indexed when a row leaves it, so every change goes
 * through here: a row leaves the index (read back from search_source) before its source changes. A backup made
 * before migration 0014 holds the older self-contained index; purges and redactions rewrite backups, so each
 * function also handles that shape.
 */
const hasSearchDocs = (db: Database): boolean =>
  !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_docs'").get();

function removeDoc(db: Database, kind: 'item' | 'attachment', ref: string): void {
  const id = db.prepare('SELECT id FROM search_docs WHERE kind = ? AND ref = ?').pluck().get(kind, ref) as number | undefined;
  if (id === undefined) return;
  db.prepare(`INSERT INTO search_index (search_index, rowid, kind, ref, item_id, title, body)
              SELECT 'delete', id, kind, ref, item_id, title, body FROM search_source WHERE id = ?`).run(id);
  db.prepare('DELETE FROM search_docs WHERE id = ?').run(id);
}

function addDoc(db: Database, id: number): void {
  db.prepare(`INSERT INTO search_index (rowid, kind, ref, item_id, title, body)
              SELECT id, kind, ref, item_id, title, body FROM search_source WHERE id = ?`).run(id);
}

/** Keeps the FTS5 index in step with items and attachments; called inside the same transaction as the change. */
export function reindexItem(db: Database, itemId: string): void {
  if (!hasSearchDocs(db)) {
    db.prepare("DELETE FROM search_index WHERE kind = 'item' AND ref = ?").run(itemId);
    db.prepare(`INSERT INTO search_index (kind, ref, item_id, title, body)
                SELECT 'item', id, id, title, description || char(10) || note FROM items WHERE id = ? AND retired = 0`).run(itemId);
    return;
  }
  removeDoc(db, 'item', itemId);
  const info = db.prepare(`INSERT INTO search_docs (kind, ref, item_id, title, body)
              SELECT 'item', id, id, title, description || char(10) || note FROM items WHERE id = ? AND retired = 0`).run(itemId);
  if (info.changes > 0) addDoc(db, Number(info.lastInsertRowid));
}

/**
 * Indexes an attachment under its title and file name, with `text`: the file's stored text (blobs.text), which the
 * index then reads from there; other text (never written by the app) is kept in search_docs instead.
 */
export function indexAttachment(db: Database, attachmentId: number, text: string): void {
  removeAttachmentFromIndex(db, attachmentId);
  if (!hasSearchDocs(db)) {
    db.prepare(`INSERT INTO search_index (kind, ref, item_id, title, body)
                SELECT 'attachment', CAST(id AS TEXT), item_id, title || ' ' || file_name, ? FROM attachments WHERE id = ?`)
      .run(text, attachmentId);
    return;
  }
  const info = db.prepare(`INSERT INTO search_docs (kind, ref, item_id, title, body, sha256)
      SELECT 'attachment', CAST(a.id AS TEXT), a.item_id, a.title || ' ' || a.file_name,
        CASE WHEN b.text = @text THEN NULL ELSE @text END, CASE WHEN b.text = @text THEN b.sha256 END
      FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = @id`).run({ text, id: attachmentId });
  if (info.changes > 0) addDoc(db, Number(info.lastInsertRowid));
}

/** The text an attachment is indexed with, if it is indexed. */
export function indexedAttachmentText(db: Database, attachmentId: number): string | undefined {
  return (hasSearchDocs(db)
    ? db.prepare("SELECT body FROM search_source WHERE kind = 'attachment' AND ref = ?")
    : db.prepare("SELECT body FROM search_index WHERE kind = 'attachment' AND ref = ?")).pluck().get(String(attachmentId)) as string | undefined;
}

export function removeAttachmentFromIndex(db: Database, attachmentId: number): void {
  if (hasSearchDocs(db)) removeDoc(db, 'attachment', String(attachmentId));
  else db.prepare("DELETE FROM search_index WHERE kind = 'attachment' AND ref = ?").run(String(attachmentId));
}

/**
 * Changes a stored file's text (a file read again by a newer reader): the attachments indexed with it leave the
 * index under the old text and come back under the new one.
 */
export function changeStoredText(db: Database, sha256: string, change: () => void): void {
  if (!hasSearchDocs(db)) { change(); return; }
  const ids = db.prepare('SELECT id FROM search_docs WHERE sha256 = ?').pluck().all(sha256) as number[];
  for (const id of ids) {
    db.prepare(`INSERT INTO search_index (search_index, rowid, kind, ref, item_id, title, body)
                SELECT 'delete', id, kind, ref, item_id, title, body FROM search_source WHERE id = ?`).run(id);
  }
  change();
  for (const id of ids) addDoc(db, id);
}

/** Rewrites the index's segments so deleted rows leave nothing behind (after a purge). */
export function compactIndex(db: Database): void {
  db.prepare("INSERT INTO search_index (search_index) VALUES ('optimize')").run();
}

export interface SearchHit {
  kind: 'item' | 'attachment';
  itemId: string;
  attachmentId: number | null;
  title: string;
  snippet: string;
}

/** Every word must match, as a prefix: "jsna 202" finds "JSNA 2024". Quotes stop FTS syntax in what people type. */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 12).map((w) => `"${w}"*`).join(' ') : null;
}

export function search(db: Database, text: string, limit = 50): SearchHit[] {
  const query = toFtsQuery(text);
  if (!query) return [];
  const rows = db.prepare(`SELECT kind, ref, item_id, title, snippet(search_index, 4, '[', ']', '…', 12) AS snippet
      FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index, 0, 0, 0, 5, 1) LIMIT ?`)
    .all(query, limit) as { kind: 'item' | 'attachment'; ref: string; item_id: string; title: string; snippet: string }[];
  return rows.map((r) => ({ kind: r.kind, itemId: r.item_id, attachmentId: r.kind === 'attachment' ? Number(r.ref) : null,
    title: r.title, snippet: r.snippet }));
}
