import { createHash, randomBytes } from 'node:crypto';
import {
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  readdirSync,
  readSync,
  rmSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { WorkspaceError } from '../refusal/refusal';
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from '../files/fs-faults';

/**
 * Evidence files, stored once each under files/ab/abcdef… by their SHA-256 and never modified: the same file
 * attached twice is one file, and a stored file that no longer matches its name is known to be damaged.
 */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of a file on disk, read in chunks so a large file is never held in memory at once. */
export function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, READ_NO_FOLLOW);
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** One rule for what a stored file's name may be: a SHA-256 as 64 lowercase hex characters, nothing else. */
const SHA256 = /^[0-9a-f]{64}$/;
export const isSha256 = (value: string): boolean => SHA256.test(value);

/** Opening for reading that refuses a symbolic link (ELOOP) instead of following it; Windows has no O_NOFOLLOW. */
export const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * The path of a stored file. Built only from a validated hash: a "hash" such as ../../.ssh/id_rsa read from a
 * database someone else made must never become a path (migration 0006 and the import check refuse it earlier).
 */
export function blobPath(folder: string, sha256: string): string {
  if (!isSha256(sha256)) {
    throw new WorkspaceError(
      'damaged',
      `The workspace database names a stored file "${sha256.slice(0, 20)}" that is not a SHA-256; it was not used as a file name.`,
    );
  }
  return join(folder, 'files', sha256.slice(0, 2), sha256);
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Sets a stored file's mode through an open descriptor that refused to follow a link, never through a path that
 * could be a symbolic link (chmod follows links: a planted link would make its target, say a private key,
 * world-readable). Answers false when the entry is not a plain file.
 */
function chmodPlainFile(path: string, mode: number): boolean {
  const stat = lstatOrNull(path);
  if (!stat?.isFile()) return false;
  let fd: number;
  try {
    fd = openSync(path, READ_NO_FOLLOW);
  } catch {
    return false;
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    fchmodSync(fd, mode);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Removes one directory entry without following it: a link is removed, never its target. */
function removeEntry(path: string, stat: Stats): void {
  if (stat.isDirectory())
    rmSync(path, { recursive: true, force: true }); // rm never follows links inside
  else if (stat.isFile()) {
    chmodPlainFile(path, 0o644);
    unlinkSync(path);
  } // Windows will not delete a read-only file
  else unlinkSync(path);
}

/**
 * Writes through a temporary file, synced, then renamed: a crash leaves either nothing or the whole file, and a
 * write that fails (a full disk) removes its temporary file.
 */
export function writeBlob(folder: string, bytes: Uint8Array): { sha256: string; existed: boolean } {
  const sha256 = sha256Of(bytes);
  const target = blobPath(folder, sha256);
  // A stored file that was changed on disk is replaced by the genuine bytes rather than kept.
  const existing = lstatOrNull(target);
  // Anything but a plain file under a stored file's name (a planted link) is replaced, never read through.
  const present = existing !== null;
  if (existing?.isFile() && existing.size === bytes.length && sha256OfFile(target) === sha256)
    return { sha256, existed: true };
  mkdirSync(join(folder, 'files', sha256.slice(0, 2)), { recursive: true });
  const temp = join(folder, 'files', `.incoming-${randomBytes(6).toString('hex')}`);
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
      fchmodSync(fd, 0o444);
    } finally {
      closeSync(fd);
    }
    // Windows will not rename over a read-only file; a rename replaces a link itself, never its target.
    if (existing?.isFile()) chmodPlainFile(target, 0o644);
    else if (present) removeEntry(target, existing);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    chmodPlainFile(target, 0o444);
    throw error;
  }
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
    // As writeBlob: a plain file with the right bytes is kept; anything else under the name (a changed file, a planted
    // link) is replaced, never read or changed through.
    const existing = lstatOrNull(target);
    if (existing?.isFile() && existing.size === bytes && sha256OfFile(target) === sha256) {
      rmSync(temp, { force: true });
      return { sha256, bytes, existed: true };
    }
    mkdirSync(join(folder, 'files', sha256.slice(0, 2)), { recursive: true });
    chmodPlainFile(temp, 0o444);
    if (existing?.isFile()) chmodPlainFile(target, 0o644);
    else if (existing) removeEntry(target, existing);
    renameSync(temp, target);
    return { sha256, bytes, existed: false };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function deleteBlob(folder: string, sha256: string): void {
  const path = blobPath(folder, sha256);
  const stat = lstatOrNull(path);
  if (stat) removeEntry(path, stat);
}

/**
 * Removes what an interrupted attach left behind: temporary files, stored files no database refers to, and
 * anything in files/ that is not a plain file (a symbolic link planted by someone with write access to a shared
 * folder is removed itself; its target is never read, changed or deleted). `referenced` must include the files
 * every backup refers to, so undoing a restore finds its files. Only run by the lock holder, so no other attach
 * can be in flight.
 */
export function collectGarbage(folder: string, referenced: Set<string>): number {
  const files = join(folder, 'files');
  // A files/ that is itself a link leads out of the workspace: nothing is removed through it.
  if (!lstatOrNull(files)?.isDirectory()) return 0;
  let removed = 0;
  for (const entry of safeList(files)) {
    const path = join(files, entry);
    const stat = lstatOrNull(path);
    if (!stat) continue;
    if (entry.startsWith('.incoming-')) {
      removeEntry(path, stat);
      removed++;
      continue;
    }
    if (!/^[0-9a-f]{2}$/.test(entry)) continue;
    if (!stat.isDirectory()) {
      removeEntry(path, stat);
      removed++;
      continue;
    }
    for (const name of safeList(path)) {
      const inner = join(path, name);
      const innerStat = lstatOrNull(inner);
      if (!innerStat) continue;
      const unreferenced = isSha256(name) && name.startsWith(entry) && !referenced.has(name);
      if (!innerStat.isFile() || unreferenced) {
        removeEntry(inner, innerStat);
        removed++;
      }
    }
  }
  return removed;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
