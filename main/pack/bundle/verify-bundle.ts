import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { BUNDLE_EXTRAS, MANIFEST_JSON, parseManifest } from './bundle-manifest';
import { isSymlink, unsafeName } from '../../formats/zip-format';
import { entryContent, readCentralDirectory, ZipError, type ZipEntry } from '../../formats/zip-reader';

export type BundleProblemKind =
  | 'differs'
  | 'missing'
  | 'not in manifest'
  | 'manifest unreadable'
  | 'unsafe name'
  | 'symlink'
  | 'duplicate name'
  | 'names differ only by case';

export interface BundleProblem {
  /** The file's path in the bundle ("manifest.json" when the manifest itself is the problem). */
  path: string;
  problem: BundleProblemKind;
  /** A sentence saying why, for people. */
  detail?: string;
}

export interface BundleVerification {
  ok: boolean;
  /** Files listed in the manifest whose content was read and hashed. */
  checked: number;
  problems: BundleProblem[];
}

/** A manifest larger than this is not one we wrote (about 200 bytes a file). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Names compare as a file system would show them: "/" between folders, composed Unicode (as macOS may not write). */
const normal = (name: string) => name.replace(/\\/g, '/').normalize('NFC');

/**
 * Checks a share bundle against its manifest.json: recomputes the SHA-256 of every file it lists (streaming, one
 * entry at a time) and reports each file that differs, is missing, or is in the bundle but not in the manifest
 * (README.txt, manifest.csv and manifest.json excepted), and every entry the writer would never make: a name with
 * "..", an absolute path or a backslash, a symbolic link, a name twice or twice but for case. Overlapping entries
 * refuse the archive; each entry is read at most to its manifest size, so the time is linear in the archive's size. Never throws: a file that cannot be read, is not a zip or
 * has no readable manifest gives a 'manifest unreadable' problem instead.
 */
export async function verifyBundle(zipFile: string): Promise<BundleVerification> {
  const unreadable = (detail: string): BundleVerification => ({
    ok: false,
    checked: 0,
    problems: [{ path: MANIFEST_JSON, problem: 'manifest unreadable', detail }],
  });
  let handle: FileHandle;
  try {
    handle = await open(zipFile, 'r');
  } catch (error) {
    return unreadable(
      `${zipFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  try {
    const size = (await handle.stat()).size;
    let entries: ZipEntry[];
    try {
      entries = await readCentralDirectory(handle, size);
    } catch (error) {
      return unreadable(`${zipFile} cannot be read as a zip file: ${(error as Error).message}.`);
    }
    // As strict as the writer: names that could land outside the folder, links, and names a file system would
    // merge (twice the same, or the same but for case) are problems before any content is read.
    const problems: BundleProblem[] = [];
    const byName = new Map<string, ZipEntry[]>();
    const byFolded = new Map<string, string>();
    const refused = new Set<string>();
    for (const entry of entries) {
      const name = normal(entry.name);
      if (name.endsWith('/') && entry.size === 0 && !isSymlink(entry)) continue; // a folder
      const list = byName.get(name);
      if (list) list.push(entry);
      else byName.set(name, [entry]);
      const unsafe = unsafeName(entry.name);
      if (unsafe) {
        problems.push({ path: name, problem: 'unsafe name', detail: unsafe });
        refused.add(name);
        continue;
      }
      if (isSymlink(entry)) {
        problems.push({ path: name, problem: 'symlink', detail: 'it unpacks as a link to another file' });
        refused.add(name);
        continue;
      }
      if (list) {
        if (list.length === 2)
          problems.push({
            path: name,
            problem: 'duplicate name',
            detail: 'the bundle holds more than one file of this name',
          });
        refused.add(name);
        continue;
      }
      const folded = name.toLowerCase();
      const other = byFolded.get(folded);
      if (other !== undefined) {
        problems.push({
          path: name,
          problem: 'names differ only by case',
          detail: `Windows and macOS would unpack it over ${other}`,
        });
        refused.add(name);
      } else {
        byFolded.set(folded, name);
      }
    }
    const manifestEntries = byName.get(MANIFEST_JSON) ?? [];
    if (manifestEntries.length !== 1 || refused.has(MANIFEST_JSON)) {
      return unreadable(
        manifestEntries.length
          ? `${zipFile} holds more than one manifest.json.`
          : `${zipFile} has no manifest.json, so it is not a bundle made by SEND Evidence Pack.`,
      );
    }
    let manifestText: string;
    try {
      manifestText = await readText(handle, manifestEntries[0]!, size);
    } catch (error) {
      return unreadable(`The manifest.json in ${zipFile} cannot be read: ${(error as Error).message}.`);
    }
    const manifest = parseManifest(manifestText);
    if (!manifest) return unreadable(`The manifest.json in ${zipFile} is not a SEND Evidence Pack bundle manifest.`);

    const listed = new Set<string>();
    let checked = 0;
    for (const file of manifest.files) {
      const path = normal(file.path);
      if (listed.has(path)) continue;
      listed.add(path);
      const found = byName.get(path);
      if (!found) {
        problems.push({ path, problem: 'missing', detail: 'listed in the manifest but not in the bundle' });
        continue;
      }
      if (refused.has(path)) continue; // already a problem, and not read
      checked++;
      const why = await differsBecause(handle, found[0]!, size, file);
      if (why) problems.push({ path, problem: 'differs', detail: why });
    }
    for (const name of byName.keys()) {
      if (!listed.has(name) && !BUNDLE_EXTRAS.includes(name) && !refused.has(name))
        problems.push({
          path: name,
          problem: 'not in manifest',
          detail: 'in the bundle but not listed in its manifest',
        });
    }
    return { ok: problems.length === 0, checked, problems };
  } catch (error) {
    // Reading failed part way (the file went away, a disk error): still an answer, not a crash.
    return unreadable(`${zipFile} could not be read to the end: ${(error as Error).message}.`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readText(handle: FileHandle, entry: ZipEntry, size: number): Promise<string> {
  if (entry.size > MAX_MANIFEST_BYTES) throw new ZipError('too-big', 'it is far larger than a manifest');
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of entryContent(handle, entry, size, { maxBytes: MAX_MANIFEST_BYTES })) {
    bytes += chunk.length;
    if (bytes > MAX_MANIFEST_BYTES) throw new ZipError('too-big', 'it is far larger than a manifest');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Why an entry does not match its manifest line, or null when it does. */
async function differsBecause(
  handle: FileHandle,
  entry: ZipEntry,
  size: number,
  expected: { bytes: number; sha256: string },
): Promise<string | null> {
  // The directory's size must be the manifest's before anything is read; reading then stops at that size, so the
  // work is bounded by what the manifest states, never by what a crafted entry would inflate to.
  if (entry.size !== expected.bytes) return `${entry.size} bytes, not the ${expected.bytes} in the manifest`;
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of entryContent(handle, entry, size, { maxBytes: expected.bytes })) {
      bytes += chunk.length;
      hash.update(chunk);
    }
  } catch (error) {
    if (error instanceof ZipError) return `it cannot be read: ${error.message}`;
    throw error;
  }
  if (bytes !== expected.bytes) return `${bytes} bytes, not the ${expected.bytes} in the manifest`;
  return hash.digest('hex') === expected.sha256 ? null : 'its SHA-256 does not match the manifest';
}
