import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/api/backend';
import { armFault, disarmFaults } from '../../main/files/fs-faults';
import { importFile, preview } from '../fixtures/imports/api';
import { toCsv } from '../fixtures/imports/csv-text';
import { call, refused, useBackends } from '../helpers/api';
import { databaseDigest, halfWritten, integrityCheck, saveEarlierData } from '../helpers/earlier-data';
import { useTempDirs } from '../helpers/temp-dir';

// A full disk, through the API. CI runs as root and no disk fills there, so node:fs writes fail through the seam in
// main/files/fs-faults.ts (ENOSPC, after some bytes where a real disk would take some), and SQLite's own writes hit a
// real SQLITE_FULL: PRAGMA max_page_count set to the database's size. Each time: a plain refusal that says what was
// not saved and what to do, the database intact with everything saved earlier, nothing half-written left behind, and
// the same operation succeeding once there is space again.

const tempDir = useTempDirs();
const { workspace } = useBackends();
afterEach(() => disarmFaults());

const FULL =
  /^The disk is full: (.+)\. Free some space on the drive that holds (.+) and try again\. Nothing you saved earlier has changed\.$/;

async function setUp() {
  const dir = tempDir();
  const opened = await workspace(dir, { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
  const earlier = await saveEarlierData(opened.backend);
  return { ...opened, dir, dataDir: join(dir, 'data'), earlier, digest: databaseDigest(opened.folder) };
}

/** The database as it was, sound, and nothing half-written. */
function expectUnharmed(setup: { folder: string; dataDir: string; digest: string }) {
  expect(integrityCheck(setup.folder)).toBe('ok');
  expect(databaseDigest(setup.folder)).toBe(setup.digest);
  expect(halfWritten(setup.folder, setup.dataDir)).toEqual([]);
}

const upload = (backend: Backend, name: string, text: string) =>
  call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) });

/** SQLite's real "database or disk is full": the database may not grow past its present size. */
function fillDatabase(backend: Backend): () => void {
  const db = backend.workspace!.db;
  if (db.pragma('freelist_count', { simple: true }) !== 0) db.exec('VACUUM');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  return () => {
    db.pragma('max_page_count = 4294967294');
  };
}

