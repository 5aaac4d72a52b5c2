import type { WritableDB } from '../store/database';
import { readMeta } from '../store/meta';
import type { Catalogue } from '../../shared/domain/catalogue';
import { appendEvent } from '../audit/audit-events';
import { reindexItem } from '../search/search-index';
import type { ItemRow } from '../checklist/item-row';

export interface CatalogueChange {
  added: string[];
  updated: string[];
  retired: string[];
}

/**
 * A new item that replaces an old one (a split) starts where the old one was: its status, owner, note, due date,
 * approval and reviewer's comment, each officer's private note on it, and the old item's audit trail read as its own
 * (item_lineage; listEvents follows it). Each half gets an event saying so. The old item is then retired like any
 * item the catalogue dropped, never deleted. (Files stay with the old item: the only split so far is of a
 * person-level item, which never takes files.)
 */
function takeOver(db: WritableDB, itemId: string, from: string, who: string, at: string): void {
  db.prepare(
    `UPDATE items SET (status, owner, note, due_date, approved_by, approved_at, updated_at, updated_by,
        review_comment, review_comment_by, review_comment_at) =
      (SELECT status, owner, note, due_date, approved_by, approved_at, updated_at, updated_by,
        review_comment, review_comment_by, review_comment_at FROM items WHERE id = @from)
      WHERE id = @itemId`,
  ).run({ itemId, from });
  db.prepare(
    `INSERT OR IGNORE INTO private_notes (item_id, writer, note, updated_at)
      SELECT @itemId, writer, note, updated_at FROM private_notes WHERE item_id = @from`,
  ).run({ itemId, from });
  db.prepare('INSERT OR IGNORE INTO item_lineage (item_id, from_item_id) VALUES (?, ?)').run(itemId, from);
  const status = db.prepare<[string], ItemRow['status']>('SELECT status FROM items WHERE id = ?').pluck().get(itemId);
  appendEvent(db, { at, who, itemId, action: 'item-split', before: from, after: JSON.stringify({ from, status }) });
}

/** The catalogue's own columns of an items row (what applying a catalogue may refresh), and whether it is retired. */
type CatalogueFieldsRow = Pick<
  ItemRow,
  | 'id'
  | 'title'
  | 'description'
  | 'areas'
  | 'supports'
  | 'kinds'
  | 'typical_owner'
  | 'freshness_rule'
  | 'freshness_months'
  | 'person_level'
  | 'due_rule'
  | 'background'
  | 'retired'
>;

/**
 * Brings a workspace's items in line with a catalogue: new items are added, descriptive fields of existing ones
 * refreshed, and items the catalogue dropped are retired, never deleted. Officers' status, owner and note are
 * never touched. Used both when a workspace is created and when it is upgraded to a newer catalogue.
 */
export function applyCatalogue(db: WritableDB, catalogue: Catalogue, who: string, at: string): CatalogueChange {
  const change: CatalogueChange = { added: [], updated: [], retired: [] };
  const existing = new Map(
    db
      // Indexed by column name below, to compare each catalogue field with the stored one.
      .prepare<[], CatalogueFieldsRow & Record<string, unknown>>(
        `SELECT id, title, description, areas, supports, kinds, typical_owner, freshness_rule, freshness_months,
               person_level, due_rule, background, retired FROM items WHERE origin = 'catalogue'`,
      )
      .all()
      .map((row) => [row.id, row]),
  );
  const insert = db.prepare(`INSERT INTO items (id, title, description, areas, supports, kinds, typical_owner,
      freshness_rule, freshness_months, person_level, due_rule, background, origin, sort_order, updated_at, updated_by)
      VALUES (@id, @title, @description, @areas, @supports, @kinds, @typical_owner, @freshness_rule, @freshness_months,
      @person_level, @due_rule, @background, 'catalogue', @sort_order, @at, @who)`);
  const update = db.prepare(`UPDATE items SET title = @title, description = @description, areas = @areas,
      supports = @supports, kinds = @kinds, typical_owner = @typical_owner, freshness_rule = @freshness_rule,
      freshness_months = @freshness_months, person_level = @person_level, due_rule = @due_rule, background = @background,
      sort_order = @sort_order, retired = 0
      WHERE id = @id`);
  const shippedIds = new Set<string>();
  catalogue.items.forEach((item, index) => {
    shippedIds.add(item.id);
    const row = {
      id: item.id,
      title: item.title,
      description: item.description,
      areas: JSON.stringify(item.areas),
      supports: JSON.stringify(item.supports),
      kinds: JSON.stringify(item.kinds),
      typical_owner: item.typicalOwner,
      freshness_rule: item.freshness.rule,
      freshness_months: item.freshness.maxAgeMonths,
      person_level: item.personLevel ? 1 : 0,
      due_rule: item.dueRule ?? '',
      background: item.background ? 1 : 0,
      sort_order: (index + 1) * 10,
    };
    const before = existing.get(item.id);
    if (!before) {
      insert.run({ ...row, at, who });
      change.added.push(item.id);
      for (const from of item.replaces ?? []) if (existing.has(from)) takeOver(db, item.id, from, who, at);
    } else if (Object.entries(row).some(([k, v]) => k !== 'sort_order' && before[k] !== v) || before.retired === 1) {
      update.run(row);
      change.updated.push(item.id);
    }
  });
  const retire = db.prepare('UPDATE items SET retired = 1 WHERE id = ?');
  for (const id of existing.keys()) {
    if (!shippedIds.has(id) && existing.get(id)?.retired === 0) {
      retire.run(id);
      change.retired.push(id);
    }
  }
  for (const id of [...change.added, ...change.updated, ...change.retired]) reindexItem(db, id);
  const previous = readMeta(db, 'catalogue_version');
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('catalogue_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(catalogue.catalogueVersion);
  if (previous !== catalogue.catalogueVersion) {
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: previous ? 'catalogue-upgrade' : 'catalogue-load',
      before: previous ?? null,
      after: JSON.stringify({ version: catalogue.catalogueVersion, ...change }),
    });
  }
  return change;
}
