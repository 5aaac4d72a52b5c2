import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * A .zip written entry by entry to an open file with fflate's streaming Zip (as workspace-archive does), waiting
 * for each chunk to reach the file so memory stays flat however large the evidence is. Every entry gets the same
 * modification time, so the same entries give the same bytes.
 *
 * fflate writes neither ZIP64 nor more than 65,535 entries: past 4 GB its 32-bit sizes and offsets would wrap
 * silently, so the writer refuses instead.
 */
export const ZIP_MAX_BYTES = 0xffff_ffff;
export const ZIP_MAX_ENTRIES = 0xffff;

export class ZipTooLargeError extends Error {}

export class ZipFileWriter {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private failure: Error | null = null;
  private finished = false;
  private written = 0;
  private entries = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly handle: FileHandle, private readonly mtime: Date) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) { this.failure ??= error; return; }
      this.pending.push(chunk);
      if (final) this.finished = true;
    });
  }

  /** Bytes written to the file so far. */
  get bytesWritten(): number {
    return this.written;
  }

  async addBytes(name: string, bytes: Uint8Array, compress: boolean): Promise<void> {
    const entry = this.open(name, compress);
    entry.push(bytes, true);
    await this.flush();
  }

  /**
   * Streams one entry from chunks. If the source throws (a stored file that no longer matches its hash), the entry
   * is left unfinished and the error passes on: the caller then abandons the whole file.
   */
  async addStream(name: string, chunks: AsyncIterable<Uint8Array>, compress: boolean): Promise<void> {
    const entry = this.open(name, compress);
    for await (const chunk of chunks) {
      entry.push(chunk);
      await this.flush();
    }
    entry.push(new Uint8Array(0), true);
    await this.flush();
  }

  /** Writes the central directory; returns the size and SHA-256 of the whole file. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.zip.end();
    await this.flush();
    if (!this.finished) throw new Error('The zip file was not completed.');
    return { bytes: this.written, sha256: this.hash.digest('hex') };
  }

  private open(name: string, compress: boolean): ZipPassThrough | ZipDeflate {
    if (++this.entries > ZIP_MAX_ENTRIES) throw new ZipTooLargeError(`A zip file holds at most ${ZIP_MAX_ENTRIES} files.`);
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    return entry;
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.pending.length) {
      const chunks = this.pending;
      this.pending = [];
      for (const chunk of chunks) {
        this.written += chunk.length;
        if (this.written > ZIP_MAX_BYTES) {
          throw new ZipTooLargeError('The zip file would be larger than 4 GB, which the zip format written here cannot hold.');
        }
        this.hash.update(chunk);
        let offset = 0;
        while (offset < chunk.length) offset += (await this.handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
      }
      if (this.failure) throw this.failure;
    }
  }
}

/**
 * The modification time stored for every entry. Zip stores a wall-clock time with no zone, and fflate takes it from
 * the local-time fields of a Date; building the Date from builtAt's UTC fields makes the stored time builtAt in UTC
 * on every machine, whatever its zone. Zip cannot hold times before 1980 or after 2099, nor odd seconds.
 */
export function zipTimeFor(builtAt: string): Date {
  const parsed = new Date(builtAt);
  if (Number.isNaN(parsed.getTime())) throw new Error(`builtAt "${builtAt}" is not a date and time.`);
  const year = Math.min(2099, Math.max(1980, parsed.getUTCFullYear()));
  return new Date(year, parsed.getUTCMonth(), parsed.getUTCDate(), parsed.getUTCHours(), parsed.getUTCMinutes(), parsed.getUTCSeconds());
}
