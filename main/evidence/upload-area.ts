import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { storageProblem, WorkspaceError } from '../refusal/refusal';
import type { IncomingFile } from './attachments-repository';
import { processIsAlive } from '../workspace/process-alive';
import { mkdirSync, writeFileSync } from '../files/fs-faults';

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * Files on their way in. The page hands over bytes (a dropped file, the file picker) and gets a handle back;
 * operations then refer to the handle, so no host ever passes a path from the page to main.
 */
export class UploadArea {
  private readonly entries = new Map<
    string,
    { name: string; path: string | null; bytes: number; held?: Uint8Array; external?: boolean }
  >();
  private readonly dir: string;

  constructor(dataDir: string) {
    const root = join(dataDir, 'uploads');
    this.dir = join(root, `${process.pid}-${randomBytes(4).toString('hex')}`);
    // Folders of processes that have ended hold files that were never attached (the app and the CLI share root).
    for (const name of safeList(root)) {
      const pid = Number(name.split('-')[0]);
      if (!processIsAlive(pid)) rmSync(join(root, name), { recursive: true, force: true });
    }
  }

  /** Removes this process's folder; called when the backend closes. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.entries.clear();
  }

  /**
   * `memoryOnly`: the bytes stay in this process's memory and never touch the disk (a person-level list on its way
   * to be checked); they are gone once used, or when the process ends.
   */
  put(
    name: string,
    bytes: Uint8Array,
    options: { memoryOnly?: boolean } = {},
  ): { handle: string; name: string; bytes: number } {
    if (bytes.length > MAX_UPLOAD_BYTES) {
      throw new WorkspaceError(
        'refused',
        `${name} is ${Math.round(bytes.length / 1048576)} MB; files up to ${MAX_UPLOAD_BYTES / 1048576} MB can be attached.`,
        'bytes',
      );
    }
    const handle = randomBytes(16).toString('hex');
    if (options.memoryOnly) {
      // A copy: the caller's buffer may be a view of something larger, or reused.
      const entry = {
        name: basename(name.replace(/\\/g, '/')) || 'file',
        path: null,
        bytes: bytes.length,
        held: new Uint8Array(bytes),
      };
      this.entries.set(handle, entry);
      return { handle, name: entry.name, bytes: entry.bytes };
    }
    const path = join(this.dir, handle);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(path, bytes);
    } catch (error) {
      rmSync(path, { force: true }); // a full disk leaves part of the file
      // Told by the uploads folder (the API names the folder a failed write went to): this process's own folder in
      // it has a name that would mean nothing to anyone.
      if (storageProblem(error)) (error as NodeJS.ErrnoException).path = this.dir;
      throw error;
    }
    const entry = { name: basename(name.replace(/\\/g, '/')) || 'file', path, bytes: bytes.length };
    this.entries.set(handle, entry);
    return { handle, name: entry.name, bytes: entry.bytes };
  }

  /** Where an upload's bytes are, for reading what the file says about itself before it is attached. */
  pathOf(handle: string): string | null {
    return this.entries.get(handle)?.path ?? null;
  }

  /**
   * A file on this machine's disk, named by the CLI (never by a page): not copied, and streamed when attached, so a
   * file of any size can be attached with flat memory.
   */
  putPath(path: string): { handle: string; name: string; bytes: number } {
    const handle = randomBytes(16).toString('hex');
    const entry = {
      name: basename(path.replace(/\\/g, '/')) || 'file',
      path,
      bytes: statSync(path).size,
      external: true,
    };
    this.entries.set(handle, entry);
    return { handle, name: entry.name, bytes: entry.bytes };
  }

  take(handle: string): IncomingFile {
    const entry = this.entries.get(handle);
    if (!entry)
      throw new WorkspaceError(
        'not-found',
        'That file upload has expired or was already used; add the file again.',
        'handle',
      );
    // Memory-only uploads (a person-level list) are handed over as bytes; the rest by path, streamed when attached.
    return entry.held ? { name: entry.name, bytes: entry.held } : { name: entry.name, path: entry.path! };
  }

  /** Takes files for one use, read into memory (imports): they are released whether or not the operation succeeds. */
  takeAllBytes(handles: string[]): { name: string; bytes: Uint8Array }[] {
    try {
      return handles.map((h) => {
        const file = this.take(h);
        return 'bytes' in file ? file : { name: file.name, bytes: readFileSync(file.path) };
      });
    } finally {
      this.release(handles);
    }
  }

  /** Called once an operation has used the files. */
  release(handles: string[]): void {
    for (const handle of handles) {
      const entry = this.entries.get(handle);
      if (entry?.path && !entry.external) rmSync(entry.path, { force: true });
      this.entries.delete(handle);
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
