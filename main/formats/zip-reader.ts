import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import {
  checkNoOverlap,
  dataStart,
  locateDirectory,
  parseDirectory,
  TAIL_BYTES,
  ZipFormatError,
  type ZipEntry,
} from './zip-format';
import { ZipError, zipErrorOf } from './zip';

/**
 * Reads a .zip file from its central directory, with random access to the file, one entry at a time: ZIP64
 * archives and entries, node:zlib inflation (3.5-9 times faster than the hand-written inflater it replaces),
 * a cap on the bytes each entry may inflate to, and CRC-32 checked at its end.
 *
 * Not a streaming reader: that finds where an entry written with a data descriptor (as every streamed entry is)
 * ends by scanning its bytes for zip signatures, so an entry that is itself a zip stored uncompressed (a .docx, an
 * .xlsx, the pack) would be cut short and its insides read as entries of their own. The central directory says
 * where each entry starts and how long it is, as every desktop unzip tool reads it.
 */
export { ZipError } from './zip';
export type { ZipEntry } from './zip-format';

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  if (filled < length)
    throw new ZipError('damaged', 'the file ends before the zip data it announces (it has been cut short)');
  return buffer;
}

const asReadError = (error: unknown): Error => (error instanceof ZipFormatError ? zipErrorOf(error) : (error as Error));

/**
 * Every entry listed in the central directory, in its order, after checking that no two entries' data overlap.
 * Throws ZipError if the directory cannot be read or lists more than `maxEntries`.
 */
export async function readCentralDirectory(
  handle: FileHandle,
  fileSize: number,
  maxEntries = 1_000_000,
): Promise<ZipEntry[]> {
  try {
    if (fileSize < 22) throw new ZipError('damaged', 'it is too short to be a zip file');
    const tailLength = Math.min(fileSize, TAIL_BYTES);
    const tailStart = fileSize - tailLength;
    const tail = await readAt(handle, tailStart, tailLength);
    const where = locateDirectory(tail, tailStart, fileSize);
    if (where.size > 512 * 1024 * 1024)
      throw new ZipError('too-big', 'its directory of files is larger than any archive made here');
    const entries = parseDirectory(await readAt(handle, where.offset, where.size), where.count, maxEntries);
    checkNoOverlap(entries, where.offset);
    return entries;
  } catch (error) {
    throw asReadError(error);
  }
}

const STORED_CHUNK = 1024 * 1024;
/** Compressed bytes read per step: small, so one step's output stays bounded (deflate expands at most ~1,032 times). */
const DEFLATED_CHUNK = 64 * 1024;

async function* compressedBytes(handle: FileHandle, start: number, end: number, chunk: number): AsyncGenerator<Buffer> {
  for (let position = start; position < end;) {
    const length = Math.min(chunk, end - position);
    yield await readAt(handle, position, length);
    position += length;
  }
}

export interface EntryReadOptions {
  /**
   * Most bytes the entry may give (the manifest's size, or a limit): reading stops and throws past it, whatever the
   * headers claim. Default: the size the directory states.
   */
  maxBytes?: number;
}

/**
 * An entry's content, decompressed, in chunks; the caller's pace sets the reading pace. Throws ZipError when
 * it cannot be read, inflates past its cap, is shorter or longer than the directory says, or fails its CRC.
 */
export async function* entryContent(
  handle: FileHandle,
  entry: ZipEntry,
  fileSize: number,
  options: EntryReadOptions = {},
): AsyncGenerator<Uint8Array> {
  if (entry.flags & 0x1) throw new ZipError('encrypted', 'it is encrypted');
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipError('unsupported', `it is compressed with method ${entry.method}, which is not read here`);
  const cap = Math.min(options.maxBytes ?? entry.size, entry.size);
  if (entry.localOffset + 30 > fileSize) throw new ZipError('damaged', 'its data lies outside the file');
  let start: number;
  try {
    start = dataStart(await readAt(handle, entry.localOffset, 30), entry);
  } catch (error) {
    throw asReadError(error);
  }
  const end = start + entry.compressedSize;
  if (end > fileSize) throw new ZipError('damaged', 'its data runs past the end of the file (it has been cut short)');
  let crc = 0;
  let bytes = 0;
  const take = (chunk: Buffer): Buffer => {
    bytes += chunk.length;
    if (bytes > cap) {
      throw new ZipError(
        'too-big',
        cap < entry.size
          ? `it holds more than the ${cap.toLocaleString('en-GB')} bytes allowed`
          : `it holds more than the ${entry.size.toLocaleString('en-GB')} bytes its header states`,
      );
    }
    crc = crc32(chunk, crc);
    return chunk;
  };
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipError('damaged', 'its stored size does not match its size');
    for await (const chunk of compressedBytes(handle, start, end, STORED_CHUNK)) yield take(chunk);
  } else {
    const source = Readable.from(compressedBytes(handle, start, end, DEFLATED_CHUNK));
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    source.on('error', (error) => inflater.destroy(error));
    source.pipe(inflater);
    try {
      for await (const chunk of inflater) yield take(chunk as Buffer);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError('damaged', `its compressed data is damaged (${(error as Error).message})`);
    } finally {
      source.destroy();
      inflater.destroy();
    }
  }
  if (bytes !== entry.size)
    throw new ZipError(
      'damaged',
      `it holds ${bytes.toLocaleString('en-GB')} bytes, not the ${entry.size.toLocaleString('en-GB')} its header states`,
    );
  if (crc >>> 0 !== entry.crc) throw new ZipError('damaged', 'its checksum (CRC-32) does not match its content');
}
