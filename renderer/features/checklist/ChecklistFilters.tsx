import { ITEM_STATUSES, ITEM_STATUS_LABELS, type ItemStatus } from '../../../shared/domain/item-status';
import { AREA_GROUPS } from '../../../shared/domain/evaluation-areas';
import type { ChecklistItem } from '../../../shared/api/contract';
import { NO_FILTER, useAppStore, type ChecklistFilter } from '../../state/app-store';

const SHOW: Record<ChecklistFilter['show'], string> = {
  all: 'Everything',
  'no-evidence': 'No evidence files',
  'no-narrative': 'No narrative',
  overdue: 'Overdue',
  'ready-for-review': 'Ready for review',
};
const SORT: Record<ChecklistFilter['sort'], string> = {
  catalogue: 'Checklist order',
  due: 'Due date',
  owner: 'Owner',
  status: 'Status',
  changed: 'Last change (newest first)',
};

export function ChecklistFilters({ items, shown }: { items: ChecklistItem[]; shown: number }) {
  const filter = useAppStore((s) => s.filter);
  const setFilter = useAppStore((s) => s.setFilter);
  const owners = [...new Set(items.map((i) => i.owner).filter(Boolean))].sort();
  const filtered = JSON.stringify({ ...filter, sort: 'catalogue' }) !== JSON.stringify(NO_FILTER);
  return (
    <search className="filters filters--checklist" aria-label="Filter and sort the checklist">
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-query">
          Search titles
        </label>
        <input
          id="filter-query"
          type="search"
          className="input"
          value={filter.query}
          onChange={(e) => setFilter({ query: e.target.value })}
        />
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-show">
          Show
        </label>
        <select
          id="filter-show"
          className="select"
          value={filter.show}
          onChange={(e) => setFilter({ show: e.target.value as ChecklistFilter['show'] })}
        >
          {Object.entries(SHOW).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-status">
          Status
        </label>
        <select
          id="filter-status"
          className="select"
          value={filter.status}
          onChange={(e) => setFilter({ status: e.target.value as ItemStatus | 'all' })}
        >
          <option value="all">All statuses</option>
          {ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ITEM_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-owner">
          Owner
        </label>
        <select
          id="filter-owner"
          className="select"
          value={filter.owner}
          onChange={(e) => setFilter({ owner: e.target.value })}
        >
          <option value="">Anyone</option>
          <option value="(none)">No owner yet</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-area">
          Area
        </label>
        <select
          id="filter-area"
          className="select"
          value={filter.area}
          onChange={(e) => setFilter({ area: e.target.value })}
        >
          <option value="">All areas</option>
          {AREA_GROUPS.map((g) => (
            <option key={g.id} value={g.id}>
              {g.id === 'other' ? '' : `${g.id} `}
              {g.shortName}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group form-group--inline">
        <label className="label" htmlFor="filter-sort">
          Sort by
        </label>
        <select
          id="filter-sort"
          className="select"
          value={filter.sort}
          onChange={(e) => setFilter({ sort: e.target.value as ChecklistFilter['sort'] })}
        >
          {Object.entries(SORT).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <p className="filters__count" aria-live="polite">
        Showing {shown} of {items.length} items
        {filtered && (
          <>
            {' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setFilter({ ...NO_FILTER, sort: filter.sort })}
            >
              Clear filters
            </button>
          </>
        )}
      </p>
    </search>
  );
}
