import { openWritable } from '../store/database';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { partialPathFor } from '../files/atomic-write';
import { open } from 'node:fs/promises';
import { entryContent, readCentralDirectory, type ZipEntry } from '../formats/zip-reader';
import { ZipFileWriter } from '../formats/zip-writer';
import { checkImportedDatabase, rebuildSearchIndex } from './imported-database';
import type { Database } from 'better-sqlite3';
import { WorkspaceError } from '../refusal/refusal';
import { inspectDatabase } from '../store/open-database';
import { DB_FILE, SUBFOLDERS } from './workspace-folder';
import { processIsAlive } from './process-alive';

const MANIFEST = 'manifest.json';
/** Imports are unpacked into .importing-PID-RANDOM beside the target, then renamed into place. */
const STAGING_PREFIX = '.importing-';
const ENTRY_PATTERN = /^(workspace\.db|manifest\.json|files\/[0-9a-f]{2}\/[0-9a-f]{64})$/;

interface Manifest {
  format: 'sendpack-workspace';
  version: 1;
  exportedAt: string;
  areaName: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) yield chunk as Uint8Array;
}

/**
 * Private notes belong to the officer who wrote them and to this copy of the workspace: an archive made for
 * someone else leaves them out, with nothing of them left in the file's free pages.
 */
function withoutPrivateNotes(file: string): void {
  const copy = openWritable(file);
  try {
    if (copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'private_notes'").get()) {
      copy.pragma('secure_delete = ON');
      copy.exec('DELETE FROM private_notes');
      copy.exec('VACUUM');
    }
  } finally {
    copy.close();
  }
}

/**
 * The whole workspace as one .zip, for a colleague or another machine: a consistent snapshot of the database
 * (made with SQLite's backup API while it stays open) and every stored evidence file, with a manifest of hashes.
 */
