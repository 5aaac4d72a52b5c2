import { openReadable } from '../store/database';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index';
import { inspectDatabase } from '../store/open-database';
import { createBackup, pruneBackups } from './backups';
import { Workspace, type OpenOptions } from './workspace';
import { databaseFile, resolveWorkspaceFolder } from './workspace-folder';
import { lockIsFreeOrGone } from './workspace-lock';

/**
 * Opens a workspace the way the app and CLI do: if this version is about to migrate the database or upgrade its
 * catalogue, a checked backup is made first (from a read-only connection, so nothing is written before it exists).
 */
export async function openWorkspace(input: string, options: OpenOptions): Promise<Workspace> {
  const folder = resolveWorkspaceFolder(input);
  const file = databaseFile(folder);
  const { schemaVersion } = inspectDatabase(file);
  // Only an opener that will change the database backs up: a workspace someone else holds opens read-only as it is.
  if (schemaVersion > 0 && lockIsFreeOrGone(folder)) {
    const source = openReadable(file);
    try {
      const catalogueVersion = source.prepare("SELECT value FROM meta WHERE key = 'catalogue_version'").pluck().get();
      const reason =
        schemaVersion < LATEST_SCHEMA_VERSION
          ? 'pre-migration'
          : options.catalogue && catalogueVersion !== options.catalogue.catalogueVersion
            ? 'pre-risky'
            : null;
      if (reason) await createBackup(source, folder, reason);
    } finally {
      source.close();
    }
  }
  return Workspace.open(folder, options);
}

/** Backs up an open, writable workspace if it changed since the last periodic backup, then prunes old ones. */
export class PeriodicBackup {
  private lastChanges = -1;

  async runIfChanged(workspace: Workspace): Promise<boolean> {
    if (workspace.readOnly || !workspace.db.open) return false;
    const changes = workspace.db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0;
    if (changes === this.lastChanges) return false;
    await createBackup(workspace.db, workspace.folder, 'periodic');
    pruneBackups(workspace.folder);
    this.lastChanges = changes;
    return true;
  }
}
