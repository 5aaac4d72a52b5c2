import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync,
  readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { open, type FileHandle } from 'node:fs/promises';
import { entryContent, readCentralDirectory, type ZipEntry } from '../util/zip-reader';
import { checkImportedDatabase, rebuildSearchIndex } from '../store/imported-database';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { WorkspaceError } from '../store/workspace-error';
import { inspectDatabase } from '../store/open-database';
import { DB_FILE, SUBFOLDERS } from './workspace-folder';
import { processIsAlive } from '../util/process-alive';

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

async function streamInto(zip: Zip, name: string, path: string, compress: boolean): Promise<void> {
  const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
  zip.add(entry);
  for await (const chunk of createReadStream(path)) entry.push(chunk as Uint8Array);
  entry.push(new Uint8Array(0), true);
}

/**
 * Private notes belong to the officer who wrote them and to this copy of the workspace: an archive made for
 * someone else leaves them out, with nothing of them left in the file's free pages.
 */
function withoutPrivateNotes(file: string): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true });
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
export async function exportWorkspace(db: Database, folder: string, areaName: string, outFile: string): Promise<{ files: number; bytes: number }> {
  // The snapshot holds everything (children's names in narratives, the audit trail): private to the user while it
  // sits in the shared temporary folder, as a folder only we can enter.
  const work = mkdtempSync(join(tmpdir(), 'sendpack-export-'));
  chmodSync(work, 0o700);
  const temp = `${outFile}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const snapshot = join(work, DB_FILE);
    closeSync(openSync(snapshot, 'wx', 0o600));
    await db.backup(snapshot);
    withoutPrivateNotes(snapshot);
    const manifest: Manifest = { format: 'sendpack-workspace', version: 1, exportedAt: new Date().toISOString(), areaName, files: {} };
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
    const out = createWriteStream(temp);
    const finished = new Promise<void>((ok, fail) => { out.on('finish', ok); out.on('error', fail); });
    const zip = new Zip((error, chunk, final) => {
      if (error) { out.destroy(error); return; }
      out.write(chunk);
      if (final) out.end();
    });
    const manifestEntry = new ZipDeflate(MANIFEST);
    zip.add(manifestEntry);
    manifestEntry.push(new TextEncoder().encode(JSON.stringify(manifest, null, 2)), true);
    for (const [name, path] of entries) await streamInto(zip, name, path, name === DB_FILE);
    zip.end();
    await finished;
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
  if (existsSync(folder)) throw new WorkspaceError('refused', `${folder} already exists; choose a new folder to import into.`, 'db');
  mkdirSync(dirname(folder), { recursive: true });
  removeAbandonedStaging(dirname(folder));
  const staging = join(dirname(folder), `${STAGING_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    // Private while it is unpacked and checked (0700 folders, 0600 files); opened to the usual modes once accepted.
    mkdirSync(staging, { mode: 0o700 });
    for (const sub of SUBFOLDERS) mkdirSync(join(staging, sub), { mode: 0o700 });
    const { written, manifest } = await unpack(zipFile, staging);
    for (const [name, expected] of Object.entries(manifest.files)) {
      if (!written.has(name)) throw new WorkspaceError('refused', `${zipFile} is incomplete: ${name} is missing.`);
      const actual = await hashFile(join(staging, name));
      if (actual !== expected.sha256) throw new WorkspaceError('refused', `${zipFile} is damaged: ${name} does not match its recorded SHA-256.`);
      if (name.startsWith('files/') && actual !== name.slice(-64)) throw new WorkspaceError('refused', `${zipFile} is damaged: ${name} does not match its name.`);
    }
    for (const name of written) {
      if (name !== MANIFEST && !manifest.files[name]) throw new WorkspaceError('refused', `${zipFile} holds ${name}, which its manifest does not list.`);
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
  try { inspectDatabase(file); } catch (error) {
    if (!(error instanceof WorkspaceError)) throw error;
    const reason = error.message.split(file).join('its workspace.db').replace(/\s*It has been left as it is;[^.]*\./, '');
    throw new WorkspaceError(error.code === 'newer-version' ? 'newer-version' : 'refused', `${zipFile} cannot be imported: ${reason}`);
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
    if (Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** manifest.json is a few KB per thousand files; a bigger one is not ours. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

function parseManifest(zipFile: string, bytes: Buffer): Manifest {
  let manifest: Manifest;
  try { manifest = JSON.parse(bytes.toString('utf8')) as Manifest; } catch {
    throw new WorkspaceError('refused', `${zipFile} is not a workspace archive: its manifest.json cannot be read.`);
  }
  if (manifest?.format !== 'sendpack-workspace' || typeof manifest.files !== 'object' || manifest.files === null) {
    throw new WorkspaceError('refused', `${zipFile} is not a SEND Evidence Pack workspace archive.`);
  }
  for (const [name, file] of Object.entries(manifest.files)) {
    if (!ENTRY_PATTERN.test(name) || name === MANIFEST || !Number.isSafeInteger(file?.bytes) || file.bytes < 0 || typeof file.sha256 !== 'string') {
      throw new WorkspaceError('refused', `${zipFile} is not a workspace archive: its manifest lists "${name.slice(0, 120)}" in a form the export never writes.`);
    }
  }
  return manifest;
}

/**
 * Unpacks the manifest first, then every other entry with its inflated bytes capped by the size the manifest
 * records: a small archive that would inflate to gigabytes is refused after at most a chunk past its stated
 * size, not after filling the disk. Files are written 0600.
 */
async function unpack(zipFile: string, staging: string): Promise<{ written: Set<string>; manifest: Manifest }> {
  const written = new Set<string>();
  // Read through the central directory: a streamed reader would take a stored .docx's insides for entries of ours.
  const handle = await open(zipFile, 'r');
  try {
    const { size } = await handle.stat();
    let entries;
    try { entries = await readCentralDirectory(handle, size); } catch (error) {
      throw new WorkspaceError('refused', `${zipFile} is not a workspace archive: it cannot be read as a zip file (${(error as Error).message}).`);
    }
    for (const entry of entries) {
      if (!ENTRY_PATTERN.test(entry.name) || written.has(entry.name)) {
        throw new WorkspaceError('refused', `${zipFile} holds an unexpected entry "${entry.name.slice(0, 120)}"; it is not a workspace archive.`);
      }
      written.add(entry.name);
    }
    const manifestEntry = entries.find((e) => e.name === MANIFEST);
    if (!manifestEntry) throw new WorkspaceError('refused', `${zipFile} is not a workspace archive (it has no manifest.json).`);
    const manifestBytes: Buffer[] = [];
    await readEntry(zipFile, handle, manifestEntry, size, MAX_MANIFEST_BYTES, (chunk) => { manifestBytes.push(Buffer.from(chunk)); });
    const manifest = parseManifest(zipFile, Buffer.concat(manifestBytes));
    for (const entry of entries) {
      if (entry === manifestEntry) continue;
      const listed = manifest.files[entry.name];
      if (!listed) throw new WorkspaceError('refused', `${zipFile} holds ${entry.name}, which its manifest does not list.`);
      const path = join(staging, entry.name);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
      const done = new Promise<void>((ok, fail) => { out.on('finish', ok); out.on('error', fail); });
      try {
        await readEntry(zipFile, handle, entry, size, listed.bytes, async (chunk) => {
          if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
        });
        out.end();
        await done;
      } catch (error) {
        await new Promise<void>((ok) => { out.once('close', () => ok()); out.destroy(); });
        throw error;
      }
    }
    return { written, manifest };
  } finally {
    await handle.close();
  }
}

/** One entry's bytes, refused as soon as they pass `cap`. */
async function readEntry(zipFile: string, handle: FileHandle, entry: ZipEntry, size: number, cap: number,
  sink: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  let total = 0;
  try {
    for await (const chunk of entryContent(handle, entry, size)) {
      total += chunk.length;
      if (total > cap) {
        throw new WorkspaceError('refused', `${zipFile} is damaged: ${entry.name} inflates past the ${cap.toLocaleString('en-GB')} bytes its manifest records; it was not imported.`);
      }
      await sink(chunk);
    }
  } catch (error) {
    throw error instanceof WorkspaceError ? error : new WorkspaceError('refused', `${zipFile} is damaged: ${entry.name} could not be read (${(error as Error).message}).`);
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function safeList(dir: string): string[] {
  try { return readdirSync(dir); } catch { return []; }
}
