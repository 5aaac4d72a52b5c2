import { ITEM_STATUS_LABELS, type ItemStatus } from '../../shared/domain/item-status';

/** Status as a word, never colour alone. */
export function StatusTag({ status }: { status: ItemStatus }) {
  return <strong className={`tag tag--${status}`}>{ITEM_STATUS_LABELS[status]}</strong>;
}
