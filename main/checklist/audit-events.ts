import type { Database } from 'better-sqlite3';

export interface AuditEvent {
  at: string;
  who: string;
  itemId: string | null;
  action: string;
  before: string | null;
  after: string | null;
  reason?: string | null;
}

/** Appends to the audit trail. The table refuses updates and deletes (see migration 0001). */
export function appendEvent(db: Database, event: AuditEvent): void {
  db.prepare('INSERT INTO events (at, who, item_id, action, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(event.at, event.who, event.itemId, event.action, event.before, event.after, event.reason ?? null);
}

export function listEvents(db: Database, itemId?: string): AuditEvent[] {
  const rows = (itemId
    // An item split from another (catalogue 2026.2) carries the other's history as its own.
    ? db.prepare(`SELECT * FROM events WHERE item_id = @id
        OR item_id IN (SELECT from_item_id FROM item_lineage WHERE item_id = @id) ORDER BY seq`).all({ id: itemId })
    : db.prepare('SELECT * FROM events ORDER BY seq').all()) as Record<string, string | null>[];
  return rows.map((r) => ({ at: r.at!, who: r.who!, itemId: r.item_id ?? null, action: r.action!, before: r.before ?? null,
    after: r.after ?? null, reason: r.reason ?? null }));
}
