import { decodeStoredText } from '../store/stored-text';
import type { Database } from 'better-sqlite3';

/**
 * The full-text index (migration 0014): search_docs lists what is indexed (an item's text is kept there; a file's
 * is its stored text, blobs.text), and search_index is a contentless FTS5 table (contentless_delete) keyed by
 * search_docs.id, so the index holds no copy of the text. A backup made before migration 0014 holds the older
 * self-contained index; purges and redactions rewrite backups, so each function also handles that shape.
 */
/**
 * A row of the search_docs table: what the FTS5 index holds for an item or attachment. An item's text is its own
 * body; an attachment with a stored file points to the blob by sha256 and has no body.
 */
interface SearchDocRow {
  id: number;
  kind: 'item' | 'attachment';
  /** The item's id, or the attachment's id as text. */
  ref: string;
  item_id: string;
  title: string;
  body: string | null;
  sha256: string | null;
}

const hasSearchDocs = (db: Database): boolean =>
  !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_docs'").get();

function removeDoc(db: Database, kind: 'item' | 'attachment', ref: string): void {
  const id = db
    .prepare<[string, string], SearchDocRow['id']>('SELECT id FROM search_docs WHERE kind = ? AND ref = ?')
    .pluck()
    .get(kind, ref);
  if (id === undefined) return;
  db.prepare('DELETE FROM search_index WHERE rowid = ?').run(id);
  db.prepare('DELETE FROM search_docs WHERE id = ?').run(id);
}

const addToIndex = (db: Database, id: number, title: string, body: string) =>
  db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)').run(id, title, body);

/** Keeps the FTS5 index in step with items and attachments; called inside the same transaction as the change. */
export function reindexItem(db: Database, itemId: string): void {
  if (!hasSearchDocs(db)) {
    db.prepare("DELETE FROM search_index WHERE kind = 'item' AND ref = ?").run(itemId);
    db.prepare(
      `INSERT INTO search_index (kind, ref, item_id, title, body)
                SELECT 'item', id, id, title, description || char(10) || note FROM items WHERE id = ? AND retired = 0`,
    ).run(itemId);
    return;
  }
  removeDoc(db, 'item', itemId);
  const doc = db
    .prepare<[string], Pick<SearchDocRow, 'id' | 'title'> & { body: string }>(
      `INSERT INTO search_docs (kind, ref, item_id, title, body)
              SELECT 'item', id, id, title, description || char(10) || note FROM items WHERE id = ? AND retired = 0
              RETURNING id, title, body`,
    )
    .get(itemId);
  if (doc) addToIndex(db, doc.id, doc.title, doc.body);
}

/**
 * Indexes an attachment under its title and file name, with `text`: its stored file's text (blobs.text, which
 * search_docs then points to), or for an attachment without a stored file, text kept in search_docs itself.
 */
export function indexAttachment(db: Database, attachmentId: number, text: string): void {
  removeAttachmentFromIndex(db, attachmentId);
  if (!hasSearchDocs(db)) {
    db.prepare(
      `INSERT INTO search_index (kind, ref, item_id, title, body)
                SELECT 'attachment', CAST(id AS TEXT), item_id, title || ' ' || file_name, ? FROM attachments WHERE id = ?`,
    ).run(text, attachmentId);
    return;
  }
  const doc = db
    .prepare<{ text: string; id: number }, Pick<SearchDocRow, 'id' | 'title'>>(
      `INSERT INTO search_docs (kind, ref, item_id, title, body, sha256)
      SELECT 'attachment', CAST(a.id AS TEXT), a.item_id, a.title || ' ' || a.file_name,
        CASE WHEN b.sha256 IS NULL THEN @text END, b.sha256
      FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = @id
      RETURNING id, title`,
    )
    .get({ text, id: attachmentId });
  if (doc) addToIndex(db, doc.id, doc.title, text);
}

/** The text a search document holds: its own (an item's) or its stored file's. */
function docText(db: Database, doc: Pick<SearchDocRow, 'body' | 'sha256'>): string {
  if (doc.body !== null) return doc.body;
  return decodeStoredText(
    db.prepare<[string | null], string | Uint8Array>('SELECT text FROM blobs WHERE sha256 = ?').pluck().get(doc.sha256),
  );
}

/** The text an attachment is indexed with, if it is indexed. */
export function indexedAttachmentText(db: Database, attachmentId: number): string | undefined {
  if (!hasSearchDocs(db)) {
    // A workspace from before search_docs (text stored once) keeps the text in the index itself.
    return db
      .prepare<[string], string>("SELECT body FROM search_index WHERE kind = 'attachment' AND ref = ?")
      .pluck()
      .get(String(attachmentId));
  }
  const doc = db
    .prepare<[string], Pick<SearchDocRow, 'body' | 'sha256'>>(
      "SELECT body, sha256 FROM search_docs WHERE kind = 'attachment' AND ref = ?",
    )
    .get(String(attachmentId));
  return doc ? docText(db, doc) : undefined;
}

