import { openReadable, openWritable } from '../store/database';
import { lstatSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate, migrationChecksum } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';
import { WorkspaceError } from '../refusal/refusal';
import { blobPath, isSha256 } from '../store/blob-store';
import { rebuildIndex } from '../search/search-index';

/**
 * A workspace database that came from elsewhere (an imported archive) is data, never code or paths. Before the app
 * uses it, it must hold exactly the schema objects our own migrations create at its schema version (a trigger, view,
 * index or virtual table of its own could rewrite the recipient's narratives or erase their audit trail), every
 * SHA-256 column must be 64 lowercase hex characters (a hash is used as a file name), every stored file a row refers
 * to must be present with its recorded size, and the whole file must pass integrity_check (which checks every CHECK,
 * NOT NULL and type constraint, so a row written past them with ignore_check_constraints is caught too).
 */

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * Every column that holds a SHA-256 (those migration 0006 checks, and those added since). Those a schema version does
 * not have yet are skipped.
 */
const HASH_COLUMNS: readonly { table: string; column: string; emptyAllowed?: boolean }[] = [
  { table: 'blobs', column: 'sha256' },
  { table: 'attachments', column: 'sha256' },
  // Figures typed in have no source file.
  { table: 'dataset_imports', column: 'source_sha256', emptyAllowed: true },
  { table: 'pack_builds', column: 'input_sha256' },
  { table: 'pack_builds', column: 'document_sha256' },
  { table: 'pack_builds', column: 'bundle_sha256' },
  { table: 'search_docs', column: 'sha256' },
  { table: 'privacy_text_scans', column: 'sha256' },
  // Added after 0006 (the council template, the Annex A list checks): never file names, but hashes all the same.
  { table: 'pack_template', column: 'sha256' },
  { table: 'list_checks', column: 'sha256' },
];

const FTS_SHADOW = /^search_index_(?:data|idx|content|docsize|config)$/;

const describe = (o: SchemaObject) =>
  `${o.type} "${o.name.slice(0, 80)}"${o.tbl_name !== o.name ? ` on ${o.tbl_name.slice(0, 80)}` : ''}`;

function schemaOf(db: Database): Map<string, SchemaObject> {
  const rows = db.prepare<[], SchemaObject>('SELECT type, name, tbl_name, sql FROM sqlite_schema').all();
  return new Map(rows.map((r) => [`${r.type}\u0000${r.name}`, r]));
}

/** The schema our migrations create, up to `version`, in a fresh in-memory database. */
function referenceSchema(version: number): Map<string, SchemaObject> {
  const reference = new BetterSqlite3(':memory:');
  try {
    migrate(reference, version);
    return schemaOf(reference);
  } finally {
    reference.close();
  }
}

let subject = "The archive's database";
let outcome = 'it was not imported';
function refuse(what: string): never {
  throw new WorkspaceError('refused', `${subject} ${what}; ${outcome}.`);
}

const sameSql = (sql: string | null) => (sql === null ? null : sql.replace(/\s+/g, ' ').trim());

function checkSchema(db: Database, version: number): void {
  const expected = referenceSchema(version);
  const actual = schemaOf(db);
  for (const [key, object] of actual) {
    const ours = expected.get(key);
    if (!ours) refuse(`holds a ${describe(object)} that this app does not create`);
    // The full-text index's own tables are defined by SQLite's FTS5 (their SQL can differ between SQLite versions)
    // and are rebuilt after the check (rebuildSearchIndex): only their names must be ours.
    if (FTS_SHADOW.test(object.name) && object.type === 'table') continue;
    // Compared with runs of white space as one space: the same statement written by an earlier release (indented
    // differently in its source) is the same schema object.
    if (sameSql(ours.sql) !== sameSql(object.sql) || ours.tbl_name !== object.tbl_name)
      refuse(`has a changed ${describe(object)}`);
  }
  for (const [key, object] of expected) if (!actual.has(key)) refuse(`lacks the ${describe(object)} this app creates`);
  const applied = db
    .prepare<[], { id: number; name: string; checksum: string }>(
      'SELECT id, name, checksum FROM schema_migrations ORDER BY id',
    )
    .all();
  const ours = MIGRATIONS.filter((m) => m.id <= version);
  if (
    applied.length !== ours.length ||
    applied.some(
      (row, i) => row.id !== ours[i]!.id || row.name !== ours[i]!.name || row.checksum !== migrationChecksum(ours[i]!),
    )
  ) {
    refuse(`records a schema history that does not match this app's migrations`);
  }
}

