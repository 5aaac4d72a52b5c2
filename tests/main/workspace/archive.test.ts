import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { exportWorkspace, importWorkspace } from '../../../main/workspace/workspace-archive';
import { Workspace } from '../../../main/workspace/workspace';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const backends = useBackends();

/** A workspace with a notification, edits, attachments (one replaced, one binned) — everything an export must carry. */
async function populatedWorkspace(dir: string): Promise<{ backend: Backend; folder: string }> {
  const { backend, folder } = await backends.workspace(dir, {
    user: 'Ari Archive',
    area: 'Exportshire',
    laCode: '841',
  });
  await call(backend, 'inspection.record', { date: '2026-11-13', time: '16:45' });
  await call(backend, 'checklist.update', {
    itemId: 'jsna-send',
    status: 'in-progress',
    owner: 'Public health',
    note: 'Chapter due',
  });
  const upload = async (name: string, bytes: Uint8Array) => ({
    handle: (await call(backend, 'files.upload', { name, bytes })).handle,
  });
  const files = [
    await upload('notes.txt', new TextEncoder().encode('Partnership notes on the Harrowgate pathway')),
    await upload('scan.bin', new Uint8Array(randomBytes(400_000))),
    await upload('sheet.csv', new TextEncoder().encode('a,b\n1,2\n')),
  ];
  const attached = (
    await call(backend, 'attachments.add', { itemId: 'jsna-send', files, metadata: { documentDate: '2025-01-31' } })
  ).attachments;
  await call(backend, 'attachments.replace', {
    attachmentId: attached[2]!.id,
    file: await upload('sheet-v2.csv', new TextEncoder().encode('a,b\n1,3\n')),
  });
  await call(backend, 'attachments.remove', { attachmentId: attached[1]!.id });
  return { backend, folder };
}

function filesUnder(folder: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(folder, path), readFileSync(path));
    }
  };
  walk(join(folder, 'files'));
  return out;
}

function tables(folder: string) {
  const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
  try {
    return {
      items: db.prepare('SELECT * FROM items ORDER BY id').all(),
      events: db.prepare('SELECT * FROM events ORDER BY seq').all(),
      attachments: db.prepare('SELECT * FROM attachments ORDER BY id').all(),
      blobs: db.prepare('SELECT * FROM blobs ORDER BY sha256').all(),
      inspection: db.prepare('SELECT * FROM inspection').all(),
      search: db.prepare('SELECT kind, ref, item_id, title, body, sha256 FROM search_docs ORDER BY kind, ref').all(),
    };
  } finally {
    db.close();
  }
}

/** Whatever the parent folder holds besides what the test put there: a refused import must leave nothing. */
const leftovers = (parent: string, known: string[]) => readdirSync(parent).filter((n) => !known.includes(n));

