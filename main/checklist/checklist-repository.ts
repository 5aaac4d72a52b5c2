import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import type { ChecklistItem, ParsedRequest } from '../../shared/api/contract';
import { WorkspaceError } from '../refusal/refusal';
import { appendEvent } from '../audit/audit-events';
import { ITEM_SELECT, scheduleContext, toChecklistItem, type ItemSelectRow } from './item-row';
import { reindexItem } from '../search/search-index';

export function listItems(db: Database): ChecklistItem[] {
  const context = scheduleContext(db);
  return db
    .prepare<[], ItemSelectRow>(`${ITEM_SELECT} WHERE i.retired = 0 ORDER BY i.sort_order, i.id`)
    .all()
    .map((row) => toChecklistItem(row, context));
}

/** Whether an item was ever in this workspace's checklist (a retired item keeps its history). */
export function itemEverLoaded(db: Database, id: string): boolean {
  return db.prepare('SELECT 1 FROM items WHERE id = ?').get(id) !== undefined;
}

export function getItem(db: Database, id: string): ChecklistItem {
  const row = db.prepare<[string], ItemSelectRow>(`${ITEM_SELECT} WHERE i.id = ? AND i.retired = 0`).get(id);
  if (!row) throw new WorkspaceError('not-found', `There is no checklist item with id "${id}".`, 'itemId');
  return toChecklistItem(row, scheduleContext(db));
}

/** Adds an officer's own item after the catalogue items; its id is derived from the title and never changes. */
export function addCustomItem(
  db: WritableDB,
  request: ParsedRequest<'checklist.addItem'>,
  who: string,
  at = new Date().toISOString(),
): ChecklistItem {
  return db.transaction(() => {
    const base = `custom-${
      request.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40) || 'item'
    }`;
    let id = base;
    for (let n = 2; db.prepare('SELECT 1 FROM items WHERE id = ?').get(id); n++) id = `${base}-${n}`;
    const order = db.prepare<[], number>('SELECT COALESCE(MAX(sort_order), 0) + 10 FROM items').pluck().get();
    const areas = [...new Set(request.areas)];
    db.prepare(
      `INSERT INTO items (id, title, description, areas, kinds, origin, sort_order, updated_at, updated_by)
                VALUES (?, ?, ?, ?, '["document"]', 'custom', ?, ?, ?)`,
    ).run(id, request.title, request.description, JSON.stringify(areas), order, at, who);
    appendEvent(db, { at, who, itemId: id, action: 'add-item', before: null, after: request.title });
    reindexItem(db, id);
    return getItem(db, id);
  })();
}
