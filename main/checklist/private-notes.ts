import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { appendEvent, type EventRow } from '../audit/audit-events';
import { getItem } from './checklist-repository';

/**
 * Private notes: one per item per officer, seen only by the officer who wrote it ("Chase the EP figures"). They never
 * reach the pack, the share bundle, the tracker, an exported workspace or the search index; the audit trail records
 * that a note changed, never what it says.
 */
/** A row of the private_notes table: one writer's own note on an item. */
interface PrivateNoteRow {
  item_id: string;
  writer: string;
  note: string;
  updated_at: string;
}

export interface PrivateNote {
  note: string;
  updatedAt: string | null;
}

export function privateNote(db: Database, itemId: string, writer: string): PrivateNote {
  getItem(db, itemId);
  const row = db
    .prepare<[string, string], Pick<PrivateNoteRow, 'note' | 'updated_at'>>(
      'SELECT note, updated_at FROM private_notes WHERE item_id = ? AND writer = ?',
    )
    .get(itemId, writer);
  return { note: row?.note ?? '', updatedAt: row?.updated_at ?? null };
}

/** Every item's private note of one writer (for `sendpack status --json`). */
export function privateNotesOf(db: Database, writer: string): Map<string, string> {
  return new Map(
    db
      .prepare<[string], Pick<PrivateNoteRow, 'item_id' | 'note'>>(
        'SELECT item_id, note FROM private_notes WHERE writer = ?',
      )
      .all(writer)
      .map((r) => [r.item_id, r.note]),
  );
}

export function savePrivateNote(
  db: WritableDB,
  itemId: string,
  writer: string,
  note: string,
  at = new Date().toISOString(),
): PrivateNote {
  return db.transaction(() => {
    getItem(db, itemId);
    const before = privateNote(db, itemId, writer).note;
    if (before === note) return privateNote(db, itemId, writer);
    if (note === '') db.prepare('DELETE FROM private_notes WHERE item_id = ? AND writer = ?').run(itemId, writer);
    else {
      db.prepare(
        `INSERT INTO private_notes (item_id, writer, note, updated_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (item_id, writer) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at`,
      ).run(itemId, writer, note, at);
    }
    // Audited without the text: only that it was added, changed or cleared.
    const what = before === '' ? 'added' : note === '' ? 'cleared' : 'changed';
    const last = db
      .prepare<[string], Pick<EventRow, 'at' | 'who' | 'action' | 'after'>>(
        'SELECT at, who, action, after FROM events WHERE item_id = ? ORDER BY seq DESC LIMIT 1',
      )
      .get(itemId);
    // One entry per editing session, as for the narrative: repeated autosaves of a note being typed add nothing new.
    const sameSession =
      last &&
      last.action === 'private-note' &&
      last.who === writer &&
      Date.parse(at) - Date.parse(last.at) <= 15 * 60_000 &&
      what !== 'cleared' &&
      last.after !== 'cleared';
    if (!sameSession) appendEvent(db, { at, who: writer, itemId, action: 'private-note', before: null, after: what });
    return privateNote(db, itemId, writer);
  })();
}
