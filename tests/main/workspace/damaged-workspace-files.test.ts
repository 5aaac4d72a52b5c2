import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index';
import { call, refused, useBackends } from '../../helpers/api';
import { EARLIER_FILE, integrityCheck, saveEarlierData } from '../../helpers/earlier-data';
import { useTempDirs } from '../../helpers/temp-dir';

// Workspace databases damaged on disk, through the API as the app opens them: cut short mid-file (a copy or a sync
// that stopped), emptied to 0 bytes, or written by a newer version. The officer is told in plain words what is
// wrong and what to do, the file is left byte for byte as it was, and where a backup can mend it, it is offered and
// restores everything saved up to it.

const tempDir = useTempDirs();
const { backend: newBackend, workspace } = useBackends();

/** A closed workspace with data saved, then a backup, then one more change after the backup. */
async function savedWorkspace() {
  const dir = tempDir();
  const { backend, folder } = await workspace(dir, { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
  const earlier = await saveEarlierData(backend);
  // Enough content that the database spans many pages, so a cut lands mid-file.
  for (let i = 0; i < 20; i++)
    await call(backend, 'checklist.update', {
      itemId: 'local-offer',
      note: `Revision ${i}. ${'Local offer notes. '.repeat(200)}`,
    });
  const backup = await call(backend, 'backups.create', {});
  await call(backend, 'checklist.update', { itemId: 'sufficiency-plan', owner: 'Changed after the backup' });
  backend.close();
  return { dataDir: join(dir, 'data'), folder, dbFile: join(folder, 'workspace.db'), backup, earlier };
}

/** Restores the offered backup through the API and checks that everything saved up to it is back. */
async function restoreOffered(backend: Backend, folder: string, damagedBytes: Buffer, backupName: string) {
  const offered = await call(backend, 'backups.list', { path: folder });
  expect(offered.latestGood).toBe(backupName);
  const restored = await call(backend, 'backups.restore', { path: folder, name: backupName, confirm: true });
  expect(restored.savedAs).toMatch(/^damaged-\d{8}-\d{6}\.db$/);
  expect(readFileSync(join(folder, 'backups', restored.savedAs!)).equals(damagedBytes)).toBe(true);
  expect(integrityCheck(folder)).toBe('ok');
  const { items } = await call(backend, 'checklist.list', {});
  expect(items.find((i) => i.id === 'send-strategy')).toMatchObject({ status: 'approved', owner: 'Head of SEND' });
  expect(items.find((i) => i.id === 'local-offer')?.note).toMatch(/^Revision 19\./);
  expect(items.find((i) => i.id === 'sufficiency-plan')?.owner).toBe('');
  const [attachment] = (await call(backend, 'attachments.list', { itemId: 'jsna-send' })).attachments;
  expect(attachment?.fileName).toBe(EARLIER_FILE.name);
  expect(readFileSync((await call(backend, 'attachments.open', { attachmentId: attachment!.id })).path, 'utf8')).toBe(
    EARLIER_FILE.text,
  );
}

describe('a damaged workspace database, through the API', () => {
  it('cut short mid-file: refused and left as it is, the latest good backup offered and restored', async () => {
    const { dataDir, folder, dbFile, backup } = await savedWorkspace();
    const size = statSync(dbFile).size;
    expect(size).toBeGreaterThan(20 * 4096);
    const fd = openSync(dbFile, 'r+');
    try {
      ftruncateSync(fd, Math.floor(size / 2 / 4096) * 4096 + 1000);
    } finally {
      closeSync(fd);
    }
    const truncated = readFileSync(dbFile);

    const backend = newBackend(dataDir);
    const error = await refused(backend, 'workspace.open', { path: folder });
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(
      /^The workspace database is damaged: it (cannot be read|failed its integrity check) \(.+\)\. It has been left as it is; restore its latest good backup from the backups folder\.$/,
    );
    expect(readFileSync(dbFile).equals(truncated)).toBe(true);
    expect(
      readdirSync(folder)
        .filter((n) => !/-(wal|shm)$/.test(n))
        .sort(),
    ).toEqual(['backups', 'bin', 'files', 'workspace.db']);
    expect((await call(backend, 'backups.list', { path: folder })).damaged).toBe(error.message);
    await restoreOffered(backend, folder, truncated, backup.name);
  });

  it('emptied to 0 bytes: refused in plain words, and the latest good backup restores it', async () => {
    const { dataDir, folder, dbFile, backup } = await savedWorkspace();
    writeFileSync(dbFile, '');
    const backend = newBackend(dataDir);
    const error = await refused(backend, 'workspace.open', { path: folder });
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      `${dbFile} is empty (0 bytes): the workspace database has been lost or cut short. ` +
        'It has been left as it is; restore its latest good backup from the backups folder.',
    );
    expect(statSync(dbFile).size).toBe(0);
    await restoreOffered(backend, folder, Buffer.alloc(0), backup.name);
  });

  it('written by a newer version: refused, left untouched and unlocked, with what to do', async () => {
    const { dataDir, folder, dbFile } = await savedWorkspace();
    const db = new Database(dbFile);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(dbFile);

    const backend = newBackend(dataDir);
    const error = await refused(backend, 'workspace.open', { path: folder });
    expect(error.code).toBe('newer-version');
    expect(error.message).toBe(
      `This workspace was saved by a newer version of SEND Evidence Pack (schema ${LATEST_SCHEMA_VERSION + 1}; ` +
        `this version knows up to ${LATEST_SCHEMA_VERSION}). It has been left untouched: install the latest version to open it.`,
    );
    expect(readFileSync(dbFile).equals(bytes)).toBe(true);
    // Reading a WAL database may add its empty -wal and -shm; nothing else, and no lock is left.
    expect(
      readdirSync(folder)
        .filter((n) => !/-(wal|shm)$/.test(n))
        .sort(),
    ).toEqual(['backups', 'bin', 'files', 'workspace.db']);
    // No backup is offered in place of the newer database: restoring one would throw away the newer version's work.
    expect((await refused(backend, 'backups.list', { path: folder })).code).toBe('newer-version');
    expect(await call(backend, 'workspace.current', {})).toBeNull();
  });
});
