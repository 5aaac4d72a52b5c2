import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import { hashOnThisThread, type FileHasher } from '../files/hash-as-written';

/**
 * The one zip writer: entries streamed one after another to an open file, each waiting for its bytes to reach the
 * disk before reading more (memory stays flat however large the evidence), compressed with node:zlib or stored as
 * they are, every entry with the same modification time so the same entries give the same bytes. ZIP64 records are
 * written where the archive needs them: an entry of 4 GB or more (its size given up front), an archive past 4 GB,
 * more than 65,535 entries. Entries carry a data descriptor, as streamed entries do; names are UTF-8.
 */
export class ZipTooLargeError extends Error {}

const U32 = 0xffffffff;
/** An entry this large or larger gets ZIP64 sizes in its local header and data descriptor. */
const ZIP64_ENTRY_FROM = 0xffff0000;

interface Written {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  zip64Local: boolean;
}

function dosTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipFileWriter {
  private readonly entries: Written[] = [];
  private written = 0;
  private readonly when: { time: number; date: number };

  /** `hasher`: how the archive's SHA-256 is taken (on this thread unless another is given). */
  constructor(
    private readonly handle: FileHandle,
    mtime: Date,
    private readonly hasher: FileHasher = hashOnThisThread(),
  ) {
    this.when = dosTime(mtime);
  }

  /** Bytes written to the file so far. */
  get bytesWritten(): number {
    return this.written;
  }

  async addBytes(name: string, bytes: Uint8Array, compress: boolean): Promise<{ crc: number; size: number }> {
    return this.addStream(name, [bytes], compress, bytes.length);
  }

  /**
   * Streams one entry from chunks. `sizeHint` is the entry's size when known (a file's size): from 4 GB it decides
   * the ZIP64 local header. If the source throws (a stored file that no longer matches its hash) the error passes
   * on and the caller abandons the whole file.
   */
  async addStream(
    name: string,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    compress: boolean,
    sizeHint = 0,
  ): Promise<{ crc: number; size: number }> {
    const nameBytes = Buffer.from(name, 'utf8');
    const zip64Local = sizeHint >= ZIP64_ENTRY_FROM;
    const method = compress ? 8 : 0;
    const offset = this.written;
    await this.write(localHeader(nameBytes, method, this.when, { zip64Local }));

    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunks) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        yield chunk;
      }
    }
    if (compress) {
      const source = Readable.from(counted());
      const deflater = createDeflateRaw({ level: 6 });
      source.on('error', (error) => deflater.destroy(error));
      source.pipe(deflater);
      for await (const piece of deflater) {
        compressedSize += (piece as Buffer).length;
        await this.write(piece as Buffer);
      }
    } else {
      for await (const chunk of counted()) {
        compressedSize += chunk.length;
        await this.write(chunk);
      }
    }
    if (!zip64Local && (size >= U32 || compressedSize >= U32)) {
      throw new ZipTooLargeError(`${name} turned out larger than 4 GB though its size was not given up front.`);
    }
    const descriptor = Buffer.alloc(zip64Local ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (zip64Local) {
      descriptor.writeBigUInt64LE(BigInt(compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(size), 16);
    } else {
      descriptor.writeUInt32LE(compressedSize, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    await this.write(descriptor);
    this.entries.push({
      name: nameBytes,
      method,
      flags: 0x0808,
      crc: crc >>> 0,
      compressedSize,
      size,
      offset,
      zip64Local,
    });
    return { crc: crc >>> 0, size };
  }

  /** Writes the central directory (and ZIP64 end records when needed); returns the size and SHA-256 of the file. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.write(directoryAndEnd(this.entries, this.when, this.written));
    return { bytes: this.written, sha256: await this.hasher.digest(this.written) };
  }

  private async write(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length)
      offset += (await this.handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
    this.written += chunk.length;
    this.hasher.wrote(chunk, this.written);
  }
}

/**
 * A local file header. Streamed entries (`sizes` absent) set the data-descriptor flag and carry their CRC and sizes
 * after the data; entries built in memory carry them here, as Office applications write them.
 */
function localHeader(
  name: Buffer,
  method: number,
  when: { time: number; date: number },
  options: { zip64Local?: boolean; sizes?: { crc: number; compressedSize: number; size: number } },
): Buffer {
  const zip64Local = options.zip64Local ?? false;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(zip64Local ? 45 : 20, 4);
  local.writeUInt16LE(options.sizes ? 0x0800 : 0x0808, 6); // UTF-8 name; data descriptor follows when streamed
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(when.time, 10);
  local.writeUInt16LE(when.date, 12);
  if (options.sizes) {
    local.writeUInt32LE(options.sizes.crc, 14);
    local.writeUInt32LE(options.sizes.compressedSize, 18);
    local.writeUInt32LE(options.sizes.size, 22);
  }
  if (zip64Local) {
    local.writeUInt32LE(U32, 18);
    local.writeUInt32LE(U32, 22);
  }
  local.writeUInt16LE(name.length, 26);
  const extra = zip64Local ? Buffer.alloc(20) : Buffer.alloc(0);
  if (zip64Local) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
  }
  local.writeUInt16LE(extra.length, 28);
  return Buffer.concat([local, name, extra]);
}

/** The central directory and end records (ZIP64 ones when needed) for entries written from offset 0. */
function directoryAndEnd(
  entries: readonly Written[],
  when: { time: number; date: number },
  directoryOffset: number,
): Buffer {
  const parts: Buffer[] = [];
  let directorySize = 0;
  for (const e of entries) {
    const big = [e.size >= U32 || e.zip64Local, e.compressedSize >= U32 || e.zip64Local, e.offset >= U32];
    const extraFields = [big[0] ? e.size : null, big[1] ? e.compressedSize : null, big[2] ? e.offset : null].filter(
      (v) => v !== null,
    );
    const extra = Buffer.alloc(extraFields.length ? 4 + 8 * extraFields.length : 0);
    if (extraFields.length) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8 * extraFields.length, 2);
      extraFields.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(extraFields.length ? 45 : 20, 4);
    c.writeUInt16LE(extraFields.length || e.zip64Local ? 45 : 20, 6);
    c.writeUInt16LE(e.flags, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(when.time, 12);
    c.writeUInt16LE(when.date, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(big[1] ? U32 : e.compressedSize, 20);
    c.writeUInt32LE(big[0] ? U32 : e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(big[2] ? U32 : e.offset, 42);
    parts.push(c, e.name, extra);
    directorySize += c.length + e.name.length + extra.length;
  }
  const count = entries.length;
  const zip64 = count > 0xffff || directoryOffset >= U32 || directorySize >= U32;
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(directorySize), 40);
    record.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : count, 8);
  end.writeUInt16LE(zip64 ? 0xffff : count, 10);
  end.writeUInt32LE(zip64 ? U32 : directorySize, 12);
  end.writeUInt32LE(zip64 ? U32 : directoryOffset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/**
 * A small zip made in memory (an Office file the app writes or cleans: a pack, a template, a tracker, a clean copy),
 * with the same records as the streamed writer above. Entries keep the order given; each is deflated with node:zlib
 * unless `stored` names it (or it would not get smaller). Meant for files of a few megabytes, not evidence archives.
 */
/** A string as the UTF-8 bytes of a zip entry. */
export const utf8Bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

export function zipToBytes(
  files: Readonly<Record<string, Uint8Array>>,
  options: { mtime?: Date; level?: number; stored?: (name: string) => boolean } = {},
): Uint8Array {
  const when = dosTime(options.mtime ?? new Date());
  const parts: Buffer[] = [];
  const entries: Written[] = [];
  let offset = 0;
  for (const [name, bytes] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(bytes) >>> 0;
    const deflated = options.stored?.(name) ? null : deflateRawSync(bytes, { level: options.level ?? 6 });
    const keep = deflated && deflated.length < bytes.length ? deflated : null;
    const data = keep ?? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sizes = { crc, compressedSize: data.length, size: bytes.length };
    if (sizes.size >= U32 || offset >= U32)
      throw new ZipTooLargeError(`${name} is too large for a zip made in memory.`);
    const method = keep ? 8 : 0;
    const header = localHeader(nameBytes, method, when, { sizes });
    entries.push({ name: nameBytes, method, flags: 0x0800, ...sizes, offset, zip64Local: false });
    parts.push(header, data);
    offset += header.length + data.length;
  }
  parts.push(directoryAndEnd(entries, when, offset));
  const out = Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * The modification time stored for every entry. Zip stores a wall-clock time with no zone, taken here from the
 * local-time fields of a Date; building the Date from builtAt's UTC fields makes the stored time builtAt in UTC on
 * every machine, whatever its zone. Zip cannot hold times before 1980 or after 2099, nor odd seconds.
 */
export function zipTimeFor(builtAt: string): Date {
  const parsed = new Date(builtAt);
  if (Number.isNaN(parsed.getTime())) throw new Error(`builtAt "${builtAt}" is not a date and time.`);
  const year = Math.min(2099, Math.max(1980, parsed.getUTCFullYear()));
  return new Date(
    year,
    parsed.getUTCMonth(),
    parsed.getUTCDate(),
    parsed.getUTCHours(),
    parsed.getUTCMinutes(),
    parsed.getUTCSeconds(),
  );
}
