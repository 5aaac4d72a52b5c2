import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupName, parseBackupName } from '../../../main/workspace/backup-files';
import {
  chooseBackupsToDelete,
  createBackup,
  DEFAULT_RETENTION,
  diagnoseDatabase,
  latestGoodBackup,
  listBackups,
  pruneBackups,
  restoreBackup,
  rewriteBackups,
  type BackupReason,
  type BackupStamp,
  type RetentionPolicy,
} from '../../../main/workspace/backups';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index';
import { Workspace } from '../../../main/workspace/workspace';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const USER = 'Test Officer';

function newWorkspace(): string {
  return makeWorkspace(tempDir(), { laCode: null, user: USER }).folder;
}

const firstItemId = (db: BetterSqlite3.Database): string =>
  db.prepare('SELECT id FROM items ORDER BY sort_order, id LIMIT 1').pluck().get() as string;

function setFirstNote(folder: string, note: string): void {
  const workspace = Workspace.open(folder, { user: USER });
  try {
    workspace.db.prepare('UPDATE items SET note = ? WHERE id = ?').run(note, firstItemId(workspace.db));
  } finally {
    workspace.close();
  }
}

function readOnly<T>(file: string, use: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

const allItems = (db: BetterSqlite3.Database): unknown[] => db.prepare('SELECT * FROM items ORDER BY id').all();

/** Overwrites one page in the middle of a database file with garbage. */
function corruptMiddlePage(file: string): Buffer {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  expect(pages).toBeGreaterThanOrEqual(4);
  const page = Math.floor(pages / 2);
  bytes.fill(0xab, page * pageSize, (page + 1) * pageSize);
  writeFileSync(file, bytes);
  return bytes;
}

/** Every file under a folder with a hash of its bytes, to show that nothing changed. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(folder, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(folder);
  return out;
}

async function expectCode(promise: Promise<unknown>, code: string, text?: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a refusal').toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toBe(code);
  if (text) expect((caught as Error).message).toMatch(text);
}

describe('backup file names', () => {
  it('are UTC stamps with a sequence for a second backup in the same second, and parse back', () => {
    const at = new Date('2025-03-04T05:06:07.890Z');
    expect(backupName(at, 1, 'pre-migration')).toBe('workspace-20250304-050607-pre-migration.db');
    expect(backupName(at, 2, 'manual')).toBe('workspace-20250304-050607-2-manual.db');
    expect(parseBackupName('workspace-20250304-050607-2-manual.db')).toEqual({
      createdAt: '2025-03-04T05:06:07.000Z',
      stamp: '20250304-050607',
      sequence: 2,
      reason: 'manual',
    });
    for (const bad of [
      'workspace-20251304-050607-manual.db',
      'workspace-20250304-050607-1-manual.db',
      'workspace-20250304-050607-weekly.db',
      'damaged-20250304-050607.db',
      '.backup-1-abc.tmp',
      'workspace.db',
    ]) {
      expect(parseBackupName(bad), bad).toBeNull();
    }
  });
});

describe('createBackup', () => {
  let savedMode: string | undefined;
  beforeEach(() => {
    savedMode = process.env.SENDPACK_JOURNAL_MODE;
  });
  afterEach(() => {
    if (savedMode === undefined) delete process.env.SENDPACK_JOURNAL_MODE;
    else process.env.SENDPACK_JOURNAL_MODE = savedMode;
  });

  it('copies an open WAL database, including changes still only in the WAL, into a sound standalone file', async () => {
    process.env.SENDPACK_JOURNAL_MODE = 'wal';
    const folder = newWorkspace();
    const workspace = Workspace.open(folder, { user: USER });
    try {
      expect(workspace.journalMode).toBe('wal');
      expect(workspace.db.pragma('journal_mode', { simple: true })).toBe('wal');
      const marker = 'Written while the backup was pending 7f3a';
      workspace.db
        .prepare('UPDATE items SET note = ?, owner = ? WHERE id = ?')
        .run(marker, 'SEND team', firstItemId(workspace.db));
      const dbFile = join(folder, 'workspace.db');
      expect(statSync(`${dbFile}-wal`).size).toBeGreaterThan(0);
      expect(readFileSync(dbFile).includes(marker)).toBe(false); // the change is in the WAL, not the main file

      const now = new Date('2025-03-04T05:06:07.890Z');
      const info = await createBackup(workspace.db, folder, 'manual', now);
      expect(info).toEqual({
        file: join(folder, 'backups', 'workspace-20250304-050607-manual.db'),
        name: 'workspace-20250304-050607-manual.db',
        createdAt: '2025-03-04T05:06:07.000Z',
        reason: 'manual',
        bytes: statSync(info.file).size,
        ok: true,
      });
      readOnly(info.file, (copy) => {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
        expect(copy.pragma('application_id', { simple: true })).toBe(0x53454e44);
        expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        expect(allItems(copy)).toEqual(allItems(workspace.db));
        expect(copy.prepare('SELECT note FROM items WHERE note = ?').pluck().get(marker)).toBe(marker);
        expect(copy.prepare('SELECT count(*) FROM events').pluck().get()).toBe(
          workspace.db.prepare('SELECT count(*) FROM events').pluck().get(),
        );
      });
      // Standalone: no -wal/-shm beside the copy, and no temporary file left behind.
      expect(readdirSync(join(folder, 'backups'))).toEqual([info.name]);

      const again = await createBackup(workspace.db, folder, 'pre-risky', now);
      expect(again.name).toBe('workspace-20250304-050607-2-pre-risky.db');
      expect(listBackups(folder).map((b) => b.name)).toEqual([again.name, info.name]);
    } finally {
      workspace.close();
    }
  });

  it('deletes a copy that fails its integrity check and says so', async () => {
    const folder = newWorkspace();
    corruptMiddlePage(join(folder, 'workspace.db'));
    const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
    try {
      await expectCode(createBackup(db, folder, 'periodic'), 'internal', /failed its integrity check/);
    } finally {
      db.close();
    }
    expect(readdirSync(join(folder, 'backups'))).toEqual([]);
  });

  it('listBackups ignores temporary, damaged and unrelated files', async () => {
    const folder = newWorkspace();
    const workspace = Workspace.open(folder, { user: USER });
    const made = await createBackup(workspace.db, folder, 'periodic', new Date('2025-01-01T10:00:00Z'));
    workspace.close();
    for (const name of [
      '.backup-123-abcdef.tmp',
      'damaged-20250101-100000.db',
      'notes.txt',
      'workspace-2025-manual.db',
    ]) {
      writeFileSync(join(folder, 'backups', name), 'x');
    }
    mkdirSync(join(folder, 'backups', 'workspace-20250101-100001-manual.db'));
    expect(listBackups(folder).map((b) => b.name)).toEqual([made.name]);
  });
});

describe('chooseBackupsToDelete', () => {
  const NOW = new Date('2025-06-15T12:00:00Z');
  const at = (hoursAgo: number, reason: BackupReason = 'periodic'): BackupStamp => {
    const time = new Date(NOW.getTime() - hoursAgo * 3_600_000);
    return {
      name: backupName(time, 1, reason),
      createdAt: new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString(),
      reason,
    };
  };
  const names = (list: BackupStamp[]): string[] => list.map((b) => b.name);

  it('keeps the newest 8 of the last 24 hours', () => {
    const backups = [0.5, 2, 4, 6, 8, 10, 12, 14, 16, 18].map((h) => at(h));
    expect(names(chooseBackupsToDelete(backups, NOW))).toEqual(names([at(16), at(18)]));
  });

  it('keeps the newest backup of each earlier day for 30 days and drops the rest', () => {
    // Two a day for 40 days, at 02:00 and 08:00 UTC, none in the last 24 hours.
    const backups: BackupStamp[] = [];
    for (let day = 2; day <= 40; day++) backups.push(at(day * 24 + 4), at(day * 24 + 10));
    const deleted = new Set(names(chooseBackupsToDelete(backups, NOW)));
    for (let day = 2; day <= 40; day++) {
      expect(deleted.has(at(day * 24 + 10).name), `day -${day} at 02:00`).toBe(true);
      expect(deleted.has(at(day * 24 + 4).name), `day -${day} at 08:00`).toBe(day > 30);
    }
  });

  it('always keeps the newest pre-migration and pre-restore backups, and only the newest', () => {
    const backups = [
      at(1),
      at(24 * 90, 'pre-migration'),
      at(24 * 100, 'pre-migration'),
      at(24 * 200, 'pre-restore'),
      at(24 * 60, 'manual'),
      at(24 * 61, 'pre-risky'),
    ];
    expect(names(chooseBackupsToDelete(backups, NOW))).toEqual(
      names([at(24 * 60, 'manual'), at(24 * 61, 'pre-risky'), at(24 * 100, 'pre-migration')]),
    );
  });

  it('never deletes the only backup of a workspace left unopened for months', () => {
    expect(chooseBackupsToDelete([at(24 * 90), at(24 * 91)], NOW)).toEqual([at(24 * 91)]);
  });

  it('counts a backup dated in the future (clock moved back) as recent', () => {
    expect(chooseBackupsToDelete([at(-5), at(3)], NOW)).toEqual([]);
  });

  it('follows a configured policy', () => {
    const policy: RetentionPolicy = {
      ...DEFAULT_RETENTION,
      recentMax: 2,
      dailyDays: 3,
      keepNewestOfReasons: ['manual'],
      keepNewest: 0,
    };
    const backups = [
      at(1),
      at(2),
      at(3),
      at(24 + 1),
      at(24 * 2 + 1),
      at(24 * 5 + 1),
      at(24 * 6 + 1, 'manual'),
      at(24 * 7, 'pre-migration'),
    ];
    expect(names(chooseBackupsToDelete(backups, NOW, policy))).toEqual(
      names([at(3), at(24 * 5 + 1), at(24 * 7, 'pre-migration')]),
    );
  });
});

describe('pruneBackups over 40 days', () => {
  it('keeps 8 recent, one a day for 30 days and the newest pre-migration and pre-restore; leaves other files alone', () => {
    const folder = newWorkspace();
    const dir = join(folder, 'backups');
    const start = Date.parse('2025-01-01T00:00:00Z');
    const time = (day: number, hour: number, minute = 0) =>
      new Date(start + ((day * 24 + hour) * 60 + minute) * 60_000);
    const place = (at: Date, reason: BackupReason) =>
      writeFileSync(join(dir, backupName(at, 1, reason)), `backup ${reason}`);

    writeFileSync(join(dir, 'damaged-20250101-000000.db'), 'damaged bytes');
    writeFileSync(join(dir, 'README.txt'), 'not a backup');
    const staleTemp = join(dir, '.backup-999-stale.tmp');
    writeFileSync(staleTemp, 'left by a crash');
    utimesSync(staleTemp, time(0, 0), time(0, 0));

    const extras: [Date, BackupReason][] = [
      [time(2, 10), 'pre-migration'],
      [time(3, 12), 'pre-restore'],
      [time(4, 10), 'pre-migration'],
      [time(20, 12, 30), 'pre-risky'],
      [time(39, 6, 30), 'manual'],
    ];
    let freshTemp = '';
    for (let day = 0; day < 40; day++) {
      for (let hour = 1; hour < 24; hour += 2) {
        for (const [at, reason] of extras) if (at < time(day, hour) && at >= time(day, hour - 2)) place(at, reason);
        place(time(day, hour), 'periodic');
        if (day === 39 && hour === 23) {
          freshTemp = join(dir, '.backup-999-fresh.tmp');
          writeFileSync(freshTemp, 'a backup in progress');
          utimesSync(freshTemp, time(day, hour), time(day, hour));
        }
        pruneBackups(folder, time(day, hour, 1));
      }
    }

    const expected = [
      ...[23, 21, 19, 17, 15, 13, 11, 9].map((hour) => backupName(time(39, hour), 1, 'periodic')), // the last 24 hours
      ...Array.from({ length: 30 }, (_, i) => backupName(time(38 - i, 23), 1, 'periodic')), // days 38 back to 9
      backupName(time(4, 10), 1, 'pre-migration'),
      backupName(time(3, 12), 1, 'pre-restore'),
    ];
    expect(listBackups(folder).map((b) => b.name)).toEqual(expected);
    expect(
      readdirSync(dir)
        .filter((n) => !n.startsWith('workspace-'))
        .sort(),
    ).toEqual(['.backup-999-fresh.tmp', 'README.txt', 'damaged-20250101-000000.db']);
    expect(readFileSync(join(dir, 'damaged-20250101-000000.db'), 'utf8')).toBe('damaged bytes');
  });
});

describe('damaged workspace: diagnose and restore', () => {
  it('reports the damage with the latest good backup, keeps the damaged file and restores the backup', async () => {
    const folder = newWorkspace();
    setFirstNote(folder, 'Note at backup time');
    const workspace = Workspace.open(folder, { user: USER });
    const older = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-01T09:00:00Z'));
    const good = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-02T09:00:00Z'));
    const itemsAtBackup = allItems(workspace.db);
    workspace.close();
    // A newer backup that is itself damaged must be passed over.
    const newest = join(folder, 'backups', 'workspace-20250503-090000-periodic.db');
    writeFileSync(newest, readFileSync(good.file));
    corruptMiddlePage(newest);
    setFirstNote(folder, 'Note written after the backup');
    expect(diagnoseDatabase(folder)).toEqual({ ok: true });

    const dbFile = join(folder, 'workspace.db');
    const damagedBytes = corruptMiddlePage(dbFile);
    writeFileSync(`${dbFile}-wal`, 'stale write-ahead log');
    writeFileSync(`${dbFile}-shm`, 'stale shared memory');
    expect(() => Workspace.open(folder, { user: USER })).toThrow(/integrity check|cannot be read/);

    const diagnosis = diagnoseDatabase(folder);
    expect(diagnosis.ok).toBe(false);
    if (diagnosis.ok) return;
    expect(diagnosis.problem).toMatch(/integrity check|cannot be read/);
    expect(diagnosis.latestGood).toMatchObject({ name: good.name, file: good.file, reason: 'periodic', ok: true });
    expect(latestGoodBackup(folder)?.name).toBe(good.name);
    expect(older.name).not.toBe(good.name);

    const result = await restoreBackup(folder, diagnosis.latestGood!.file, {
      user: 'Restoring Officer',
      now: new Date('2025-05-04T08:00:00Z'),
    });
    expect(result.restoredFrom).toBe(good.file);
    expect(result.savedAs).toBe(join(folder, 'backups', 'damaged-20250504-080000.db'));
    expect(readFileSync(result.savedAs!).equals(damagedBytes)).toBe(true);
    expect(readFileSync(`${result.savedAs!}-wal`, 'utf8')).toBe('stale write-ahead log');
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(existsSync(`${dbFile}-shm`)).toBe(false);
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(false);
    expect(readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);

    expect(diagnoseDatabase(folder)).toEqual({ ok: true });
    const reopened = Workspace.open(folder, { user: USER });
    try {
      expect(allItems(reopened.db)).toEqual(itemsAtBackup);
      expect(reopened.db.prepare('SELECT note FROM items WHERE id = ?').pluck().get(firstItemId(reopened.db))).toBe(
        'Note at backup time',
      );
      const last = reopened.db
        .prepare('SELECT who, action, before, after FROM events ORDER BY seq DESC LIMIT 1')
        .get() as Record<string, string>;
      expect(last.who).toBe('Restoring Officer');
      expect(last.action).toBe('restore-backup');
      expect(JSON.parse(last.after!)).toEqual({ restoredFrom: good.name, backupCreatedAt: '2025-05-02T09:00:00.000Z' });
      expect(JSON.parse(last.before!)).toEqual({ savedAs: 'damaged-20250504-080000.db' });
    } finally {
      reopened.close();
    }

    // The damaged copy is not a backup: never listed, never pruned.
    expect(listBackups(folder).map((b) => b.name)).not.toContain('damaged-20250504-080000.db');
    pruneBackups(folder, new Date('2026-05-04T08:00:00Z'));
    expect(readFileSync(result.savedAs!).equals(damagedBytes)).toBe(true);
  });

  it('sets a readable current database aside as a pre-restore backup through the backup API', async () => {
    const folder = newWorkspace();
    setFirstNote(folder, 'Then');
    const workspace = Workspace.open(folder, { user: USER });
    const backup = await createBackup(workspace.db, folder, 'manual', new Date('2025-05-01T09:00:00Z'));
    workspace.close();
    setFirstNote(folder, 'Now');

    // Not while it is open.
    const open = Workspace.open(folder, { user: USER });
    await expectCode(restoreBackup(folder, backup.name, { user: 'Someone' }), 'read-only', /Close it first/);
    open.close();

    const result = await restoreBackup(folder, backup.name, { user: 'Someone', now: new Date('2025-05-02T10:00:00Z') });
    expect(result.savedAs).toBe(join(folder, 'backups', 'workspace-20250502-100000-pre-restore.db'));
    readOnly(result.savedAs!, (saved) => {
      expect(saved.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(saved.prepare('SELECT note FROM items WHERE id = ?').pluck().get(firstItemId(saved))).toBe('Now');
    });
    const reopened = Workspace.open(folder, { user: USER });
    try {
      expect(reopened.db.prepare('SELECT note FROM items WHERE id = ?').pluck().get(firstItemId(reopened.db))).toBe(
        'Then',
      );
    } finally {
      reopened.close();
    }
    expect(listBackups(folder).map((b) => b.reason)).toEqual(['pre-restore', 'manual']);
  });

  it('refuses a backup that is not ours, a damaged one, or one from a newer schema, changing nothing', async () => {
    const folder = newWorkspace();
    const workspace = Workspace.open(folder, { user: USER });
    const damaged = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-01T09:00:00Z'));
    const newer = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-02T09:00:00Z'));
    workspace.close();
    corruptMiddlePage(damaged.file);
    const bump = new BetterSqlite3(newer.file);
    bump.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    bump.close();

    const elsewhere = tempDir();
    const foreign = join(elsewhere, 'other-app.db');
    const other = new BetterSqlite3(foreign);
    other.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('not ours')");
    other.close();
    const text = join(elsewhere, 'notes.db');
    writeFileSync(text, 'just some text, not a database');

    const before = snapshot(folder);
    const outside = snapshot(elsewhere);
    await expectCode(restoreBackup(folder, foreign, { user: USER }), 'refused', /another application/);
    await expectCode(restoreBackup(folder, text, { user: USER }), 'refused', /not a SQLite database/);
    await expectCode(restoreBackup(folder, damaged.file, { user: USER }), 'damaged', /damaged|cannot be read/);
    await expectCode(restoreBackup(folder, newer.name, { user: USER }), 'newer-version', /newer version/);
    await expectCode(restoreBackup(folder, join(elsewhere, 'missing.db'), { user: USER }), 'not-found');
    expect(snapshot(folder)).toEqual(before);
    expect(snapshot(elsewhere)).toEqual(outside);
    expect(latestGoodBackup(folder)).toBeNull();
  });
});

describe('rewriteBackups', () => {
  it('removes a purged string from the bytes of every backup', async () => {
    const folder = newWorkspace();
    const secret = 'Extracted text: Jamie Example, date of birth 01/02/2014, EHCP needs assessment';
    setFirstNote(folder, secret);
    const workspace = Workspace.open(folder, { user: USER });
    await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-01T09:00:00Z'));
    await createBackup(workspace.db, folder, 'pre-migration', new Date('2025-05-02T09:00:00Z'));
    await createBackup(workspace.db, folder, 'pre-risky', new Date('2025-05-03T09:00:00Z'));
    workspace.close();
    const files = listBackups(folder).map((b) => b.file);
    expect(files).toHaveLength(3);
    for (const file of files) expect(readFileSync(file).includes(secret), file).toBe(true);

    const seen: number[] = [];
    const rewritten = rewriteBackups(folder, (db, backup) => {
      seen.push(backup.schemaVersion);
      db.prepare('UPDATE items SET note = ? WHERE note = ?').run('', secret);
    });
    expect(rewritten.map((b) => b.file)).toEqual(files);
    expect(seen).toEqual([LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION]);
    for (const file of files) {
      expect(readFileSync(file).includes(secret), file).toBe(false);
      readOnly(file, (db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM items WHERE note = ?').pluck().get(secret)).toBe(0);
      });
    }
    expect(readdirSync(join(folder, 'backups')).sort()).toEqual(
      files.map((f) => relative(join(folder, 'backups'), f)).sort(),
    );
  });

  it('rolls back a failed change and names every backup it could not rewrite', async () => {
    const folder = newWorkspace();
    const workspace = Workspace.open(folder, { user: USER });
    const first = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-01T09:00:00Z'));
    const second = await createBackup(workspace.db, folder, 'periodic', new Date('2025-05-02T09:00:00Z'));
    workspace.close();
    const before = readFileSync(first.file);
    let calls = 0;
    expect(() =>
      rewriteBackups(folder, (db, backup) => {
        calls++;
        db.prepare("UPDATE items SET note = 'changed'").run();
        if (backup.name === first.name) throw new Error('cannot purge this one');
      }),
    ).toThrow(new RegExp(`1 backup could not be rewritten.*${first.name}: cannot purge this one`));
    expect(calls).toBe(2);
    expect(readFileSync(first.file).equals(before)).toBe(true);
    readOnly(second.file, (db) =>
      expect(db.prepare("SELECT count(*) FROM items WHERE note <> 'changed'").pluck().get()).toBe(0),
    );
  });
});