describe('a full disk', () => {
  it('attaching files: refused in plain words, no half-stored file, and the same files attach once there is space', async () => {
    const setup = await setUp();
    const { backend, folder } = setup;
    const files = [
      await upload(backend, 'Minutes March.txt', 'Partnership board minutes, March.'),
      await upload(backend, 'Minutes April.txt', 'Partnership board minutes, April. '.repeat(200)),
    ];
    // The second file's write fails part-way, after the first was stored.
    const disarm = armFault({ op: 'write', path: /\/files\/\.incoming-/, code: 'ENOSPC', afterBytes: 2048 });
    const armedFor = await refused(backend, 'attachments.add', {
      itemId: 'local-offer',
      files: files.map((f) => ({ handle: f.handle })),
      metadata: {},
    });
    expect(armedFor).toMatchObject({ code: 'refused' });
    const [, notDone, where] = FULL.exec(armedFor.message) ?? [];
    expect(notDone).toBe('the files were not attached');
    expect(where).toBe(join(folder, 'files'));
    expect((await call(backend, 'attachments.list', { itemId: 'local-offer' })).attachments).toEqual([]);
    expectUnharmed(setup);

    disarm();
    const again = [
      await upload(backend, 'Minutes March.txt', 'Partnership board minutes, March.'),
      await upload(backend, 'Minutes April.txt', 'Partnership board minutes, April. '.repeat(200)),
    ];
    const { attachments } = await call(backend, 'attachments.add', {
      itemId: 'local-offer',
      files: again.map((f) => ({ handle: f.handle })),
      metadata: {},
    });
    expect(attachments.map((a) => a.fileName)).toEqual(['Minutes March.txt', 'Minutes April.txt']);
    expect(halfWritten(folder, setup.dataDir)).toEqual([]);
  });

  it('adding a file to the upload area (the data folder): refused, and no part of it is left there', async () => {
    const setup = await setUp();
    armFault({ op: 'write', path: /\/uploads\//, code: 'ENOSPC', afterBytes: 100 });
    const error = await refused(setup.backend, 'files.upload', { name: 'Big.pdf', bytes: new Uint8Array(5000) });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('the file was not added');
    expect(error.message).toContain(join(setup.dataDir, 'uploads'));
    expectUnharmed(setup);
    disarmFaults();
    await call(setup.backend, 'files.upload', { name: 'Big.pdf', bytes: new Uint8Array(5000) });
  });

  it('importing a dataset: SQLite reports the disk full, none of the rows are kept, and the import works afterwards', async () => {
    const setup = await setUp();
    const { backend } = setup;
    const csv = new TextEncoder().encode(
      toCsv([
        [
          'period',
          'plans_issued_den',
          'plans_issued_within_20_weeks',
          'plans_issued_den_ex',
          'plans_issued_20_weeks_ex',
        ],
        ...Array.from({ length: 40 }, (_, i) => [2000 + i, 100 + i, 50, 90, 45]),
      ]),
    );
    const shown = await preview(backend, 'ehcp-timeliness', 'timeliness.csv', csv);
    const roomAgain = fillDatabase(backend);
    const error = await refused(backend, 'imports.commit', { previewId: shown.previewId });
    expect(error).toMatchObject({ code: 'refused' });
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('the import was not saved');
    expect(error.message).toContain(`the drive that holds ${setup.folder}`);
    expectUnharmed(setup);
    expect((await call(backend, 'datasets.rows', { dataset: 'ehcp-timeliness' })).rows).toEqual([]);

    roomAgain();
    const { committed } = await importFile(backend, 'ehcp-timeliness', 'timeliness.csv', csv);
    expect(committed.rowsKept).toBe(40);
  });

  it('editing an item: the note is refused whole, the earlier note and approval stay', async () => {
    const setup = await setUp();
    const { backend } = setup;
    const roomAgain = fillDatabase(backend);
    const note = 'Draft self-evaluation, section 3. '.repeat(150);
    const error = await refused(backend, 'checklist.update', { itemId: 'local-offer', note });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('your change was not saved');
    expectUnharmed(setup);
    const { items } = await call(backend, 'checklist.list', {});
    expect(items.find((i) => i.id === 'send-strategy')).toMatchObject({
      status: 'approved',
      owner: 'Head of SEND',
      note: 'Co-produced with the parent carer forum.',
    });
    expect(items.find((i) => i.id === 'local-offer')?.note).toBe('');

    roomAgain();
    await call(backend, 'checklist.update', { itemId: 'local-offer', note });
  });

  it('building the pack: a Word document cut short is removed, and so is the whole build when the bundle fails', async () => {
    const setup = await setUp();
    const { backend, folder } = setup;
    const packs = join(folder, 'packs');
    const disarmDocx = armFault({
      op: 'write',
      path: /\/packs\/.*\.docx\.\d+-[0-9a-f]+\.partial$/,
      code: 'ENOSPC',
      afterBytes: 4096,
    });
    let error = await refused(backend, 'pack.build', { bundle: true });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('the pack was not built');
    expect(error.message).toContain(`the drive that holds ${packs}`);
    expect(existsSync(packs) ? readdirSync(packs) : []).toEqual([]);
    expectUnharmed(setup);
    disarmDocx();

    // The document is written whole, then the bundle runs out of space part-way: the document goes too.
    const disarmZip = armFault({
      op: 'write',
      path: /\/packs\/.*\.zip\.\d+-[0-9a-f]+\.partial$/,
      code: 'ENOSPC',
      afterBytes: 20_000,
    });
    error = await refused(backend, 'pack.build', { bundle: true });
    expect(error.message).toMatch(FULL);
    expect(readdirSync(packs)).toEqual([]);
    expect((await call(backend, 'pack.builds', {})).builds).toEqual([]);
    expectUnharmed(setup);
    disarmZip();

    const built = await call(backend, 'pack.build', { bundle: true });
    expect(built.version).toBe(1);
    expect(readdirSync(packs).sort()).toEqual([
      'Northshire evidence bundle v1.zip',
      'Northshire evidence pack v1.docx',
    ]);
  });

  it('making a backup: the partial copy is removed, the earlier backups stay, and the next backup works', async () => {
    const setup = await setUp();
    const { backend, folder } = setup;
    const first = await call(backend, 'backups.create', {});
    const disarm = armFault({ op: 'write', path: /\/backups\/\.backup-/, code: 'ENOSPC', afterBytes: 8192 });
    const error = await refused(backend, 'backups.create', {});
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('the backup was not made');
    expect(error.message).toContain(`the drive that holds ${join(folder, 'backups')}`);
    expect(readdirSync(join(folder, 'backups'))).toEqual([first.name]);
    expectUnharmed(setup);
    disarm();
    const second = await call(backend, 'backups.create', {});
    expect(readdirSync(join(folder, 'backups')).sort()).toEqual([first.name, second.name].sort());
  });

  it('creating a workspace: nothing is left half-made, the open workspace stays open, and it is created afterwards', async () => {
    const setup = await setUp();
    const { backend, dir } = setup;
    const disarm = armFault({ op: 'mkdir', path: /\/\.creating-[^/]+\/backups$/, code: 'ENOSPC' });
    const error = await refused(backend, 'workspace.create', { areaName: 'Southshire', laCode: null, parentDir: dir });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(FULL);
    expect(error.message).toContain('the workspace was not created');
    expect(FULL.exec(error.message)?.[2]).toBe(dir);
    expect(readdirSync(dir).sort()).toEqual(['Northshire.sendpack', 'data']);
    expect((await call(backend, 'workspace.current', {}))?.areaName).toBe('Northshire');
    expectUnharmed(setup);
    disarm();
    const { session } = await call(backend, 'workspace.create', {
      areaName: 'Southshire',
      laCode: null,
      parentDir: dir,
    });
    expect(session.areaName).toBe('Southshire');
  });
});
