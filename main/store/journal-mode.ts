import type { WritableDB } from './database';
import { statfsSync } from 'node:fs';

export type JournalMode = 'wal' | 'delete';

// statfs f_type magic numbers of network and FUSE file systems (Linux), where WAL's shared memory is unsafe.
const NETWORK_FS_TYPES = new Set<number>([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x65735546, // FUSE (sshfs, rclone, cloud drives)
  0x564c, // NCP
  0x73757245, // Coda
  0x5346414f, // AFS
  0x47504653, // GPFS
  0x0bd00bd0, // Lustre
]);

export interface DiskProbe {
  platform: NodeJS.Platform;
  statfsType(path: string): number | null;
}

const realProbe: DiskProbe = {
  platform: process.platform,
  statfsType(path) {
    try {
      return statfsSync(path).type;
    } catch {
      return null;
    }
  },
};

/**
 * WAL only where the folder is on a local disk; anything that looks like a network or synced drive gets the
 * rollback journal, which is safe there. SENDPACK_JOURNAL_MODE=wal|delete overrides the guess.
 */
export function chooseJournalMode(
  folder: string,
  probe: DiskProbe = realProbe,
  override = process.env.SENDPACK_JOURNAL_MODE,
): JournalMode {
  if (override === 'wal' || override === 'delete') return override;
  if (probe.platform === 'win32') {
    // UNC paths (\\server\share) are network shares; mapped drive letters cannot be told apart without a native call.
    return /^[\\/]{2}/.test(folder) ? 'delete' : 'wal';
  }
  const type = probe.statfsType(folder);
  if (type === null) return 'delete';
  if (probe.platform === 'linux') return NETWORK_FS_TYPES.has(type) ? 'delete' : 'wal';
  // macOS reports per-boot type numbers; its network mounts live under /Volumes or /net.
  return /^\/(Volumes|net|Network)\//.test(folder) ? 'delete' : 'wal';
}

/**
 * Leaves nothing of deleted or overwritten content in the file: the journal checkpointed and truncated (WAL) and the
 * free pages vacuumed away. Run after personal data was redacted.
 */
export function clearFreedPages(db: WritableDB, journalMode: JournalMode): void {
  if (journalMode === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  if (journalMode === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
}
