import type { Database } from 'better-sqlite3';
import type { Catalogue } from '../../shared/domain/catalogue';
import { appendEvent } from '../checklist/audit-events';
import { reindexItem } from '../search/search-index';

export interface CatalogueChange {
  added: string[];
  updated: string[];
  retired: string[];
}

/**
 * Brings a workspace's items in line with a catalogue: new items are added, descriptive fields of existing ones
 * refreshed, and items the catalogue dropped are retired, never deleted. Officers' status, owner and note are
 * never touched. Used both when a workspace is created and when it is upgraded to a newer catalogue.
 */
export function applyCatalogue(db: Database, catalogue: Catalogue, who: string, at: string): CatalogueChange {
  const change: CatalogueChange = { added: [], updated: [], retired: [] };
  const existing = new Map(
    (db.prepare(`SELECT id, title, description, areas, supports, kinds, typical_owner, freshness_rule, freshness_months,
                 person_level, retired FROM items WHERE origin = 'catalogue'`).all() as Record<string, unknown>[])
      .map((row) => [row.id as string, row]),
  );
  const insert = db.prepare(`INSERT INTO items (id, title, description, areas, supports, kinds, typical_owner,
      freshness_rule, freshness_months, person_level, origin, sort_order, updated_at, updated_by)
      VALUES (@id, @title, @description, @areas, @supports, @kinds, @typical_owner, @freshness_rule, @freshness_months,
      @person_level, 'catalogue', @sort_order, @at, @who)`);
  const update = db.prepare(`UPDATE items SET title = @title, description = @description, areas = @areas,
      supports = @supports, kinds = @kinds, typical_owner = @typical_owner, freshness_rule = @freshness_rule,
      freshness_months = @freshness_months, person_level = @person_level, sort_order = @sort_order, retired = 0
      WHERE id = @id`);
  const shippedIds = new Set<string>();
  catalogue.items.forEach((item, index) => {
    shippedIds.add(item.id);
    const row = {
      id: item.id, title: item.title, description: item.description, areas: JSON.stringify(item.areas),
      supports: JSON.stringify(item.supports), kinds: JSON.stringify(item.kinds), typical_owner: item.typicalOwner,
      freshness_rule: item.freshness.rule, freshness_months: item.freshness.maxAgeMonths,
      person_level: item.personLevel ? 1 : 0, sort_order: (index + 1) * 10,
    };
    const before = existing.get(item.id);
    if (!before) {
      insert.run({ ...row, at, who });
      change.added.push(item.id);
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
  const previous = db.prepare("SELECT value FROM meta WHERE key = 'catalogue_version'").pluck().get() as string | undefined;
  db.prepare("INSERT INTO meta (key, value) VALUES ('catalogue_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(catalogue.catalogueVersion);
  if (previous !== catalogue.catalogueVersion) {
    appendEvent(db, { at, who, itemId: null, action: previous ? 'catalogue-upgrade' : 'catalogue-load',
      before: previous ?? null, after: JSON.stringify({ version: catalogue.catalogueVersion, ...change }) });
  }
  return change;
}
