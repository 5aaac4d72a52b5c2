import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mkdirSync, renameSync, writeFileSync } from './fs-faults';

/**
 * The one name for a file while it is being written: beside its target (the same disk, so the rename that finishes
 * it is atomic), unique per write (two processes, or two writes in one, never share it), and ending `.partial`, which
 * opening a workspace sweeps from packs/ (main/workspace/workspace.ts). Evidence blobs (`files/.incoming-…`) and
 * backups (`backups/.backup-….tmp`) keep names of their own, which their own sweepers recognise.
 */
export function partialPathFor(target: string): string {
  return `${target}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
}

/** Writes `data` to `target` whole or not at all: a partial file beside it, renamed over it once written. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = partialPathFor(target);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Copies `source` to `target` whole or not at all, disk to disk (copy_file_range or a clone where the system has one:
 * the bytes never pass through JavaScript), at any size. A copy cut short (a full disk, a share gone) leaves no
 * half-written file under the name the officer chose.
 */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  const temp = partialPathFor(target);
  try {
    await copyFile(source, temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