export function removeAttachmentFromIndex(db: Database, attachmentId: number): void {
  if (hasSearchDocs(db)) removeDoc(db, 'attachment', String(attachmentId));
  else db.prepare("DELETE FROM search_index WHERE kind = 'attachment' AND ref = ?").run(String(attachmentId));
}

/**
 * Changes a stored file's text (a file read again by a newer reader): the attachments indexed with it are indexed
 * again under the new text.
 */
export function changeStoredText(db: Database, sha256: string, text: string, change: () => void): void {
  change();
  if (!hasSearchDocs(db)) return;
  for (const doc of db
    .prepare<[string], Pick<SearchDocRow, 'id' | 'title'>>('SELECT id, title FROM search_docs WHERE sha256 = ?')
    .all(sha256)) {
    db.prepare('DELETE FROM search_index WHERE rowid = ?').run(doc.id);
    addToIndex(db, doc.id, doc.title, text);
  }
}

/**
 * Rebuilds the whole index from search_docs and the stored text (a database that came from elsewhere: the index's
 * internal pages are then ours, not the archive's).
 */
export function rebuildIndex(db: Database): void {
  db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
  for (const doc of db
    .prepare<[], Pick<SearchDocRow, 'id' | 'title' | 'body' | 'sha256'>>(
      'SELECT id, title, body, sha256 FROM search_docs ORDER BY id',
    )
    .all()) {
    addToIndex(db, doc.id, doc.title, docText(db, doc));
  }
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
  return words.length
    ? words
        .slice(0, 12)
        .map((w) => `"${w}"*`)
        .join(' ')
    : null;
}

export function search(db: Database, text: string, limit = 50): SearchHit[] {
  const query = toFtsQuery(text);
  if (!query) return [];
  if (!hasSearchDocs(db)) return [];
  const rows = db
    .prepare<[string, number], Omit<SearchDocRow, 'id'>>(
      `SELECT d.kind, d.ref, d.item_id, d.title, d.body, d.sha256 FROM search_index s JOIN search_docs d ON d.id = s.rowid
      WHERE search_index MATCH ? ORDER BY bm25(search_index, 5, 1) LIMIT ?`,
    )
    .all(query, limit);
  const words = queryWords(text);
  return rows.map((r) => ({
    kind: r.kind,
    itemId: r.item_id,
    attachmentId: r.kind === 'attachment' ? Number(r.ref) : null,
    title: r.title,
    snippet: snippetOf(docText(db, r), words),
  }));
}

const queryWords = (text: string) => (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12).map(fold);
/** As the index's tokenizer compares words: lower case, without diacritics. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const SNIPPET_WORDS = 12;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * About twelve words of `text` around the first word that starts with one of the query's words, each such word in
 * [brackets], with "…" where the text goes on (as FTS5's snippet() gave, which a contentless index cannot).
 */
export function snippetOf(text: string, words: readonly string[]): string {
  if (words.length === 0 || !text) return '';
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Found by a plain search first (fast over a long text); words written with diacritics by a folded scan.
  const plain = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escape).join('|')})`, 'iu');
  let at = text.search(plain);
  if (at === -1) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      const folded = fold(m[0]);
      if (words.some((w) => folded.startsWith(w))) {
        at = m.index;
        break;
      }
    }
  }
  if (at === -1) at = 0;
  // Three words before the match, then up to twelve in all.
  let start = at;
  const starts: number[] = [];
  WORD.lastIndex = Math.max(0, at - 200);
  for (let m = WORD.exec(text); m && m.index < at; m = WORD.exec(text)) starts.push(m.index);
  if (starts.length > 0) start = starts[Math.max(0, starts.length - 3)]!;
  const out: string[] = [];
  WORD.lastIndex = start;
  let end = start;
  let count = 0;
  let last = start;
  for (let m = WORD.exec(text); m && count < SNIPPET_WORDS; m = WORD.exec(text), count++) {
    out.push(text.slice(last, m.index));
    const folded = fold(m[0]);
    out.push(words.some((w) => folded.startsWith(w)) ? `[${m[0]}]` : m[0]);
    last = m.index + m[0].length;
    end = last;
  }
  const more = /[\p{L}\p{N}]/u.test(text.slice(end, end + 200));
  const body = (out.join('') + (more ? '' : text.slice(end, end + 200))).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${more ? '…' : ''}`;
}
