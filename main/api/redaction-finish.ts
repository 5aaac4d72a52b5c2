import type { Backend } from './backend';
import { foldSyncHistory, forgetSyncHistory } from '../sync/replica';
import {
  clearPendingRedaction,
  pendingRedactionItems,
  redactEverywhere,
  redactionsForBackup,
  type Redaction,
} from '../privacy/narrative-redaction';
import { clearFreedPages } from '../store/journal-mode';

/**
 * After a narrative change redacted personal data in the live database: nothing of the earlier text may stay in the
 * journal, free pages or backups. The WAL is checkpointed and truncated, the file vacuumed, and every backup gets
 * the same redaction; only then is the fix's "backups pending" marker cleared. With no redaction just made, this
 * finishes one a crash interrupted (the marker is still there): called on every open.
 */
export async function finishRedaction(backend: Backend, redacted: readonly Redaction[] = []): Promise<void> {
  const workspace = backend.workspace;
  if (!workspace || workspace.readOnly) return;
  const db = backend.writableWorkspace().db;
  if (redacted.length === 0 && pendingRedactionItems(db).length === 0) return;
  foldSyncHistory(db, workspace.folder);
  clearFreedPages(db, workspace.journalMode);
  await backend.rewriteBackups(workspace.folder, (backup) => {
    redactEverywhere(backup, redactionsForBackup(db, backup, redacted));
    forgetSyncHistory(backup);
  });
  clearPendingRedaction(db);
}

/**
 * On opening a workspace: finishes a redaction a crash left half done. A failure (a damaged backup) does not stop the
 * workspace opening; the marker stays, so the next open or the next fix tries again, and the officer is told.
 */
export async function finishInterruptedRedaction(backend: Backend): Promise<string | null> {
  try {
    await finishRedaction(backend);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `Personal data removed from a narrative could not yet be removed from every backup: ${message}`;
  }
}