export async function exportWorkspace(
  db: Database,
  folder: string,
  areaName: string,
  outFile: string,
): Promise<{ files: number; bytes: number }> {
  // The snapshot holds everything (children's names in narratives, the audit trail): private to the user while it
  // sits in the shared temporary folder, as a folder only we can enter.
  const work = mkdtempSync(join(tmpdir(), 'sendpack-export-'));
  chmodSync(work, 0o700);
  const temp = partialPathFor(outFile);
  try {
    const snapshot = join(work, DB_FILE);
    closeSync(openSync(snapshot, 'wx', 0o600));
    await db.backup(snapshot);
    withoutPrivateNotes(snapshot);
    const manifest: Manifest = {
      format: 'sendpack-workspace',
      version: 1,
      exportedAt: new Date().toISOString(),
      areaName,
      files: {},
    };
    const entries: [string, string][] = [[DB_FILE, snapshot]];
    for (const prefix of safeList(join(folder, 'files')).filter((n) => /^[0-9a-f]{2}$/.test(n))) {
      for (const name of safeList(join(folder, 'files', prefix)).filter((n) => /^[0-9a-f]{64}$/.test(n))) {
        entries.push([`files/${prefix}/${name}`, join(folder, 'files', prefix, name)]);
      }
    }
    for (const [name, path] of entries) {
      manifest.files[name] = { bytes: statSync(path).size, sha256: await hashFile(path) };
    }
    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    // One entry at a time, each waiting for the disk (memory stays flat); ZIP64 where an entry or the archive needs it.
    const handle = await open(temp, 'wx');
    try {
      const zip = new ZipFileWriter(handle, new Date());
      await zip.addBytes(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 2)), true);
      for (const [name, path] of entries)
        await zip.addStream(name, fileChunks(path), name === DB_FILE, manifest.files[name]!.bytes);
      await zip.finish();
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(temp, outFile);
    return { files: entries.length - 1, bytes: statSync(outFile).size };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Unpacks an exported workspace into a new folder. Every entry must be one the export writes and match the
 * manifest's hash; the database must pass its checks. It is built beside the target and renamed into place, so a
 * refused or interrupted import leaves nothing behind.
 */
export async function importWorkspace(zipFile: string, target: string): Promise<{ folder: string; files: number }> {
  const folder = resolve(target);
  if (existsSync(folder))
    throw new WorkspaceError('refused', `${folder} already exists; choose a new folder to import into.`, 'db');
  mkdirSync(dirname(folder), { recursive: true });
  removeAbandonedStaging(dirname(folder));
  const staging = join(dirname(folder), `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    // Private while it is unpacked and checked (0700 folders, 0600 files); opened to the usual modes once accepted.
    mkdirSync(staging, { mode: 0o700 });
    for (const sub of SUBFOLDERS) mkdirSync(join(staging, sub), { mode: 0o700 });
    const { written, manifest } = await unpack(zipFile, staging);
    for (const name of Object.keys(manifest.files)) {
      if (!written.has(name)) throw new WorkspaceError('refused', `${zipFile} is incomplete: ${name} is missing.`);
    }
    for (const name of written) {
      if (name !== MANIFEST && !manifest.files[name])
        throw new WorkspaceError('refused', `${zipFile} holds ${name}, which its manifest does not list.`);
    }
    inspectOrRefuse(zipFile, join(staging, DB_FILE));
    checkImportedDatabase(join(staging, DB_FILE), staging);
    rebuildSearchIndex(join(staging, DB_FILE));
    // A snapshot of a WAL database opened read-only by the check leaves an empty -wal and -shm behind; the archive
    // never holds them (ENTRY_PATTERN), so they are only ours to remove.
    for (const sidecar of ['-wal', '-shm']) rmSync(join(staging, DB_FILE + sidecar), { force: true });
    openToUsualModes(staging);
    renameSync(staging, folder);
    return { folder, files: Object.keys(manifest.files).length - 1 };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError('refused', `${zipFile} could not be imported: ${(error as Error).message}`);
  }
}

/**
 * inspectDatabase's checks, told about the archive: its messages name the file checked (here a staging copy that
 * is gone by the time anyone reads them) and offer a backup (there is none), so they are reworded.
 */
function inspectOrRefuse(zipFile: string, file: string): void {
  try {
    inspectDatabase(file);
  } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    const reason = error.message
      .split(file)
      .join('its workspace.db')
      .replace(/\s*It has been left as it is;[^.]*\./, '');
    throw new WorkspaceError(
      error.code === 'newer-version' ? 'newer-version' : 'refused',
      `${zipFile} cannot be imported: ${reason}`,
    );
  }
}

/** As Workspace.create leaves them: folders and the database by the umask, stored files read-only. */
function openToUsualModes(staging: string): void {
  const mask = process.umask();
  for (const dir of [staging, ...SUBFOLDERS.map((sub) => join(staging, sub))]) chmodSync(dir, 0o777 & ~mask);
  chmodSync(join(staging, DB_FILE), 0o666 & ~mask);
  const files = join(staging, 'files');
  for (const prefix of safeList(files)) {
    chmodSync(join(files, prefix), 0o777 & ~mask);
    for (const name of safeList(join(files, prefix))) chmodSync(join(files, prefix, name), 0o444);
  }
}

/** Staging folders of imports whose process has ended (killed mid-import, or the machine went off) are removed. */
function removeAbandonedStaging(parent: string): void {
  for (const name of safeList(parent)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !processIsAlive(pid))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** A manifest larger than this is not one the export wrote (about 150 bytes a file). */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const MAX_ENTRIES = 2_000_000;

async function readManifest(
  zipFile: string,
  handle: Awaited<ReturnType<typeof open>>,
  entry: ZipEntry,
  size: number,
): Promise<Manifest> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of entryContent(handle, entry, size, { maxBytes: MAX_MANIFEST_BYTES })) chunks.push(chunk);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    value = null;
  }
  const manifest = value as Partial<Manifest> | null;
  if (!manifest || manifest.format !== 'sendpack-workspace' || !manifest.files || typeof manifest.files !== 'object') {
    throw new WorkspaceError('refused', `${zipFile} is not a SEND Evidence Pack workspace archive.`);
  }
  for (const [name, file] of Object.entries(manifest.files)) {
    if (
      !ENTRY_PATTERN.test(name) ||
      name === MANIFEST ||
      !file ||
      !Number.isSafeInteger(file.bytes) ||
      file.bytes < 0 ||
      typeof file.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(file.sha256)
    ) {
      throw new WorkspaceError(
        'refused',
        `${zipFile} has a damaged manifest (its entry "${name.slice(0, 120)}" is not one an export writes).`,
      );
    }
  }
  return manifest as Manifest;
}

/**
 * Unpacks the archive into the staging folder, after checking every name against what an export writes and its
 * manifest: each entry is inflated at most to the size its manifest states (a crafted archive cannot fill the disk
 * before it is refused) and hashed as it is written, so a refused archive stops at the first wrong entry.
 */
async function unpack(zipFile: string, staging: string): Promise<{ written: Set<string>; manifest: Manifest }> {
  const written = new Set<string>();
  // Read through the central directory: a streamed reader would take a stored .docx's insides for entries of ours.
  const handle = await open(zipFile, 'r');
  try {
    const { size } = await handle.stat();
    let entries: ZipEntry[];
    try {
      entries = await readCentralDirectory(handle, size, MAX_ENTRIES);
    } catch (error) {
      throw new WorkspaceError(
        'refused',
        `${zipFile} is not a workspace archive: it cannot be read as a zip file (${(error as Error).message}).`,
      );
    }
    const names = new Set<string>();
    for (const entry of entries) {
      if (!ENTRY_PATTERN.test(entry.name) || names.has(entry.name)) {
        throw new WorkspaceError(
          'refused',
          `${zipFile} holds an unexpected entry "${entry.name.slice(0, 120)}"; it is not a workspace archive.`,
        );
      }
      names.add(entry.name);
    }
    const manifestEntry = entries.find((e) => e.name === MANIFEST);
    if (!manifestEntry)
      throw new WorkspaceError('refused', `${zipFile} is not a workspace archive (it has no manifest.json).`);
    let manifest: Manifest;
    try {
      manifest = await readManifest(zipFile, handle, manifestEntry, size);
    } catch (error) {
      if (error instanceof WorkspaceError) throw error;
      throw new WorkspaceError(
        'refused',
        `${zipFile} is damaged: its manifest.json could not be read (${(error as Error).message}).`,
      );
    }
    for (const entry of entries) {
      if (entry.name === MANIFEST) continue;
      const expected = manifest.files[entry.name];
      if (!expected)
        throw new WorkspaceError('refused', `${zipFile} holds ${entry.name}, which its manifest does not list.`);
      if (entry.size !== expected.bytes) {
        throw new WorkspaceError(
          'refused',
          `${zipFile} is damaged: ${entry.name} is ${entry.size} bytes, not the ${expected.bytes} its manifest records.`,
        );
      }
    }
    for (const entry of entries) {
      if (entry.name === MANIFEST) continue;
      const expected = manifest.files[entry.name]!;
      const path = join(staging, entry.name);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      const done = new Promise<void>((ok, fail) => {
        out.on('finish', ok);
        out.on('error', fail);
      });
      const hash = createHash('sha256');
      try {
        for await (const chunk of namedContent(zipFile, handle, entry, size, expected.bytes)) {
          hash.update(chunk);
          if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
        }
        out.end();
        await done;
      } catch (error) {
        await new Promise<void>((ok) => {
          out.once('close', () => ok());
          out.destroy();
        });
        throw error;
      }
      const actual = hash.digest('hex');
      if (actual !== expected.sha256)
        throw new WorkspaceError(
          'refused',
          `${zipFile} is damaged: ${entry.name} does not match its recorded SHA-256.`,
        );
      if (entry.name.startsWith('files/') && actual !== entry.name.slice(-64))
        throw new WorkspaceError('refused', `${zipFile} is damaged: ${entry.name} does not match its name.`);
      written.add(entry.name);
    }
    return { written, manifest };
  } finally {
    await handle.close();
  }
}

/**
 * One entry's bytes, inflated at most to `cap` (the size its manifest records): a refusal names the archive and the
 * entry, and what was wrong with it.
 */
async function* namedContent(
  zipFile: string,
  handle: Awaited<ReturnType<typeof open>>,
  entry: ZipEntry,
  size: number,
  cap: number,
): AsyncGenerator<Uint8Array> {
  try {
    yield* entryContent(handle, entry, size, { maxBytes: cap });
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    const message = (error as Error).message;
    // Stopped at the size the manifest records: said as such, not as the reader's own words.
    if (/holds more than the [\d,]+ bytes/.test(message)) {
      throw new WorkspaceError(
        'refused',
        `${zipFile} is damaged: ${entry.name} inflates past the ${cap.toLocaleString('en-GB')} bytes its manifest records; it was not imported.`,
      );
    }
    throw new WorkspaceError(
      'refused',
      `${zipFile} is damaged: ${entry.name} could not be read (${message}); it was not imported.`,
    );
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
