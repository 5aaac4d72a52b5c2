import type { WritableDB } from '../store/database';
import type { ChecklistItem, ParsedRequest } from '../../shared/api/contract';
import { WorkspaceError } from '../refusal/refusal';
import { appendEvent, appendOrFoldTextEvent } from '../audit/audit-events';
import { getItem } from '../checklist/checklist-repository';
import { fixedFindings, recordRedaction, redactEverywhere, type Redaction } from '../privacy/narrative-redaction';
import type { AuditAction } from '../../shared/domain/audit';
import { reindexItem } from '../search/search-index';
import { assertMayApprove } from './review';

export type ItemUpdate = ParsedRequest<'checklist.update'>;

/**
 * Changes an item's status, owner or note in one transaction, with one audit event per changed field.
 * An approved item is locked: the only change allowed is reopening it, which needs a reason.
 */
export function updateItem(
  db: WritableDB,
  update: ItemUpdate,
  who: string,
  at = new Date().toISOString(),
): ChecklistItem {
  return updateItemRedacting(db, update, who, at).item;
}

/**
 * updateItem, answering also the identifiers it redacted: when a narrative change removes personal data the privacy
 * check found in the earlier text, every earlier copy in this database is masked in the same transaction; the caller
 * then clears the journal and rewrites the backups (main/api/redaction-finish.ts; a crash before that is finished
 * on the next open).
 */
export function updateItemRedacting(
  db: WritableDB,
  update: ItemUpdate,
  who: string,
  at = new Date().toISOString(),
): { item: ChecklistItem; redacted: Redaction[] } {
  return db.transaction(() => {
    const item = getItem(db, update.itemId);
    const status = update.status ?? item.status;
    const owner = update.owner ?? item.owner;
    const note = update.note ?? item.note;
    const dueDate = update.dueDate === undefined ? item.dueDate : update.dueDate;
    if (item.personLevel && note !== item.note) {
      throw new WorkspaceError(
        'refused',
        `"${item.title}" is a person-level item: it carries a status only, never notes or files. Keep its details in the secure transfer to inspectors.`,
        'note',
      );
    }
    if (item.status === 'approved') {
      if (status === 'approved' && (owner !== item.owner || note !== item.note || dueDate !== item.dueDate)) {
        throw new WorkspaceError(
          'refused',
          `"${item.title}" is approved and locked. Reopen it (set its status back to in progress, with a reason) before changing it.`,
          'status',
        );
      }
      if (status !== 'approved' && !update.reason) {
        throw new WorkspaceError(
          'refused',
          `Reopening the approved item "${item.title}" needs a reason, recorded in the audit trail.`,
          'reason',
        );
      }
    }
    if (status === 'approved' && item.status !== 'approved') assertMayApprove(db, item, who);
    const approvedBy = status === 'approved' ? (item.status === 'approved' ? item.approvedBy : who) : null;
    const approvedAt = status === 'approved' ? (item.status === 'approved' ? item.approvedAt : at) : null;
    const changes: [AuditAction & ('status' | 'owner' | 'note' | 'due-date'), string, string][] = [];
    if (status !== item.status) changes.push(['status', item.status, status]);
    if (owner !== item.owner) changes.push(['owner', item.owner, owner]);
    if (note !== item.note) changes.push(['note', item.note, note]);
    if (dueDate !== item.dueDate) changes.push(['due-date', item.dueDate ?? '', dueDate ?? '']);
    if (changes.length === 0) return { item, redacted: [] };
    // An approval settles the reviewer's comment; it stays on the item until then.
    const clearComment = status === 'approved' && item.status !== 'approved';
    db.prepare(
      `UPDATE items SET status = ?, owner = ?, note = ?, due_date = ?, approved_by = ?, approved_at = ?, updated_at = ?,
                updated_by = ?${clearComment ? ", review_comment = '', review_comment_by = NULL, review_comment_at = NULL" : ''} WHERE id = ?`,
    ).run(status, owner, note, dueDate, approvedBy, approvedAt, at, who, item.id);
    for (const [field, before, after] of changes) {
      const event = { at, who, itemId: item.id, action: field, before, after, reason: update.reason ?? null };
      if (field === 'note' && changes.length === 1) appendOrFoldTextEvent(db, event);
      else appendEvent(db, event);
    }
    let redacted: Redaction[] = [];
    if (note !== item.note) {
      reindexItem(db, item.id);
      redacted = fixedFindings(db, item.note, note);
      if (redacted.length > 0) recordRedaction(db, item.id, redacted, redactEverywhere(db, redacted), who, at);
    }
    return { item: getItem(db, item.id), redacted };
  })();
}
