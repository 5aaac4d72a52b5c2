import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { attachFiles, replaceAttachment } from '../../../main/evidence/attachments-repository';
import { blobPath } from '../../../main/store/blob-store';
import type { Extractor } from '../../../main/evidence/extractor';
import { extractText } from '../../../main/formats/extract-text';
import { createBackup, listBackups } from '../../../main/workspace/backups';
import { migrationChecksum } from '../../../main/store/migrate';
import { MIGRATIONS } from '../../../main/store/migrations/index';
import { connect } from '../../../main/store/open-database';
import { SUBFOLDERS } from '../../../main/workspace/workspace-folder';
import type { OperationName } from '../../../shared/api/operation-names';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, useBackends } from '../../helpers/api';

const tempDir = useTempDirs();
const USER = 'Evi Dence';
const backends = useBackends();

async function refused(backend: Backend, operation: OperationName, payload: unknown) {
  const result = await dispatch(backend, operation, payload);
  if (result.ok) throw new Error(`${operation} was expected to be refused but succeeded`);
  return result.error;
}

/** A browser-host backend with a fresh workspace open, as the app has after "create workspace". */
const newBackend = () => backends.workspace(tempDir(), { user: USER, area: 'Evidenceshire', laCode: '841' });

async function attach(
  backend: Backend,
  itemId: string,
  files: { name: string; bytes: Uint8Array }[],
  metadata: object = {},
) {
  const refs = [];
  for (const file of files) refs.push({ handle: (await call(backend, 'files.upload', file)).handle });
  return (await call(backend, 'attachments.add', { itemId, files: refs, metadata })).attachments;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under files/ (stored blobs), as paths relative to it. */
function storedFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(join(folder, 'files'), path));
    }
  };
  walk(join(folder, 'files'));
  return out.sort();
}

const textFile = (marker: string) => ({
  name: 'board-minutes.txt',
  bytes: new TextEncoder().encode(`SEND partnership board minutes\nThe board challenged the ${marker} figures.\n`),
});

