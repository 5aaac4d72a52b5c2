import { ITEM_STATUSES, ITEM_STATUS_LABELS, type ItemStatus } from '../../shared/domain/item-status';
import type { ChecklistItem } from '../../shared/api/contract';
import { useAppStore } from '../state/app-store';

export function ChecklistFilters({ items, shown }: { items: ChecklistItem[]; shown: number }) {
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  const owners = [...new Set(items.map((i) => i.owner).filter(Boolean))].sort();
  return (
    <search className="filters" aria-label="Filter the checklist">
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-query">Search titles</label>
        <input id="filter-query" type="search" className="input" value={filter.query}
          onChange={(e) => setFilter({ query: e.target.value })} />
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-status">Status</label>
        <select id="filter-status" className="select" value={filter.status}
          onChange={(e) => setFilter({ status: e.target.value as ItemStatus | 'all' })}>
          <option value="all">All statuses</option>
          {ITEM_STATUSES.map((s) => <option key={s} value={s}>{ITEM_STATUS_LABELS[s]}</option>)}
        </select>
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-owner">Owner</label>
        <select id="filter-owner" className="select" value={filter.owner} onChange={(e) => setFilter({ owner: e.target.value })}>
          <option value="">Anyone</option>
          <option value="(none)">No owner yet</option>
          {owners.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
      <p className="filters__count" aria-live="polite">Showing {shown} of {items.length} items</p>
    </search>
  );
}