function checkHashColumns(db: Database, schema: Map<string, SchemaObject>): void {
  for (const { table, column, emptyAllowed } of HASH_COLUMNS) {
    if (!schema.has(`table\u0000${table}`)) continue;
    const columns = db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);
    if (!columns.includes(column)) continue;
    // Selected by rowid order and checked in JavaScript: one rule (isSha256) for the database and the file store.
    for (const row of db
      .prepare(`SELECT rowid AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`)
      .iterate() as IterableIterator<{ id: number; value: unknown }>) {
      if (typeof row.value !== 'string' || !(isSha256(row.value) || (emptyAllowed && row.value === ''))) {
        refuse(
          `has ${table}.${column} in row ${row.id} that is not a SHA-256 (64 lowercase hex characters): ${JSON.stringify(String(row.value).slice(0, 40))}`,
        );
      }
    }
  }
}

function checkFiles(db: Database, folder: string, schema: Map<string, SchemaObject>): void {
  if (!schema.has('table\u0000blobs')) return;
  const sizes = new Map(
    db
      .prepare<[], { sha256: string; bytes: number }>('SELECT sha256, bytes FROM blobs')
      .all()
      .map((b) => [b.sha256, b.bytes]),
  );
  const referenced = db
    .prepare<[], string>('SELECT DISTINCT sha256 FROM attachments WHERE sha256 IS NOT NULL')
    .pluck()
    .all();
  for (const sha of referenced)
    if (!sizes.has(sha)) refuse(`refers to a stored file ${sha.slice(0, 12)} it does not record`);
  for (const [sha, bytes] of sizes) {
    let stat;
    try {
      stat = lstatSync(blobPath(folder, sha));
    } catch {
      refuse(`refers to a stored file ${sha.slice(0, 12)} that the archive does not hold`);
    }
    if (!stat.isFile()) refuse(`refers to a stored file ${sha.slice(0, 12)} that is not a plain file`);
    if (stat.size !== bytes)
      refuse(`records ${bytes} bytes for the stored file ${sha.slice(0, 12)}, which holds ${stat.size}`);
  }
}

/**
 * Checks an unpacked workspace database (and the files beside it) before anything uses it; throws a 'refused'
 * WorkspaceError naming the first thing that is wrong. The stored files' contents were already matched to their
 * names while unpacking. Opens the file read-only, with trusted_schema off, so nothing the file defines runs.
 */
export function checkImportedDatabase(
  file: string,
  folder: string,
  options: { requireFiles?: boolean; what?: string } = {},
): void {
  subject = options.what ?? "The archive's database";
  outcome = options.what ? 'it was not used' : 'it was not imported';
  let db: Database;
  try {
    db = openReadable(file);
  } catch (error) {
    throw new WorkspaceError(
      'refused',
      `The archive's database cannot be read (${(error as Error).message}); it was not imported.`,
    );
  }
  try {
    db.pragma('trusted_schema = OFF');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < 1) refuse('holds no workspace (its schema version is 0)');
    checkSchema(db, version);
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') refuse(`fails its integrity check (${integrity.slice(0, 200)})`);
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken[0])
      refuse(`has ${broken[0].table} row ${broken[0].rowid} pointing at a missing ${broken[0].parent} row`);
    const schema = schemaOf(db);
    checkHashColumns(db, schema);
    if (options.requireFiles !== false) checkFiles(db, folder, schema);
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    throw new WorkspaceError(
      'refused',
      `The archive's database cannot be read (${(error as Error).message}); it was not imported.`,
    );
  } finally {
    db.close();
  }
}

/**
 * Forgets the privacy findings a database brought with it (privacy_text_scans): the next check scans every file.
 * They are trusted only as this app wrote them; a crafted archive or backup could otherwise say a file that holds
 * an NHS number was scanned and found clean.
 */
export function forgetKeptFindings(db: Database): void {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'privacy_text_scans'").get()) {
    db.prepare('DELETE FROM privacy_text_scans').run();
  }
}

/**
 * Rebuilds the full-text index of a database that passed checkImportedDatabase from its stored text, so the
 * index's internal pages (which integrity_check cannot judge) are ours, not the archive's.
 */
export function rebuildSearchIndex(file: string): void {
  const db = openWritable(file);
  try {
    forgetKeptFindings(db);
    const definition = db
      .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'search_index'")
      .pluck()
      .get();
    if (!definition) return;
    // Since migration 0014 the index holds no text of its own: it is rebuilt from search_docs and blobs.text (both
    // checked above as ordinary tables).
    if (db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_docs'").get()) {
      db.transaction(() => {
        db.exec('DROP TABLE search_index');
        db.exec(definition);
        rebuildIndex(db);
      })();
      return;
    }
    db.transaction(() => {
      const rows = db.prepare('SELECT c0, c1, c2, c3, c4 FROM search_index_content ORDER BY id').raw().all();
      db.exec('DROP TABLE search_index');
      db.exec(definition);
      const insert = db.prepare('INSERT INTO search_index (kind, ref, item_id, title, body) VALUES (?, ?, ?, ?, ?)');
      for (const row of rows) insert.run(...(row as unknown[]));
    })();
  } finally {
    db.close();
  }
}
