import { useMemo, useState } from 'react';
import { AREA_GROUPS, type AreaGroupId } from '../../../shared/domain/evaluation-areas';
import { freshnessOf, ITEM_STATUSES } from '../../../shared/domain/item-status';
import { formatDisplayDate } from '../../../shared/domain/dates';
import type { ChecklistItem } from '../../../shared/api/contract';
import { api, call } from '../../api/call';
import { useAppStore, type ChecklistFilter } from '../../state/app-store';
import { ChecklistFilters } from './ChecklistFilters';
import { AddItemForm } from './AddItemForm';
import { BulkActions } from './BulkActions';
import { StatusTag } from '../../ui/StatusTag';
import { messageOf } from '../../state/errors';
import './checklist.css';

/** An item is listed once, under its first evaluation area; the others show in its row. */
const primaryGroup = (item: ChecklistItem): AreaGroupId => item.areas[0] ?? 'other';

function matches(item: ChecklistItem, filter: ChecklistFilter): boolean {
  if (filter.status !== 'all' && item.status !== filter.status) return false;
  if (filter.owner === '(none)' ? item.owner !== '' : filter.owner && item.owner !== filter.owner) return false;
  if (filter.area && primaryGroup(item) !== filter.area) return false;
  if (filter.show === 'no-evidence' && (item.personLevel || item.attachments > 0)) return false;
  if (filter.show === 'no-narrative' && (item.personLevel || item.note.trim() !== '')) return false;
  if (filter.show === 'overdue' && !item.overdue) return false;
  if (filter.show === 'ready-for-review' && item.status !== 'ready-for-review') return false;
  const query = filter.query.trim().toLowerCase();
  return !query || item.title.toLowerCase().includes(query) || item.id.includes(query);
}

