import * as Y from 'yjs';
import { attachmentsOf, itemsOf, type AttachmentRecord, type Author } from './doc-model';

/** The origin of the changes the rules themselves make (never judged again). */
export const RULES_ORIGIN = Symbol('sendpack-rules');

/** What the rules wrote on an item about a change they did not let stand, or one that reopened it. */
export interface ItemNotice {
  kind: 'not-counted' | 'reopened';
  by: string;
  at: string;
  detail: string;
}

const CONTENT_KEYS = new Set(['note', 'owner', 'dueDate']);

interface Touched {
  keys: Set<string>;
  oldStatus: unknown;
  oldReviewComment: unknown;
  oldApprovedBy: unknown;
  oldApprovedAt: unknown;
  statusChanged: boolean;
  evidence: boolean;
}

/**
 * The partnership's rules, applied where the author of a change is known for certain: on the sync server (the
 * person its token names) and when a coordinator imports a contribution file (the person it was made for).
 * - every changed item records who changed it (`by`, `byRole`, `at`), as authenticated, not as the replica claims;
 * - an approval or a send-back counts only from a coordinator: from anyone else the status goes back, with a notice;
 * - a change to an approved item (narrative, owner, due date, evidence) returns it to ready for review, naming who.
 * The rules only write ordinary document changes; merging stays the engine's.
 */
export function enforceRules(
  doc: Y.Doc,
  authorOf: (origin: unknown) => Author | null,
  clock = () => new Date().toISOString(),
): () => void {
  const items = itemsOf(doc);
  const attachments = attachmentsOf(doc);

  // Attachment observers run before the items' deep observers in one transaction: evidence added to an item whose
  // fields changed in the same transaction is judged with those fields, once.
  const evidenceFor = new Set<string>();
  const onItems = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin === RULES_ORIGIN) return;
    const author = authorOf(transaction.origin);
    if (!author) return;
    const touched = new Map<string, Touched>();
    const touch = (id: string): Touched => {
      let t = touched.get(id);
      if (!t) {
        t = {
          keys: new Set(),
          oldStatus: undefined,
          oldReviewComment: undefined,
          oldApprovedBy: undefined,
          oldApprovedAt: undefined,
          statusChanged: false,
          evidence: false,
        };
        touched.set(id, t);
      }
      return t;
    };
    for (const id of evidenceFor) touch(id).evidence = true;
    evidenceFor.clear();
    for (const event of events) {
      if (event.target === items) {
        for (const key of event.changes.keys.keys()) {
          const t = touch(key);
          t.keys.add('*');
        }
        continue;
      }
      const id = event.path[0];
      if (typeof id !== 'string') continue;
      const t = touch(id);
      if (event.path.length >= 2) {
        t.keys.add(String(event.path[1]));
        continue;
      }
      for (const [key, change] of event.changes.keys) {
        t.keys.add(key);
        if (key === 'status') {
          t.statusChanged = true;
          t.oldStatus = change.oldValue;
        }
        if (key === 'reviewComment') t.oldReviewComment = change.oldValue;
        if (key === 'approvedBy') t.oldApprovedBy = change.oldValue;
        if (key === 'approvedAt') t.oldApprovedAt = change.oldValue;
      }
    }
    if (touched.size === 0) return;
    doc.transact(() => {
      for (const [id, t] of touched) judge(id, t, author);
    }, RULES_ORIGIN);
  };

  const judge = (id: string, t: Touched, author: Author) => {
    const entry = items.get(id);
    if (!entry) return;
    const at = clock();
    const status = entry.get('status');
    const wasApproved = t.statusChanged ? t.oldStatus === 'approved' : status === 'approved';
    const reviewing =
      t.statusChanged &&
      (status === 'approved' ||
        (t.keys.has('reviewComment') &&
          status === 'in-progress' &&
          (t.oldStatus === 'ready-for-review' || t.oldStatus === 'approved')));
    const notice = (n: ItemNotice) => entry.set('notice', JSON.stringify(n));
    if (reviewing && author.role !== 'coordinator') {
      const back = typeof t.oldStatus === 'string' ? t.oldStatus : 'ready-for-review';
      entry.set('status', back);
      if (t.keys.has('reviewComment'))
        entry.set('reviewComment', typeof t.oldReviewComment === 'string' ? t.oldReviewComment : '');
      entry.set('approvedBy', back === 'approved' ? (t.oldApprovedBy ?? null) : null);
      entry.set('approvedAt', back === 'approved' ? (t.oldApprovedAt ?? null) : null);
      notice({
        kind: 'not-counted',
        by: author.name,
        at,
        detail: `${author.name} is a ${author.role}: only a coordinator's ${status === 'approved' ? 'approval' : 'send-back'} counts, so the item stays ${back.replace(/-/g, ' ')}.`,
      });
    } else if (t.statusChanged && status === 'approved') {
      entry.set('approvedBy', author.name);
      entry.set('approvedAt', at);
      if (t.keys.has('reviewComment') || entry.get('reviewComment')) entry.set('reviewComment', '');
    } else if (t.statusChanged && t.keys.has('reviewComment') && status === 'in-progress') {
      entry.set('reviewCommentBy', author.name);
      entry.set('reviewCommentAt', at);
    }
    const contentChanged = t.evidence || [...t.keys].some((k) => CONTENT_KEYS.has(k));
    if (
      wasApproved &&
      entry.get('status') === 'approved' &&
      contentChanged &&
      !(t.statusChanged && status === 'approved')
    ) {
      entry.set('status', 'ready-for-review');
      entry.set('approvedBy', null);
      entry.set('approvedAt', null);
      notice({
        kind: 'reopened',
        by: author.name,
        at,
        detail: `${author.name} changed it after it was approved, so it is back to ready for review.`,
      });
    }
    entry.set('by', author.name);
    entry.set('byRole', author.role);
    entry.set('at', at);
  };

  const onAttachments = (event: Y.YMapEvent<AttachmentRecord>, transaction: Y.Transaction) => {
    if (transaction.origin === RULES_ORIGIN) return;
    const author = authorOf(transaction.origin);
    if (!author) return;
    doc.transact(() => {
      for (const [uid, change] of event.changes.keys) {
        const record = attachments.get(uid) ?? (change.oldValue as AttachmentRecord | undefined);
        if (!record) continue;
        if (change.action === 'add' && attachments.has(uid) && record.addedBy !== author.name) {
          attachments.set(uid, { ...record, addedBy: author.name });
        }
        const entry = items.get(record.itemId);
        if (entry && (transaction.changed.has(entry as never) || transaction.changedParentTypes.has(entry as never))) {
          evidenceFor.add(record.itemId);
          continue;
        }
        const t: Touched = {
          keys: new Set(),
          oldStatus: undefined,
          oldReviewComment: undefined,
          oldApprovedBy: undefined,
          oldApprovedAt: undefined,
          statusChanged: false,
          evidence: true,
        };
        judge(record.itemId, t, author);
      }
    }, RULES_ORIGIN);
  };

  items.observeDeep(onItems);
  attachments.observe(onAttachments);
  return () => {
    items.unobserveDeep(onItems);
    attachments.unobserve(onAttachments);
  };
}