describe('evidence register', () => {
  it('stores attached files content-addressed and gives them back byte for byte, also as a read-only copy', async () => {
    const { backend, folder } = await newBackend();
    const text = textFile('ehcp');
    const binary = { name: 'scan.bin', bytes: new Uint8Array(randomBytes(300_000)) };
    const attachments = await attach(backend, 'send-strategy', [text, binary]);
    expect(attachments.map((a) => [a.fileName, a.bytes, a.state, a.versionNo, a.addedBy])).toEqual([
      ['board-minutes.txt', text.bytes.length, 'current', 1, USER],
      ['scan.bin', binary.bytes.length, 'current', 1, USER],
    ]);
    for (const [attachment, file] of [
      [attachments[0]!, text],
      [attachments[1]!, binary],
    ] as const) {
      expect(attachment.sha256).toBe(sha256(file.bytes));
      const stored = blobPath(folder, attachment.sha256!);
      expect(Buffer.compare(readFileSync(stored), Buffer.from(file.bytes))).toBe(0);
      expect(statSync(stored).mode & 0o777).toBe(0o444);

      const copy = await call(backend, 'attachments.open', { attachmentId: attachment.id });
      expect(copy.fileName).toBe(file.name);
      expect(copy.path).not.toContain(folder);
      expect(statSync(copy.path).mode & 0o777).toBe(0o444);
      expect(Buffer.compare(readFileSync(copy.path), Buffer.from(file.bytes))).toBe(0);
    }
    const item = (await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'send-strategy')!;
    expect(item.attachments).toBe(2);
  });

  it('stores the same file attached twice once on disk, as two attachments', async () => {
    const { backend, folder } = await newBackend();
    const file = { name: 'sufficiency.bin', bytes: new Uint8Array(randomBytes(50_000)) };
    const [first] = await attach(backend, 'sufficiency-plan', [file]);
    const [second] = await attach(backend, 'joint-commissioning', [{ ...file, name: 'copy of sufficiency.bin' }]);
    expect(first!.sha256).toBe(second!.sha256);
    expect(first!.id).not.toBe(second!.id);
    const sha = sha256(file.bytes);
    expect(storedFiles(folder)).toEqual([join(sha.slice(0, 2), sha)]);
    expect((await call(backend, 'attachments.list', { itemId: 'sufficiency-plan' })).attachments).toHaveLength(1);
    expect((await call(backend, 'attachments.list', { itemId: 'joint-commissioning' })).attachments).toHaveLength(1);
  });

  it('never opens a stored file that was changed on disk, and attaching the genuine file again repairs it', async () => {
    const { backend, folder } = await newBackend();
    const file = { name: 'plan.bin', bytes: new Uint8Array(randomBytes(30_000)) };
    const [a] = await attach(backend, 'sufficiency-plan', [file]);
    const stored = blobPath(folder, a!.sha256!);
    chmodSync(stored, 0o644);
    const damaged = readFileSync(stored);
    damaged[100] = damaged[100]! ^ 0xff;
    writeFileSync(stored, damaged);
    expect(await refused(backend, 'attachments.open', { attachmentId: a!.id })).toMatchObject({
      code: 'damaged',
      message: expect.stringMatching(/changed on disk/),
    });
    rmSync(stored);
    expect(await refused(backend, 'attachments.open', { attachmentId: a!.id })).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/missing/),
    });
    writeFileSync(stored, damaged);

    const [again] = await attach(backend, 'joint-commissioning', [file]);
    expect(again!.sha256).toBe(a!.sha256);
    expect(Buffer.compare(readFileSync(stored), Buffer.from(file.bytes))).toBe(0);
    expect(statSync(stored).mode & 0o777).toBe(0o444);
    for (const id of [a!.id, again!.id]) {
      expect(
        Buffer.compare(
          readFileSync((await call(backend, 'attachments.open', { attachmentId: id })).path),
          Buffer.from(file.bytes),
        ),
      ).toBe(0);
    }
  });

  it('refuses files, new or replacing, for an item approved while they were being read', async () => {
    const { backend, folder } = await newBackend();
    const [first] = await attach(backend, 'pfa', [textFile('pfa')]);
    const workspace = backend.openWorkspace();
    // The real extractor, held at a gate so the item can be approved while the files are being read.
    const gatedExtractor = () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((ok) => {
        release = ok;
      });
      let started: () => void = () => {};
      const reading = new Promise<void>((ok) => {
        started = ok;
      });
      const extractor: Extractor = async (bytes, name) => {
        started();
        await gate;
        return extractText(bytes, name);
      };
      return { extractor, reading, release };
    };
    const file = { name: 'pfa-v2.txt', bytes: new TextEncoder().encode('Preparing for adulthood, version 2') };
    for (const run of [
      (extract: Extractor) => replaceAttachment(workspace, first!.id, file, {}, USER, extract),
      (extract: Extractor) => attachFiles(workspace, 'pfa', [file], {}, USER, extract),
    ]) {
      const { extractor, reading, release } = gatedExtractor();
      const pending = run(extractor);
      pending.catch(() => {}); // awaited below, once the gate is open
      await reading;
      await call(backend, 'checklist.update', { itemId: 'pfa', status: 'approved' });
      release();
      await expect(pending).rejects.toThrow(/approved and locked/);
      await call(backend, 'checklist.update', { itemId: 'pfa', status: 'in-progress', reason: 'Try the other way' });
    }
    const list = (await call(backend, 'attachments.list', { itemId: 'pfa' })).attachments;
    expect(list.map((a) => [a.id, a.state, a.versionNo])).toEqual([[first!.id, 'current', 1]]);
    // The file stored on the way in is not referenced; the next open removes it.
    backend.close();
    const again = backends.backend(join(folder, '..', 'data'));
    await call(again, 'workspace.open', { path: folder });
    expect(storedFiles(folder)).toEqual([join(first!.sha256!.slice(0, 2), first!.sha256!)]);
  });

  it('keeps metadata and audits every change to it', async () => {
    const { backend } = await newBackend();
    const metadata = {
      title: 'JSNA children chapter',
      documentDate: '2025-03-31',
      versionLabel: 'v2 final',
      author: 'Public health',
      source: 'Council website',
      note: 'Signed off at HWB',
    };
    const [a] = await attach(backend, 'jsna-send', [textFile('jsna')], metadata);
    expect(a).toMatchObject(metadata);
    expect((await call(backend, 'attachments.list', { itemId: 'jsna-send' })).attachments[0]).toMatchObject(metadata);

    const edited = await call(backend, 'attachments.update', {
      attachmentId: a!.id,
      metadata: {
        title: 'JSNA 2025 chapter',
        documentDate: '2025-04-01',
        versionLabel: 'v3',
        author: 'PH intelligence',
        source: 'Intranet',
        note: 'Republished',
      },
    });
    expect(edited).toMatchObject({
      title: 'JSNA 2025 chapter',
      documentDate: '2025-04-01',
      versionLabel: 'v3',
      author: 'PH intelligence',
      source: 'Intranet',
      note: 'Republished',
    });
    // Unchanged values make no event.
    await call(backend, 'attachments.update', { attachmentId: a!.id, metadata: { title: 'JSNA 2025 chapter' } });
    const events = (await call(backend, 'audit.list', { itemId: 'jsna-send' })).events;
    expect(events.map((e) => e.action)).toEqual(['attach', 'attachment-details']);
    const details = events[1]!;
    expect(details.who).toBe(USER);
    expect(JSON.parse(details.before!)).toEqual({
      title: 'JSNA children chapter',
      documentDate: '2025-03-31',
      versionLabel: 'v2 final',
      author: 'Public health',
      source: 'Council website',
      note: 'Signed off at HWB',
    });
    expect(JSON.parse(details.after!)).toMatchObject({
      attachmentId: a!.id,
      title: 'JSNA 2025 chapter',
      documentDate: '2025-04-01',
    });
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ attachmentId: a!.id, fileName: 'board-minutes.txt' });
  });

  it('keeps the earlier version when a file is replaced', async () => {
    const { backend, folder } = await newBackend();
    const v1 = { name: 'plan-v1.bin', bytes: new Uint8Array(randomBytes(20_000)) };
    const v2 = { name: 'plan-v2.bin', bytes: new Uint8Array(randomBytes(21_000)) };
    const [first] = await attach(backend, 'strategy-action-plan', [v1], { title: 'Action plan' });
    const handle = (await call(backend, 'files.upload', v2)).handle;
    const second = await call(backend, 'attachments.replace', {
      attachmentId: first!.id,
      file: { handle },
      metadata: { versionLabel: 'June' },
    });
    expect(second).toMatchObject({
      chainId: first!.chainId,
      versionNo: 2,
      state: 'current',
      title: 'Action plan',
      fileName: 'plan-v2.bin',
      versionLabel: 'June',
    });
    const list = (await call(backend, 'attachments.list', { itemId: 'strategy-action-plan' })).attachments;
    expect(list.map((a) => [a.versionNo, a.state, a.sha256])).toEqual([
      [2, 'current', sha256(v2.bytes)],
      [1, 'superseded', sha256(v1.bytes)],
    ]);
    for (const file of [v1, v2])
      expect(Buffer.compare(readFileSync(blobPath(folder, sha256(file.bytes))), Buffer.from(file.bytes))).toBe(0);
    // The earlier version still opens, and only the current one counts as the item's evidence.
    expect(readFileSync((await call(backend, 'attachments.open', { attachmentId: first!.id })).path)).toEqual(
      Buffer.from(v1.bytes),
    );
    expect(
      (await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'strategy-action-plan')!.attachments,
    ).toBe(1);
    expect(
      (
        await refused(backend, 'attachments.replace', {
          attachmentId: first!.id,
          file: { handle: (await call(backend, 'files.upload', v2)).handle },
        })
      ).code,
    ).toBe('refused');
    expect((await call(backend, 'audit.list', { itemId: 'strategy-action-plan' })).events.map((e) => e.action)).toEqual(
      ['attach', 'attach-new-version'],
    );
  });

  it('moves a removed attachment to the bin, from where it can be restored', async () => {
    const { backend, folder } = await newBackend();
    const file = { name: 'offer.bin', bytes: new Uint8Array(randomBytes(10_000)) };
    const [a] = await attach(backend, 'local-offer', [file]);
    const binned = await call(backend, 'attachments.remove', { attachmentId: a!.id });
    expect(binned).toMatchObject({ state: 'binned', binnedBy: USER });
    expect((await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'local-offer')!.attachments).toBe(0);
    expect(existsSync(blobPath(folder, a!.sha256!))).toBe(true);
    expect((await refused(backend, 'attachments.remove', { attachmentId: a!.id })).code).toBe('refused');
    const restored = await call(backend, 'attachments.restore', { attachmentId: a!.id });
    expect(restored).toMatchObject({ state: 'current', binnedAt: null, binnedBy: null });
    expect((await call(backend, 'checklist.list', {})).items.find((i) => i.id === 'local-offer')!.attachments).toBe(1);
    expect(readFileSync((await call(backend, 'attachments.open', { attachmentId: a!.id })).path)).toEqual(
      Buffer.from(file.bytes),
    );
    expect((await call(backend, 'audit.list', { itemId: 'local-offer' })).events.map((e) => e.action)).toEqual([
      'attach',
      'remove-attachment',
      'restore-attachment',
    ]);
  });

  it('refuses files on a person-level item, and on an approved item until it is reopened', async () => {
    const { backend, folder } = await newBackend();
    const file = textFile('tracking');
    const personLevel = await refused(backend, 'attachments.add', {
      itemId: 'tracking-cases',
      files: [{ handle: (await call(backend, 'files.upload', file)).handle }],
    });
    expect(personLevel).toMatchObject({ code: 'refused', message: expect.stringMatching(/person-level/) });

    await call(backend, 'checklist.update', { itemId: 'tribunal', status: 'approved' });
    const locked = await refused(backend, 'attachments.add', {
      itemId: 'tribunal',
      files: [{ handle: (await call(backend, 'files.upload', file)).handle }],
    });
    expect(locked).toMatchObject({ code: 'refused', message: expect.stringMatching(/approved and locked/) });
    // Nothing was stored for either refusal.
    expect(storedFiles(folder)).toEqual([]);
    await call(backend, 'checklist.update', {
      itemId: 'tribunal',
      status: 'in-progress',
      reason: 'Add the 2025 figures',
    });
    expect(await attach(backend, 'tribunal', [file])).toHaveLength(1);
    expect(storedFiles(folder)).toHaveLength(1);
  });

  it('purges a binned file for good: from files/, the search text, the database and every backup, keeping the purge in the audit trail', async () => {
    const { backend, folder } = await newBackend();
    const NAME_MARK = 'Qzxwvbnmchild';
    const TEXT_MARK = 'Plonkvarrow';
    const secret = {
      name: `${NAME_MARK} EHCP draft.txt`,
      bytes: new TextEncoder().encode(`Private. ${TEXT_MARK} lives at 1 Some Street.\n`),
    };
    const [mistake] = await attach(backend, 'ehcp-quality-audit', [secret], {
      note: `attached by mistake ${NAME_MARK}`,
    });
    // Other evidence that stays: one binned and restored, one binned and left in the bin.
    const [kept] = await attach(backend, 'ehcp-quality-audit', [textFile('kept')]);
    await call(backend, 'attachments.remove', { attachmentId: kept!.id });
    await call(backend, 'attachments.restore', { attachmentId: kept!.id });
    const [inBin] = await attach(backend, 'annual-reviews', [
      { name: 'old.bin', bytes: new Uint8Array(randomBytes(5_000)) },
    ]);
    await call(backend, 'attachments.remove', { attachmentId: inBin!.id });

    expect((await call(backend, 'search.query', { query: TEXT_MARK })).hits).toEqual([
      expect.objectContaining({ attachmentId: mistake!.id }),
    ]);
    await createBackup(backend.openWorkspace().db, folder, 'manual');
    await call(backend, 'attachments.update', {
      attachmentId: mistake!.id,
      metadata: { title: `Draft for ${NAME_MARK}` },
    });
    await createBackup(backend.openWorkspace().db, folder, 'periodic');
    for (const backup of listBackups(folder))
      expect(readFileSync(backup.file).includes(Buffer.from(NAME_MARK)), backup.name).toBe(true);

    const notBinned = await refused(backend, 'attachments.purge', {
      attachmentId: mistake!.id,
      reason: 'Child data',
      confirm: true,
    });
    expect(notBinned).toMatchObject({ code: 'refused', message: expect.stringMatching(/bin/) });
    await call(backend, 'attachments.remove', { attachmentId: mistake!.id });
    expect(await refused(backend, 'attachments.purge', { attachmentId: mistake!.id, confirm: true })).toMatchObject({
      code: 'invalid-request',
      field: 'reason',
    });
    expect(
      await refused(backend, 'attachments.purge', { attachmentId: mistake!.id, reason: '   ', confirm: true }),
    ).toMatchObject({ field: 'reason' });
    expect(existsSync(blobPath(folder, mistake!.sha256!))).toBe(true);

    const purged = await call(backend, 'attachments.purge', {
      attachmentId: mistake!.id,
      reason: "A child's EHCP attached by mistake",
      confirm: true,
    });
    expect(purged).toEqual({ purged: true, backupsRewritten: 2 });

    expect(existsSync(blobPath(folder, mistake!.sha256!))).toBe(false);
    expect(existsSync(blobPath(folder, kept!.sha256!))).toBe(true);
    expect(existsSync(blobPath(folder, inBin!.sha256!))).toBe(true);
    expect((await call(backend, 'search.query', { query: TEXT_MARK })).hits).toEqual([]);
    expect((await call(backend, 'search.query', { query: NAME_MARK })).hits).toEqual([]);
    expect((await call(backend, 'search.query', { query: 'kept' })).hits.map((h) => h.attachmentId)).toContain(
      kept!.id,
    );
    expect(
      (await call(backend, 'attachments.list', { itemId: 'ehcp-quality-audit' })).attachments.map((a) => a.id),
    ).toEqual([kept!.id]);
    expect((await refused(backend, 'attachments.open', { attachmentId: mistake!.id })).code).toBe('not-found');
    expect((await refused(backend, 'attachments.restore', { attachmentId: mistake!.id })).code).toBe('not-found');

    const events = (await call(backend, 'audit.list', { itemId: 'ehcp-quality-audit' })).events;
    expect(events.map((e) => e.action)).toEqual([
      'attach',
      'attach',
      'remove-attachment',
      'restore-attachment',
      'attachment-details',
      'remove-attachment',
      'purge-attachment',
    ]);
    const purgeEvent = events.at(-1)!;
    expect(purgeEvent).toMatchObject({ who: USER, reason: "A child's EHCP attached by mistake" });
    expect(JSON.parse(purgeEvent.after!)).toMatchObject({ attachmentId: mistake!.id });
    for (const e of events.filter(
      (x) => x.after?.includes(`"attachmentId":${mistake!.id}`) && x.action !== 'purge-attachment',
    )) {
      expect(JSON.parse(e.after!)).toEqual({ attachmentId: mistake!.id, redacted: 'purged' });
      expect(e.before).toBeNull();
    }
    // The events of the kept attachment are untouched.
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ attachmentId: kept!.id, fileName: 'board-minutes.txt' });
    backend.close();

    // No byte of the name or the text is left in the database or any backup.
    const files = [join(folder, 'workspace.db'), ...listBackups(folder).map((b) => b.file)];
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0, `${file}-wal`).toBe(0);
      const bytes = readFileSync(file);
      for (const mark of [NAME_MARK, TEXT_MARK]) {
        expect(bytes.includes(Buffer.from(mark, 'utf8')), `${mark} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(mark, 'utf16le')), `${mark} (UTF-16) in ${file}`).toBe(false);
      }
      // The audit trail stays append-only after the purge, in the database and in every backup.
      const db = new BetterSqlite3(file);
      try {
        expect(db.prepare("SELECT COUNT(*) FROM events WHERE action = 'purge-attachment'").pluck().get()).toBe(
          file.endsWith('workspace.db') ? 1 : 0,
        );
        expect(() => db.prepare("UPDATE events SET who = 'someone else'").run()).toThrow(/append-only/);
        expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    }
  });

  it('keeps a stored file that another attachment still uses when one of them is purged', async () => {
    const { backend, folder } = await newBackend();
    const file = { name: 'shared.bin', bytes: new Uint8Array(randomBytes(40_000)) };
    const [one] = await attach(backend, 'complaints', [file]);
    const [two] = await attach(backend, 'lgsco', [file]);
    await call(backend, 'attachments.remove', { attachmentId: one!.id });
    await call(backend, 'attachments.purge', { attachmentId: one!.id, reason: 'Wrong item', confirm: true });
    expect(existsSync(blobPath(folder, file.bytes.length ? sha256(file.bytes) : ''))).toBe(true);
    expect(readFileSync((await call(backend, 'attachments.open', { attachmentId: two!.id })).path)).toEqual(
      Buffer.from(file.bytes),
    );
    expect((await call(backend, 'attachments.list', { itemId: 'complaints' })).attachments).toEqual([]);
    // Reopening (which collects unreferenced files) keeps it too.
    const path = folder;
    backend.close();
    const again = backends.backend(join(folder, '..', 'data'));
    await call(again, 'workspace.open', { path });
    expect(existsSync(blobPath(folder, two!.sha256!))).toBe(true);
  });

  it('purges in a workspace upgraded from schema 1, whose pre-migration backup has no attachments table', async () => {
    const dir = tempDir();
    const folder = join(dir, 'Oldshire.sendpack');
    mkdirSync(folder);
    for (const sub of SUBFOLDERS) mkdirSync(join(folder, sub));
    const old = connect(join(folder, 'workspace.db'), { readOnly: false, create: true, journalMode: 'delete' });
    const first = MIGRATIONS[0]!;
    old.exec(first.sql);
    old.exec(
      'CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    old
      .prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)')
      .run(first.id, first.name, migrationChecksum(first), '2025-01-01T00:00:00Z');
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO meta (key, value) VALUES ('area_name', 'Oldshire')").run();
    old.close();

    const backend = backends.backend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: USER });
    await call(backend, 'workspace.open', { path: folder });
    expect(listBackups(folder).map((b) => b.reason)).toEqual(['pre-migration']);
    const [a] = await attach(backend, 'complaints', [textFile('complaints')]);
    await createBackup(backend.openWorkspace().db, folder, 'manual');
    await call(backend, 'attachments.remove', { attachmentId: a!.id });
    const purged = await call(backend, 'attachments.purge', {
      attachmentId: a!.id,
      reason: 'Wrong file',
      confirm: true,
    });
    expect(purged.purged).toBe(true);
    expect(existsSync(blobPath(folder, a!.sha256!))).toBe(false);
    const backup = listBackups(folder).find((b) => b.reason === 'manual')!;
    const db = new BetterSqlite3(backup.file, { readonly: true });
    try {
      expect(db.prepare('SELECT state, file_name FROM attachments').all()).toEqual([
        { state: 'purged', file_name: '(purged)' },
      ]);
    } finally {
      db.close();
    }
  });
});
