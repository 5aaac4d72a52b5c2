import type { ChecklistItem } from '../../shared/api/contract';
import { StatusTag } from './StatusTag';

/** An item's state as words: overdue, out of date, and its status. */
export function ItemTags({ item }: { item: ChecklistItem }) {
  return (
    <span className="item__tags">
      {item.overdue && <strong className="tag tag--overdue">Overdue</strong>}
      {item.stale && <strong className="tag tag--stale">Out of date</strong>}
      <StatusTag status={item.status} />
    </span>
  );
}
