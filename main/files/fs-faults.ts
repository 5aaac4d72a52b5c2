import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { constants } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * The file writes of the write path (evidence files, uploads, backups, packs, bundles, new workspaces, settings) go
 * through these functions, which are node:fs's own unless a test has armed a fault: a full disk, a read-only or
 * forbidden folder, a failing disk. Tests need them because CI runs as root, where chmod stops nothing and no disk
 * fills. Only tests arm faults, by importing armFault: no environment variable or setting can. Unarmed, each
 * function costs one length check.
 */
export type FaultOp = 'mkdir' | 'open' | 'write' | 'rename' | 'copyFile';
export type FaultCode = 'ENOSPC' | 'EACCES' | 'EROFS' | 'EPERM' | 'EIO' | 'EDQUOT';

export interface Fault {
  /** open: creating or opening a file for writing; write: its bytes (a partial file is left, as on a real disk). */
  op: FaultOp;
  /** Tested against the path written (a rename's or copy's target), with / separators. */
  path: RegExp;
  code: FaultCode;
  /** For write: bytes that get through before the fault, as on a disk that fills part-way. Default 0. */
  afterBytes?: number;
}

const armed: Fault[] = [];

/** Arms a fault until the returned function (or disarmFaults) is called. */
export function armFault(fault: Fault): () => void {
  armed.push(fault);
  return () => {
    const at = armed.indexOf(fault);
    if (at >= 0) armed.splice(at, 1);
  };
}

export function disarmFaults(): void {
  armed.length = 0;
}

const DESCRIPTIONS: Record<FaultCode, string> = {
  ENOSPC: 'no space left on device',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  EPERM: 'operation not permitted',
  EIO: 'i/o error',
  EDQUOT: 'disk quota exceeded',
};

function faultFor(op: FaultOp, path: fs.PathLike): Fault | undefined {
  if (armed.length === 0) return undefined;
  const shown = String(path).replace(/\\/g, '/');
  return armed.find((f) => f.op === op && f.path.test(shown));
}

/** The error node:fs itself throws for that code. */
function errnoError(code: FaultCode, syscall: string, path: fs.PathLike): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${DESCRIPTIONS[code]}, ${syscall} '${String(path)}'`);
  error.code = code;
  error.errno = -(constants.errno[code] ?? 5);
  error.syscall = syscall;
  error.path = String(path);
  return error;
}

function check(op: FaultOp, path: fs.PathLike, syscall: string = op): void {
  const fault = faultFor(op, path);
  if (fault) throw errnoError(fault.code, syscall, path);
}

const writesTo = (flags: fs.OpenMode | undefined) =>
  flags !== undefined && flags !== 'r' && flags !== fs.constants.O_RDONLY;

/** Open descriptors with an armed write fault: how many bytes have gone through. */
const faultyDescriptors = new Map<number, { fault: Fault; path: fs.PathLike; written: number }>();

/** How many of `length` bytes may be written before the fault; throws once none may. */
function allowance(state: { fault: Fault; path: fs.PathLike; written: number }, length: number): number {
  const left = (state.fault.afterBytes ?? 0) - state.written;
  if (left <= 0) throw errnoError(state.fault.code, 'write', state.path);
  return Math.min(left, length);
}

/** As on a real disk, making a folder that is there already (recursive) writes nothing and never fails. */
const alreadyThere = (path: fs.PathLike, options?: fs.MakeDirectoryOptions) =>
  options?.recursive === true && fs.statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

export function mkdirSync(path: fs.PathLike, options?: fs.MakeDirectoryOptions): string | undefined {
  if (armed.length && !alreadyThere(path, options)) check('mkdir', path);
  return fs.mkdirSync(path, options);
}

export function openSync(path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode): number {
  if (armed.length && writesTo(flags)) check('open', path);
  const fd = fs.openSync(path, flags, mode);
  const fault = armed.length && writesTo(flags) ? faultFor('write', path) : undefined;
  if (fault) faultyDescriptors.set(fd, { fault, path, written: 0 });
  return fd;
}

export function writeSync(fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number): number {
  const state = faultyDescriptors.size ? faultyDescriptors.get(fd) : undefined;
  if (state) length = allowance(state, length);
  const written = fs.writeSync(fd, buffer, offset, length);
  if (state) state.written += written;
  return written;
}

export function closeSync(fd: number): void {
  if (faultyDescriptors.size) faultyDescriptors.delete(fd);
  fs.closeSync(fd);
}

export function writeFileSync(path: fs.PathLike, data: string | NodeJS.ArrayBufferView): void {
  if (armed.length) {
    check('open', path);
    const fault = faultFor('write', path);
    if (fault) {
      const bytes =
        typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      fs.writeFileSync(path, bytes.subarray(0, Math.min(bytes.length, fault.afterBytes ?? 0)));
      throw errnoError(fault.code, 'write', path);
    }
  }
  fs.writeFileSync(path, data);
}

export function renameSync(from: fs.PathLike, to: fs.PathLike): void {
  if (armed.length) check('rename', to);
  fs.renameSync(from, to);
}

export function copyFileSync(from: fs.PathLike, to: fs.PathLike, mode?: number): void {
  if (armed.length) {
    check('copyFile', to);
    check('write', to, 'copyfile');
  }
  fs.copyFileSync(from, to, mode);
}

export async function mkdir(path: fs.PathLike, options?: fs.MakeDirectoryOptions): Promise<string | undefined> {
  if (armed.length && !alreadyThere(path, options)) check('mkdir', path);
  return fsp.mkdir(path, options);
}

export async function rename(from: fs.PathLike, to: fs.PathLike): Promise<void> {
  if (armed.length) check('rename', to);
  return fsp.rename(from, to);
}

/** fs/promises open; with a write fault armed for the path, the handle's write fails once the allowance is used. */
export async function open(path: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode): Promise<fsp.FileHandle> {
  if (armed.length && writesTo(flags)) check('open', path);
  const handle = await fsp.open(path, flags, mode);
  const fault = armed.length && writesTo(flags) ? faultFor('write', path) : undefined;
  if (fault) {
    const state = { fault, path, written: 0 };
    const write = handle.write.bind(handle) as (
      buffer: Uint8Array,
      offset?: number,
      length?: number,
    ) => Promise<{ bytesWritten: number }>;
    Object.assign(handle, {
      write: async (buffer: Uint8Array, offset = 0, length = buffer.length - offset) => {
        const result = await write(buffer, offset, allowance(state, length));
        state.written += result.bytesWritten;
        return { ...result, buffer };
      },
    });
  }
  return handle;
}

/**
 * Options for `db.backup(path, …)`: none unless a fault is armed for the path. An open fault throws here; with a write
 * fault SQLite's copy goes a page at a time and fails once the allowance is used, leaving a partial file as a full
 * disk would.
 */
export function backupOptions(path: string): BetterSqlite3.BackupOptions | undefined {
  if (armed.length) check('open', path);
  const fault = armed.length ? faultFor('write', path) : undefined;
  if (!fault) return undefined;
  return {
    progress: ({ totalPages, remainingPages }) => {
      if (totalPages - remainingPages > 0 && (totalPages - remainingPages) * 4096 >= (fault.afterBytes ?? 0)) {
        throw errnoError(fault.code, 'write', path);
      }
      return 1;
    },
  };
}
