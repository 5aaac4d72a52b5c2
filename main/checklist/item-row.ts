import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { addMonths } from '../../shared/domain/working-days';
import { timeline } from '../inspection/inspection-repository';
import { todayIso } from '../inspection/calendar-settings';

/** A row of the items table, as SQLite returns it (JSON lists as text, flags as 0/1). */
export interface ItemRow {
  id: string;
  title: string;
  description: string;
  /** JSON array of inspection areas. */
  areas: string;
  supports: string;
  /** JSON array of evidence kinds. */
  kinds: string;
  typical_owner: string;
  freshness_rule: string;
  freshness_months: number | null;
  person_level: number;
  origin: ChecklistItem['origin'];
  retired: number;
  sort_order: number;
  status: ChecklistItem['status'];
  owner: string;
  note: string;
  approved_by: string | null;
  approved_at: string | null;
  updated_at: string;
  updated_by: string;
  due_date: string | null;
  review_comment: string;
  review_comment_by: string | null;
  review_comment_at: string | null;
  due_rule: string;
  background: number;
}

/** A row of ITEM_SELECT: the item with its current evidence count and newest document date. */
export interface ItemSelectRow extends ItemRow {
  attachment_count: number;
  latest_document_date: string | null;
}

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
  return {
    today,
    packDue: current?.packDue ?? null,
    dayZero: current?.milestones.find((m) => m.id === 'notification')?.date ?? null,
  };
}

const DONE = new Set(['approved', 'not-applicable']);

/** Maps an items row to the API's shape, with its due date and freshness worked out for today. */
export function toChecklistItem(row: ItemSelectRow, context: ScheduleContext): ChecklistItem {
  const status = row.status;
  const dueDate = row.due_date ?? null;
  const dueRule = row.due_rule === 'day-0' ? 'day-0' : '';
  const due = dueDate ?? (dueRule === 'day-0' ? context.dayZero : context.packDue);
  const latest = row.latest_document_date ?? null;
  const months = row.freshness_months;
  const expires = latest && months ? addMonths(latest, Math.round(months)) : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    areas: JSON.parse(row.areas),
    kinds: JSON.parse(row.kinds),
    typicalOwner: row.typical_owner,
    freshnessRule: row.freshness_rule,
    personLevel: row.person_level === 1,
    background: row.background === 1,
    dueRule,
    origin: row.origin,
    status,
    owner: row.owner,
    note: row.note,
    approvedBy: row.approved_by ?? null,
    approvedAt: row.approved_at ?? null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    dueDate,
    due,
    overdue: due !== null && due < context.today && !DONE.has(status),
    attachments: row.attachment_count ?? 0,
    latestDocumentDate: latest,
    expires,
    reviewComment: row.review_comment
      ? { comment: row.review_comment, by: row.review_comment_by ?? '', at: row.review_comment_at ?? '' }
      : null,
    stale: expires !== null && expires < context.today && status !== 'not-applicable',
  };
}
