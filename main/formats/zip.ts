import { crc32, inflateRawSync } from 'node:zlib';
import {
  checkNoOverlap,
  dataStart,
  locateDirectory,
  parseDirectory,
  ZipFormatError,
  type ZipEntry,
} from './zip-format';

/**
 * Office documents held in memory, read through the one zip directory parser (main/formats/zip-format.ts): ZIP64,
 * overlapping entries refused, each entry inflated by node:zlib only as far as the budget left (the real output is
 * counted, whatever the headers claim), and its CRC-32 checked. Anything odd throws a ZipError, which the caller
 * turns into a plain-words reason.
 */

export class ZipError extends Error {
  constructor(
    readonly problem: 'damaged' | 'too-big' | 'too-many-entries' | 'encrypted' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export type { ZipEntry } from './zip-format';

/** The directory parser's refusal as the one zip error both readers throw (in memory, and from a file). */
export function zipErrorOf(error: ZipFormatError): ZipError {
  const problem = error.problem === 'too-many-entries' || error.problem === 'too-big' ? error.problem : 'damaged';
  return new ZipError(problem, error.message);
}

/** True when the bytes start with a zip local-file or empty-archive signature. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

function normaliseName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

export class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly buffer: Buffer;
  private inflated = 0;

  constructor(
    bytes: Uint8Array,
    private readonly maxBytes: number,
    maxEntries: number,
  ) {
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      const where = locateDirectory(this.buffer, 0, this.buffer.length);
      const list = parseDirectory(
        this.buffer.subarray(where.offset, where.offset + where.size),
        where.count,
        maxEntries,
      );
      checkNoOverlap(list, where.offset);
      for (const entry of list) {
        const key = normaliseName(entry.name);
        if (!this.entries.has(key)) this.entries.set(key, entry);
      }
    } catch (error) {
      if (error instanceof ZipFormatError) throw zipErrorOf(error);
      throw error;
    }
  }

  /** Entry names as stored (lower-cased, forward slashes, no leading slash). */
  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** Entry names exactly as the archive writes them, in directory order (the first of any duplicates). */
  get originalNames(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  has(name: string): boolean {
    return this.entries.has(normaliseName(name));
  }

  /** Bytes decompressed so far, across every read. */
  get bytesRead(): number {
    return this.inflated;
  }

  /** The entry's bytes, or null if there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(normaliseName(name));
    if (!entry) return null;
    if (entry.flags & 0x0001) throw new ZipError('encrypted', 'the entry is encrypted');
    const budget = this.maxBytes - this.inflated;
    if (entry.size > budget) throw new ZipError('too-big', `${entry.name} claims ${entry.size} bytes`);
    if (entry.localOffset + 30 > this.buffer.length) throw new ZipError('damaged', 'bad local header');
    let start: number;
    try {
      start = dataStart(this.buffer.subarray(entry.localOffset, entry.localOffset + 30), entry);
    } catch {
      throw new ZipError('damaged', 'bad local header');
    }
    const end = start + entry.compressedSize;
    if (end > this.buffer.length) throw new ZipError('damaged', 'entry data runs past the end of the file');
    const raw = this.buffer.subarray(start, end);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (raw.length > budget) throw new ZipError('too-big', `${entry.name} is too big`);
      out = raw;
    } else if (entry.method === 8) {
      try {
        // maxOutputLength stops inflating as soon as the real output passes the budget, whatever the header said.
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw new ZipError('too-big', `${entry.name} inflates past the budget`);
        }
        throw new ZipError('damaged', `${entry.name}: ${(error as Error).message}`);
      }
    } else {
      throw new ZipError('unsupported', `compression method ${entry.method}`);
    }
    this.inflated += out.length;
    if (crc32(out) >>> 0 !== entry.crc) throw new ZipError('damaged', `${entry.name}: CRC mismatch`);
    return out;
  }
}

/** Limits for a zip the app made itself (a pack, a template built into): generous, but a limit all the same. */
const OWN_FILE_BYTES = 2 * 1024 ** 3;
const OWN_FILE_ENTRIES = 65_535;

/**
 * Every entry of a zip held in memory, by its name as stored, in directory order (folders skipped); `only` keeps
 * just the entries it accepts, the others never inflated. Limits default to those for the app's own files.
 */
export function unzipAll(
  bytes: Uint8Array,
  options: { only?: (name: string) => boolean; maxBytes?: number; maxEntries?: number } = {},
): Record<string, Uint8Array> {
  const zip = new ZipReader(bytes, options.maxBytes ?? OWN_FILE_BYTES, options.maxEntries ?? OWN_FILE_ENTRIES);
  const files: Record<string, Uint8Array> = {};
  for (const name of zip.originalNames) {
    if (name.endsWith('/') || (options.only && !options.only(name))) continue;
    const content = zip.read(name);
    if (content) files[name] = content;
  }
  return files;
}
