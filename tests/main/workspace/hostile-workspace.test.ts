/**
 * A workspace someone else made is data, never code or paths (issue 14, items 2 and 3). Every archive, database and
 * link here is made by the test, from a real exported workspace.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { deflateSync, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportWorkspace, importWorkspace } from '../../../main/workspace/workspace-archive';
import { Workspace } from '../../../main/workspace/workspace';
import { WorkspaceError } from '../../../main/refusal/refusal';
import { blobPath, deleteBlob } from '../../../main/store/blob-store';
import { migrate } from '../../../main/store/migrate';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const backends = useBackends();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function exportedArchive(dir: string): Promise<{ entries: Record<string, Uint8Array>; attachmentId: number }> {
  const { backend, folder } = await backends.workspace(dir, {
    user: 'Ari Archive',
    area: 'Sendershire',
    laCode: '841',
  });
  await call(backend, 'checklist.update', { itemId: 'jsna-send', status: 'in-progress', note: 'Chapter due' });
  const { handle } = await call(backend, 'files.upload', {
    name: 'notes.txt',
    bytes: new TextEncoder().encode('Partnership notes'),
  });
  const [attachment] = (
    await call(backend, 'attachments.add', { itemId: 'jsna-send', files: [{ handle }], metadata: {} })
  ).attachments;
  const zip = join(dir, 'original.zip');
  await exportWorkspace(backend.openWorkspace().db, folder, 'Sendershire', zip);
  backend.close();
  return { entries: unzipSync(readFileSync(zip)), attachmentId: attachment!.id };
}

/** The archive again, its database changed by `mutate` (with the constraints an attacker would switch off). */
function mutatedArchive(
  dir: string,
  entries: Record<string, Uint8Array>,
  mutate: (db: BetterSqlite3.Database) => void,
  name = `mutated-${randomBytes(4).toString('hex')}.zip`,
): string {
  const dbFile = join(dir, `${name}.db`);
  writeFileSync(dbFile, entries['workspace.db']!);
  const db = new BetterSqlite3(dbFile);
  db.pragma('journal_mode = DELETE');
  db.pragma('ignore_check_constraints = ON');
  db.pragma('foreign_keys = OFF');
  try {
    mutate(db);
  } finally {
    db.close();
  }
  const dbBytes = new Uint8Array(readFileSync(dbFile));
  const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']!)) as {
    files: Record<string, { bytes: number; sha256: string }>;
  };
  manifest.files['workspace.db'] = { bytes: dbBytes.length, sha256: sha(dbBytes) };
  const files: Zippable = {
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
    'workspace.db': dbBytes,
  };
  for (const [entry, bytes] of Object.entries(entries)) if (entry.startsWith('files/')) files[entry] = bytes;
  const out = join(dir, name);
  writeFileSync(out, zipSync(files));
  return out;
}

async function refusal(zip: string, target: string): Promise<string> {
  const error = await importWorkspace(zip, target).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import was not refused').toBeInstanceOf(WorkspaceError);
  expect(existsSync(target)).toBe(false);
  return (error as Error).message;
}

const hidden = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.'));

