import { basename, dirname } from 'node:path';
import type { ApiErrorCode } from '../../shared/api/result';

/** A refusal that main can explain to a person; the API turns it into an error answer, never a crash. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

/**
 * What the disk or the database said when a write failed, by kind. Node's fs codes and SQLite's (better-sqlite3's
 * SqliteError carries SQLite's extended code: SQLITE_FULL, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, …).
 */
export type StorageProblem = 'full' | 'read-only' | 'disk-error' | 'damaged';

export function storageProblem(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY'))
    return 'read-only';
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR')) return 'disk-error';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  return null;
}

/** What did not happen, by operation: "The disk is full: the pack was not built." */
const NOT_DONE: Partial<Record<string, string>> = {
  'settings.setUserName': 'your name was not saved',
  'workspace.create': 'the workspace was not created',
  'workspace.openSample': 'the sample area was not copied',
  'workspace.open': 'the workspace was not opened',
  'workspace.breakLock': 'the workspace was not opened',
  'files.upload': 'the file was not added',
  'attachments.add': 'the files were not attached',
  'attachments.replace': 'the new version was not stored',
  'attachments.purge': 'the file was not purged',
  'attachments.open': 'the file was not opened',
  'backups.create': 'the backup was not made',
  'backups.restore': 'the backup was not restored',
  'imports.commit': 'the import was not saved',
  'pack.build': 'the pack was not built',
  'pack.saveCopy': 'the copy was not saved',
};

const EARLIER = 'Nothing you saved earlier has changed.';

/**
 * The refusal for a write the disk or the database would not take, in plain words with what to do; null for any
 * other error. `folder` is where the write went when the error does not say (SQLite's errors name no file).
 */
export function storageRefusal(error: unknown, operation: string, folder: string | null): WorkspaceError | null {
  const problem = storageProblem(error);
  if (!problem) return null;
  const notDone = NOT_DONE[operation] ?? 'your change was not saved';
  const path = (error as NodeJS.ErrnoException).path;
  // Shown by its folder, and never by a hidden temporary one (.creating-…): their names would mean nothing to anyone.
  let where = path ? dirname(path) : folder;
  while (where && basename(where).startsWith('.') && dirname(where) !== where) where = dirname(where);
  const place = where ? `the drive that holds ${where}` : 'the drive';
  switch (problem) {
    case 'full':
      return new WorkspaceError(
        'refused',
        `The disk is full: ${notDone}. Free some space on ${place} and try again. ${EARLIER}`,
      );
    case 'read-only':
      return new WorkspaceError(
        'read-only',
        `${where ?? 'The folder'} cannot be written to (it is read-only, or you do not have permission to ` +
          `change it): ${notDone}. Ask your IT team for write access, or use a folder you can write to, and try again. ${EARLIER}`,
      );
    case 'disk-error':
      return new WorkspaceError(
        'internal',
        `The disk reported an error while saving: ${notDone}. Check that ${place} (or the network ` +
          `share) is still connected and try again. ${EARLIER}`,
      );
    case 'damaged':
      return new WorkspaceError(
        'damaged',
        `The workspace database is damaged: ${notDone}. Close the workspace and open it again: ` +
          'its latest good backup will be offered.',
      );
  }
}