describe('workspace archive', () => {
  it('exports a workspace to one zip and imports it into a new folder with everything equal', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    const zip = join(dir, 'out', 'Exportshire.zip');
    const exported = await exportWorkspace(backend.openWorkspace().db, folder, 'Exportshire', zip);
    expect(exported.files).toBe(4);
    expect(readdirSync(join(dir, 'out'))).toEqual(['Exportshire.zip']);
    backend.close();

    const target = join(dir, 'imported', 'Copy.sendpack');
    const imported = await importWorkspace(zip, target);
    expect(imported).toEqual({ folder: target, files: 4 });
    expect(readdirSync(target).sort()).toEqual(['backups', 'bin', 'files', 'workspace.db']);
    expect(tables(target)).toEqual(tables(folder));
    const original = filesUnder(folder);
    const copy = filesUnder(target);
    expect([...copy.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, bytes] of original) expect(Buffer.compare(copy.get(name)!, bytes), name).toBe(0);

    // The imported workspace opens, and its evidence reads back and is searchable.
    const other = backends.backend(join(dir, 'data2'));
    await call(other, 'settings.setUserName', { userName: 'Colleague' });
    expect(await call(other, 'workspace.open', { path: target })).toMatchObject({
      areaName: 'Exportshire',
      readOnly: false,
    });
    const list = (await call(other, 'attachments.list', { itemId: 'jsna-send' })).attachments;
    expect(list.map((a) => [a.fileName, a.state])).toEqual([
      ['notes.txt', 'current'],
      ['scan.bin', 'binned'],
      ['sheet-v2.csv', 'current'],
      ['sheet.csv', 'superseded'],
    ]);
    for (const a of list) {
      expect(readFileSync((await call(other, 'attachments.open', { attachmentId: a.id })).path)).toEqual(
        original.get(join('files', a.sha256!.slice(0, 2), a.sha256!)),
      );
    }
    expect((await call(other, 'search.query', { query: 'harrowgate' })).hits).toHaveLength(1);
    expect(await call(other, 'inspection.get', {})).toMatchObject({ packDue: '2026-11-20' });
    expect(filesUnder(target).size).toBe(4);
  });

  it('refuses to import over an existing folder', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    const zip = join(dir, 'w.zip');
    await exportWorkspace(backend.openWorkspace().db, folder, 'Exportshire', zip);
    await expect(importWorkspace(zip, folder)).rejects.toThrow(/already exists/);
  });

  it('refuses a tampered archive, naming the entry, and leaves no folder behind', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    const zip = join(dir, 'w.zip');
    await exportWorkspace(backend.openWorkspace().db, folder, 'Exportshire', zip);
    backend.close();
    const entries = unzipSync(readFileSync(zip));
    expect(Object.keys(entries)).toContain('manifest.json');
    const victim = Object.keys(entries)
      .filter((n) => n.startsWith('files/'))
      .sort()[0]!;
    const altered = Uint8Array.from(entries[victim]!);
    const middle = Math.floor(altered.length / 2);
    altered[middle] = altered[middle]! ^ 0x01;
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipSync({ ...entries, [victim]: altered }));

    const parent = join(dir, 'imports');
    mkdirSync(parent);
    const target = join(parent, 'Tampered.sendpack');
    await expect(importWorkspace(tampered, target)).rejects.toThrow(new RegExp(`${victim}.*SHA-256`));
    expect(existsSync(target)).toBe(false);
    expect(leftovers(parent, [])).toEqual([]);

    // The database entry is checked too.
    const badDb = Uint8Array.from(entries['workspace.db']!);
    badDb[badDb.length - 10] = badDb[badDb.length - 10]! ^ 0xff;
    writeFileSync(tampered, zipSync({ ...entries, 'workspace.db': badDb }));
    await expect(importWorkspace(tampered, target)).rejects.toThrow(/workspace\.db does not match/);
    expect(leftovers(parent, [])).toEqual([]);

    // An entry the manifest does not list, or one listed but missing, is refused.
    writeFileSync(tampered, zipSync({ ...entries, [`files/ab/${'ab'.repeat(32)}`]: new Uint8Array([1, 2, 3]) }));
    await expect(importWorkspace(tampered, target)).rejects.toThrow(/does not list/);
    const { [victim]: _dropped, ...without } = entries;
    writeFileSync(tampered, zipSync(without));
    await expect(importWorkspace(tampered, target)).rejects.toThrow(new RegExp(`${victim} is missing`));
    expect(leftovers(parent, [])).toEqual([]);
  });

  it('refuses an entry that would escape the folder', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    const zip = join(dir, 'w.zip');
    await exportWorkspace(backend.openWorkspace().db, folder, 'Exportshire', zip);
    backend.close();
    const entries = unzipSync(readFileSync(zip));
    const parent = join(dir, 'imports');
    mkdirSync(parent);
    const target = join(parent, 'Evil.sendpack');
    for (const name of ['../evil', 'files/../../evil', '/tmp/evil', 'files\\..\\evil', 'workspace.lock']) {
      const evil = join(dir, 'evil.zip');
      writeFileSync(evil, zipSync({ [name]: new TextEncoder().encode('pwned'), ...entries }));
      await expect(importWorkspace(evil, target), name).rejects.toThrow(
        new RegExp(`unexpected entry "${name.replace(/[\\.*/]/g, '\\$&')}"`),
      );
      expect(existsSync(target)).toBe(false);
      expect(leftovers(parent, [])).toEqual([]);
      expect(existsSync(join(dir, 'evil'))).toBe(false);
      expect(existsSync(join(dirname(dir), 'evil'))).toBe(false);
    }
  });

  it('refuses a truncated archive without hanging, leaving nothing behind', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    const zip = join(dir, 'w.zip');
    await exportWorkspace(backend.openWorkspace().db, folder, 'Exportshire', zip);
    backend.close();
    const bytes = readFileSync(zip);
    const parent = join(dir, 'imports');
    mkdirSync(parent);
    for (const fraction of [0.1, 0.5, 0.9]) {
      const cut = join(dir, 'cut.zip');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      await expect(importWorkspace(cut, join(parent, 'Cut.sendpack')), String(fraction)).rejects.toThrow(
        /incomplete|missing|not a workspace archive|could not be imported/,
      );
      expect(leftovers(parent, [])).toEqual([]);
    }
  });

  it('refuses a file that is not a workspace archive', async () => {
    const dir = tempDir();
    const parent = join(dir, 'imports');
    mkdirSync(parent);
    const notZip = join(dir, 'notes.zip');
    writeFileSync(notZip, 'just text');
    await expect(importWorkspace(notZip, join(parent, 'X.sendpack'))).rejects.toThrow(
      /not a workspace archive|could not be imported/,
    );
    const otherZip = join(dir, 'other.zip');
    writeFileSync(otherZip, zipSync({ 'workspace.db': new Uint8Array(randomBytes(100)) }));
    await expect(importWorkspace(otherZip, join(parent, 'X.sendpack'))).rejects.toThrow(/no manifest\.json/);
    expect(leftovers(parent, [])).toEqual([]);
  });

  it('can export a workspace that is open read-only elsewhere and from a just-imported copy', async () => {
    const dir = tempDir();
    const { backend, folder } = await populatedWorkspace(dir);
    // Someone else holds the workspace; a read-only opener can still export it.
    const reader = Workspace.open(folder, { user: 'Reader' });
    try {
      expect(reader.readOnly).toBe(true);
      const zip = join(dir, 'ro.zip');
      await exportWorkspace(reader.db, reader.folder, 'Exportshire', zip);
      const target = join(dir, 'RO.sendpack');
      await importWorkspace(zip, target);
      expect(tables(target).attachments).toEqual(tables(folder).attachments);
    } finally {
      reader.close();
      backend.close();
    }
  });
});
