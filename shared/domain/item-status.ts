/** Review states of a checklist item, in the order work moves through them. */
export const ITEM_STATUSES = ['not-started', 'in-progress', 'ready-for-review', 'approved', 'not-applicable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  'ready-for-review': 'Ready for review',
  approved: 'Approved',
  'not-applicable': 'Not applicable',
};

export function isItemStatus(value: string): value is ItemStatus {
  return (ITEM_STATUSES as readonly string[]).includes(value);
}

/**
 * How current an item's evidence is, in words: undated evidence is "Date unknown", never current (issue 16 §8).
 */
export function freshnessOf(item: {
  personLevel: boolean;
  attachments: number;
  latestDocumentDate: string | null;
  stale: boolean;
}): 'Status only' | 'No evidence' | 'Date unknown' | 'Out of date' | 'Current' {
  if (item.personLevel) return 'Status only';
  if (item.attachments === 0) return 'No evidence';
  if (item.latestDocumentDate === null) return 'Date unknown';
  if (item.stale) return 'Out of date';
  return 'Current';
}
