import { randomUUID } from 'node:crypto';
import { readMeta } from '../store/meta';
import { existsSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { WritableDB } from '../store/database';
import type { AuditAction } from '../../shared/domain/audit';
import * as Y from 'yjs';
import { appendEvent } from '../audit/audit-events';
import {
  clearPendingRedaction,
  fixedFindings,
  recordRedaction,
  redactEverywhere,
  redactionsForBackup,
  type Redaction,
} from '../privacy/narrative-redaction';
import { rewriteBackups } from '../workspace/backups';
import { reindexItem, indexAttachment, removeAttachmentFromIndex } from '../search/search-index';
import { blobPath, deleteBlob } from '../store/blob-store';
import { scrubAttachmentChain } from '../evidence/purge-attachment';
import { storedText } from '../evidence/attachments-repository';
import type { AttachmentRow } from '../evidence/attachment-row';
import type { ItemRow } from '../checklist/item-row';
import {
  attachmentsOf,
  docItemStates,
  ITEM_FIELDS,
  itemsOf,
  purgedOf,
  readItem,
  sharedDigest,
  workspaceOf,
  writeItem,
  type AttachmentRecord,
  type ItemState,
} from './doc-model';

/** Transaction origins: what this replica wrote itself, what it loaded from its own database. */
export const LOCAL_ORIGIN = Symbol('sendpack-local');
const LOAD_ORIGIN = Symbol('sendpack-load');
/** A change from elsewhere (the server, a contribution file) as it goes into this replica's document. */
export const REMOTE_ORIGIN = Symbol('sendpack-remote');
/** Changes copied between the replica's document and the document the provider talks through. */
const BRIDGE_ORIGIN = Symbol('sendpack-bridge');
const SYNC_BOUND = 'sync_bound';

/** Fewer stored updates than this are kept as they are; past it the log is folded into one state (on the next bind). */
const COMPACT_AFTER = 400;

const WORKSPACE_ID = 'sync_workspace_id';

interface WorkspaceShared {
  areaName: string;
  laCode: string | null;
  inspection: string | null;
  reviewSettings: string | null;
}

export interface BindOutcome {
  /** Item ids whose rows changed from the document (remote changes). */
  pulled: string[];
  /** Item ids whose local changes went into the document. */
  pushed: string[];
  /** Stored files named by the document that this replica does not have yet. */
  missingFiles: string[];
  /** Stored files that went with a purge (removed from files/ after the transaction). */
  purgedFiles: string[];
  /** A viewer's own item changes, put back to the shared state (viewers read; the server takes nothing from them). */
  putBack: string[];
}

const meta = (db: Database, key: string): string | null => readMeta(db, key) ?? null;
const setMeta = (db: WritableDB, key: string, value: string): void => {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
};

export const workspaceSyncId = (db: Database): string | null => meta(db, WORKSPACE_ID);
export const setWorkspaceSyncId = (db: WritableDB, id: string): void => setMeta(db, WORKSPACE_ID, id);

function itemRowState(row: ItemRow): ItemState {
  const state: ItemState = {
    status: row.status,
    owner: row.owner,
    dueDate: row.due_date ?? null,
    note: row.note,
    approvedBy: row.approved_by ?? null,
    approvedAt: row.approved_at ?? null,
    reviewComment: row.review_comment ?? '',
    reviewCommentBy: row.review_comment_by ?? null,
    reviewCommentAt: row.review_comment_at ?? null,
  };
  if (row.origin === 'custom') {
    state.custom = {
      title: row.title,
      description: row.description,
      areas: JSON.parse(row.areas) as string[],
    };
  }
  return state;
}

const sameItem = (a: ItemState, b: ItemState): boolean => ITEM_FIELDS.every((f) => a[f] === b[f]);

function attachmentRowRecord(row: AttachmentRow, chain: string): AttachmentRecord {
  return {
    itemId: row.item_id,
    chain,
    versionNo: row.version_no,
    // NULL only for a purged version, which the callers set aside by its state before comparing records.
    sha256: row.sha256 as string,
    fileName: row.file_name,
    bytes: row.bytes,
    title: row.title,
    documentDate: row.document_date ?? null,
    versionLabel: row.version_label,
    author: row.author,
    source: row.source,
    note: row.note,
    // The record's states are current, superseded and binned; a purged row is told apart by row.state first.
    state: row.state as AttachmentRecord['state'],
    addedAt: row.added_at,
    addedBy: row.added_by,
  };
}

/** Fields of an attachment record an officer can change after attaching (the file itself never changes). */
const sameAttachment = (a: AttachmentRecord, b: AttachmentRecord): boolean =>
  a.state === b.state &&
  a.title === b.title &&
  a.documentDate === b.documentDate &&
  a.versionLabel === b.versionLabel &&
  a.author === b.author &&
  a.source === b.source &&
  a.note === b.note &&
  a.itemId === b.itemId;

/**
 * One workspace's replica of the shared document: the Y.Doc loaded from the workspace database, and the binder
 * that carries local row changes into the document and the document's changes (merged by Yjs) into the rows. Every
 * update the document takes is stored in `sync_updates` in the same SQLite transaction as the row changes it
 * makes, so a kill at any point leaves either both or neither; a change saved in the rows but not yet in the
 * document is found again by the next bind (rows and document are compared with what they last agreed on).
 */
export class Replica {
  readonly doc = new Y.Doc();
  /**
   * The document the network provider talks through. A remote update arrives here first; before it reaches `doc`,
   * this replica's own unsent row changes go into `doc`, so each local edit is taken against the text it was made
   * on and Yjs merges it with the remote one (two people typing in one narrative both keep their words).
   */
  readonly wire = new Y.Doc();
  private readonly onUpdate: (update: Uint8Array, origin: unknown) => void;
  private readonly onWireUpdate: (update: Uint8Array, origin: unknown) => void;
  /** Files to remove from files/ once the transaction that purged them has committed. */
  private purgeQueue: string[] = [];
  private needsCompaction = false;
  /** Remote updates that could not be stored yet (the database was busy): taken again at the next bind. */
  private pendingRemote: Uint8Array[] = [];
  /** Called after a bind that changed rows (the host refreshes its screens). */
  onRowsChanged: ((outcome: BindOutcome) => void) | null = null;
  /** Item changes taken from the document into the rows since this replica opened. */
  pulledTotal = 0;
  /** What remote purges and redactions took out of the live rows, still to take out of free pages and backups. */
  private scrub: { redactions: Redaction[]; chains: number[] } = { redactions: [], chains: [] };
  /** Item changes this replica put into the document since it opened. */
  pushedTotal = 0;

  /** A viewer's replica only takes changes: its own edits are not shared (the server refuses them anyway). */
  constructor(
    readonly db: WritableDB,
    readonly folder: string,
    readonly viewer = false,
  ) {
    this.selectShadow = db.prepare('SELECT state FROM sync_shadow WHERE kind = ? AND key = ?').pluck();
    this.upsertShadow = db.prepare(`INSERT INTO sync_shadow (kind, key, state) VALUES (?, ?, ?)
      ON CONFLICT (kind, key) DO UPDATE SET state = excluded.state WHERE state IS NOT excluded.state`);
    const updates = db.prepare<[], Buffer>('SELECT doc_update FROM sync_updates ORDER BY seq').pluck().all();
    if (updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(updates.map((u) => new Uint8Array(u))), LOAD_ORIGIN);
    Y.applyUpdate(this.wire, Y.encodeStateAsUpdate(this.doc), BRIDGE_ORIGIN);
    this.needsCompaction = updates.length > COMPACT_AFTER;
    const insert = db.prepare('INSERT INTO sync_updates (doc_update) VALUES (?)');
    this.onUpdate = (update, origin) => {
      if (origin === LOAD_ORIGIN || origin === REMOTE_ORIGIN) return; // stored by whoever applied it
      insert.run(Buffer.from(update));
      // Outside the transaction that made it: the provider sends what the wire document takes from us.
      queueMicrotask(() => Y.applyUpdate(this.wire, update, BRIDGE_ORIGIN));
    };
    this.onWireUpdate = (update, origin) => {
      if (origin === BRIDGE_ORIGIN) return;
      this.takeRemote(update);
    };
    this.doc.on('update', this.onUpdate);
    this.wire.on('update', this.onWireUpdate);
  }

  /**
   * Takes a remote update: this replica's unsent row changes first, then the update, stored with the row changes it
   * makes, all in one transaction.
   */
  takeRemote(update: Uint8Array, origin: unknown = REMOTE_ORIGIN): BindOutcome | null {
    const updates = [...this.pendingRemote, update];
    let outcome: BindOutcome;
    try {
      outcome = this.db.transaction(() => {
        const result: BindOutcome = { pulled: [], pushed: [], missingFiles: [], purgedFiles: [], putBack: [] };
        if (!this.viewer) this.doc.transact(() => this.push(result, this.bound()), LOCAL_ORIGIN);
        const merged = updates.length === 1 ? update : Y.mergeUpdates(updates);
        this.db.prepare('INSERT INTO sync_updates (doc_update) VALUES (?)').run(Buffer.from(merged));
        Y.applyUpdate(this.doc, merged, origin);
        this.pull(result);
        return result;
      })();
    } catch (error) {
      this.pendingRemote = updates;
      console.error('[sendpack] could not store a change from the sync server (kept to try again):', error);
      return null;
    }
    this.pendingRemote = [];
    this.afterBind(outcome);
    return outcome;
  }

  /** Whether this replica has taken the shared state once (before that, it never publishes catalogue items of its own). */
  private bound(): boolean {
    return meta(this.db, SYNC_BOUND) === '1';
  }

  /**
   * Makes changes to the document from elsewhere (a contribution file) under `origin`, and takes them into the rows,
   * all in one transaction.
   */
  applyExternal(change: () => void, origin: unknown): BindOutcome {
    const outcome = this.db.transaction(() => {
      this.doc.transact(change, origin);
      return this.bindInTransaction();
    })();
    this.afterBind(outcome);
    return outcome;
  }

  /** Carries local changes into the document and the document's changes into the rows, in one transaction. */
  bind(): BindOutcome {
    const outcome = this.db.transaction(() => this.bindInTransaction())();
    this.afterBind(outcome);
    return outcome;
  }

  private afterBind(outcome: BindOutcome): void {
    this.pulledTotal += new Set(outcome.pulled).size;
    this.pushedTotal += new Set(outcome.pushed).size;
    for (const sha of this.purgeQueue) deleteBlob(this.folder, sha);
    this.purgeQueue = [];
    if (this.needsCompaction) this.compact();
    if (this.onRowsChanged && (outcome.pulled.length > 0 || outcome.purgedFiles.length > 0))
      this.onRowsChanged(outcome);
  }

  /**
   * Folds the update log into one state. Yjs drops the content of deleted text when it collects garbage, so after
   * a redaction the old words are in no stored update either.
   */
  compact(): void {
    const state = Y.encodeStateAsUpdate(this.doc);
    // Deleted rows are overwritten, not left in free pages; the journal is emptied once they are.
    const secure = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM sync_updates').run();
        this.db.prepare('INSERT INTO sync_updates (doc_update) VALUES (?)').run(Buffer.from(state));
      })();
    } finally {
      this.db.pragma(`secure_delete = ${secure}`);
    }
    if (this.db.pragma('journal_mode', { simple: true }) === 'wal') this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.needsCompaction = false;
  }

  private bindInTransaction(): BindOutcome {
    const outcome: BindOutcome = { pulled: [], pushed: [], missingFiles: [], purgedFiles: [], putBack: [] };
    if (this.pendingRemote.length > 0) {
      const merged = Y.mergeUpdates(this.pendingRemote);
      if (!this.viewer) this.doc.transact(() => this.push(outcome, this.bound()), LOCAL_ORIGIN);
      this.db.prepare('INSERT INTO sync_updates (doc_update) VALUES (?)').run(Buffer.from(merged));
      Y.applyUpdate(this.doc, merged, REMOTE_ORIGIN);
      this.pendingRemote = [];
    }
    // Called once the first exchange with the server is done: from now on, this replica's items are its to publish
    // (a copy opened from a contribution file holds only the items sent, and publishes none of its own).
    const contributionCopy = meta(this.db, 'contribution_received') !== null;
    if (!this.viewer) this.doc.transact(() => this.push(outcome, !contributionCopy), LOCAL_ORIGIN);
    else {
      for (const row of this.db.prepare<[], ItemRow>('SELECT * FROM items WHERE retired = 0').all()) {
        const shadow = this.shadow<ItemState>('item', row.id);
        if (shadow && !sameItem(itemRowState(row), shadow)) outcome.putBack.push(row.id);
      }
    }
    this.pull(outcome);
    setMeta(this.db, SYNC_BOUND, '1');
    if ((this.db.prepare<[], number>('SELECT COUNT(*) FROM sync_updates').pluck().get() ?? 0) > COMPACT_AFTER)
      this.needsCompaction = true;
    return outcome;
  }

  // Prepared once: every remote update binds, and 40 replicas in one process bind for each edit.
  private readonly selectShadow: Statement;
  private readonly upsertShadow: Statement;

  private shadow<T>(kind: string, key: string): T | null {
    const raw = this.selectShadow.get(kind, key) as string | undefined;
    return raw === undefined ? null : (JSON.parse(raw) as T);
  }

  private setShadow(kind: string, key: string, state: unknown): void {
    this.upsertShadow.run(kind, key, JSON.stringify(state));
  }

  // ---- rows → document ----------------------------------------------------------------------------------------

  /** Rows → document. `publish`: items never bound go into the document (not before the first exchange). */
  private push(outcome: BindOutcome, publish: boolean): void {
    const items = itemsOf(this.doc);
    for (const row of this.db.prepare<[], ItemRow>('SELECT * FROM items WHERE retired = 0').all()) {
      const id = row.id;
      const local = itemRowState(row);
      const shadow = this.shadow<ItemState>('item', id);
      if (shadow === null) {
        // Never bound: publish it, unless the document already has it (a new replica takes the shared state).
        if (items.has(id) || (!publish && row.origin !== 'custom')) continue;
        writeItem(this.doc, id, local, null);
        outcome.pushed.push(id);
      } else if (!sameItem(local, shadow) || JSON.stringify(local.custom) !== JSON.stringify(shadow.custom)) {
        // Only the fields this replica changed since the last bind: a field changed elsewhere stays as merged.
        // A narrative fixed for personal data here: the stored update log is folded so no earlier update keeps it.
        if (local.note !== shadow.note && fixedFindings(this.db, shadow.note, local.note).length > 0)
          this.needsCompaction = true;
        const changed = { ...readItem(items.get(id) ?? new Y.Map()), custom: local.custom };
        for (const f of ITEM_FIELDS)
          if (local[f] !== shadow[f]) (changed as unknown as Record<string, unknown>)[f] = local[f];
        writeItem(this.doc, id, changed, items.get(id) ? readItem(items.get(id)!) : null);
        outcome.pushed.push(id);
      }
    }
    this.pushWorkspace(publish);
    this.pushAttachments();
  }

  private workspaceState(): WorkspaceShared {
    const inspection = this.db
      .prepare(
        `SELECT notified_date, notified_time, preset, lead_officer, milestone_overrides, recorded_at, recorded_by
      FROM inspection WHERE id = 1`,
      )
      .get() as Record<string, unknown> | undefined;
    return {
      areaName: meta(this.db, 'area_name') ?? '',
      laCode: meta(this.db, 'la_code'),
      inspection: inspection ? JSON.stringify(inspection) : null,
      reviewSettings: meta(this.db, 'review_settings'),
    };
  }

  private pushWorkspace(publish: boolean): void {
    const shared = workspaceOf(this.doc);
    const local = this.workspaceState();
    const shadow = this.shadow<WorkspaceShared>('settings', 'workspace');
    if (shadow === null && !publish) return;
    for (const key of Object.keys(local) as (keyof WorkspaceShared)[]) {
      if (shadow === null ? !shared.has(key) : shadow[key] !== local[key]) shared.set(key, local[key]);
    }
  }

  private attachmentUid(id: number): string | null {
    return (
      (this.db.prepare('SELECT uid FROM sync_attachment_keys WHERE attachment_id = ?').pluck().get(id) as
        string | undefined) ?? null
    );
  }

  private pushAttachments(): void {
    const records = attachmentsOf(this.doc);
    const purged = purgedOf(this.doc);
    const rows = this.db.prepare<[], AttachmentRow>('SELECT * FROM attachments ORDER BY id').all();
    for (const row of rows) {
      const id = row.id;
      let uid = this.attachmentUid(id);
      if (row.state === 'purged') {
        const shadow = uid ? this.shadow<AttachmentRecord>('attachment', uid) : null;
        if (uid && shadow) {
          records.delete(uid);
          purged.set(shadow.sha256, { by: shadow.addedBy, at: new Date().toISOString() });
          this.needsCompaction = true;
          this.db.prepare('DELETE FROM sync_shadow WHERE kind = ? AND key = ?').run('attachment', uid);
        }
        continue;
      }
      if (!uid) {
        uid = randomUUID();
        this.db.prepare('INSERT INTO sync_attachment_keys (attachment_id, uid) VALUES (?, ?)').run(id, uid);
      }
      const chainRow = row.chain_id === id ? uid : (this.attachmentUid(row.chain_id as number) ?? uid);
      const local = attachmentRowRecord(row, chainRow);
      const shadow = this.shadow<AttachmentRecord>('attachment', uid);
      if (shadow === null || !sameAttachment(local, shadow)) {
        const current = records.get(uid);
        records.set(
          uid,
          current ? { ...current, ...local, addedBy: current.addedBy, addedAt: current.addedAt } : local,
        );
        this.setShadow('attachment', uid, local);
      }
    }
  }

  // ---- document → rows ----------------------------------------------------------------------------------------

  private pull(outcome: BindOutcome): void {
    const now = new Date().toISOString();
    const select = this.db.prepare<[string], ItemRow>('SELECT * FROM items WHERE id = ?');
    for (const [id, entry] of itemsOf(this.doc).entries()) {
      const remote = readItem(entry);
      let row = select.get(id);
      if (!row && remote.custom) {
        const order =
          this.db.prepare<[], number>('SELECT COALESCE(MAX(sort_order), 0) + 10 FROM items').pluck().get() ?? 10;
        this.db
          .prepare(
            `INSERT INTO items (id, title, description, areas, kinds, origin, sort_order, updated_at, updated_by)
          VALUES (?, ?, ?, ?, '["document"]', 'custom', ?, ?, ?)`,
          )
          .run(
            id,
            remote.custom.title,
            remote.custom.description,
            JSON.stringify(remote.custom.areas),
            order,
            now,
            String(entry.get('by') ?? 'a partner'),
          );
        appendEvent(this.db, {
          at: now,
          who: String(entry.get('by') ?? 'a partner'),
          itemId: id,
          action: 'add-item',
          before: null,
          after: remote.custom.title,
          reason: 'from sync',
        });
        row = select.get(id);
      }
      if (!row || row.retired === 1) continue;
      const local = itemRowState(row);
      const notice = typeof entry.get('notice') === 'string' ? (entry.get('notice') as string) : null;
      const shadow = this.shadow<ItemState & { notice?: string | null }>('item', id);
      if (!sameItem(local, remote)) {
        this.applyItem(id, local, remote, entry, notice !== (shadow?.notice ?? null) ? notice : null);
        outcome.pulled.push(id);
      } else if (notice && notice !== (shadow?.notice ?? null)) {
        this.recordNotice(id, notice);
      }
      this.setShadow('item', id, { ...remote, notice });
    }
    this.pullWorkspace();
    this.pullAttachments(outcome);
  }

  private applyItem(
    id: string,
    local: ItemState,
    remote: ItemState,
    entry: Y.Map<unknown>,
    notice: string | null,
  ): void {
    const who = typeof entry.get('by') === 'string' ? (entry.get('by') as string) : 'a partner (name not given)';
    const at = typeof entry.get('at') === 'string' ? (entry.get('at') as string) : new Date().toISOString();
    this.db
      .prepare(
        `UPDATE items SET status = ?, owner = ?, note = ?, due_date = ?, approved_by = ?, approved_at = ?, review_comment = ?,
        review_comment_by = ?, review_comment_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      )
      .run(
        remote.status,
        remote.owner,
        remote.note,
        remote.dueDate,
        remote.approvedBy,
        remote.approvedAt,
        remote.reviewComment,
        remote.reviewCommentBy,
        remote.reviewCommentAt,
        at,
        who,
        id,
      );
    const parsed = notice ? (JSON.parse(notice) as { kind: string; by: string; detail: string }) : null;
    const changes: [AuditAction, string, string][] = [];
    if (local.status !== remote.status)
      changes.push([
        remote.reviewComment && remote.reviewComment !== local.reviewComment ? 'send-back' : 'status',
        local.status,
        remote.status,
      ]);
    if (local.owner !== remote.owner) changes.push(['owner', local.owner, remote.owner]);
    if (local.note !== remote.note) changes.push(['note', local.note, remote.note]);
    if (local.dueDate !== remote.dueDate) changes.push(['due-date', local.dueDate ?? '', remote.dueDate ?? '']);
    for (const [field, before, after] of changes) {
      const reason =
        field === 'status' && parsed ? parsed.detail : field === 'send-back' ? remote.reviewComment : 'from sync';
      appendEvent(this.db, {
        at,
        who: field === 'status' && parsed ? parsed.by : who,
        itemId: id,
        action: field,
        before,
        after,
        reason,
      });
    }
    if (parsed && parsed.kind === 'not-counted') this.recordNotice(id, notice!);
    if (local.note !== remote.note) {
      reindexItem(this.db, id);
      const redacted = fixedFindings(this.db, local.note, remote.note);
      if (redacted.length > 0) {
        recordRedaction(this.db, id, redacted, redactEverywhere(this.db, redacted), who, at);
        this.scrub.redactions.push(...redacted);
        this.needsCompaction = true;
      }
    }
  }

  private recordNotice(id: string, notice: string): void {
    const parsed = JSON.parse(notice) as { kind: string; by: string; at: string; detail: string };
    if (parsed.kind !== 'not-counted') return;
    appendEvent(this.db, {
      at: parsed.at,
      who: parsed.by,
      itemId: id,
      action: 'approval-not-counted',
      before: null,
      after: null,
      reason: parsed.detail,
    });
  }

  private pullWorkspace(): void {
    const shared = workspaceOf(this.doc);
    const local = this.workspaceState();
    const remote: WorkspaceShared = {
      areaName: typeof shared.get('areaName') === 'string' ? (shared.get('areaName') as string) : local.areaName,
      laCode: shared.has('laCode') ? (shared.get('laCode') as string | null) : local.laCode,
      inspection: shared.has('inspection') ? (shared.get('inspection') as string | null) : local.inspection,
      reviewSettings: shared.has('reviewSettings')
        ? (shared.get('reviewSettings') as string | null)
        : local.reviewSettings,
    };
    const at = new Date().toISOString();
    if (remote.areaName !== local.areaName) setMeta(this.db, 'area_name', remote.areaName);
    if (remote.laCode !== local.laCode) {
      if (remote.laCode) setMeta(this.db, 'la_code', remote.laCode);
      else this.db.prepare("DELETE FROM meta WHERE key = 'la_code'").run();
    }
    if (remote.reviewSettings !== local.reviewSettings && remote.reviewSettings)
      setMeta(this.db, 'review_settings', remote.reviewSettings);
    if (remote.inspection !== local.inspection) {
      if (remote.inspection) {
        const r = JSON.parse(remote.inspection) as Record<string, string | null>;
        this.db
          .prepare(
            `INSERT INTO inspection (id, notified_date, notified_time, preset, lead_officer, milestone_overrides, recorded_at, recorded_by)
          VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET notified_date = excluded.notified_date,
          notified_time = excluded.notified_time, preset = excluded.preset, lead_officer = excluded.lead_officer,
          milestone_overrides = excluded.milestone_overrides, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
          )
          .run(
            r.notified_date,
            r.notified_time,
            r.preset,
            r.lead_officer,
            r.milestone_overrides,
            r.recorded_at,
            r.recorded_by,
          );
        appendEvent(this.db, {
          at,
          who: r.recorded_by ?? 'a partner',
          itemId: null,
          action: local.inspection ? 'notification-replaced' : 'notification',
          before: local.inspection,
          after: remote.inspection,
          reason: 'from sync',
        });
      } else {
        this.db.prepare('DELETE FROM inspection WHERE id = 1').run();
      }
    }
    this.setShadow('settings', 'workspace', remote);
  }

  private pullAttachments(outcome: BindOutcome): void {
    const records = attachmentsOf(this.doc);
    const byUid = this.db.prepare('SELECT attachment_id FROM sync_attachment_keys WHERE uid = ?').pluck();
    // Chains first (version 1 before its later versions), so a later version finds its chain's local id.
    const entries = [...records.entries()].sort(([, a], [, b]) => a.versionNo - b.versionNo);
    for (const [uid, record] of entries) {
      const localId = byUid.get(uid) as number | undefined;
      if (localId === undefined) {
        if (
          !existsSync(blobPath(this.folder, record.sha256)) ||
          !this.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(record.sha256)
        ) {
          outcome.missingFiles.push(record.sha256);
          continue;
        }
        if (!this.db.prepare('SELECT 1 FROM items WHERE id = ?').get(record.itemId)) continue;
        const chainLocal = record.chain === uid ? null : ((byUid.get(record.chain) as number | undefined) ?? null);
        const info = this.db
          .prepare(
            `INSERT INTO attachments (item_id, chain_id, version_no, sha256, file_name, bytes, title, document_date,
            version_label, author, source, note, state, added_at, added_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            record.itemId,
            chainLocal ?? 0,
            record.versionNo,
            record.sha256,
            record.fileName,
            record.bytes,
            record.title,
            record.documentDate,
            record.versionLabel,
            record.author,
            record.source,
            record.note,
            record.state,
            record.addedAt,
            record.addedBy,
          );
        const id = Number(info.lastInsertRowid);
        if (chainLocal === null) this.db.prepare('UPDATE attachments SET chain_id = id WHERE id = ?').run(id);
        this.db.prepare('INSERT INTO sync_attachment_keys (attachment_id, uid) VALUES (?, ?)').run(id, uid);
        if (record.state === 'current') indexAttachment(this.db, id, this.storedText(record.sha256));
        appendEvent(this.db, {
          at: record.addedAt,
          who: record.addedBy,
          itemId: record.itemId,
          action: record.versionNo > 1 ? 'attach-new-version' : 'attach',
          before: null,
          after: JSON.stringify({
            attachmentId: id,
            title: record.title,
            fileName: record.fileName,
            sha256: record.sha256,
          }),
          reason: 'from sync',
        });
        this.setShadow('attachment', uid, record);
        outcome.pulled.push(record.itemId);
        continue;
      }
      const row = this.db.prepare<[number], AttachmentRow>('SELECT * FROM attachments WHERE id = ?').get(localId)!;
      const local = attachmentRowRecord(row, record.chain);
      if (row.state !== 'purged' && !sameAttachment(local, record)) {
        this.db
          .prepare(
            `UPDATE attachments SET item_id = ?, title = ?, document_date = ?, version_label = ?, author = ?, source = ?, note = ?,
            state = ? WHERE id = ?`,
          )
          .run(
            record.itemId,
            record.title,
            record.documentDate,
            record.versionLabel,
            record.author,
            record.source,
            record.note,
            record.state,
            localId,
          );
        if (record.state === 'current') indexAttachment(this.db, localId, this.storedText(record.sha256));
        else removeAttachmentFromIndex(this.db, localId);
        const action =
          local.state !== record.state
            ? record.state === 'binned'
              ? 'remove-attachment'
              : 'restore-attachment'
            : 'attachment-details';
        appendEvent(this.db, {
          at: new Date().toISOString(),
          who: record.addedBy,
          itemId: record.itemId,
          action,
          before: local.state,
          after: JSON.stringify({ attachmentId: localId, state: record.state }),
          reason: 'from sync',
        });
        outcome.pulled.push(record.itemId);
      }
      this.setShadow('attachment', uid, record);
    }
    // Purges: every chain holding a purged file goes, here as where it was purged.
    for (const [sha, by] of purgedOf(this.doc).entries()) {
      const chains = this.db
        .prepare("SELECT DISTINCT chain_id, item_id FROM attachments WHERE sha256 = ? AND state != 'purged'")
        .all(sha) as { chain_id: number; item_id: string }[];
      for (const chain of chains) {
        const files = scrubAttachmentChain(this.db, chain.chain_id);
        this.scrub.chains.push(chain.chain_id);
        appendEvent(this.db, {
          at: by.at,
          who: by.by,
          itemId: chain.item_id,
          action: 'purge-attachment',
          before: null,
          after: JSON.stringify({ chainId: chain.chain_id }),
          reason: 'purged on another replica (from sync)',
        });
        this.purgeQueue.push(...files);
        outcome.purgedFiles.push(...files);
        this.needsCompaction = true;
      }
    }
  }

  private storedText(sha256: string): string {
    return storedText(this.db, sha256);
  }

  /**
   * After a purge or a redaction that came from another replica: as where it was made, nothing of it may stay in the
   * journal, the database's free pages or this replica's backups. Runs outside any transaction (VACUUM needs that).
   */
  async finishScrub(): Promise<void> {
    const { redactions, chains } = this.scrub;
    if (redactions.length === 0 && chains.length === 0) return;
    this.scrub = { redactions: [], chains: [] };
    const wal = this.db.pragma('journal_mode', { simple: true }) === 'wal';
    if (wal) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    if (wal) this.db.pragma('wal_checkpoint(TRUNCATE)');
    rewriteBackups(this.folder, (backup, info) => {
      if (redactions.length > 0) redactEverywhere(backup, redactionsForBackup(this.db, backup, redactions));
      if (info.schemaVersion >= 2) for (const chain of chains) scrubAttachmentChain(backup, chain);
      forgetSyncHistory(backup);
    });
    if (redactions.length > 0) clearPendingRedaction(this.db);
  }

  /** The digest of the shared state as this replica's rows hold it (see sharedDigest). */
  rowDigest(): string {
    const items = this.db
      .prepare<[], ItemRow>('SELECT * FROM items WHERE retired = 0 ORDER BY id')
      .all()
      .filter((row) => itemsOf(this.doc).has(row.id))
      .map((row): [string, ItemState] => [row.id, itemRowState(row)]);
    const attachments = this.db
      .prepare<[], AttachmentRow>("SELECT * FROM attachments WHERE state IN ('current', 'binned')")
      .all()
      .map((row) => attachmentRowRecord(row, ''));
    return sharedDigest(
      items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      attachments,
    );
  }

  /** Items the document holds, as it holds them (for the digest the server answers). */
  docItems(): [string, ItemState][] {
    return docItemStates(this.doc);
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.wire.off('update', this.onWireUpdate);
    this.doc.destroy();
    this.wire.destroy();
  }
}

const hasSyncTables = (db: Database): boolean =>
  !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_updates'").get();

/**
 * For a backup being scrubbed (purge, redaction): its copy of the shared document's history still holds what was
 * removed, so it is dropped, with what the rows and document last agreed on. A backup restored later takes the
 * shared state from the server again, as a replica joining does.
 */
export function forgetSyncHistory(backup: WritableDB): void {
  if (!hasSyncTables(backup)) return;
  backup.exec(
    "DELETE FROM sync_updates; DELETE FROM sync_shadow; DELETE FROM sync_attachment_keys; DELETE FROM meta WHERE key = 'sync_bound'",
  );
}

/**
 * For a purge or a redaction made on this replica (the app's handlers, the CLI): the change goes into the shared
 * document now and the document's stored history is folded, so no earlier update in the database keeps what was
 * removed. Nothing to do for a workspace that was never shared.
 */
export function foldSyncHistory(db: WritableDB, folder: string): void {
  if (!hasSyncTables(db) || meta(db, SYNC_BOUND) !== '1') return;
  const replica = new Replica(db, folder);
  try {
    replica.bind();
    replica.compact();
  } finally {
    replica.destroy();
  }
}

/** How a purge folds and forgets this history (main/evidence/purge-attachment.ts). */
export const SYNC_HISTORY = { fold: foldSyncHistory, forget: forgetSyncHistory };
