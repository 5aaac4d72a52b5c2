import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { appendEvent, rewriteEvents } from '../audit/audit-events';
import { compactIndex, removeAttachmentFromIndex } from '../search/search-index';
import { WorkspaceError } from '../refusal/refusal';
import type { Workspace } from '../workspace/workspace';
import { getAttachment, removeOpenedCopies } from './attachments-repository';
import { deleteBlob } from '../store/blob-store';
import type { AttachmentRow } from './attachment-row';

const ATTACHMENT_ACTIONS = [
  'attach',
  'attach-new-version',
  'attachment-details',
  'remove-attachment',
  'restore-attachment',
];

/**
 * Removes every trace of one attachment chain from a database: names and notes, extracted text, the search index,
 * and the file names in earlier audit entries (the purge itself is recorded separately). Returns the stored files
 * nothing else refers to any more. Used on the live database and on every backup.
 */
export function scrubAttachmentChain(db: Database, chainId: number): string[] {
  const rows = db
    .prepare<[number], Pick<AttachmentRow, 'id' | 'sha256'>>('SELECT id, sha256 FROM attachments WHERE chain_id = ?')
    .all(chainId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const shas = [...new Set(rows.map((r) => r.sha256).filter((s): s is string => s !== null))];
  db.prepare(
    `UPDATE attachments SET state = 'purged', sha256 = NULL, file_name = '(purged)', title = '(purged)', note = '',
              author = '', source = '', version_label = '' WHERE chain_id = ?`,
  ).run(chainId);
  for (const id of ids) removeAttachmentFromIndex(db, id);
  const unreferenced = shas.filter((sha) => !db.prepare('SELECT 1 FROM attachments WHERE sha256 = ?').get(sha));
  // A backup from before migration 0014 has no stored findings.
  const findings = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'privacy_text_scans'").get()
    ? db.prepare('DELETE FROM privacy_text_scans WHERE sha256 = ?')
    : null;
  for (const sha of unreferenced) {
    findings?.run(sha);
    db.prepare('DELETE FROM blobs WHERE sha256 = ?').run(sha);
  }
  // remove-attachment and restore-attachment events hold a plain word in `before`, not JSON: json_extract on it
  // would abort the purge, so only valid JSON is looked into.
  const redact =
    db.prepare(`UPDATE events SET before = NULL, after = json_object('attachmentId', ?, 'redacted', 'purged')
      WHERE action = ? AND (CASE WHEN json_valid(after) THEN json_extract(after, '$.attachmentId') END = ?
        OR CASE WHEN json_valid(before) THEN json_extract(before, '$.attachmentId') END = ?)`);
  rewriteEvents(db, () => {
    for (const id of ids) for (const action of ATTACHMENT_ACTIONS) redact.run(id, action, id, id);
  });
  compactIndex(db);
  return unreferenced;
}

/**
 * A shared workspace's document history (main/sync/replica.ts) still names a purged file: the caller that knows about
 * sharing folds it in the live database and forgets it in each backup, so nothing earlier keeps the file.
 */
export interface SharedHistory {
  fold(db: WritableDB, folder: string): void;
  forget(backup: WritableDB): void;
}
const NOT_SHARED: SharedHistory = { fold: () => {}, forget: () => {} };

/** Applies a change to every backup of a workspace and answers the backups it rewrote (main/workspace/backups.ts). */
export type BackupRewriter = (
  folder: string,
  mutate: (db: WritableDB, info: { schemaVersion: number }) => void,
) => readonly unknown[] | Promise<readonly unknown[]>;

/**
 * Purging is for a file that must not be kept at all (a child's document attached by mistake). Only a binned
 * attachment can be purged, with a reason; afterwards the file is gone from files/, the database, the search
 * index and every backup. The purge itself stays in the audit trail, without the file's name.
 */
export async function purgeAttachment(
  workspace: Workspace,
  attachmentId: number,
  who: string,
  reason: string,
  rewriteBackups: BackupRewriter,
  history: SharedHistory = NOT_SHARED,
  at = new Date().toISOString(),
): Promise<{ backupsRewritten: number }> {
  workspace.assertWritable();
  const db = workspace.db;
  const attachment = getAttachment(db, attachmentId);
  if (attachment.state !== 'binned') {
    throw new WorkspaceError(
      'refused',
      `Remove "${attachment.title}" to the bin first; only files in the bin can be purged.`,
      'attachmentId',
    );
  }
  const files = db.transaction(() => {
    const unreferenced = scrubAttachmentChain(db, attachment.chainId);
    appendEvent(db, {
      at,
      who,
      itemId: attachment.itemId,
      action: 'purge-attachment',
      before: null,
      after: JSON.stringify({ attachmentId, versions: attachment.versionNo }),
      reason,
    });
    return unreferenced;
  })();
  // A shared workspace's document history still names the file: folded, so nothing earlier keeps it.
  history.fold(db, workspace.folder);
  if (workspace.journalMode === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  for (const sha of files) deleteBlob(workspace.folder, sha);
  removeOpenedCopies();
  // Backups older than migration 0002 predate attachments and hold nothing to scrub.
  const rewritten = await rewriteBackups(workspace.folder, (backup, info) => {
    if (info.schemaVersion >= 2) scrubAttachmentChain(backup, attachment.chainId);
    history.forget(backup);
  });
  return { backupsRewritten: rewritten.length };
}