describe('an imported workspace is data, never code or paths', () => {
  it('refuses a database whose attachment hash is a path, so purging it can never delete a file outside the workspace', async () => {
    const dir = tempDir();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, "someone else's file");
    const { entries } = await exportedArchive(dir);
    const path = '../../../victim.txt';
    const zip = mutatedArchive(dir, entries, (db) => {
      db.prepare("INSERT INTO blobs (sha256, bytes, text_status, created_at) VALUES (?, 1, 'ok', 'x')").run(path);
      db.prepare('UPDATE attachments SET sha256 = ?, state = ? WHERE id = 1').run(path, 'binned');
    });
    const message = await refusal(zip, join(dir, 'imports', 'Copy.sendpack'));
    expect(message).toMatch(/blobs\.sha256 .*not a SHA-256|attachments\.sha256 .*not a SHA-256/);
    expect(readFileSync(victim, 'utf8')).toBe("someone else's file");
    expect(hidden(join(dir, 'imports'))).toEqual([]);
  });

  it.each([
    [
      'pack_template',
      "INSERT INTO pack_template (id, file_name, bytes, sha256, chosen_at, chosen_by) VALUES (1, 't.docx', x'00', ?, 'x', 'x')",
    ],
    [
      'list_checks',
      "INSERT INTO list_checks (list, file_name, sha256, row_count, as_of, rule_counts, checked_at, checked_by) VALUES (1, 'l.csv', ?, 0, 'x', '{}', 'x', 'x')",
    ],
  ])('refuses a database whose %s.sha256 is not a SHA-256, however long', async (table, insert) => {
    const dir = tempDir();
    const { entries } = await exportedArchive(dir);
    const path = `${'../'.repeat(20)}pass`; // 64 characters: a length check alone lets it through
    expect(path).toHaveLength(64);
    const zip = mutatedArchive(dir, entries, (db) => db.prepare(insert).run(path));
    expect(await refusal(zip, join(dir, 'Copy.sendpack'))).toMatch(
      new RegExp(`${table}\\.sha256 in row 1 that is not a SHA-256`),
    );
  });

  it("refuses a database carrying its own trigger (one that would erase the recipient's audit events), naming it", async () => {
    const dir = tempDir();
    const { entries } = await exportedArchive(dir);
    const zip = mutatedArchive(dir, entries, (db) => {
      db.exec('DROP TRIGGER events_append_only_update');
      db.exec(`CREATE TRIGGER rewrite AFTER INSERT ON events BEGIN
        UPDATE items SET note = 'rewritten' WHERE id = 'jsna-send'; DELETE FROM events WHERE seq = new.seq; END`);
    });
    expect(await refusal(zip, join(dir, 'Copy.sendpack'))).toMatch(
      /trigger "rewrite" on events that this app does not create/,
    );
  });

  it.each([
    ['a view', 'CREATE VIEW spy AS SELECT * FROM items', /view "spy"/],
    ['an index', 'CREATE INDEX extra ON items (owner)', /index "extra" on items/],
    ['a virtual table', 'CREATE VIRTUAL TABLE extra_fts USING fts5(body)', /table "extra_fts"/],
    ['a changed table', 'DROP INDEX attachments_sha', /lacks the index "attachments_sha"/],
  ])('refuses a database with %s of its own', async (_what, sql, expected) => {
    const dir = tempDir();
    const { entries } = await exportedArchive(dir);
    const zip = mutatedArchive(dir, entries, (db) => db.exec(sql));
    expect(await refusal(zip, join(dir, 'Copy.sendpack'))).toMatch(expected);
  });

  it('refuses a database that refers to a stored file the archive does not hold', async () => {
    const dir = tempDir();
    const { entries } = await exportedArchive(dir);
    const missing = 'ab'.repeat(32);
    const zip = mutatedArchive(dir, entries, (db) => {
      db.prepare("INSERT INTO blobs (sha256, bytes, text_status, created_at) VALUES (?, 10, 'ok', 'x')").run(missing);
    });
    expect(await refusal(zip, join(dir, 'Copy.sendpack'))).toMatch(
      /stored file abababababab that the archive does not hold/,
    );
  });

  it('caps inflated bytes by the manifest: a small archive that inflates to 64 MB is refused before it is written', async () => {
    const dir = tempDir();
    const { entries } = await exportedArchive(dir);
    const bomb = new Uint8Array(64 * 1024 * 1024);
    const name = Object.keys(entries).find((n) => n.startsWith('files/'))!;
    const manifest = new TextDecoder().decode(entries['manifest.json']!);
    const zip = join(dir, 'bomb.zip');
    // The entry keeps its name and the manifest its size and hash: only what the entry inflates to is hostile.
    writeFileSync(
      zip,
      zipSync({
        'manifest.json': new TextEncoder().encode(manifest),
        'workspace.db': entries['workspace.db']!,
        [name]: [deflateSync(bomb), { level: 0 }],
      }),
    );
    expect(statSync(zip).size).toBeLessThan(1024 * 1024);
    expect(await refusal(zip, join(dir, 'Copy.sendpack'))).toMatch(
      /inflates past the [\d,]+ bytes its manifest records|is [\d,]+ bytes, not the [\d,]+ its manifest records/,
    );
  });

  it('keeps temporary copies private: 0700 folders and 0600 files while exporting and importing', async () => {
    const dir = tempDir();
    const { backend, folder } = await backends.workspace(dir, { user: 'Ari', area: 'Privateshire', laCode: '841' });
    const big = new Uint8Array(randomBytes(3 * 1024 * 1024));
    const { handle } = await call(backend, 'files.upload', { name: 'scan.bin', bytes: big });
    await call(backend, 'attachments.add', { itemId: 'jsna-send', files: [{ handle }], metadata: {} });
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const modes: string[] = [];
    const watch = (parent: string, prefix: string) => {
      for (const name of readdirSync(parent).filter((n) => n.startsWith(prefix))) {
        const walk = (path: string): void => {
          let stat;
          try {
            stat = lstatSync(path);
          } catch {
            return;
          }
          modes.push(`${stat.isDirectory() ? 'dir' : 'file'} ${(stat.mode & 0o777).toString(8)}`);
          if (stat.isDirectory()) {
            try {
              for (const n of readdirSync(path)) walk(join(path, n));
            } catch {
              /* gone */
            }
          }
        };
        walk(join(parent, name));
      }
    };
    const poll = async (work: Promise<unknown>, parent: string, prefix: string) => {
      let done = false;
      void work.finally(() => {
        done = true;
      });
      while (!done) {
        watch(parent, prefix);
        await new Promise((r) => setImmediate(r));
      }
      await work;
    };
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      await poll(
        exportWorkspace(backend.openWorkspace().db, folder, 'Privateshire', join(dir, 'out.zip')),
        tmp,
        'sendpack-export-',
      );
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    await poll(importWorkspace(join(dir, 'out.zip'), join(dir, 'in', 'Copy.sendpack')), join(dir, 'in'), '.importing-');
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.filter((m) => m !== 'dir 700' && m !== 'file 600')).toEqual([]);
    // Once accepted, the workspace has the usual modes: stored files read-only.
    const stored = readdirSync(join(dir, 'in', 'Copy.sendpack', 'files')).flatMap((p) =>
      readdirSync(join(dir, 'in', 'Copy.sendpack', 'files', p)).map((n) =>
        join(dir, 'in', 'Copy.sendpack', 'files', p, n),
      ),
    );
    for (const file of stored) expect(statSync(file).mode & 0o777).toBe(0o444);
  });
});

