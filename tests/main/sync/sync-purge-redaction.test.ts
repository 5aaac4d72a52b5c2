import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { openWorkspace } from '../../../main/workspace/open-workspace';
import { attachFiles, binAttachment } from '../../../main/evidence/attachments-repository';
import { purgeAttachment } from '../../../main/evidence/purge-attachment';
import { createBackup, rewriteBackups } from '../../../main/workspace/backups';
import { updateItemRedacting } from '../../../main/review/update-item';
import { blobPath } from '../../../main/store/blob-store';
import { invitePerson } from '../../../main/sync/people';
import { startSyncServer, type RunningSyncServer } from '../../../main/sync/server';
import { syncOnce } from '../../../main/sync/client';
import { SYNC_HISTORY } from '../../../main/sync/replica';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
let server: RunningSyncServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

// A valid NHS number (modulus 11 holds), as the privacy scanner requires.
const NHS = '943 476 5919';
const extract = async (bytes: Uint8Array) =>
  ({
    status: 'ok' as const,
    kind: 'text',
    text: Buffer.from(bytes).toString('utf8'),
    segments: [{ text: Buffer.from(bytes).toString('utf8') }],
  }) as never;

async function replica(dir: string, name: string) {
  const { folder } = makeWorkspace(dir, { name, area: 'Northshire', laCode: null, user: name });
  const workspace = await openWorkspace(folder, { user: name, catalogue: SHIPPED_CATALOGUE });
  if (!workspace.isWritable()) throw new Error(`${name} could not take the workspace's lock`);
  return workspace;
}

/** Every byte a file holds, for looking for what must be gone (the database file and its journal). */
const bytesOf = (file: string) => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));

describe('purge and redaction travel to every replica and the server', () => {
  it("a purged evidence file goes from the other replica and the server's blob store; a redacted narrative leaves no copy of the identifier", async () => {
    const dir = tempDir();
    const data = join(dir, 'server');
    const cora = invitePerson(data, 'Cora Hale', 'coordinator').token;
    const ben = invitePerson(data, 'Ben Okafor', 'contributor').token;
    server = await startSyncServer({ dataDir: data, port: 0 });
    const a = await replica(dir, 'A');
    const b = await replica(dir, 'B');
    const [attached] = await attachFiles(
      a,
      'jsna-send',
      [{ name: 'pupil-letter.txt', bytes: Buffer.from('Letter about a pupil, attached by mistake.') }],
      {},
      'Cora Hale',
      extract,
    );
    updateItemRedacting(
      a.db,
      { itemId: 'send-strategy', note: `Reviewed. The pupil (NHS number ${NHS}) was moved.` },
      'Cora Hale',
    );
    const published = await syncOnce(a, { server: server.url, token: cora, extract });
    await syncOnce(b, { server: server.url, token: ben, extract, joinWorkspace: published.workspace });
    const sha = attached!.sha256!;
    expect(existsSync(blobPath(b.folder, sha))).toBe(true);
    expect(existsSync(join(data, 'blobs', sha.slice(0, 2), sha))).toBe(true);
    expect(b.db.prepare('SELECT note FROM items WHERE id = ?').pluck().get('send-strategy')).toContain(NHS);
    // B has a backup holding both, made before the purge and the fix.
    const backup = await createBackup(b.db, b.folder, 'manual');
    expect(bytesOf(backup.file).includes(Buffer.from(NHS))).toBe(true);

    // Purged on A (binned first, as the app requires), and the narrative fixed on A.
    binAttachment(a.db, attached!.id, 'Cora Hale');
    await purgeAttachment(a, attached!.id, 'Cora Hale', "A pupil's letter", rewriteBackups, SYNC_HISTORY);
    const fixed = updateItemRedacting(
      a.db,
      { itemId: 'send-strategy', note: 'Reviewed. The pupil was moved.' },
      'Cora Hale',
    );
    expect(fixed.redacted.map((r) => r.match)).toContain(NHS);
    expect((await syncOnce(a, { server: server.url, token: cora, extract })).inStep).toBe(true);
    const report = await syncOnce(b, { server: server.url, token: ben, extract });
    expect(report.inStep).toBe(true);

    // The file is gone from B and from the server.
    expect(existsSync(blobPath(b.folder, sha))).toBe(false);
    expect(existsSync(join(data, 'blobs', sha.slice(0, 2), sha))).toBe(false);
    expect(b.db.prepare("SELECT COUNT(*) FROM attachments WHERE state != 'purged'").pluck().get()).toBe(0);
    expect(b.db.prepare("SELECT COUNT(*) FROM attachments WHERE file_name = 'pupil-letter.txt'").pluck().get()).toBe(0);

    // The identifier is gone from B's rows, audit trail and stored document, and from the server's store.
    expect(b.db.prepare('SELECT note FROM items WHERE id = ?').pluck().get('send-strategy')).toBe(
      'Reviewed. The pupil was moved.',
    );
    const events = JSON.stringify(b.db.prepare('SELECT before, after, reason FROM events').all());
    expect(events).not.toContain(NHS);
    // Nor in B's backup, rewritten as a purge or a fix made on B itself would rewrite it.
    expect(bytesOf(backup.file).includes(Buffer.from(NHS))).toBe(false);
    expect(bytesOf(backup.file).includes(Buffer.from('pupil-letter.txt'))).toBe(false);
    for (const w of [a, b]) {
      // Not in the database file's bytes either (deleted rows are overwritten, the journal emptied).
      expect(bytesOf(join(w.folder, 'workspace.db')).includes(Buffer.from(NHS)), w.folder).toBe(false);
      const updates = w.db.prepare('SELECT doc_update FROM sync_updates').pluck().all() as Buffer[];
      expect(Buffer.concat(updates).includes(Buffer.from(NHS)), w.folder).toBe(false);
      expect(Buffer.concat(updates).includes(Buffer.from('pupil-letter.txt')), w.folder).toBe(false);
    }
    await server.close();
    server = null;
    const store = new BetterSqlite3(join(data, 'documents.db'));
    store.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const serverBytes = bytesOf(join(data, 'documents.db'));
    expect(serverBytes.includes(Buffer.from(NHS))).toBe(false);
    expect(serverBytes.includes(Buffer.from('pupil-letter.txt'))).toBe(false);
    a.close();
    b.close();
  }, 60_000);
});
