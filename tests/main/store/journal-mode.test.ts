import { describe, expect, it } from 'vitest';
import { chooseJournalMode, type DiskProbe } from '../../../main/store/journal-mode';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const probe = (platform: NodeJS.Platform, type: number | null): DiskProbe => ({ platform, statfsType: () => type });

describe('journal mode', () => {
  it('uses WAL on local disks and the rollback journal on network file systems', () => {
    expect(chooseJournalMode('/home/a', probe('linux', 0xef53), '')).toBe('wal'); // ext4
    expect(chooseJournalMode('/mnt/share', probe('linux', 0x6969), '')).toBe('delete'); // NFS
    expect(chooseJournalMode('/mnt/share', probe('linux', 0xff534d42), '')).toBe('delete'); // CIFS
    expect(chooseJournalMode('/mnt/cloud', probe('linux', 0x65735546), '')).toBe('delete'); // FUSE
    expect(chooseJournalMode('\\\\server\\share\\a', probe('win32', null), '')).toBe('delete');
    expect(chooseJournalMode('C:\\Users\\a', probe('win32', null), '')).toBe('wal');
    expect(chooseJournalMode('/Volumes/Share/a', probe('darwin', 26), '')).toBe('delete');
    expect(chooseJournalMode('/x', probe('linux', null), '')).toBe('delete');
    expect(chooseJournalMode('/mnt/share', probe('linux', 0x6969), 'wal')).toBe('wal');
  });

  it('sets the chosen mode on the real database', () => {
    const workspace = makeWorkspace(tempDir(), { open: 'readable' }).workspace;
    expect(workspace.db.pragma('journal_mode', { simple: true })).toBe(workspace.journalMode);
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1);
    workspace.close();
  });
});
