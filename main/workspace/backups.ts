import { openReadable, openWritable, type WritableDB } from '../store/database';
import { closeSync, constants, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { appendEvent } from '../audit/audit-events';
import { databaseFile, resolveWorkspaceFolder } from './workspace-folder';
import { acquireLock, releaseLock } from './workspace-lock';
import {
  BACKUP_REASONS,
  backupsDir,
  freeBackupName,
  freeDamagedName,
  fsyncDir,
  fsyncFile,
  listBackups,
  parseBackupName,
  removeIfPresent,
  removeWithSidecars,
  SIDECARS,
  tempName,
  type BackupEntry,
  type BackupInfo,
  type BackupReason,
} from './backup-files';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { APPLICATION_ID, inspectDatabase } from '../store/open-database';
import { storageProblem, WorkspaceError } from '../refusal/refusal';
import { checkImportedDatabase, forgetKeptFindings } from './imported-database';
import { backupOptions, copyFileSync, mkdirSync, renameSync } from '../files/fs-faults';

export { listBackups, type BackupEntry, type BackupInfo, type BackupReason } from './backup-files';
export {
  chooseBackupsToDelete,
  DEFAULT_RETENTION,
  pruneBackups,
  type BackupStamp,
  type RetentionPolicy,
} from './backup-retention';

const SQLITE_HEADER = 'SQLite format 3\u0000';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Every problem PRAGMA integrity_check reports ('ok' alone when there are none), the first few joined. */
function integrityProblems(db: Database, pragma: 'integrity_check' | 'quick_check' = 'integrity_check'): string | null {
  const rows = db.pragma(`${pragma}(20)`) as Record<string, unknown>[];
  const lines = rows.map((row) => String(Object.values(row)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 5).join('; ');
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a copy read-write once to put it in rollback-journal mode. The backup API copies the source's header, so a
 * copy of a WAL database would otherwise say "WAL" and grow -wal/-shm files whenever it is read.
 */
function settleJournalMode(file: string): void {
  const db = openWritable(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Checks, read-only, that a file is a sound SEND Evidence Pack database this version can open: a SQLite file,
 * our application_id, a schema no newer than ours, and a clean PRAGMA integrity_check. Throws a WorkspaceError that
 * names `label` otherwise: 'refused' (not ours), 'newer-version', or 'damaged'.
 */
export function verifyBackupFile(file: string, label = basename(file)): { schemaVersion: number } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new WorkspaceError('not-found', `There is no backup at ${file}.`);
  }
  if (size === 0 || !hasSqliteHeader(file)) {
    throw new WorkspaceError('refused', `${label} is not a SEND Evidence Pack backup (it is not a SQLite database).`);
  }
  let db: Database | undefined;
  try {
    db = openReadable(file);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new WorkspaceError(
        'refused',
        `${label} is a SQLite database of another application, not a SEND Evidence Pack backup.`,
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new WorkspaceError(
        'newer-version',
        `${label} was made by a newer version of SEND Evidence Pack (schema ${schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the latest version to restore it.`,
      );
    }
    if (schemaVersion < 1) {
      throw new WorkspaceError('refused', `${label} holds no workspace (its schema was never created).`);
    }
    const problems = integrityProblems(db);
    if (problems)
      throw new WorkspaceError('damaged', `${label} is damaged: it failed its integrity check (${problems}).`);
    return { schemaVersion };
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError('damaged', `${label} cannot be read (${messageOf(error)}).`);
  } finally {
    db?.close();
  }
}

function toInfo(entry: Pick<BackupEntry, 'file' | 'name' | 'createdAt' | 'reason'>): BackupInfo {
  return {
    file: entry.file,
    name: entry.name,
    createdAt: entry.createdAt,
    reason: entry.reason,
    bytes: statSync(entry.file).size,
    ok: true,
  };
}

/**
 * Backs up an open workspace database into FOLDER/backups/ with SQLite's online backup API (consistent even while
 * the database is being written, WAL content included), then checks the copy with PRAGMA integrity_check. The copy
 * is made under a hidden temporary name and only renamed to workspace-YYYYMMDD-HHMMSS[-N]-<reason>.db (UTC) once it
 * has passed, so a failed or interrupted backup never looks like a backup. A copy that fails is deleted and a
 * WorkspaceError('internal') thrown.
 */
export async function createBackup(
  db: Database,
  folder: string,
  reason: BackupReason,
  now: Date = new Date(),
): Promise<BackupInfo> {
  if (!BACKUP_REASONS.includes(reason))
    throw new WorkspaceError('internal', `Unknown backup reason "${String(reason)}".`);
  const dir = backupsDir(resolve(folder));
  const temp = join(dir, tempName());
  try {
    mkdirSync(dir, { recursive: true });
    await db.backup(temp, backupOptions(temp));
    let problems: string | null;
    try {
      settleJournalMode(temp);
      const copy = openReadable(temp);
      try {
        problems = integrityProblems(copy);
      } finally {
        copy.close();
      }
    } catch (error) {
      problems = messageOf(error); // SQLite refuses to read a badly damaged copy at all ("malformed")
    }
    if (problems) {
      throw new WorkspaceError(
        'internal',
        `The backup copy failed its integrity check (${problems}) and has been discarded. The workspace database itself may be damaged.`,
      );
    }
    fsyncFile(temp);
    // Choosing the name and renaming happen in one synchronous stretch, so two backups in the same second never collide.
    const name = freeBackupName(dir, now, reason);
    const file = join(dir, name);
    renameSync(temp, file);
    fsyncDir(dir);
    const parsed = parseBackupName(name)!;
    return toInfo({ file, name, createdAt: parsed.createdAt, reason });
  } catch (error) {
    removeWithSidecars(temp);
    // A full disk or an unwritable folder is told in plain words by the API (store/workspace-error.ts).
    if (error instanceof WorkspaceError || storageProblem(error)) throw error;
    throw new WorkspaceError('internal', `The backup could not be made: ${messageOf(error)}`);
  }
}

/** The newest backup that is sound (PRAGMA integrity_check, opened read-only) and restorable by this version. */
export function latestGoodBackup(folder: string): BackupInfo | null {
  for (const entry of listBackups(resolve(folder))) {
    try {
      verifyBackupFile(entry.file);
      return toInfo(entry);
    } catch {
      /* try the next older one */
    }
  }
  return null;
}

export type Diagnosis = { ok: true } | { ok: false; problem: string; latestGood: BackupInfo | null };

/**
 * For "this workspace is damaged; restore the latest good backup?": runs the same checks as opening the workspace
 * (without writing anything) and, if the database is damaged, finds the newest sound backup. Other refusals
 * (no database at all, a newer version) are thrown as they are.
 */
export function diagnoseDatabase(folder: string): Diagnosis {
  const resolved = resolveWorkspaceFolder(folder);
  try {
    inspectDatabase(databaseFile(resolved));
    return { ok: true };
  } catch (error) {
    if (error instanceof WorkspaceError && error.code === 'damaged') {
      return { ok: false, problem: error.message, latestGood: latestGoodBackup(resolved) };
    }
    throw error;
  }
}

export interface RestoreOptions {
  /** Who is restoring: recorded in the restored database's audit trail, and named on the lock meanwhile. */
  user: string;
  now?: Date;
}

export interface RestoreResult {
  /** The backup that is now the workspace database. */
  restoredFrom: string;
  /** Where the database it replaced was put: a pre-restore backup, a damaged-*.db copy, or null if there was none. */
  savedAs: string | null;
}

function resolveBackupPath(folder: string, backupFile: string): string {
  if (basename(backupFile) === backupFile) {
    const inBackups = join(backupsDir(folder), backupFile);
    if (existsSync(inBackups)) return inBackups;
  }
  return resolve(backupFile);
}

/** Is the current database readable: a SQLite file that opens read-only and passes quick_check? */
function probeReadable(file: string): Database | null {
  try {
    if (statSync(file).size === 0 || !hasSqliteHeader(file)) return null;
  } catch {
    return null;
  }
  let db: Database | undefined;
  try {
    db = openReadable(file);
    if (integrityProblems(db, 'quick_check') === null) return db;
  } catch {
    /* unreadable */
  }
  db?.close();
  return null;
}

/** Copies a damaged database byte for byte (with its -wal or -journal, if any) to backups/damaged-STAMP.db. */
function keepDamagedCopy(file: string, folder: string, now: Date): string {
  const dir = backupsDir(folder);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, freeDamagedName(dir, now));
  try {
    copyFileSync(file, target, constants.COPYFILE_EXCL);
    fsyncFile(target);
    for (const sidecar of ['-wal', '-journal'] as const) {
      if (!existsSync(file + sidecar)) continue;
      copyFileSync(file + sidecar, target + sidecar, constants.COPYFILE_EXCL);
      fsyncFile(target + sidecar);
    }
  } catch (error) {
    // A partial copy (a full disk) is no copy; the original is untouched. A name taken meanwhile is never removed.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') removeWithSidecars(target);
    throw error;
  }
  fsyncDir(dir);
  return target;
}

/** Puts the current workspace.db aside before it is replaced. Never removes or changes it. */
async function setAsideCurrent(folder: string, now: Date): Promise<string | null> {
  const file = databaseFile(folder);
  if (!existsSync(file)) return null;
  const db = probeReadable(file);
  if (db) {
    try {
      return (await createBackup(db, folder, 'pre-restore', now)).file;
    } catch {
      // Readable but the copy failed its check: keep its bytes as they are instead.
    } finally {
      db.close();
    }
  }
  return keepDamagedCopy(file, folder, now);
}

/**
 * Replaces a workspace's database with a backup. The workspace must not be open (the caller closes it first); the
 * workspace lock is taken meanwhile, so this refuses if anyone holds it.
 *
 * 1. The backup is copied to a temporary file beside workspace.db and that copy is verified (SQLite, ours, not newer,
 *    integrity_check); a refusal leaves the workspace and the backup exactly as they were.
 * 2. The current workspace.db is set aside: through the backup API as backups/workspace-…-pre-restore.db if it is
 *    readable, or byte for byte as backups/damaged-….db if it is not (that copy is never overwritten or deleted).
 * 3. The restore is recorded in the copy's audit trail; the stale -wal/-shm/-journal of the old database are
 *    removed (only now that it is safe elsewhere: replayed onto the restored file they would corrupt it), and the
 *    copy is fsynced and renamed over workspace.db (atomic: same folder, same volume).
 */
export async function restoreBackup(
  folder: string,
  backupFile: string,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const now = options.now ?? new Date();
  const resolved = resolveWorkspaceFolder(folder);
  const source = resolveBackupPath(resolved, backupFile);
  const label = basename(source);
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new WorkspaceError('not-found', `There is no backup at ${source}.`, 'backupFile');
  }
  if (!existsSync(resolved) || !statSync(resolved).isDirectory()) {
    throw new WorkspaceError('not-found', `There is no workspace folder at ${resolved}.`, 'path');
  }
  const lock = acquireLock(resolved, options.user);
  if (!lock.acquired) {
    const who = lock.holder;
    throw new WorkspaceError(
      'read-only',
      `The workspace cannot be restored while it is open: ${who.user} has it open on ${who.host} (since ${who.since}). Close it first.`,
    );
  }
  const dbFile = databaseFile(resolved);
  const staging = join(dirname(dbFile), tempName('.restoring-'));
  try {
    copyFileSync(source, staging, constants.COPYFILE_EXCL);
    verifyBackupFile(staging, label);
    // A backup can come from anywhere (a shared drive, an e-mail): data, never code or paths, as an import. Files
    // it refers to may be gone (purged, or collected before backups kept them): those are named when needed.
    checkImportedDatabase(staging, resolved, { requireFiles: false, what: label });

    const savedAs = await setAsideCurrent(resolved, now);

    const restored = openWritable(staging);
    try {
      restored.pragma('journal_mode = DELETE');
      restored.pragma('synchronous = FULL');
      forgetKeptFindings(restored);
      appendEvent(restored, {
        at: now.toISOString(),
        who: options.user,
        itemId: null,
        action: 'restore-backup',
        before: savedAs === null ? null : JSON.stringify({ savedAs: basename(savedAs) }),
        after: JSON.stringify({ restoredFrom: label, backupCreatedAt: parseBackupName(label)?.createdAt ?? null }),
      });
    } finally {
      restored.close();
    }
    fsyncFile(staging);

    for (const sidecar of SIDECARS) removeIfPresent(dbFile + sidecar);
    renameSync(staging, dbFile);
    fsyncDir(dirname(dbFile));
    return { restoredFrom: source, savedAs };
  } catch (error) {
    removeWithSidecars(staging);
    if (error instanceof WorkspaceError || storageProblem(error)) throw error;
    throw new WorkspaceError('internal', `The backup could not be restored: ${messageOf(error)}`);
  } finally {
    releaseLock(resolved, lock.holder);
  }
}

/**
 * The stored files that any database in backups/ refers to: every backup, the pre-restore copy a restore keeps,
 * and damaged-*.db copies that can still be read. Garbage collection keeps them, so restoring a backup and then
 * undoing the restore finds every file; they are freed once the backup itself is pruned. A file that cannot be
 * read as a database refers to nothing (it could not be restored either).
 */
export function filesReferencedByBackups(folder: string): Set<string> {
  const referenced = new Set<string>();
  const dir = backupsDir(folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return referenced;
  }
  for (const name of names.filter((n) => n.endsWith('.db'))) {
    let db: Database | undefined;
    try {
      db = openReadable(join(dir, name));
      db.pragma('trusted_schema = OFF');
      const hasBlobs = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'blobs'").get();
      if (hasBlobs)
        for (const sha of db.prepare('SELECT sha256 FROM blobs').pluck().iterate()) referenced.add(String(sha));
    } catch {
      /* not a readable database */
    } finally {
      db?.close();
    }
  }
  return referenced;
}

/**
 * Rewrites every backup in place: opens it read-write, runs `mutate` in a transaction, then VACUUMs so deleted
 * content does not linger in free pages, and re-checks integrity. For purging data (a child's document's extracted
 * text) from the backups as well as the live database. A backup that is damaged, not ours, or whose rewrite fails is
 * reported: after trying all of them, a WorkspaceError('internal') names every backup that could not be rewritten
 * (it may still hold the data). `mutate` is told each backup's own schema version: a pre-migration backup can be
 * older than the live database and lack its newer tables.
 * damaged-*.db copies are not backups and are not touched.
 */
export function rewriteBackups(
  folder: string,
  mutate: (db: WritableDB, backup: BackupEntry & { schemaVersion: number }) => void,
): BackupInfo[] {
  const rewritten: BackupInfo[] = [];
  const failed: string[] = [];
  for (const entry of listBackups(resolve(folder))) {
    let db: WritableDB | undefined;
    try {
      const { schemaVersion } = verifyBackupFile(entry.file);
      db = openWritable(entry.file);
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('foreign_keys = ON');
      const handle = db;
      handle.transaction(() => mutate(handle, { ...entry, schemaVersion }))();
      handle.exec('VACUUM');
      const problems = integrityProblems(handle);
      if (problems) throw new Error(`after the rewrite it failed its integrity check (${problems})`);
      handle.close();
      fsyncFile(entry.file);
      rewritten.push(toInfo(entry));
    } catch (error) {
      failed.push(`${entry.name}: ${messageOf(error)}`);
    } finally {
      if (db?.open) db.close();
    }
  }
  if (failed.length > 0) {
    throw new WorkspaceError(
      'internal',
      `${failed.length} backup${failed.length === 1 ? '' : 's'} could not be rewritten and may still hold the data (${rewritten.length} rewritten): ${failed.join('; ')}`,
    );
  }
  return rewritten;
}
