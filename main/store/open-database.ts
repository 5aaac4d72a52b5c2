import type { ReadableDB, WritableDB } from './database';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { WorkspaceError } from '../refusal/refusal';
import type { JournalMode } from './journal-mode';

/** 'SEND' in ASCII: marks a SQLite file as one of our workspaces. */
export const APPLICATION_ID = 0x53454e44;
const SQLITE_HEADER = 'SQLite format 3\u0000';
/** What the officer can do about a damaged database: the app offers the backup when the workspace is opened. */
const LEFT_AS_IT_IS = 'It has been left as it is; restore its latest good backup from the backups folder.';

export interface DatabaseFacts {
  schemaVersion: number;
}

/**
 * Looks at an existing workspace database without writing a byte: header, owner, schema version, quick_check.
 * Everything that could refuse the file happens here, before any read-write connection exists.
 */
export function inspectDatabase(file: string): DatabaseFacts {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new WorkspaceError('not-found', `There is no workspace database at ${file}.`);
  }
  if (size === 0) {
    throw new WorkspaceError(
      'damaged',
      `${file} is empty (0 bytes): the workspace database has been lost or cut short. ${LEFT_AS_IT_IS}`,
    );
  }
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new WorkspaceError(
      'damaged',
      `${file} is not a SEND Evidence Pack workspace database (it is not a SQLite file, or its first bytes are damaged).`,
    );
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID && appId !== 0) {
      throw new WorkspaceError(
        'damaged',
        `${file} is a SQLite database of another application, not a SEND Evidence Pack workspace.`,
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new WorkspaceError(
        'newer-version',
        `This workspace was saved by a newer version of SEND Evidence Pack (schema ${schemaVersion}; this version knows up to ${LATEST_SCHEMA_VERSION}). It has been left untouched: install the latest version to open it.`,
      );
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new WorkspaceError(
        'damaged',
        `The workspace database is damaged: it failed its integrity check (${check}). ${LEFT_AS_IT_IS}`,
      );
    }
    return { schemaVersion };
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError(
      'damaged',
      `The workspace database is damaged: it cannot be read (${(error as Error).message}). ${LEFT_AS_IT_IS}`,
    );
  } finally {
    db?.close();
  }
}

export interface OpenOptions {
  readOnly: boolean;
  journalMode: JournalMode;
  create?: boolean;
}

/** A connection with our pragmas. Read-write connections are only made after inspectDatabase() passed. */
export function connect(file: string, options: OpenOptions & { readOnly: false }): WritableDB;
export function connect(file: string, options: OpenOptions): ReadableDB;
export function connect(file: string, options: OpenOptions): ReadableDB {
  const db = new BetterSqlite3(file, { readonly: options.readOnly, fileMustExist: !options.create });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readOnly) {
    db.pragma(`journal_mode = ${options.journalMode === 'wal' ? 'WAL' : 'DELETE'}`);
    // Approvals and audit events must survive a power cut, so every commit is synced.
    db.pragma('synchronous = FULL');
    // Deleted content (a purged child's document, its extracted text) is overwritten, not left in free pages.
    db.pragma('secure_delete = ON');
    if (options.create) db.pragma(`application_id = ${APPLICATION_ID}`);
  }
  return db as ReadableDB;
}
