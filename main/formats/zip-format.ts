/**
 * The zip format's directory, read the one way every reader here reads it: the end record (and its ZIP64 record
 * when a count, size or offset is saturated), then each central-directory entry with its ZIP64 extra field. Used by
 * the in-memory reader for Office files (main/formats/zip.ts) and the file reader for bundles and workspace
 * archives (main/formats/zip-reader.ts), so both accept and refuse the same archives.
 */

export class ZipFormatError extends Error {
  constructor(
    readonly problem: 'damaged' | 'too-many-entries' | 'split' | 'too-big',
    message: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  /** The name as written (decoded as UTF-8, else Latin-1 for old DOS names). */
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** High byte: the system that made it (3 = Unix); external attributes hold a Unix mode in their top 16 bits. */
  madeBy: number;
  externalAttributes: number;
}

export const EOCD_SIGNATURE = 0x06054b50;
export const ZIP64_EOCD_SIGNATURE = 0x06064b50;
export const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const LOCAL_SIGNATURE = 0x04034b50;
export const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Bytes at the end of a file that hold the end record, its comment, the ZIP64 locator and the ZIP64 end record. */
export const TAIL_BYTES = EOCD_SIZE + MAX_COMMENT + 20 + 56;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  if (isUtf8) return Buffer.from(bytes).toString('utf8');
  // Names without the UTF-8 flag are in the old DOS code page; ASCII and UTF-8 (most tools today) decode exactly.
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

function u64(b: Buffer, at: number): number {
  const value = b.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('damaged', 'a ZIP64 size or offset beyond 2^53');
  return Number(value);
}

/** Where the directory is, from the file's last bytes (`tail`, which starts at `tailStart`). */
export interface DirectoryLocation {
  count: number;
  offset: number;
  size: number;
  end: number;
}

/**
 * Finds the end record in the file's last TAIL_BYTES (`tail`, starting at `tailStart`; searched backwards past any
 * comment) and, when a field is saturated, the ZIP64 end record through its locator (just before it, in the tail).
 */
export function locateDirectory(tail: Buffer, tailStart: number, fileSize: number): DirectoryLocation {
  if (fileSize < EOCD_SIZE) throw new ZipFormatError('damaged', 'it is too short to be a zip file');
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw new ZipFormatError('damaged', 'it is not a zip file, or it has been cut short (its end record is missing)');
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    throw new ZipFormatError('split', 'it is split across several files');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  const eocd = tailStart + at;
  let end = eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    if (at < 20 || tail.readUInt32LE(at - 20) !== ZIP64_LOCATOR_SIGNATURE) {
      if (count === 0xffff && size !== 0xffffffff && offset !== 0xffffffff) {
        // Exactly 65,535 entries and no ZIP64 record: the count is what it says.
      } else {
        throw new ZipFormatError('damaged', 'its end record points to a ZIP64 record that is missing');
      }
    } else {
      const recordAt = u64(tail, at - 20 + 8);
      if (recordAt + 56 > eocd - 20 || recordAt < tailStart)
        throw new ZipFormatError('damaged', 'its ZIP64 end record is not where its locator says');
      const record = tail.subarray(recordAt - tailStart, recordAt - tailStart + 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE)
        throw new ZipFormatError('damaged', 'its ZIP64 end record is damaged');
      count = u64(record, 32);
      size = u64(record, 40);
      offset = u64(record, 48);
      end = recordAt;
    }
  }
  if (offset + size > end)
    throw new ZipFormatError('damaged', 'its directory of files lies outside the file (it is damaged)');
  return { count, offset, size, end };
}

/** Parses the central directory's bytes into entries. */
export function parseDirectory(cd: Buffer, count: number, maxEntries: number): ZipEntry[] {
  if (count > maxEntries)
    throw new ZipFormatError(
      'too-many-entries',
      `it lists ${count.toLocaleString('en-GB')} files, more than the ${maxEntries.toLocaleString('en-GB')} allowed`,
    );
  // Each entry takes at least 46 bytes: a count the directory cannot hold is refused before anything is allocated.
  if (count * 46 > cd.length) throw new ZipFormatError('damaged', 'its directory of files is damaged');
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError('damaged', 'its directory of files is damaged');
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length)
      throw new ZipFormatError('damaged', 'its directory of files is damaged');
    let size = cd.readUInt32LE(p + 24);
    let compressedSize = cd.readUInt32LE(p + 20);
    let localOffset = cd.readUInt32LE(p + 42);
    // ZIP64 extended information: the fields saturated above follow, in this order.
    for (let e = p + 46 + nameLength, extraEnd = e + extraLength; e + 4 <= extraEnd;) {
      const id = cd.readUInt16LE(e);
      const length = cd.readUInt16LE(e + 2);
      if (e + 4 + length > extraEnd) break;
      if (id === 0x0001) {
        let q = e + 4;
        const take = () => {
          if (q + 8 > e + 4 + length) throw new ZipFormatError('damaged', 'a ZIP64 field is cut short');
          const v = u64(cd, q);
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
      }
      e += 4 + length;
    }
    entries.push({
      name: decodeName(cd.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0),
      flags,
      method: cd.readUInt16LE(p + 10),
      crc: cd.readUInt32LE(p + 16),
      compressedSize,
      size,
      localOffset,
      madeBy: cd.readUInt16LE(p + 4),
      externalAttributes: cd.readUInt32LE(p + 38),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts, from its local header (whose name and extra lengths may differ from the directory's). */
export function dataStart(localHeader: Buffer, entry: ZipEntry): number {
  if (localHeader.readUInt32LE(0) !== LOCAL_SIGNATURE)
    throw new ZipFormatError('damaged', `the local header of ${entry.name.slice(0, 80)} is damaged`);
  return entry.localOffset + 30 + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}

/** True for an entry that unpacks as a symbolic link (Unix mode S_IFLNK in its external attributes). */
export function isSymlink(entry: ZipEntry): boolean {
  return entry.madeBy >> 8 === 3 && ((entry.externalAttributes >>> 16) & 0o170000) === 0o120000;
}

/**
 * Why a name may not be unpacked, or null: absolute paths, drive letters, ".." segments, control characters and
 * backslashes (which Windows tools take as folder separators) could write outside the folder it is unpacked into.
 */
export function unsafeName(name: string): string | null {
  if (name.includes('\\')) return 'its name uses "\\", which some tools take as a folder separator';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'its name is an absolute path';
  if (name.split('/').some((part) => part === '..'))
    return 'its name leads outside the folder it is unpacked into ("..")';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'its name holds control characters';
  return null;
}

/**
 * Refuses entries whose data would overlap another's or the directory (one stretch of bytes read as several files
 * is how a small archive inflates to terabytes): each entry's data must end before the next entry's header.
 */
export function checkNoOverlap(entries: readonly ZipEntry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const next = i + 1 < sorted.length ? sorted[i + 1]!.localOffset : directoryOffset;
    if (e.localOffset + 30 + e.compressedSize > next) {
      throw new ZipFormatError(
        'damaged',
        `the data of ${e.name.slice(0, 80)} overlaps another entry (a crafted archive)`,
      );
    }
  }
}
