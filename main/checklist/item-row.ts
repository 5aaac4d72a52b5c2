import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { addMonths } from '../../shared/domain/working-days';
import { timeline } from '../inspection/inspection-repository';
import { todayIso } from '../inspection/calendar-settings';

/** Items with their current evidence count and newest document date. */
export const ITEM_SELECT = `SELECT i.*,
  (SELECT COUNT(*) FROM attachments a WHERE a.item_id = i.id AND a.state = 'current') AS attachment_count,
  (SELECT MAX(a.document_date) FROM attachments a WHERE a.item_id = i.id AND a.state = 'current') AS latest_document_date
  FROM items i`;

export interface ScheduleContext {
  today: string;
  /** The pack deadline, once a notification is recorded: every item's default due date. */
  packDue: string | null;
  /** Working day 0 (the notification day, or the next working day): the due date of day-0 items. */
  dayZero: string | null;
}

export function scheduleContext(db: Database, today = todayIso()): ScheduleContext {
  const current = timeline(db, today);
  return { today, packDue: current?.packDue ?? null, dayZero: current?.milestones.find((m) => m.id === 'notification')?.date ?? null };
}

const DONE = new Set(['approved', 'not-applicable']);

/** Maps an items row to the API's shape, with its due date and freshness worked out for today. */
export function toChecklistItem(row: Record<string, unknown>, context: ScheduleContext): ChecklistItem {
  const status = row.status as ChecklistItem['status'];
  const dueDate = (row.due_date as string | null) ?? null;
  const dueRule = row.due_rule === 'day-0' ? 'day-0' : '';
  const due = dueDate ?? (dueRule === 'day-0' ? context.dayZero : context.packDue);
  const latest = (row.latest_document_date as string | null) ?? null;
  const months = row.freshness_months as number | null;
  const expires = latest && months ? addMonths(latest, Math.round(months)) : null;
  return {
    id: row.id as string,
    title: row.title as string,
    description: row.description as string,
    areas: JSON.parse(row.areas as string),
    kinds: JSON.parse(row.kinds as string),
    typicalOwner: row.typical_owner as string,
    freshnessRule: row.freshness_rule as string,
    personLevel: row.person_level === 1,
    background: row.background === 1,
    dueRule,
    origin: row.origin as ChecklistItem['origin'],
    status,
    owner: row.owner as string,
    note: row.note as string,
    approvedBy: (row.approved_by as string | null) ?? null,
    approvedAt: (row.approved_at as string | null) ?? null,
    updatedAt: row.updated_at as string,
    updatedBy: row.updated_by as string,
    dueDate,
    due,
    overdue: due !== null && due < context.today && !DONE.has(status),
    attachments: (row.attachment_count as number | undefined) ?? 0,
    latestDocumentDate: latest,
    expires,
    reviewComment: row.review_comment ? { comment: row.review_comment as string, by: (row.review_comment_by as string | null) ?? '',
      at: (row.review_comment_at as string | null) ?? '' } : null,
    stale: expires !== null && expires < context.today && status !== 'not-applicable',
  };
}
