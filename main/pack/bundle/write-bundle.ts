import { createHash } from 'node:crypto';
import { rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { partialPathFor } from '../../files/atomic-write';
import { blobPath, READ_NO_FOLLOW, sha256Of } from '../../store/blob-store';
import { checkFilesAhead, hashFileAsWritten } from '../../files/hash-as-written';
import type { PackEvidence } from '../pack-input';
import { storageProblem, WorkspaceError } from '../../refusal/refusal';
import { mkdir, open, rename } from '../../files/fs-faults';
import { evidenceFileStem, groupFolder, groupOrder, naturalCompare, PathAllocator } from './bundle-names';
import {
  BUNDLE_EXTRAS,
  BUNDLE_FORMAT,
  MANIFEST_CSV,
  MANIFEST_JSON,
  manifestCsv,
  manifestJson,
  PACK_DOCX,
  PACK_PDF,
  README_TXT,
  type BundleFileRecord,
  type BundleManifest,
} from './bundle-manifest';
import { bundleReadme } from './bundle-readme';
import { cleanCopy, MAX_CLEAN_BYTES } from './clean-copy';
import { ZipFileWriter, ZipTooLargeError, zipTimeFor } from '../../formats/zip-writer';

export interface BundleInput {
  /** The workspace folder whose files/ holds the evidence, by SHA-256. */
  workspaceFolder: string;
  packDocx: Uint8Array;
  /** A PDF copy of the pack, when one could be made. */
  packPdf?: Uint8Array | null;
  evidence: PackEvidence[];
  area: string;
  builtAt: string;
  version: number;
  /** References left out (e.g. by the privacy check): listed in README.txt and manifest.json by reference only. */
  excluded?: ReadonlySet<string>;
  /** Protective marking for README.txt; default OFFICIAL-SENSITIVE. */
  marking?: string;
  /** Called after each evidence file is written: files done, files in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface BundleResult {
  /** The bundle written, as an absolute path. */
  path: string;
  /** Its size and SHA-256. */
  bytes: number;
  sha256: string;
  /** The manifest's rows: the pack first, then each evidence file, in the bundle's order. */
  files: BundleFileRecord[];
  evidenceFiles: number;
  excluded: string[];
}

const READ_CHUNK = 1024 * 1024;
/** Extensions of the files that get a clean copy when they need one (clean-copy.ts). */
const CLEANABLE = new Set(['.docx', '.docm', '.dotx', '.xlsx', '.xlsm', '.xltx']);
/** Clean copies kept in memory between working out the manifest and writing the zip; past this they are made again. */
const CLEAN_CACHE_BYTES = 128 * 1024 * 1024;
/** Formats that are compressed already: stored as they are, which is faster and no larger. */
const STORE_AS_IS = new Set([
  '.docx',
  '.docm',
  '.dotx',
  '.xlsx',
  '.xlsm',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.zip',
  '.7z',
  '.gz',
  '.rar',
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.heic',
  '.mp3',
  '.m4a',
  '.mp4',
  '.mov',
  '.msg',
]);

/**
 * The share bundle: pack.docx (and pack.pdf), the evidence files in one folder per evaluation area group, named by
 * reference and title, manifest.csv, manifest.json and README.txt, as one .zip. Written to a temporary file beside
 * outFile and renamed into place, so outFile is only ever a whole bundle (an earlier one is left as it was if this
 * one fails). Each evidence file's SHA-256 is checked as it is copied in: a stored file changed on disk is refused.
 * The same inputs give the same bytes: entries are in a fixed order and all carry builtAt as their time.
 */
export async function writeBundle(input: BundleInput, outFile: string): Promise<BundleResult> {
  const excludedSet = input.excluded ?? new Set<string>();
  const evidence = input.evidence.filter((e) => !excludedSet.has(e.ref));
  for (const e of evidence) {
    if (!/^[0-9a-f]{64}$/.test(e.sha256))
      throw new WorkspaceError(
        'invalid-request',
        `Evidence ${e.ref} has no valid SHA-256 ("${e.sha256.slice(0, 70)}").`,
      );
  }
  evidence.sort(
    (a, b) =>
      groupOrder(a.group) - groupOrder(b.group) ||
      naturalCompare(a.ref, b.ref) ||
      naturalCompare(a.fileName, b.fileName) ||
      naturalCompare(a.sha256, b.sha256),
  );
  const mtime = zipTimeFor(input.builtAt);
  const marking = input.marking?.trim() || 'OFFICIAL-SENSITIVE';
  const pdf = input.packPdf && input.packPdf.length ? input.packPdf : null;

  const paths = new PathAllocator();
  for (const name of [...BUNDLE_EXTRAS, PACK_DOCX, PACK_PDF]) paths.reserve(name);
  const packFiles: BundleFileRecord[] = [
    {
      reference: null,
      title: 'Evidence pack',
      item: null,
      itemTitle: null,
      path: PACK_DOCX,
      bytes: input.packDocx.length,
      sha256: sha256Of(input.packDocx),
    },
    ...(pdf
      ? [
          {
            reference: null,
            title: 'Evidence pack (PDF copy)',
            item: null,
            itemTitle: null,
            path: PACK_PDF,
            bytes: pdf.length,
            sha256: sha256Of(pdf),
          },
        ]
      : []),
  ];
  const evidenceFiles = evidence.map((e) => {
    const { stem, extension } = evidenceFileStem(e.ref, e.title, e.fileName);
    const record: BundleFileRecord = {
      reference: e.ref,
      title: e.title,
      item: e.itemId,
      itemTitle: e.itemTitle,
      path: paths.allocate(groupFolder(e.group), stem, extension),
      bytes: e.bytes,
      sha256: e.sha256,
    };
    return { evidence: e, record, compress: !STORE_AS_IS.has(extension.toLowerCase()) };
  });
  // Word and Excel files go as clean copies when they hold tracked changes or comments: worked out before the
  // manifest is written (it comes first in the bundle), kept in memory up to a budget and made again past it.
  const cleaned = new Map<(typeof evidenceFiles)[number], Uint8Array | null>();
  let cachedBytes = 0;
  for (const file of evidenceFiles) {
    if (!CLEANABLE.has(file.record.path.slice(file.record.path.lastIndexOf('.')).toLowerCase())) continue;
    if (file.evidence.bytes > MAX_CLEAN_BYTES) continue;
    const copy = cleanCopy(
      await readVerified(input.workspaceFolder, file.evidence, resolve(outFile)),
      file.evidence.fileName,
      mtime,
    );
    if (!copy) continue;
    file.record.cleanCopy = {
      changes: copy.changes,
      originalBytes: file.record.bytes,
      originalSha256: file.record.sha256,
    };
    file.record.bytes = copy.bytes.length;
    file.record.sha256 = sha256Of(copy.bytes);
    const keep = cachedBytes + copy.bytes.length <= CLEAN_CACHE_BYTES;
    if (keep) cachedBytes += copy.bytes.length;
    cleaned.set(file, keep ? copy.bytes : null);
  }
  const files = [...packFiles, ...evidenceFiles.map((f) => f.record)];
  const excluded = [...excludedSet].sort(naturalCompare);

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    area: input.area,
    packVersion: input.version,
    builtAt: input.builtAt,
    files,
    excluded,
  };
  const readme = bundleReadme({
    area: input.area,
    version: input.version,
    builtAt: input.builtAt,
    marking,
    hasPdf: pdf !== null,
    evidenceFiles: evidenceFiles.length,
    excluded,
    folders: [...new Set(evidenceFiles.map((f) => f.record.path.slice(0, f.record.path.indexOf('/'))))],
  });

  const target = resolve(outFile);
  await mkdir(dirname(target), { recursive: true });
  const temp = partialPathFor(target);
  const handle = await open(temp, 'wx');
  // The archive's SHA-256 is taken by a worker reading it back as it is written, not by this thread.
  const hasher = hashFileAsWritten(temp);
  let checker: ReturnType<typeof checkFilesAhead> | undefined;
  let closed = false;
  try {
    const zip = new ZipFileWriter(handle, mtime, hasher);
    const text = (s: string) => new TextEncoder().encode(s);
    await zip.addBytes(README_TXT, text(readme), true);
    await zip.addBytes(MANIFEST_JSON, text(manifestJson(manifest)), true);
    await zip.addBytes(MANIFEST_CSV, text(manifestCsv(manifest)), true);
    await zip.addBytes(PACK_DOCX, input.packDocx, false);
    if (pdf) await zip.addBytes(PACK_PDF, pdf, false);
    // The files copied as they are stored are checked (SHA-256 and CRC-32) by a worker reading them ahead of this
    // thread, which then only compares: the CRC-32 of what it wrote must be the checker's.
    const streamed = evidenceFiles.filter((f) => !cleaned.has(f));
    checker = checkFilesAhead(
      streamed.map((f) => blobPath(input.workspaceFolder, f.evidence.sha256)),
      READ_NO_FOLLOW,
    );
    let done = 0;
    let streamedIndex = 0;
    for (const file of evidenceFiles) {
      if (cleaned.has(file)) {
        const bytes =
          cleaned.get(file) ??
          cleanCopy(await readVerified(input.workspaceFolder, file.evidence, target), file.evidence.fileName, mtime)
            ?.bytes;
        if (!bytes || sha256Of(bytes) !== file.record.sha256)
          throw new Error(`The clean copy of ${file.evidence.ref} came out differently the second time.`);
        await zip.addBytes(file.record.path, bytes, false);
      } else {
        // A file stored as it is (most of the volume: scans, PDFs, Office files) is read through one buffer, reused:
        // the zip writer has written each chunk before it asks for the next. A fresh 1 MB buffer per read made
        // garbage collection 30% of the bundle's time (county bench, 545 MB).
        const checked = checker.check(streamedIndex++);
        checked.catch(() => undefined); // a failure counts as a changed file, below
        const { crc, size } = await zip.addStream(
          file.record.path,
          verifiedBlob(input.workspaceFolder, file.evidence, target, !file.compress, false),
          file.compress,
          file.evidence.bytes,
        );
        const check = await checked.catch(() => null);
        if (
          !check ||
          check.sha256 !== file.evidence.sha256 ||
          check.bytes !== file.evidence.bytes ||
          check.crc !== crc ||
          size !== file.evidence.bytes
        )
          throw changedOnDisk(file.evidence, target);
      }
      input.onProgress?.(++done, evidenceFiles.length);
    }
    await checker.close();
    const written = await zip.finish();
    await handle.sync();
    await handle.close();
    closed = true;
    try {
      await rename(temp, target);
    } catch (error) {
      // A full or failing disk is told in plain words by the API; a refused rename is most often the file open elsewhere.
      if (storageProblem(error) === 'full' || storageProblem(error) === 'disk-error') throw error;
      throw new WorkspaceError(
        'refused',
        `${target} could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
          'if it is open in another program, close it and try again.',
        'path',
      );
    }
    return {
      path: target,
      bytes: written.bytes,
      sha256: written.sha256,
      files,
      evidenceFiles: evidenceFiles.length,
      excluded,
    };
  } catch (error) {
    await hasher.close();
    await checker?.close();
    if (!closed) await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (error instanceof ZipTooLargeError)
      throw new WorkspaceError(
        'refused',
        `${error.message} Leave some evidence out, or share the largest files separately.`,
      );
    throw error;
  }
}

/** The refusal for a stored evidence file that is no longer the file that was attached. */
function changedOnDisk(evidence: PackEvidence, target: string): WorkspaceError {
  return new WorkspaceError(
    'damaged',
    `Evidence ${evidence.ref} ("${evidence.fileName}", ${evidence.itemTitle}) cannot go in the bundle: its stored file ` +
      `has been changed on disk and no longer matches the file that was attached (SHA-256 ` +
      `${evidence.sha256.slice(0, 12)}…). Nothing was written to ${basename(target)}. Attach the original file again, ` +
      `or remove ${evidence.ref} from the item.`,
  );
}

/** A stored evidence file read whole (Office files, to make their clean copy), checked as verifiedBlob checks it. */
async function readVerified(folder: string, evidence: PackEvidence, target: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of verifiedBlob(folder, evidence, target)) chunks.push(chunk);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * A stored evidence file's bytes, hashed as they are read; throws, naming the reference and the file, when what is
 * on disk is missing or no longer the file that was attached. With `reuseBuffer`, every chunk is the same buffer,
 * refilled: only for a consumer that is done with each chunk before it asks for the next.
 */
async function* verifiedBlob(
  folder: string,
  evidence: PackEvidence,
  target: string,
  reuseBuffer = false,
  hashHere = true,
): AsyncGenerator<Uint8Array> {
  const which = `Evidence ${evidence.ref} ("${evidence.fileName}", ${evidence.itemTitle})`;
  const nothingWritten = `Nothing was written to ${basename(target)}.`;
  let handle: FileHandle;
  try {
    handle = await open(blobPath(folder, evidence.sha256), READ_NO_FOLLOW);
  } catch {
    throw new WorkspaceError(
      'not-found',
      `${which} cannot go in the bundle: its stored file ${evidence.sha256.slice(0, 12)} is missing from the ` +
        `workspace's files folder. ${nothingWritten} Restore the folder from a copy, or attach the file again.`,
    );
  }
  const changed = () => changedOnDisk(evidence, target);
  // The next chunk is read while this one is hashed and written: two buffers in turn when shared, read at their
  // positions (two reads in flight on one file must not share its file position).
  const shared = reuseBuffer ? [0, 1].map(() => Buffer.allocUnsafe(Math.min(READ_CHUNK, evidence.bytes + 1))) : null;
  let turn = 0;
  let position = 0;
  const readAt = (size: number) => {
    // Unless shared, each chunk goes on as it is, so each read needs its own buffer: sized to what is left (one
    // byte more, to notice a file that grew), not a whole chunk for a small file.
    const buffer = shared ? shared[turn++ % 2]! : Buffer.allocUnsafe(size);
    const read = handle.read(buffer, 0, size, position).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
    read.catch(() => undefined); // a failure is thrown where the chunk is awaited, not left unhandled meanwhile
    return read;
  };
  let next: Promise<Buffer> | null = null;
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    next = readAt(Math.min(READ_CHUNK, evidence.bytes + 1));
    for (;;) {
      const chunk = await next;
      next = null;
      if (chunk.length === 0) break;
      bytes += chunk.length;
      position += chunk.length;
      if (bytes > evidence.bytes) throw changed();
      next = readAt(Math.min(READ_CHUNK, evidence.bytes - bytes + 1));
      if (hashHere) hash.update(chunk);
      yield chunk;
    }
    if (bytes !== evidence.bytes || (hashHere && hash.digest('hex') !== evidence.sha256)) throw changed();
  } finally {
    // A read still in flight (the consumer stopped early) ends before its file is closed.
    await next?.catch(() => undefined);
    await handle.close();
  }
}
