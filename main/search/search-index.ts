import type { Database } from 'better-sqlite3';

/** Keeps the FTS5 index in step with items and attachments; called inside the same transaction as the change. */
export function reindexItem(db: Database, itemId: string): void {
  db.prepare("DELETE FROM search_index WHERE kind = 'item' AND ref = ?").run(itemId);
  db.prepare(`INSERT INTO search_index (kind, ref, item_id, title, body)
              SELECT 'item', id, id, title, description || char(10) || note FROM items WHERE id = ? AND retired = 0`).run(itemId);
}

export function indexAttachment(db: Database, attachmentId: number, text: string): void {
  removeAttachmentFromIndex(db, attachmentId);
  db.prepare(`INSERT INTO search_index (kind, ref, item_id, title, body)
              SELECT 'attachment', CAST(id AS TEXT), item_id, title || ' ' || file_name, ? FROM attachments WHERE id = ?`)
    .run(text, attachmentId);
}

export function removeAttachmentFromIndex(db: Database, attachmentId: number): void {
  db.prepare("DELETE FROM search_index WHERE kind = 'attachment' AND ref = ?").run(String(attachmentId));
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
