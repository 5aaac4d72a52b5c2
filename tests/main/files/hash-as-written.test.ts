/**
 * The share bundle's SHA-256 is taken by a worker reading the archive back as it is written: the same digest as
 * hashing the bytes on this thread, and an abandoned file is let go of (no open handle left, no hang).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkFilesAhead,
  hashFileAsWritten,
  hashOnThisThread,
  type FileHasher,
} from '../../../main/files/hash-as-written';
import { READ_NO_FOLLOW } from '../../../main/store/blob-store';
import { crc32 } from 'node:zlib';
import { symlinkSync } from 'node:fs';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** A new, empty file, as the bundle opens its archive before the follower starts. */
function created(path: string): string {
  writeFileSync(path, '');
  return path;
}

/** Writes chunks of these sizes to the file, telling the hasher as a writer does; returns what was written. */
async function writeChunks(path: string, sizes: number[], hasher: FileHasher): Promise<Buffer> {
  const handle = await open(path, 'w');
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (const size of sizes) {
      const chunk = randomBytes(size);
      await handle.write(chunk);
      chunks.push(chunk);
      total += size;
      hasher.wrote(chunk, total);
    }
  } finally {
    await handle.close();
  }
  return Buffer.concat(chunks);
}

describe('hashing a file as it is written', () => {
  it('gives the SHA-256 of what is on disk, across small headers and chunks past the notice size', async () => {
    // Small headers between large entries, a total past several 4 MB notices and an end not on a notice.
    const sizes = [30, 1_000_000, 46, 5_000_000, 16, 9_437_184, 22, 3, 4_194_304, 777];
    const path = created(join(tempDir(), 'bundle.zip'));
    const follower = hashFileAsWritten(path);
    const written = await writeChunks(path, sizes, follower);
    const here = hashOnThisThread();
    here.wrote(written, written.length);
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(await follower.digest(written.length)).toBe(expected);
    expect(await here.digest(written.length)).toBe(expected);
    await follower.close(); // after the digest: nothing left to let go of, and no wait
  });

  it('lets go of an abandoned file, which can then be removed', async () => {
    const path = created(join(tempDir(), 'bundle.zip.partial'));
    const follower = hashFileAsWritten(path);
    await writeChunks(path, [5_000_000, 10], follower);
    await follower.close();
    rmSync(path);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses, in words, a digest asked past the end of the file', async () => {
    const path = created(join(tempDir(), 'short.zip'));
    const follower = hashFileAsWritten(path);
    const written = await writeChunks(path, [1000], follower);
    await expect(follower.digest(written.length + 10)).rejects.toThrow(/the file ended at 1000 bytes, before 1010/);
  });

  it('checks files ahead in a worker: the SHA-256, CRC-32 and size of each, a missing or linked one refused', async () => {
    const dir = tempDir();
    const files = [randomBytes(3_000_000), randomBytes(0), randomBytes(1_048_576)].map((bytes, i) => {
      const path = join(dir, `f${i}`);
      writeFileSync(path, bytes);
      return { path, bytes };
    });
    symlinkSync(files[0]!.path, join(dir, 'link'));
    const checker = checkFilesAhead(
      [...files.map((f) => f.path), join(dir, 'gone'), join(dir, 'link')],
      READ_NO_FOLLOW,
    );
    // Asked out of order: answers kept until asked.
    for (const i of [2, 0, 1]) {
      const { bytes } = files[i]!;
      expect(await checker.check(i)).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        crc: crc32(bytes) >>> 0,
        bytes: bytes.length,
      });
    }
    await expect(checker.check(3)).rejects.toThrow(/ENOENT/);
    await expect(checker.check(4)).rejects.toThrow(/ELOOP|symbolic link/);
    await checker.close();
  });
});
