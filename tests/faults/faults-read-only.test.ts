import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disarmFaults } from '../../main/files/fs-faults';
import { call, refused, useBackends } from '../helpers/api';
import { armFolder, databaseDigest, halfWritten, integrityCheck, saveEarlierData } from '../helpers/earlier-data';
import { useTempDirs } from '../helpers/temp-dir';

// Folders that cannot be written to, through the API. As root (CI), chmod stops nothing, so node:fs writes under the
// folder fail through the seam in main/files/fs-faults.ts with EACCES (no permission) or EROFS (a read-only volume),
// and SQLite's own writes hit a real SQLITE_READONLY (PRAGMA query_only). Each time: a plain refusal naming the
// folder and what to do, everything saved earlier intact, nothing half-written, and success once it is writable.

const tempDir = useTempDirs();
const { workspace } = useBackends();
afterEach(() => disarmFaults());

const READ_ONLY =
  /^(.+) cannot be written to \(it is read-only, or you do not have permission to change it\): (.+)\. Ask your IT team for write access, or use a folder you can write to, and try again\. Nothing you saved earlier has changed\.$/;

async function setUp() {
  const dir = tempDir();
  const opened = await workspace(dir, { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
  await saveEarlierData(opened.backend);
  return { ...opened, dir, dataDir: join(dir, 'data'), digest: databaseDigest(opened.folder) };
}

function expectRefusal(error: { code: string; message: string }, folder: string, notDone: string) {
  expect(error.code).toBe('read-only');
  const [, where, said] = READ_ONLY.exec(error.message) ?? [];
  expect(where, error.message).toBe(folder);
  expect(said).toBe(notDone);
}

describe('a read-only data folder (no permission: EACCES)', () => {
  it('refuses what would be written there in plain words, keeps the settings, and still opens workspaces kept elsewhere', async () => {
    const { backend, folder, dataDir } = await setUp();
    const disarm = armFolder(dataDir, 'EACCES');

    expectRefusal(
      await refused(backend, 'settings.setUserName', { userName: 'Ann B. Officer' }),
      dataDir,
      'your name was not saved',
    );
    expect((await call(backend, 'settings.get', {})).userName).toBe('Ann Officer');
    expectRefusal(
      await refused(backend, 'files.upload', { name: 'Minutes.txt', bytes: new TextEncoder().encode('Minutes') }),
      join(dataDir, 'uploads'),
      'the file was not added',
    );
    // A new workspace goes under the data folder unless another folder is chosen.
    expectRefusal(
      await refused(backend, 'workspace.create', { areaName: 'Southshire', laCode: null }),
      dataDir,
      'the workspace was not created',
    );
    expect(existsSync(join(dataDir, 'workspaces'))).toBe(false);

    // Opening a workspace kept elsewhere only fails to update the recent list, which is not worth refusing for.
    await call(backend, 'workspace.close', {});
    const session = await call(backend, 'workspace.open', { path: folder });
    expect(session.readOnly).toBe(false);
    await call(backend, 'checklist.update', { itemId: 'local-offer', owner: 'SEND team' });

    expect(integrityCheck(folder)).toBe('ok');
    expect(halfWritten(folder, dataDir)).toEqual([]);
    expect(readdirSync(dataDir).filter((n) => n !== 'settings.json' && n !== 'uploads')).toEqual([]);

    disarm();
    await call(backend, 'settings.setUserName', { userName: 'Ann B. Officer' });
    await call(backend, 'files.upload', { name: 'Minutes.txt', bytes: new TextEncoder().encode('Minutes') });
    const { session: created } = await call(backend, 'workspace.create', { areaName: 'Southshire', laCode: null });
    expect(created.path).toBe(join(dataDir, 'workspaces', 'Southshire.sendpack'));
  });
});

describe('a workspace on a read-only volume (EROFS) or a read-only database (SQLITE_READONLY)', () => {
  it('refuses attaching, building, backing up and editing in plain words, and loses nothing', async () => {
    const setup = await setUp();
    const { backend, folder, dataDir } = setup;
    const disarm = armFolder(folder, 'EROFS');

    const { handle } = await call(backend, 'files.upload', {
      name: 'Minutes.txt',
      bytes: new TextEncoder().encode('Board minutes'),
    });
    expectRefusal(
      await refused(backend, 'attachments.add', { itemId: 'local-offer', files: [{ handle }], metadata: {} }),
      join(folder, 'files'),
      'the files were not attached',
    );
    expectRefusal(await refused(backend, 'pack.build', { bundle: true }), folder, 'the pack was not built');
    expectRefusal(await refused(backend, 'backups.create', {}), join(folder, 'backups'), 'the backup was not made');

    const db = backend.workspace!.db;
    db.pragma('query_only = ON'); // SQLite's own "attempt to write a readonly database"
    expectRefusal(
      await refused(backend, 'checklist.update', { itemId: 'local-offer', owner: 'SEND team' }),
      folder,
      'your change was not saved',
    );
    db.pragma('query_only = OFF');

    expect(integrityCheck(folder)).toBe('ok');
    expect(databaseDigest(folder)).toBe(setup.digest);
    expect(halfWritten(folder, dataDir)).toEqual([]);
    expect(existsSync(join(folder, 'packs'))).toBe(false);
    expect(readdirSync(join(folder, 'backups'))).toEqual([]);

    disarm();
    const again = await call(backend, 'files.upload', {
      name: 'Minutes.txt',
      bytes: new TextEncoder().encode('Board minutes'),
    });
    await call(backend, 'attachments.add', { itemId: 'local-offer', files: [{ handle: again.handle }], metadata: {} });
    expect((await call(backend, 'pack.build', { bundle: true })).version).toBe(1);
    await call(backend, 'backups.create', {});
    await call(backend, 'checklist.update', { itemId: 'local-offer', owner: 'SEND team' });
  });
});
