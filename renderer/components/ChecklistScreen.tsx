import { useMemo } from 'react';
import { AREA_GROUPS, type AreaGroupId } from '../../shared/domain/evaluation-areas';
import type { ChecklistItem } from '../../shared/api/contract';
import { useAppStore, type ChecklistFilter } from '../state/app-store';
import { ChecklistFilters } from './ChecklistFilters';
import { ChecklistItemRow } from './ChecklistItemRow';
import { AddItemForm } from './AddItemForm';

/** An item is listed once, under its first evaluation area; the others show as tags on the item. */
const primaryGroup = (item: ChecklistItem): AreaGroupId => item.areas[0] ?? 'other';

function matches(item: ChecklistItem, filter: ChecklistFilter): boolean {
  if (filter.status !== 'all' && item.status !== filter.status) return false;
  if (filter.owner === '(none)' ? item.owner !== '' : filter.owner && item.owner !== filter.owner) return false;
  const query = filter.query.trim().toLowerCase();
  return !query || item.title.toLowerCase().includes(query) || item.id.includes(query);
}

export function ChecklistScreen() {
  const session = useAppStore((s) => s.session);
  const items = useAppStore((s) => s.items);
  const filter = useAppStore((s) => s.filter);
  const visible = useMemo(() => items.filter((i) => matches(i, filter)), [items, filter]);
  const approved = items.filter((i) => i.status === 'approved' || i.status === 'not-applicable').length;
  if (!session) return null;
  return (
    <>
      <h1>Checklist</h1>
      <p className="lead">{approved} of {items.length} items approved or not applicable</p>
      <ChecklistFilters items={items} shown={visible.length} />
      <datalist id="owner-suggestions">
        {[...new Set(items.flatMap((i) => [i.owner, i.typicalOwner]).filter(Boolean))].sort().map((o) => <option key={o} value={o} />)}
      </datalist>
      {AREA_GROUPS.map((group) => {
        const inGroup = visible.filter((i) => primaryGroup(i) === group.id);
        if (inGroup.length === 0) return null;
        return (
          <section key={group.id} className="area-group" aria-labelledby={`group-${group.id}`}>
            <h2 id={`group-${group.id}`} className="area-group__heading">
              <span className="area-group__id">{group.id === 'other' ? 'Other' : group.id}</span> {group.shortName}
              <span className="area-group__count"> ({inGroup.length})</span>
            </h2>
            <p className="area-group__wording">{group.heading}</p>
            <ul className="item-list">
              {inGroup.map((item) => <ChecklistItemRow key={item.id} item={item} readOnly={session.readOnly} />)}
            </ul>
          </section>
        );
      })}
      {visible.length === 0 && <p>No items match these filters.</p>}
      {!session.readOnly && <AddItemForm />}
    </>
  );
}
