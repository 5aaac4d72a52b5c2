import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';

declare const readable: unique symbol;
declare const writable: unique symbol;

/**
 * A workspace database handle that may only be read: every handle is one. Branded (after Signal Desktop's
 * ReadableDB/WritableDB), so a function that writes asks for a WritableDB and handing it a read-only handle (a
 * workspace open elsewhere, opened read-only) is a type error, not a SQLITE_READONLY at run time.
 */
export type ReadableDB = Database & { readonly [readable]: true };

/** A handle that may write: only connect() with readOnly false, and Backend.writableWorkspace(), give one. */
export type WritableDB = ReadableDB & { readonly [writable]: true };

/** Opens an existing database file that will only be read (a backup, an imported copy). */
export function openReadable(file: string): ReadableDB {
  return new BetterSqlite3(file, { readonly: true, fileMustExist: true }) as ReadableDB;
}

/** Opens an existing database file to change it (a restored or exported copy, a backup being redacted). */
export function openWritable(file: string): WritableDB {
  return new BetterSqlite3(file, { fileMustExist: true }) as WritableDB;
}