describe('file operations never follow a link or leave the workspace', () => {
  it('never makes a file name of a "hash" that is a path, whatever a database holds', () => {
    const dir = tempDir();
    const folder = join(dir, 'ws');
    mkdirSync(join(folder, 'files'), { recursive: true });
    writeFileSync(join(dir, 'victim.txt'), 'keep me');
    for (const hash of ['../../victim.txt', '../victim.txt', `${'a'.repeat(62)}/x`, 'A'.repeat(64), '']) {
      expect(() => blobPath(folder, hash), hash).toThrow(/not a SHA-256; it was not used as a file name/);
      expect(() => deleteBlob(folder, hash), hash).toThrow(WorkspaceError);
    }
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses, in words, to upgrade an older workspace whose database holds a path where a hash belongs', async () => {
    const dir = tempDir();
    const file = join(dir, 'Old.sendpack', 'workspace.db');
    mkdirSync(join(dir, 'Old.sendpack', 'files'), { recursive: true });
    const db = new BetterSqlite3(file);
    migrate(db, 5);
    db.prepare(
      "INSERT INTO blobs (sha256, bytes, text_status, created_at) VALUES ('../../victim.txt', 1, 'ok', 'x')",
    ).run();
    db.close();
    expect(() => Workspace.open(join(dir, 'Old.sendpack'), { user: 'Ann' })).toThrow(
      /cannot be upgraded \(migration 0006-hash-columns-checked\): it holds a value the app never writes/,
    );
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(5);
    after.close();
  });

  it("the database itself refuses a path where the council template's or a list check's hash belongs, and the upgrade keeps their rows", () => {
    const dir = tempDir();
    const db = new BetterSqlite3(join(dir, 'workspace.db'));
    migrate(db, 15);
    const hash = createHash('sha256').update('council.docx').digest('hex');
    db.prepare(
      "INSERT INTO pack_template (id, file_name, bytes, sha256, chosen_at, chosen_by) VALUES (1, 'council.docx', x'00', ?, 'x', 'Ann')",
    ).run(hash);
    const addCheck = db.prepare(
      "INSERT INTO list_checks (list, file_name, sha256, row_count, as_of, rule_counts, checked_at, checked_by) VALUES (1, 'list1.csv', ?, 3, '2026-12-07', '{}', 'x', 'Ann')",
    );
    addCheck.run(hash);
    addCheck.run(hash);
    migrate(db);
    expect(db.prepare('SELECT sha256 FROM pack_template').pluck().get()).toBe(hash);
    expect(db.prepare('SELECT id FROM list_checks ORDER BY id').pluck().all()).toEqual([1, 2]);
    db.prepare('DELETE FROM list_checks WHERE id = 2').run();
    addCheck.run(hash);
    expect(db.prepare('SELECT max(id) FROM list_checks').pluck().get(), 'ids are never reused').toBe(3);
    const path = `../../${'a'.repeat(58)}`;
    expect(path).toHaveLength(64);
    expect(() => db.prepare('UPDATE pack_template SET sha256 = ?').run(path)).toThrow(/CHECK constraint failed/);
    expect(() => addCheck.run(path)).toThrow(/CHECK constraint failed/);
    expect(() => addCheck.run(hash.toUpperCase())).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('a symbolic link planted in files/ is removed when the workspace opens; its target keeps its mode and bytes', async () => {
    const dir = tempDir();
    const { backend, folder } = await backends.workspace(dir, { user: 'Ari', area: 'Linkshire', laCode: '841' });
    backend.close();
    const secret = join(dir, 'id_rsa');
    writeFileSync(secret, 'PRIVATE KEY');
    chmodSync(secret, 0o600);
    const name = 'cd'.repeat(32);
    mkdirSync(join(folder, 'files', 'cd'), { recursive: true });
    symlinkSync(secret, join(folder, 'files', 'cd', name));
    symlinkSync(dir, join(folder, 'files', 'ef'));
    const workspace = Workspace.open(folder, { user: 'Ari' });
    workspace.close();
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readFileSync(secret, 'utf8')).toBe('PRIVATE KEY');
    expect(existsSync(join(folder, 'files', 'cd', name))).toBe(false);
    expect(existsSync(join(folder, 'files', 'ef'))).toBe(false);
    expect(existsSync(dir) && existsSync(secret)).toBe(true);
  });

  it('restoring a backup, opening, then undoing the restore keeps every evidence file', async () => {
    const dir = tempDir();
    const { backend, folder } = await backends.workspace(dir, { user: 'Ari', area: 'Undoshire', laCode: '841' });
    const before = await call(backend, 'backups.create', {});
    const bytes = new TextEncoder().encode('Evidence attached after the backup');
    const { handle } = await call(backend, 'files.upload', { name: 'later.txt', bytes });
    const [attached] = (
      await call(backend, 'attachments.add', { itemId: 'jsna-send', files: [{ handle }], metadata: {} })
    ).attachments;
    const restored = await call(backend, 'backups.restore', { path: folder, name: before.name, confirm: true });
    expect(restored.savedAs).toMatch(/pre-restore/);
    // Open again (garbage collection runs on every open), then undo the restore from the pre-restore copy.
    await call(backend, 'workspace.open', { path: folder });
    await call(backend, 'backups.restore', { path: folder, name: restored.savedAs!, confirm: true });
    const opened = await call(backend, 'attachments.open', { attachmentId: attached!.id });
    expect(new Uint8Array(readFileSync(opened.path))).toEqual(bytes);
  });
});
