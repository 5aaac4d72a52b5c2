import { createHash } from 'node:crypto';
import { diffWordsWithSpace } from 'diff';
import * as Y from 'yjs';

/**
 * The shared state of one workspace as a Yjs document. Everything officers share lives here; everything else
 * (private notes, imported datasets, packs, backups, the audit trail) stays in each replica's own database.
 *
 *   items        Y.Map itemId → Y.Map { status, owner, dueDate, note: Y.Text, approvedBy, approvedAt,
 *                reviewComment, reviewCommentBy, reviewCommentAt, [custom items: title, description, areas],
 *                by, byRole, at (written by whoever authenticated the change: the server, or the importer of a
 *                contribution), reopenedBy, notCounted }
 *   attachments  Y.Map uid → AttachmentRecord (a plain value, replaced whole)
 *   purged       Y.Map sha256 → { by, at } (a purged file must go from every replica and from the server)
 *   workspace    Y.Map { areaName, laCode, inspection (JSON of the notification row or null), reviewSettings }
 */
export const ITEM_FIELDS = [
  'status',
  'owner',
  'dueDate',
  'note',
  'approvedBy',
  'approvedAt',
  'reviewComment',
  'reviewCommentBy',
  'reviewCommentAt',
] as const;

export interface ItemState {
  status: string;
  owner: string;
  dueDate: string | null;
  note: string;
  approvedBy: string | null;
  approvedAt: string | null;
  reviewComment: string;
  reviewCommentBy: string | null;
  reviewCommentAt: string | null;
  /** Only for an officer's own items, which other replicas do not have from the catalogue. */
  custom?: { title: string; description: string; areas: string[] };
}

export interface AttachmentRecord {
  itemId: string;
  /** The uid of the first version of this file's chain; versions of one chain are one evidence file. */
  chain: string;
  versionNo: number;
  sha256: string;
  fileName: string;
  bytes: number;
  title: string;
  documentDate: string | null;
  versionLabel: string;
  author: string;
  source: string;
  note: string;
  state: 'current' | 'superseded' | 'binned';
  addedAt: string;
  addedBy: string;
}

export interface Author {
  name: string;
  role: Role;
}

export const ROLES = ['coordinator', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export const itemsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('items');
export const attachmentsOf = (doc: Y.Doc): Y.Map<AttachmentRecord> => doc.getMap('attachments');
export const purgedOf = (doc: Y.Doc): Y.Map<{ by: string; at: string }> => doc.getMap('purged');
export const workspaceOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('workspace');

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** An item's shared state as the document holds it now. */
export function readItem(entry: Y.Map<unknown>): ItemState {
  const note = entry.get('note');
  const state: ItemState = {
    status: text(entry.get('status')) || 'not-started',
    owner: text(entry.get('owner')),
    dueDate: textOrNull(entry.get('dueDate')),
    note: note instanceof Y.Text ? note.toString() : '',
    approvedBy: textOrNull(entry.get('approvedBy')),
    approvedAt: textOrNull(entry.get('approvedAt')),
    reviewComment: text(entry.get('reviewComment')),
    reviewCommentBy: textOrNull(entry.get('reviewCommentBy')),
    reviewCommentAt: textOrNull(entry.get('reviewCommentAt')),
  };
  if (typeof entry.get('title') === 'string') {
    let areas: string[] = [];
    try {
      areas = JSON.parse(text(entry.get('areas')) || '[]') as string[];
    } catch {
      areas = [];
    }
    state.custom = { title: text(entry.get('title')), description: text(entry.get('description')), areas };
  }
  return state;
}

/**
 * Replaces a Y.Text's content with `next` by the smallest word-level changes (jsdiff), so two people editing one
 * narrative at once both keep their words: each deleted or inserted run is a whole word or space, and the merge of
 * concurrent changes is the engine's.
 */
export function replaceText(target: Y.Text, next: string): void {
  const current = target.toString();
  if (current === next) return;
  let index = 0;
  for (const change of diffWordsWithSpace(current, next)) {
    if (change.removed) target.delete(index, change.value.length);
    else if (change.added) {
      target.insert(index, change.value);
      index += change.value.length;
    } else index += change.value.length;
  }
}

/** Writes the fields of `next` that differ from `before` into an item's entry (creating it if needed). */
export function writeItem(doc: Y.Doc, itemId: string, next: ItemState, before: ItemState | null): void {
  const items = itemsOf(doc);
  let entry = items.get(itemId);
  if (!entry) {
    entry = new Y.Map<unknown>();
    entry.set('note', new Y.Text());
    items.set(itemId, entry);
  }
  for (const field of ITEM_FIELDS) {
    if (before && before[field] === next[field] && entry.has(field)) continue;
    if (field === 'note') {
      let note = entry.get('note');
      if (!(note instanceof Y.Text)) {
        note = new Y.Text();
        entry.set('note', note);
      }
      replaceText(note as Y.Text, next.note);
    } else {
      entry.set(field, next[field]);
    }
  }
  if (
    next.custom &&
    (!before?.custom || JSON.stringify(before.custom) !== JSON.stringify(next.custom) || !entry.has('title'))
  ) {
    entry.set('title', next.custom.title);
    entry.set('description', next.custom.description);
    entry.set('areas', JSON.stringify(next.custom.areas));
  }
}

/** Item states in id order, for comparing replicas. */
export function docItemStates(doc: Y.Doc): [string, ItemState][] {
  return [...itemsOf(doc).entries()]
    .map(([id, entry]) => [id, readItem(entry)] as [string, ItemState])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One digest of everything shared: item states, attachment records (by content) and purges. Two replicas in step
 * answer the same digest, whatever order their changes arrived in.
 */
export function sharedDigest(items: [string, ItemState][], attachments: AttachmentRecord[]): string {
  const hash = createHash('sha256');
  for (const [id, state] of items) {
    hash.update(JSON.stringify([id, ITEM_FIELDS.map((f) => state[f]), state.custom ?? null]));
    hash.update('\n');
  }
  const files = attachments
    .filter((a) => a.state !== 'superseded')
    .map((a) => JSON.stringify([a.itemId, a.sha256, a.fileName, a.title, a.state]))
    .sort();
  for (const line of files) hash.update(`${line}\n`);
  return hash.digest('hex');
}

export function docDigest(doc: Y.Doc): string {
  return sharedDigest(
    docItemStates(doc).filter(([, s]) => s !== null),
    [...attachmentsOf(doc).values()],
  );
}
