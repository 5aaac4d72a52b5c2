import type { FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';

/**
 * Reads a .zip from its central directory, with random access to the file, one entry at a time.
 *
 * Not fflate's streaming Unzip: that finds where an entry written with a data descriptor (as every streamed entry
 * is) ends by scanning its bytes for zip signatures, so an entry that is itself a zip stored uncompressed (a .docx,
 * an .xlsx, the pack) is cut short and its insides read as entries of their own. The central directory says where
 * each entry starts and how long it is, as every desktop unzip tool reads it.
 */
export class ZipReadError extends Error {}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  if (filled < length) throw new ZipReadError('the file ends before the zip data it announces (it has been cut short)');
  return buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(bytes: Buffer, isUtf8: boolean): string {
  if (isUtf8) return bytes.toString('utf8');
  // Names without the UTF-8 flag are in the old DOS code page; ASCII and UTF-8 (most tools today) decode exactly.
  try { return utf8.decode(bytes); } catch { return bytes.toString('latin1'); }
}

/** Every entry listed in the central directory, in its order. Throws ZipReadError if there is no readable one. */
export async function readCentralDirectory(handle: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  if (fileSize < EOCD_SIZE) throw new ZipReadError('it is too short to be a zip file');
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) { at = i; break; }
  }
  if (at < 0) throw new ZipReadError('it is not a zip file, or it has been cut short (its end record is missing)');
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) throw new ZipReadError('it is split across several files');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipReadError('it uses the ZIP64 format, which this check does not read');
  }
  const eocdOffset = tailStart + at;
  if (cdOffset + cdSize > eocdOffset) throw new ZipReadError('its directory of files lies outside the file (it is damaged)');
  const cd = await readAt(handle, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipReadError('its directory of files is damaged');
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length) throw new ZipReadError('its directory of files is damaged');
    entries.push({
      name: decodeName(cd.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0),
      flags,
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const STORED_CHUNK = 1024 * 1024;
/** Small reads for deflated data bound what one inflate step can produce (at most ~1,000 times its input). */
const DEFLATED_CHUNK = 64 * 1024;

/** An entry's content, decompressed, in chunks. Throws ZipReadError when it cannot be read. */
export async function* entryContent(handle: FileHandle, entry: ZipEntry, fileSize: number): AsyncGenerator<Uint8Array> {
  if (entry.flags & 0x1) throw new ZipReadError('it is encrypted');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipReadError(`it is compressed with method ${entry.method}, which this check does not read`);
  if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) {
    throw new ZipReadError('it uses the ZIP64 format, which this check does not read');
  }
  if (entry.localOffset + 30 > fileSize) throw new ZipReadError('its data lies outside the file');
  const header = await readAt(handle, entry.localOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL) throw new ZipReadError('its local header is damaged');
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end > fileSize) throw new ZipReadError('its data runs past the end of the file (it has been cut short)');

  if (entry.method === 0) {
    for (let position = start; position < end; ) {
      const length = Math.min(STORED_CHUNK, end - position);
      yield await readAt(handle, position, length);
      position += length;
    }
    return;
  }
  const output: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => { output.push(chunk); });
  for (let position = start; ; ) {
    const length = Math.min(DEFLATED_CHUNK, end - position);
    const chunk = length > 0 ? await readAt(handle, position, length) : new Uint8Array(0);
    position += length;
    const final = position >= end;
    try {
      inflate.push(chunk, final);
    } catch (error) {
      throw new ZipReadError(`its compressed data is damaged (${(error as Error).message})`);
    }
    for (const piece of output.splice(0)) yield piece;
    if (final) return;
  }
}
