import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, fsyncSync, readdirSync, readFileSync, readSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceError } from '../store/workspace-error';
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from '../util/fs-faults';

/**
 * Evidence files, stored once each under files/ab/abcdef… by their SHA-256 and never modified: the same file
 * attached twice is one file, and a stored file that no longer matches its name is known to be damaged.
 */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of a file on disk, read in chunks so a large file is never held in memory at once. */
export function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function blobPath(folder: string, sha256: string): string {
  return join(folder, 'files', sha256.slice(0, 2), sha256);
}

/**
 * Writes through a temporary file, synced, then renamed: a crash leaves either nothing or the whole file, and a
 * write that fails (a full disk) removes its temporary file.
 */
export function writeBlob(folder: string, bytes: Uint8Array): { sha256: string; existed: boolean } {
  const sha256 = sha256Of(bytes);
  const target = blobPath(folder, sha256);
  // A stored file that was changed on disk is replaced by the genuine bytes rather than kept.
  const present = existsSync(target);
  if (present && statSync(target).size === bytes.length && sha256OfFile(target) === sha256) return { sha256, existed: true };
  mkdirSync(join(folder, 'files', sha256.slice(0, 2)), { recursive: true });
  const temp = join(folder, 'files', `.incoming-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (present) chmodSync(target, 0o644);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (present && existsSync(target)) chmodSync(target, 0o444);
    throw error;
  }
  chmodSync(target, 0o444);
  return { sha256, existed: false };
}

/**
 * Stores a file from disk without reading it whole: copied in 1 MB chunks to a temporary file in files/ while it is
 * hashed, synced, then renamed to its SHA-256 name (a file of any size; memory stays flat). Returns its hash and size.
 */
export function writeBlobFromFile(folder: string, source: string): { sha256: string; bytes: number; existed: boolean } {
  mkdirSync(join(folder, 'files'), { recursive: true });
  const temp = join(folder, 'files', `.incoming-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    const input = openSync(source, 'r');
    try {
      const fd = openSync(temp, 'w', 0o644);
      try {
        const buffer = Buffer.allocUnsafe(1024 * 1024);
        for (let read = readSync(input, buffer); read > 0; read = readSync(input, buffer)) {
          const chunk = buffer.subarray(0, read);
          hash.update(chunk);
          let offset = 0;
          while (offset < read) offset += writeSync(fd, chunk, offset, read - offset);
          bytes += read;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } finally {
      closeSync(input);
    }
    const sha256 = hash.digest('hex');
    const target = blobPath(folder, sha256);
    if (existsSync(target) && statSync(target).size === bytes && sha256OfFile(target) === sha256) {
      rmSync(temp, { force: true });
      return { sha256, bytes, existed: true };
    }
    mkdirSync(join(folder, 'files', sha256.slice(0, 2)), { recursive: true });
    if (existsSync(target)) chmodSync(target, 0o644);
    renameSync(temp, target);
    chmodSync(target, 0o444);
    return { sha256, bytes, existed: false };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function readBlob(folder: string, sha256: string): Buffer {
  const path = blobPath(folder, sha256);
  let bytes: Buffer;
  try { bytes = readFileSync(path); } catch {
    throw new WorkspaceError('not-found', `The stored evidence file ${sha256.slice(0, 12)} is missing from the workspace's files folder. Restore the folder from a copy, or remove the attachment and attach the file again.`);
  }
  if (sha256Of(bytes) !== sha256) {
    throw new WorkspaceError('damaged', `The stored evidence file ${sha256.slice(0, 12)} has been changed on disk and no longer matches what was attached.`);
  }
  return bytes;
}

export function deleteBlob(folder: string, sha256: string): void {
  const path = blobPath(folder, sha256);
  if (!existsSync(path)) return;
  chmodSync(path, 0o644);
  unlinkSync(path);
}

/**
 * Removes what an interrupted attach left behind: temporary files, and stored files no database row refers to.
 * Only run by the lock holder, so no other attach can be in flight.
 */
export function collectGarbage(folder: string, referenced: Set<string>): number {
  const files = join(folder, 'files');
  let removed = 0;
  for (const entry of safeList(files)) {
    const path = join(files, entry);
    if (entry.startsWith('.incoming-')) { rmSync(path, { force: true }); removed++; continue; }
    if (!/^[0-9a-f]{2}$/.test(entry)) continue;
    for (const name of safeList(path)) {
      if (name.startsWith(entry) && !referenced.has(name)) { deleteBlob(folder, name); removed++; }
    }
  }
  return removed;
}

function safeList(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}
