import { closeSync, openSync, readFileSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processIsAlive } from '../util/process-alive';

export const LOCK_FILE = 'workspace.lock';
/** A holder that has not refreshed its lock for this long is presumed gone (crashed, or machine switched off). */
export const STALE_AFTER_MS = 10 * 60 * 1000;
export const HEARTBEAT_MS = 60 * 1000;

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  since: string;
  heartbeat: string;
}

export type LockOutcome =
  | { acquired: true; holder: LockHolder }
  | { acquired: false; holder: LockHolder; stale: boolean };

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.user !== 'string' || typeof parsed.host !== 'string' || typeof parsed.pid !== 'number') return null;
    return { user: parsed.user, host: parsed.host, pid: parsed.pid, since: String(parsed.since ?? ''),
      heartbeat: String(parsed.heartbeat ?? parsed.since ?? '') };
  } catch {
    return null;
  }
}

export function isStale(holder: LockHolder, now = Date.now()): boolean {
  if (holder.host === hostname() && !processIsAlive(holder.pid)) return true;
  const beat = Date.parse(holder.heartbeat);
  return Number.isNaN(beat) || now - beat > STALE_AFTER_MS;
}

/**
 * Marks a workspace folder as held by this process. The lock file is created exclusively, so two openers
 * cannot both win; the loser learns who holds it.
 */
export function acquireLock(folder: string, user: string): LockOutcome {
  const file = join(folder, LOCK_FILE);
  const now = new Date().toISOString();
  const holder: LockHolder = { user, host: hostname(), pid: process.pid, since: now, heartbeat: now };
  try {
    const fd = openSync(file, 'wx');
    try { writeFileSync(fd, JSON.stringify(holder, null, 2)); } finally { closeSync(fd); }
    return { acquired: true, holder };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const existing = readHolder(file);
  // An unreadable lock file (half-written by a crash) is treated as a stale lock held by nobody we know.
  const shown = existing ?? { user: 'unknown', host: 'unknown', pid: 0, since: '', heartbeat: '' };
  return { acquired: false, holder: shown, stale: existing ? isStale(existing) : true };
}

/** Removes someone else's lock; only after the person confirmed that its holder is gone. */
export function breakLock(folder: string): void {
  try { unlinkSync(join(folder, LOCK_FILE)); } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Removes our own lock; leaves a lock taken over by someone else alone. */
export function releaseLock(folder: string, holder: LockHolder): void {
  const file = join(folder, LOCK_FILE);
  const current = readHolder(file);
  if (current && current.pid === holder.pid && current.host === holder.host && current.since === holder.since) {
    unlinkSync(file);
  }
}

export function refreshLock(folder: string, holder: LockHolder): void {
  const file = join(folder, LOCK_FILE);
  const current = readHolder(file);
  if (!current || current.pid !== holder.pid || current.host !== holder.host) return;
  holder.heartbeat = new Date().toISOString();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(holder, null, 2));
  renameSync(temp, file);
}
