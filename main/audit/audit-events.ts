import type { Database } from 'better-sqlite3';
import type { AuditAction } from '../../shared/domain/audit';
import type { WritableDB } from '../store/database';

export interface AuditEvent {
  at: string;
  who: string;
  itemId: string | null;
  /** What changed, from the one list in shared/domain/audit.ts. Events read back are typed the same way. */
  action: AuditAction;
  before: string | null;
  after: string | null;
  reason?: string | null;
}

/** Appends to the audit trail. The table refuses updates and deletes (see migration 0001). */
export function appendEvent(db: WritableDB, event: AuditEvent): void {
  db.prepare('INSERT INTO events (at, who, item_id, action, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    event.at,
    event.who,
    event.itemId,
    event.action,
    event.before,
    event.after,
    event.reason ?? null,
  );
}

/** A row of the events table (the audit trail). */
export interface EventRow {
  seq: number;
  at: string;
  who: string;
  item_id: string | null;
  action: AuditAction;
  before: string | null;
  after: string | null;
  reason: string | null;
}

const toEvent = (r: EventRow): AuditEvent & { seq: number } => ({
  seq: r.seq,
  at: r.at,
  who: r.who,
  itemId: r.item_id ?? null,
  action: r.action,
  before: r.before ?? null,
  after: r.after ?? null,
  reason: r.reason ?? null,
});

export function listEvents(db: Database, itemId?: string): AuditEvent[] {
  const rows = itemId
    ? // An item split from another (catalogue 2026.2) carries the other's history as its own.
      db
        .prepare<{ id: string }, EventRow>(
          `SELECT * FROM events WHERE item_id = @id
        OR item_id IN (SELECT from_item_id FROM item_lineage WHERE item_id = @id) ORDER BY seq`,
        )
        .all({ id: itemId })
    : db.prepare<[], EventRow>('SELECT * FROM events ORDER BY seq').all();
  return rows.map((r) => {
    const { seq: _seq, ...event } = toEvent(r);
    return event;
  });
}

export interface EventQuery {
  itemId?: string;
  who?: string;
  action?: string;
  /** yyyy-mm-dd, inclusive, by the day the event happened (UTC). */
  from?: string;
  to?: string;
  /** Newest first, `limit` at a time from `offset`. */
  offset?: number;
  limit?: number;
}

/**
 * One page of the audit trail, newest first, filtered by item, person, action and date range, with the number of
 * events that match in all and the people and actions there are to filter by.
 */
export function queryEvents(
  db: Database,
  query: EventQuery,
): { events: AuditEvent[]; total: number; people: string[]; actions: string[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.itemId) {
    where.push('item_id = ?');
    params.push(query.itemId);
  }
  if (query.who) {
    where.push('who = ?');
    params.push(query.who);
  }
  if (query.action) {
    where.push('action = ?');
    params.push(query.action);
  }
  if (query.from) {
    where.push('substr(at, 1, 10) >= ?');
    params.push(query.from);
  }
  if (query.to) {
    where.push('substr(at, 1, 10) <= ?');
    params.push(query.to);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total =
    db
      .prepare<(string | number)[], number>(`SELECT COUNT(*) FROM events ${clause}`)
      .pluck()
      .get(...params) ?? 0;
  const limit = query.limit ?? -1;
  const rows = db
    .prepare<(string | number)[], EventRow>(`SELECT * FROM events ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, query.offset ?? 0);
  const scope = query.itemId ? 'WHERE item_id = ?' : '';
  const scopeParams = query.itemId ? [query.itemId] : [];
  return {
    events: rows.map((r) => {
      const { seq: _seq, ...event } = toEvent(r);
      return event;
    }),
    total,
    people: db
      .prepare<string[], EventRow['who']>(`SELECT DISTINCT who FROM events ${scope} ORDER BY who`)
      .pluck()
      .all(...scopeParams),
    actions: db
      .prepare<string[], string>(`SELECT DISTINCT action FROM events ${scope} ORDER BY action`)
      .pluck()
      .all(...scopeParams),
  };
}

// Must match migration 0001 byte for byte (an imported workspace's schema is checked against what migrations create).
const EVENTS_UPDATE_TRIGGER = `CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`;

/**
 * The only ways an audit entry is ever changed, each itself audited or bounded: redacting personal data (a purged
 * file's name, an identifier the privacy check found and the officer removed) and folding one editing session's
 * autosaves into a single entry. Runs `change` with the append-only trigger lifted, inside the caller's transaction.
 */
export function rewriteEvents<T>(db: Database, change: () => T): T {
  return db.transaction(() => {
    db.exec('DROP TRIGGER IF EXISTS events_append_only_update');
    const result = change();
    db.exec(EVENTS_UPDATE_TRIGGER);
    return result;
  })();
}

/** An editing session: saves of the same field by the same person with no more than this between them. */
export const EDITING_SESSION_MS = 15 * 60_000;

/**
 * Records a change of an item's text field (its narrative), folding autosaves: if the item's latest entry is the
 * same person changing the same field within one editing session, that entry's "after" (and time) is replaced, so
 * the trail keeps one entry per session, from the text before it to the text after it.
 */
export function appendOrFoldTextEvent(db: WritableDB, event: AuditEvent & { itemId: string }): void {
  const last = db
    .prepare<[string], Pick<EventRow, 'seq' | 'at' | 'who' | 'action'>>(
      'SELECT seq, at, who, action FROM events WHERE item_id = ? ORDER BY seq DESC LIMIT 1',
    )
    .get(event.itemId);
  const gap = last ? Date.parse(event.at) - Date.parse(last.at) : Infinity;
  if (
    last &&
    last.action === event.action &&
    last.who === event.who &&
    !event.reason &&
    gap >= 0 &&
    gap <= EDITING_SESSION_MS
  ) {
    rewriteEvents(db, () =>
      db.prepare('UPDATE events SET after = ?, at = ? WHERE seq = ?').run(event.after, event.at, last.seq),
    );
    return;
  }
  appendEvent(db, event);
}
