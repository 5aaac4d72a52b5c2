import { closeSync, fsyncSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Why a backup was made; part of its file name. */
export const BACKUP_REASONS = ['pre-migration', 'periodic', 'pre-restore', 'manual', 'pre-risky'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const BACKUPS_FOLDER = 'backups';

/** A backup file found in backups/, described by its name (nothing has been opened or checked). */
export interface BackupEntry {
  /** Absolute path. */
  file: string;
  /** workspace-YYYYMMDD-HHMMSS[-N]-<reason>.db */
  name: string;
  /** When it was made (UTC, to the second), from its name. */
  createdAt: string;
  reason: BackupReason;
  bytes: number;
  /** 1 for the first backup made in a given second, 2, 3… for more in the same second (the -N in the name). */
  sequence: number;
}

/** A backup that has just passed PRAGMA integrity_check and is one of our workspace databases. */
export interface BackupInfo {
  file: string;
  name: string;
  createdAt: string;
  reason: BackupReason;
  bytes: number;
  ok: true;
}

export const backupsDir = (folder: string): string => join(folder, BACKUPS_FOLDER);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 2025-03-04T05:06:07Z → "20250304-050607" (UTC). */
export function timeStamp(at: Date): string {
  return (
    `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`
  );
}

const BACKUP_NAME = new RegExp(`^workspace-(\\d{8}-\\d{6})(?:-([2-9]|[1-9]\\d+))?-(${BACKUP_REASONS.join('|')})\\.db$`);
const DAMAGED_NAME = /^damaged-(\d{8}-\d{6})(?:-([2-9]|[1-9]\d+))?\.db$/;
/** Temporary files are hidden and never match a backup name, so a crash mid-backup leaves nothing that looks like one. */
export const TEMP_PREFIX = '.backup-';

function stampToIso(stamp: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  const time = Date.parse(iso);
  // Date.parse accepts some out-of-range fields; a real stamp survives the round trip unchanged.
  if (Number.isNaN(time) || new Date(time).toISOString() !== iso) return null;
  return iso;
}

export function backupName(at: Date, sequence: number, reason: BackupReason): string {
  return `workspace-${timeStamp(at)}${sequence > 1 ? `-${sequence}` : ''}-${reason}.db`;
}

export function parseBackupName(
  name: string,
): { createdAt: string; stamp: string; sequence: number; reason: BackupReason } | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const createdAt = stampToIso(m[1]!);
  if (!createdAt) return null;
  const sequence = m[2] === undefined ? 1 : Number(m[2]);
  if (!Number.isSafeInteger(sequence)) return null;
  return { createdAt, stamp: m[1]!, sequence, reason: m[3] as BackupReason };
}

/** Newest first: by time, then by the sequence within the same second. */
export function compareNewestFirst(
  a: { createdAt: string; sequence?: number },
  b: { createdAt: string; sequence?: number },
): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || (b.sequence ?? 1) - (a.sequence ?? 1);
}

function readNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The backups in a workspace's backups/ folder, newest first. Temporary, damaged and unrelated files are ignored. */
export function listBackups(folder: string): BackupEntry[] {
  const dir = backupsDir(folder);
  const entries: BackupEntry[] = [];
  for (const name of readNames(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    let bytes: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) continue;
      bytes = stat.size;
    } catch {
      continue;
    }
    entries.push({ file, name, createdAt: parsed.createdAt, reason: parsed.reason, bytes, sequence: parsed.sequence });
  }
  return entries.sort(compareNewestFirst);
}

/**
 * The file name for a new backup made at `at`: workspace-STAMP-reason.db, or workspace-STAMP-N-reason.db when
 * another backup (of any reason) already has that second. Call it and rename in the same synchronous stretch.
 */
export function freeBackupName(dir: string, at: Date, reason: BackupReason): string {
  const stamp = timeStamp(at);
  let last = 0;
  for (const name of readNames(dir)) {
    const parsed = parseBackupName(name);
    if (parsed && parsed.stamp === stamp) last = Math.max(last, parsed.sequence);
  }
  return backupName(at, last + 1, reason);
}

/** damaged-STAMP.db (or damaged-STAMP-N.db) that does not exist yet in dir. */
export function freeDamagedName(dir: string, at: Date): string {
  const stamp = timeStamp(at);
  let last = 0;
  for (const name of readNames(dir)) {
    const m = DAMAGED_NAME.exec(name);
    if (m && m[1] === stamp) last = Math.max(last, m[2] === undefined ? 1 : Number(m[2]));
  }
  return `damaged-${stamp}${last > 0 ? `-${last + 1}` : ''}.db`;
}

export function tempName(prefix = TEMP_PREFIX): string {
  return `${prefix}${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

/** SQLite's companion files of a database file. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;

export function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function removeWithSidecars(file: string): void {
  for (const path of [file, ...SIDECARS.map((s) => file + s)]) {
    try {
      removeIfPresent(path);
    } catch {
      /* best effort: a leftover temp file is harmless */
    }
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a directory for syncing (and does not need to); that is ignored. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    /* EINVAL/EPERM on some platforms and file systems */
  } finally {
    closeSync(fd);
  }
}
