import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { inspectDatabase } from '../store/open-database';
import { createBackup, pruneBackups } from '../store/backups';
import { Workspace, type OpenOptions } from './workspace';
import { databaseFile, resolveWorkspaceFolder } from './workspace-folder';
import { LOCK_FILE } from './workspace-lock';

/**
 * Opens a workspace the way the app and CLI do: if this version is about to migrate the database, a checked
 * backup is made first (from a read-only connection, so nothing is written before it exists).
 */
export async function openWorkspace(input: string, options: OpenOptions): Promise<Workspace> {
  const folder = resolveWorkspaceFolder(input);
  const { schemaVersion } = inspectDatabase(databaseFile(folder));
  // Only an opener that will migrate backs up: a workspace someone else holds opens read-only and stays as it is.
  if (schemaVersion > 0 && schemaVersion < LATEST_SCHEMA_VERSION && !existsSync(join(folder, LOCK_FILE))) {
    const source = new BetterSqlite3(databaseFile(folder), { readonly: true, fileMustExist: true });
    try { await createBackup(source, folder, 'pre-migration'); } finally { source.close(); }
  }
  return Workspace.open(folder, options);
}

/** Backs up an open, writable workspace if it changed since the last periodic backup, then prunes old ones. */
export class PeriodicBackup {
  private lastChanges = -1;

  async runIfChanged(workspace: Workspace): Promise<boolean> {
    if (workspace.readOnly || !workspace.db.open) return false;
    const changes = workspace.db.prepare('SELECT total_changes()').pluck().get() as number;
    if (changes === this.lastChanges) return false;
    await createBackup(workspace.db, workspace.folder, 'periodic');
    pruneBackups(workspace.folder);
    this.lastChanges = changes;
    return true;
  }
}