const SORTERS: Record<ChecklistFilter['sort'], ((a: ChecklistItem, b: ChecklistItem) => number) | null> = {
  catalogue: null,
  due: (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'),
  owner: (a, b) => (a.owner || '\uffff').localeCompare(b.owner || '\uffff'),
  status: (a, b) => ITEM_STATUSES.indexOf(a.status) - ITEM_STATUSES.indexOf(b.status),
  changed: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
};

/** The rows of an area: open work first when folding, then the done items, marked folded. */
function rowsOf(items: ChecklistItem[], fold: boolean): { item: ChecklistItem; folded: boolean }[] {
  if (!fold) return items.map((item) => ({ item, folded: false }));
  const done = (i: ChecklistItem) => i.status === 'approved' || i.status === 'not-applicable';
  return [
    ...items.filter((i) => !done(i)).map((item) => ({ item, folded: false })),
    ...items.filter(done).map((item) => ({ item, folded: true })),
  ];
}

/**
 * The checklist as a working table (issue 16 §3): one compact row per item, grouped by evaluation area (each group
 * can be folded), filtered and sorted, with rows picked for bulk changes. Editing happens on the item's page.
 * Prints as one table per area.
 */
export function ChecklistScreen() {
  const session = useAppStore((s) => s.session);
  const items = useAppStore((s) => s.items);
  const filter = useAppStore((s) => s.filter);
  const showView = useAppStore((s) => s.showView);
  // Areas with nothing left to do (every item approved or not applicable) start folded: the work left comes first.
  const [collapsed, setCollapsed] = useState<Set<AreaGroupId>>(
    () =>
      new Set(
        AREA_GROUPS.map((g) => g.id).filter((id) => {
          const inGroup = items.filter((i) => primaryGroup(i) === id);
          return inGroup.length > 0 && inGroup.every((i) => i.status === 'approved' || i.status === 'not-applicable');
        }),
      ),
  );
  // Within an area, items already approved or not applicable fold into one row until asked for (printing shows all).
  const [doneShown, setDoneShown] = useState<Set<AreaGroupId>>(new Set());
  const foldDone = filter.status === 'all' && filter.show === 'all' && !filter.query.trim();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [exportStatus, setExportStatus] = useState('');
  const [adding, setAdding] = useState(false);
  const visible = useMemo(() => {
    const shown = items.filter((i) => matches(i, filter));
    const sorter = SORTERS[filter.sort];
    return sorter ? [...shown].sort(sorter) : shown;
  }, [items, filter]);
  const approved = items.filter((i) => i.status === 'approved' || i.status === 'not-applicable').length;
  if (!session) return null;
  const readOnly = session.readOnly;

  const toggleGroup = (id: AreaGroupId) =>
    setCollapsed((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const pick = (ids: string[], on: boolean) =>
    setSelected((now) => {
      const next = new Set(now);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const exportTracker = async (format: 'xlsx' | 'csv') => {
    try {
      const { fileName, bytes } = await call('tracker.export', { format });
      const result = await api().saveFile(fileName, bytes);
      setExportStatus(result.saved ? `Saved the tracker as ${result.path ?? fileName}` : 'The tracker was not saved');
    } catch (e) {
      setExportStatus(messageOf(e));
    }
  };

  return (
    <div className="checklist">
      <div className="checklist__head">
        <h1>
          Checklist
          {/* On paper the page header is gone: the heading says whose checklist it is and when it was printed. */}
          <span className="print-only">
            {' '}
            of {session.areaName}, printed {formatDisplayDate(new Date().toISOString().slice(0, 10))}
          </span>
        </h1>
        <div className="button-row no-print">
          <button type="button" className="button button--secondary" onClick={() => void exportTracker('xlsx')}>
            Export tracker (Excel)
          </button>
          <button type="button" className="button button--secondary" onClick={() => void exportTracker('csv')}>
            Export tracker (CSV)
          </button>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <p className="lead">
        {approved} of {items.length} items approved or not applicable. Open an item to edit it.{' '}
        <button
          type="button"
          className="link-button no-print"
          onClick={() => {
            setCollapsed(new Set());
            setDoneShown(new Set(AREA_GROUPS.map((g) => g.id)));
          }}
        >
          Show every item
        </button>{' '}
        <button
          type="button"
          className="link-button no-print"
          onClick={() => setCollapsed(new Set(AREA_GROUPS.map((g) => g.id)))}
        >
          Collapse all
        </button>
      </p>
      {exportStatus && (
        <p role="status" className="hint no-print">
          {exportStatus}
        </p>
      )}
      <ChecklistFilters items={items} shown={visible.length} />
      <datalist id="owner-suggestions">
        {[...new Set(items.flatMap((i) => [i.owner, i.typicalOwner]).filter(Boolean))].sort().map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      {!readOnly && (
        <BulkActions
          selected={[...selected].filter((id) => items.some((i) => i.id === id))}
          onDone={() => setSelected(new Set())}
        />
      )}
      {AREA_GROUPS.map((group) => {
        const inGroup = visible.filter((i) => primaryGroup(i) === group.id);
        if (inGroup.length === 0) return null;
        const isCollapsed = collapsed.has(group.id);
        const allPicked = inGroup.every((i) => selected.has(i.id));
        const label = `${group.id === 'other' ? '' : `${group.id} `}${group.shortName}`;
        return (
          <section key={group.id} className="area-group" aria-labelledby={`group-${group.id}`}>
            <h2 id={`group-${group.id}`} className="area-group__heading">
              <button
                type="button"
                className="area-group__toggle"
                aria-expanded={!isCollapsed}
                aria-controls={`group-table-${group.id}`}
                onClick={() => toggleGroup(group.id)}
              >
                <span className="area-group__id">{group.id === 'other' ? 'Other' : group.id}</span> {group.shortName}
                <span className="area-group__count">
                  {' '}
                  ({inGroup.length}
                  {inGroup.every((i) => i.status === 'approved' || i.status === 'not-applicable') ? ', all done' : ''})
                </span>
              </button>
            </h2>
            <div
              id={`group-table-${group.id}`}
              className={`area-group__body${isCollapsed ? ' area-group__body--collapsed' : ''}`}
            >
              <table className="table table--checklist">
                <caption className="visually-hidden">
                  {label}: {group.heading}
                </caption>
                <thead>
                  <tr>
                    {!readOnly && (
                      <th scope="col" className="col-pick no-print">
                        <input
                          type="checkbox"
                          className="pick"
                          checked={allPicked}
                          aria-label={`Select every item in ${label}`}
                          onChange={(e) =>
                            pick(
                              inGroup.map((i) => i.id),
                              e.target.checked,
                            )
                          }
                        />
                      </th>
                    )}
                    <th scope="col" className="col-title">
                      Item
                    </th>
                    <th scope="col" className="col-status">
                      Status
                    </th>
                    <th scope="col" className="col-owner">
                      Owner
                    </th>
                    <th scope="col" className="col-due">
                      Due
                    </th>
                    <th scope="col" className="num col-files">
                      Files
                    </th>
                    <th scope="col" className="col-evidence">
                      Evidence
                    </th>
                    <th scope="col" className="col-changed">
                      Last change
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rowsOf(inGroup, foldDone && !doneShown.has(group.id)).map(({ item, folded }, index, all) =>
                    (folded && all[index - 1]?.folded !== true
                      ? [
                          <tr key={`fold-${group.id}`} className="fold-row no-print">
                            <td colSpan={readOnly ? 7 : 8}>
                              <button
                                type="button"
                                className="link-button"
                                aria-expanded={false}
                                onClick={() => setDoneShown((now) => new Set([...now, group.id]))}
                              >
                                Show {all.filter((r) => r.folded).length} more approved or not applicable
                                <span className="visually-hidden"> in {label}</span>
                              </button>
                            </td>
                          </tr>,
                        ]
                      : []
                    ).concat([
                      <tr
                        key={item.id}
                        data-item-id={item.id}
                        className={
                          `${selected.has(item.id) ? 'is-selected' : ''}${folded ? ' row--folded' : ''}`.trim() ||
                          undefined
                        }
                      >
                        {!readOnly && (
                          <td className="col-pick no-print">
                            <input
                              type="checkbox"
                              className="pick"
                              checked={selected.has(item.id)}
                              aria-label={`Select ${item.title}`}
                              onChange={(e) => pick([item.id], e.target.checked)}
                            />
                          </td>
                        )}
                        <th scope="row" className="col-title">
                          <button type="button" className="link-button" onClick={() => showView('item', item.id)}>
                            {item.title}
                          </button>
                          {item.reviewComment && item.status !== 'approved' && (
                            <span className="tag tag--sent-back">Sent back</span>
                          )}
                        </th>
                        <td>
                          <StatusTag status={item.status} />
                        </td>
                        <td className="col-owner" title={item.owner || undefined}>
                          {item.owner || <span className="muted">No owner</span>}
                        </td>
                        <td className="nowrap">
                          {item.due ? formatDisplayDate(item.due) : '—'}
                          {item.overdue && <strong className="tag tag--overdue">Overdue</strong>}
                        </td>
                        <td className="num">{item.personLevel ? '—' : item.attachments}</td>
                        <td>{freshnessOf(item)}</td>
                        <td className="nowrap">{formatDisplayDate(item.updatedAt.slice(0, 10))}</td>
                      </tr>,
                    ]),
                  )}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      {visible.length === 0 && <p>No items match these filters.</p>}
      {!readOnly && (
        <div className="no-print">
          {adding ? (
            <AddItemForm />
          ) : (
            <button
              type="button"
              className="button button--secondary add-item__open"
              aria-expanded={false}
              onClick={() => setAdding(true)}
            >
              Add an item of your own…
            </button>
          )}
        </div>
      )}
    </div>
  );
}
