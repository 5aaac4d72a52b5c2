import { Inflate } from 'fflate';

/**
 * A small, defensive zip reader for Office documents. It reads the central directory itself, inflates only the
 * entries asked for, counts the bytes that actually come out (not the sizes the archive claims) against a budget,
 * and checks each entry's CRC. Anything odd throws a ZipError, which the caller turns into a plain-words reason.
 */

export class ZipError extends Error {
  constructor(readonly problem: 'damaged' | 'too-big' | 'too-many-entries' | 'encrypted' | 'unsupported', message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32Update(crc: number, data: Uint8Array): number {
  let c = crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** True when the bytes start with a zip local-file or empty-archive signature. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
    && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

function normaliseName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;
  private inflated = 0;

  constructor(private readonly bytes: Uint8Array, private readonly maxBytes: number, maxEntries: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory(maxEntries);
  }

  /** Entry names as stored (lower-cased, forward slashes, no leading slash). */
  get names(): string[] { return [...this.entries.keys()]; }

  /** Entry names exactly as the archive writes them, in directory order (the first of any duplicates). */
  get originalNames(): string[] { return [...this.entries.values()].map((e) => e.name); }

  has(name: string): boolean { return this.entries.has(normaliseName(name)); }

  /** Bytes decompressed so far, across every read. */
  get bytesRead(): number { return this.inflated; }

  private u16(at: number): number {
    if (at < 0 || at + 2 > this.bytes.length) throw new ZipError('damaged', 'zip structure runs past the end of the file');
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    if (at < 0 || at + 4 > this.bytes.length) throw new ZipError('damaged', 'zip structure runs past the end of the file');
    return this.view.getUint32(at, true);
  }

  private u64(at: number): number {
    const low = this.u32(at);
    const high = this.u32(at + 4);
    if (high > 0x1fffff) throw new ZipError('too-big', 'zip64 size beyond 2^53');
    return high * 0x1_0000_0000 + low;
  }

  private readDirectory(maxEntries: number): void {
    const b = this.bytes;
    // End of central directory: 22 bytes plus a comment of up to 65535 bytes, searched backwards.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) { eocd = i; break; }
    }
    if (eocd < 0) throw new ZipError('damaged', 'no end-of-central-directory record (truncated zip?)');
    let count = this.u16(eocd + 10);
    let dirOffset = this.u32(eocd + 16);
    // Zip64: a locator sits just before the EOCD and points at the zip64 EOCD record.
    if (eocd >= 20 && this.u32(eocd - 20) === 0x07064b50) {
      const z64 = this.u64(eocd - 20 + 8);
      if (this.u32(z64) !== 0x06064b50) throw new ZipError('damaged', 'bad zip64 end record');
      count = this.u64(z64 + 32);
      dirOffset = this.u64(z64 + 48);
    }
    if (count > maxEntries) throw new ZipError('too-many-entries', `${count} entries`);
    let at = dirOffset;
    for (let i = 0; i < count; i++) {
      if (this.u32(at) !== 0x02014b50) throw new ZipError('damaged', 'bad central directory entry');
      const flags = this.u16(at + 8);
      const method = this.u16(at + 10);
      const crc = this.u32(at + 16);
      let compressedSize = this.u32(at + 20);
      let size = this.u32(at + 24);
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const commentLength = this.u16(at + 32);
      let localOffset = this.u32(at + 42);
      const nameStart = at + 46;
      if (nameStart + nameLength + extraLength > b.length) throw new ZipError('damaged', 'entry name past the end');
      const name = new TextDecoder('utf-8').decode(b.subarray(nameStart, nameStart + nameLength));
      // Zip64 extended information: the fields that are 0xFFFFFFFF above follow, in this order.
      let extra = nameStart + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = this.u16(extra);
        const len = this.u16(extra + 2);
        if (id === 0x0001) {
          let p = extra + 4;
          if (size === 0xffffffff) { size = this.u64(p); p += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = this.u64(p); p += 8; }
          if (localOffset === 0xffffffff) { localOffset = this.u64(p); p += 8; }
        }
        extra += 4 + len;
      }
      const key = normaliseName(name);
      if (!this.entries.has(key)) this.entries.set(key, { name, method, flags, crc, compressedSize, size, localOffset });
      at = extraEnd + commentLength;
    }
  }

  /** The entry's bytes, or null if there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(normaliseName(name));
    if (!entry) return null;
    if (entry.flags & 0x0001) throw new ZipError('encrypted', 'the entry is encrypted');
    const budget = this.maxBytes - this.inflated;
    if (entry.size > budget) throw new ZipError('too-big', `${entry.name} claims ${entry.size} bytes`);
    if (this.u32(entry.localOffset) !== 0x04034b50) throw new ZipError('damaged', 'bad local header');
    const start = entry.localOffset + 30 + this.u16(entry.localOffset + 26) + this.u16(entry.localOffset + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new ZipError('damaged', 'entry data runs past the end of the file');
    const raw = this.bytes.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (raw.length > budget) throw new ZipError('too-big', `${entry.name} is too big`);
      out = raw;
    } else if (entry.method === 8) {
      out = this.inflate(raw, budget, entry.name);
    } else {
      throw new ZipError('unsupported', `compression method ${entry.method}`);
    }
    this.inflated += out.length;
    if (((crc32Update(-1, out) ^ -1) >>> 0) !== entry.crc) throw new ZipError('damaged', `${entry.name}: CRC mismatch`);
    return out;
  }

  /** Inflates in small steps and stops as soon as the real output passes the budget, whatever the header said. */
  private inflate(raw: Uint8Array, budget: number, name: string): Uint8Array {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let ended = false;
    const stream = new Inflate((chunk, final) => {
      total += chunk.length;
      if (total > budget) throw new ZipError('too-big', `${name} inflates past the budget`);
      chunks.push(chunk);
      if (final) ended = true;
    });
    const STEP = 16 * 1024; // at most ~16 MB of output per step at deflate's ~1032:1 maximum ratio
    try {
      for (let i = 0; i < raw.length; i += STEP) {
        const last = i + STEP >= raw.length;
        stream.push(raw.subarray(i, Math.min(raw.length, i + STEP)), last);
      }
      if (raw.length === 0) stream.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError('damaged', `${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!ended) throw new ZipError('damaged', `${name}: compressed data ends early`);
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let p = 0;
    for (const c of chunks) { out.set(c, p); p += c.length; }
    return out;
  }
}
