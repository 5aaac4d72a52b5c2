import { readMeta, writeMeta } from '../store/meta';
import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { appendEvent, type EventRow } from '../audit/audit-events';
import { getItem } from '../checklist/checklist-repository';
import { WorkspaceError } from '../refusal/refusal';
import { scanWorkspace } from '../privacy/scan-workspace';
import { privacyScanOptions } from '../privacy/privacy-settings';

/** How this workspace runs review: shared by everyone who opens it, changed only with an audit entry. */
export interface ReviewSettings {
  /** The approver must be someone other than the last person to change the item's narrative or evidence. */
  approverMustDiffer: boolean;
}

const KEY = 'review_settings';

export function reviewSettings(db: Database): ReviewSettings {
  const raw = readMeta(db, KEY);
  let stored: Record<string, unknown> = {};
  try {
    stored = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    stored = {};
  }
  return { approverMustDiffer: stored.approverMustDiffer === true };
}

export function saveReviewSettings(
  db: WritableDB,
  next: ReviewSettings,
  who: string,
  at = new Date().toISOString(),
): ReviewSettings {
  db.transaction(() => {
    const before = reviewSettings(db);
    writeMeta(db, KEY, JSON.stringify(next));
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'review-settings',
      before: JSON.stringify(before),
      after: JSON.stringify(next),
    });
  })();
  return reviewSettings(db);
}

/** Audit actions that change what an item says: its narrative and its evidence files. */
const CONTENT_ACTIONS = [
  'note',
  'attach',
  'attach-new-version',
  'attachment-details',
  'remove-attachment',
  'restore-attachment',
];

/** Who last changed the item's narrative or evidence, or null if nobody has. */
export function lastEditor(db: Database, itemId: string): string | null {
  return (
    db
      .prepare<string[], EventRow['who']>(
        `SELECT who FROM events WHERE item_id = ? AND action IN (${CONTENT_ACTIONS.map(() => '?').join(', ')})
      ORDER BY seq DESC LIMIT 1`,
      )
      .pluck()
      .get(itemId, ...CONTENT_ACTIONS) ?? null
  );
}

/** Refuses an approval the workspace's rules do not allow; called inside the transaction that approves. */
export function assertMayApprove(db: Database, item: ChecklistItem, who: string): void {
  if (!reviewSettings(db).approverMustDiffer) return;
  const editor = lastEditor(db, item.id);
  if (editor !== null && editor === who) {
    throw new WorkspaceError(
      'refused',
      `"${item.title}" was last changed by you (${who}); this workspace needs another officer to approve it.`,
      'status',
    );
  }
}

export interface ApprovalCheck {
  /** What approving locks, in words for the confirmation. */
  locks: string;
  /** Things to look at before approving; the officer may still approve. */
  warnings: string[];
  /** Why this officer may not approve it, or null. */
  refusal: string | null;
}

/** What the confirmation before approving says: what gets locked, what looks unfinished, and whether it is allowed. */
export function approvalCheck(db: Database, itemId: string, who: string): ApprovalCheck {
  const item = getItem(db, itemId);
  const warnings: string[] = [];
  if (!item.personLevel && item.note.trim() === '' && item.attachments === 0) {
    warnings.push('It has no narrative and no evidence files: the pack will show it as approved with nothing in it.');
  } else if (!item.personLevel && item.note.trim() === '') {
    warnings.push('It has no narrative (in the pack).');
  } else if (!item.personLevel && item.attachments === 0) {
    warnings.push('It has no evidence files.');
  }
  if (!item.owner) warnings.push('It has no owner.');
  if (!item.personLevel) {
    const open = scanWorkspace(db, privacyScanOptions(db)).findings.filter(
      (f) => f.location.itemId === itemId && !f.resolution,
    );
    if (open.length > 0) {
      warnings.push(
        `The privacy check finds ${open.length} possible item${open.length === 1 ? '' : 's'} of personal data in it that nobody has dealt with yet.`,
      );
    }
  }
  let refusal: string | null = null;
  try {
    assertMayApprove(db, item, who);
  } catch (error) {
    refusal = (error as Error).message;
  }
  const locks = item.personLevel
    ? `Approving "${item.title}" locks its status, owner and due date until someone reopens it with a reason.`
    : `Approving "${item.title}" locks its narrative (in the pack), owner, due date and evidence files until someone reopens it with a reason.`;
  return { locks, warnings, refusal };
}

/**
 * A reviewer sends an item back to its owner with a comment: it returns to "In progress", the comment shows on the
 * item until it is approved, and the history records it. An approved item can be sent back too (reopening it).
 */
export function sendBack(
  db: WritableDB,
  itemId: string,
  comment: string,
  who: string,
  at = new Date().toISOString(),
): ChecklistItem {
  return db.transaction(() => {
    const item = getItem(db, itemId);
    if (item.status !== 'ready-for-review' && item.status !== 'approved') {
      throw new WorkspaceError(
        'refused',
        `"${item.title}" is ${item.status === 'not-applicable' ? 'not applicable' : 'not ready for review'}: only an item that is ready for review or approved can be sent back.`,
        'itemId',
      );
    }
    db.prepare(
      `UPDATE items SET status = 'in-progress', approved_by = NULL, approved_at = NULL, review_comment = ?, review_comment_by = ?,
                review_comment_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
    ).run(comment, who, at, at, who, itemId);
    appendEvent(db, {
      at,
      who,
      itemId,
      action: 'send-back',
      before: item.status,
      after: 'in-progress',
      reason: comment,
    });
    return getItem(db, itemId);
  })();
}
