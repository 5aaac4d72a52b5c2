import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processIsAlive } from './process-alive';
import { writeFileAtomic } from '../files/atomic-write';

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
  /** tookOverFrom: the lock of a process that was gone, taken over (the caller tells the person). */
  | { acquired: true; holder: LockHolder; tookOverFrom: LockHolder | null }
  | { acquired: false; holder: LockHolder; stale: boolean };

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.user !== 'string' || typeof parsed.host !== 'string' || typeof parsed.pid !== 'number')
      return null;
    return {
      user: parsed.user,
      host: parsed.host,
      pid: parsed.pid,
      since: String(parsed.since ?? ''),
      heartbeat: String(parsed.heartbeat ?? parsed.since ?? ''),
    };
  } catch {
    return null;
  }
}

/**
 * Is the holder gone? On this machine the process decides: it has ended, or it has not (a CLI build that runs a
 * while without a heartbeat is still there). On another machine, which we cannot ask, its heartbeat decides:
 * nothing for STALE_AFTER_MS means it crashed or the machine went off.
 */
export function isStale(holder: LockHolder, now = Date.now()): boolean {
  if (holder.host === hostname()) return !processIsAlive(holder.pid);
  const beat = Date.parse(holder.heartbeat);
  return Number.isNaN(beat) || now - beat > STALE_AFTER_MS;
}

const sameHolder = (a: LockHolder | null, b: LockHolder) =>
  a !== null && a.pid === b.pid && a.host === b.host && a.since === b.since && a.heartbeat === b.heartbeat;

/**
 * Moves a gone holder's lock out of the way, only if it is still that lock: renamed aside first (one rename can
 * win), then compared. A lock that changed meanwhile (its holder was alive after all, or someone else took it
 * over first) is put back, never removed.
 */
function setAsideGoneLock(file: string, gone: LockHolder): boolean {
  const aside = `${file}.gone-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return false;
  }
  if (sameHolder(readHolder(aside), gone)) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, file);
  } catch {
    /* a new lock is there already: theirs stands */
  }
  unlinkSync(aside);
  return false;
}

/**
 * Marks a workspace folder as held by this process. The lock file is created exclusively, so two openers
 * cannot both win; the loser learns who holds it.
 */
export function acquireLock(folder: string, user: string): LockOutcome {
  const file = join(folder, LOCK_FILE);
  const now = new Date().toISOString();
  const holder: LockHolder = { user, host: hostname(), pid: process.pid, since: now, heartbeat: now };
  let tookOverFrom: LockHolder | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeFileSync(fd, JSON.stringify(holder, null, 2));
      } finally {
        closeSync(fd);
      }
      return { acquired: true, holder, tookOverFrom };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = readHolder(file);
    // A lock whose process is gone (ended on this machine; silent past its heartbeat on another) is taken over,
    // and the caller says so. An unreadable lock file (half-written by a crash, or being written right now) is
    // shown as a stale lock held by nobody we know, for the person to take over.
    if (attempt === 0 && existing && isStale(existing) && setAsideGoneLock(file, existing)) {
      tookOverFrom = existing;
      continue;
    }
    const shown = existing ?? { user: 'unknown', host: 'unknown', pid: 0, since: '', heartbeat: '' };
    return { acquired: false, holder: shown, stale: existing ? isStale(existing) : true };
  }
  const existing = readHolder(file);
  return {
    acquired: false,
    holder: existing ?? { user: 'unknown', host: 'unknown', pid: 0, since: '', heartbeat: '' },
    stale: false,
  };
}

/** "Ann Officer on LAPTOP-7 (process 4120, which has ended)": who held a lock that was taken over, and why. */
export function describeGoneHolder(holder: LockHolder): string {
  return holder.host === hostname()
    ? `${holder.user} (process ${holder.pid} on this computer, which has ended)`
    : `${holder.user} on ${holder.host} (not heard from since ${holder.heartbeat || holder.since})`;
}

/** Will this process get the lock: there is none, or its holder is gone (so it will be taken over)? */
export function lockIsFreeOrGone(folder: string): boolean {
  const file = join(folder, LOCK_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  const holder = text ? readHolder(file) : null;
  return holder !== null && isStale(holder);
}

/** Removes someone else's lock; only after the person confirmed that its holder is gone. */
export function breakLock(folder: string): void {
  try {
    unlinkSync(join(folder, LOCK_FILE));
  } catch (error) {
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
  writeFileAtomic(file, JSON.stringify(holder, null, 2));
}
