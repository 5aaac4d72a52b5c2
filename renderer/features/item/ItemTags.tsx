import type { ChecklistItem } from '../../../shared/api/contract';
import { StatusTag } from '../../ui/StatusTag';

/** An item's state as words: overdue, out of date, background (not counted towards readiness), and its status. */
export function ItemTags({ item }: { item: ChecklistItem }) {
  return (
    <span className="item__tags">
      {item.overdue && <strong className="tag tag--overdue">Overdue</strong>}
      {item.stale && <strong className="tag tag--stale">Out of date</strong>}
      {item.background && (
        <span
          className="tag tag--not-applicable"
          title="Inspectors can find it published: it does not count towards readiness"
        >
          Background
        </span>
      )}
      <StatusTag status={item.status} />
    </span>
  );
}
