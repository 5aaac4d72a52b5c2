import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  backupsDir,
  compareNewestFirst,
  listBackups,
  removeIfPresent,
  SIDECARS,
  TEMP_PREFIX,
  type BackupEntry,
  type BackupReason,
} from './backup-files';

/** Which backups to keep. Everything not kept by one of the rules is deleted by pruneBackups(). */
export interface RetentionPolicy {
  /** Every backup younger than this many hours is kept… */
  recentHours: number;
  /** …up to this many of them (the newest). */
  recentMax: number;
  /** The newest backup of each earlier calendar day (UTC) is kept for this many days (yesterday is day 1). */
  dailyDays: number;
  /** The newest backup of each of these reasons is kept however old it is. */
  keepNewestOfReasons: readonly BackupReason[];
  /**
   * The newest this-many backups are kept whatever their age, so a workspace left unopened for longer than
   * dailyDays never loses its last backup to a prune.
   */
  keepNewest: number;
  /** Leftover temporary files (from a crash mid-backup) older than this many hours are removed. */
  staleTempHours: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = Object.freeze({
  recentHours: 24,
  recentMax: 8,
  dailyDays: 30,
  keepNewestOfReasons: Object.freeze(['pre-migration', 'pre-restore'] as const),
  keepNewest: 1,
  staleTempHours: 24,
});

/** What the decision needs to know about a backup. */
export interface BackupStamp {
  name: string;
  createdAt: string;
  reason: BackupReason;
  sequence?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const utcDay = (time: number): number => Math.floor(time / DAY_MS);

/**
 * Pure: which of these backups the policy lets go, newest first. A backup dated in the future (the clock was
 * moved back) counts as recent.
 */
export function chooseBackupsToDelete<T extends BackupStamp>(
  backups: readonly T[],
  now: Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): T[] {
  const sorted = [...backups].sort(compareNewestFirst);
  const nowMs = now.getTime();
  const today = utcDay(nowMs);
  const keep = new Set<T>();

  sorted.slice(0, Math.max(0, policy.keepNewest)).forEach((b) => keep.add(b));

  sorted
    .filter((b) => nowMs - Date.parse(b.createdAt) < policy.recentHours * HOUR_MS)
    .slice(0, Math.max(0, policy.recentMax))
    .forEach((b) => keep.add(b));

  const seenDays = new Set<number>();
  for (const b of sorted) {
    const day = utcDay(Date.parse(b.createdAt));
    if (seenDays.has(day)) continue;
    seenDays.add(day); // sorted newest first, so the first backup met for a day is that day's newest
    const daysAgo = today - day;
    if (daysAgo >= 1 && daysAgo <= policy.dailyDays) keep.add(b);
  }

  for (const reason of policy.keepNewestOfReasons) {
    const newest = sorted.find((b) => b.reason === reason);
    if (newest) keep.add(newest);
  }

  return sorted.filter((b) => !keep.has(b));
}

export interface PruneResult {
  kept: BackupEntry[];
  deleted: BackupEntry[];
}

/**
 * Applies the retention policy to backups/: deletes the backups it does not keep and stale temporary files.
 * Damaged-database copies (damaged-*.db) and files that are not ours are never touched.
 */
export function pruneBackups(
  folder: string,
  now: Date = new Date(),
  policy: RetentionPolicy = DEFAULT_RETENTION,
): PruneResult {
  const backups = listBackups(folder);
  const doomed = new Set(chooseBackupsToDelete(backups, now, policy));
  const deleted: BackupEntry[] = [];
  for (const backup of doomed) {
    removeIfPresent(backup.file);
    for (const sidecar of SIDECARS) removeIfPresent(backup.file + sidecar);
    deleted.push(backup);
  }
  removeStaleTemps(folder, now, policy.staleTempHours);
  return { kept: backups.filter((b) => !doomed.has(b)), deleted };
}

function removeStaleTemps(folder: string, now: Date, hours: number): void {
  const dir = backupsDir(folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = join(dir, name);
    try {
      if (now.getTime() - statSync(file).mtimeMs > hours * HOUR_MS) removeIfPresent(file);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
}
