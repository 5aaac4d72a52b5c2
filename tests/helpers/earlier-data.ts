/**
 * For the fault and damage tests: a workspace holding data saved before the trouble (an owner and note, an approval,
 * an attached file), a digest of everything in its database, and a list of anything half-written left behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Backend } from '../../main/api/backend';
import { armFault, type FaultCode, type FaultOp } from '../../main/files/fs-faults';
import { call } from './api';

export const EARLIER_FILE = {
  name: 'JSNA SEND chapter.txt',
  text: 'The joint strategic needs assessment chapter on SEND, 2025.',
};

/** Saves what must survive: an owner and note, an approved item, and a file attached to another item. */
export async function saveEarlierData(backend: Backend): Promise<{ attachmentId: number; sha256: string }> {
  await call(backend, 'checklist.update', {
    itemId: 'send-strategy',
    owner: 'Head of SEND',
    note: 'Co-produced with the parent carer forum.',
  });
  await call(backend, 'checklist.update', { itemId: 'send-strategy', status: 'approved' });
  const { handle } = await call(backend, 'files.upload', {
    name: EARLIER_FILE.name,
    bytes: new TextEncoder().encode(EARLIER_FILE.text),
  });
  const { attachments } = await call(backend, 'attachments.add', {
    itemId: 'jsna-send',
    files: [{ handle }],
    metadata: {},
  });
  return { attachmentId: attachments[0]!.id, sha256: attachments[0]!.sha256! };
}

/** Every row of every table, read through a separate read-only connection (so it sees what is on disk, WAL included). */
export function databaseDigest(folder: string): string {
  const db = new Database(join(folder, 'workspace.db'), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      hash.update(table);
      // Sorted as text: some tables have no rowid, and the order rows come back in is not what is compared.
      hash.update(
        JSON.stringify(
          db
            .prepare(`SELECT * FROM "${table}"`)
            .all()
            .map((row) => JSON.stringify(row))
            .sort(),
        ),
      );
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

export function integrityCheck(folder: string): string {
  const db = new Database(join(folder, 'workspace.db'), { readonly: true, fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

const list = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);

/**
 * Anything half-written: temporary files in files/, backups/, packs/ or the upload area, a stored file that does
 * not match its SHA-256 name, a half-made workspace folder beside `folder`.
 */
export function halfWritten(folder: string, dataDir?: string): string[] {
  const found: string[] = [];
  const files = join(folder, 'files');
  for (const entry of list(files)) {
    const path = join(files, entry);
    if (!statSync(path).isDirectory()) {
      found.push(`files/${entry}`);
      continue;
    }
    for (const name of list(path)) {
      const sha = createHash('sha256')
        .update(readFileSync(join(path, name)))
        .digest('hex');
      if (sha !== name) found.push(`files/${entry}/${name} (its bytes do not match its name)`);
    }
  }
  for (const name of list(join(folder, 'backups'))) if (name.startsWith('.')) found.push(`backups/${name}`);
  for (const name of list(join(folder, 'packs')))
    if (name.endsWith('.partial') || name.startsWith('.')) found.push(`packs/${name}`);
  for (const name of list(join(folder, '..'))) if (/^\.(creating|importing)-/.test(name)) found.push(`../${name}`);
  for (const name of list(folder)) if (/\.(tmp|partial)$|^\.restoring-/.test(name)) found.push(name);
  if (dataDir) {
    for (const session of list(join(dataDir, 'uploads')))
      for (const name of list(join(dataDir, 'uploads', session))) found.push(`uploads/${session}/${name}`);
    for (const name of list(dataDir)) if (name.endsWith('.partial')) found.push(name);
  }
  return found;
}

/** Makes a folder (and everything under it) refuse every write with `code`, as a read-only or full volume would. */
export function armFolder(
  dir: string,
  code: FaultCode,
  ops: FaultOp[] = ['mkdir', 'open', 'write', 'rename', 'copyFile'],
): () => void {
  const path = new RegExp(`^${dir.replace(/\\/g, '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`);
  const disarms = ops.map((op) => armFault({ op, path, code }));
  return () => {
    for (const disarm of disarms) disarm();
  };
}
