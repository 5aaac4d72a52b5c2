import type { ChecklistItem } from '../../shared/api/contract';

/** Maps an items row to the API's shape. */
export function toChecklistItem(row: Record<string, unknown>): ChecklistItem {
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string,
    areas: JSON.parse(row.areas as string),
    kinds: JSON.parse(row.kinds as string),
    typicalOwner: row.typical_owner as string,
    freshnessRule: row.freshness_rule as string,
    personLevel: row.person_level === 1,
    origin: row.origin as ChecklistItem['origin'],
    status: row.status as ChecklistItem['status'],
    owner: row.owner as string,
    note: row.note as string,
    approvedBy: (row.approved_by as string | null) ?? null,
    approvedAt: (row.approved_at as string | null) ?? null,
    updatedAt: row.updated_at as string,
    updatedBy: row.updated_by as string,
  };
}
