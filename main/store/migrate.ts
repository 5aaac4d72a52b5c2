import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index';
import { WorkspaceError } from '../refusal/refusal';

export const migrationChecksum = (m: Migration): string => createHash('sha256').update(m.sql).digest('hex');

/**
 * Applies pending migrations, each in its own transaction with its record and the new user_version, so a crash
 * leaves the database at a whole version. Refuses a database whose recorded migrations are not a prefix of ours.
 */
export function migrate(db: Database, target = LATEST_SCHEMA_VERSION): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    throw new WorkspaceError(
      'newer-version',
      `This workspace was saved by a newer version of SEND Evidence Pack (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the latest version to open it.`,
    );
  }
  if (version > 0) checkAppliedAreOurs(db);
  // A migration that rebuilds a table (drop, then rename its copy into place) must run with foreign keys off, as
  // SQLite documents; each one checks them itself before it commits. The setting only changes outside a transaction.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of MIGRATIONS.filter((x) => x.id > version && x.id <= target)) applyMigration(db, m);
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return Math.max(version, target);
}

function applyMigration(db: Database, m: Migration): void {
  try {
    applyMigrationNow(db, m);
  } catch (error) {
    // A row the new schema does not allow (a "hash" that is a path, written past the app): refused in words; the
    // transaction left the database as it was.
    if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT')) {
      throw new WorkspaceError(
        'damaged',
        `This workspace cannot be upgraded (migration ${m.name}): it holds a value the app never writes (${(error as Error).message}). It was left as it was; restore a backup, or ask for help.`,
      );
    }
    throw error;
  }
}

function applyMigrationNow(db: Database, m: Migration): void {
  db.transaction(() => {
    // Only violations the migration made refuse it: one already there (an old database) is not its to fix.
    const before = (db.pragma('foreign_key_check') as unknown[]).length;
    db.exec(m.sql);
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken.length > before) {
      throw new WorkspaceError(
        'damaged',
        `Migration ${m.name} would leave ${broken[0]!.table} row ${broken[0]!.rowid} pointing at a missing ${broken[0]!.parent} row; the workspace was left as it was.`,
      );
    }
    if (m.id === 1) {
      db.exec(`CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
               applied_at TEXT NOT NULL) STRICT`);
    }
    db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
      m.id,
      m.name,
      migrationChecksum(m),
      new Date().toISOString(),
    );
    db.pragma(`user_version = ${m.id}`);
  })();
}

function checkAppliedAreOurs(db: Database): void {
  const applied = db
    .prepare<[], { id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id')
    .all();
  applied.forEach((row, index) => {
    const ours = MIGRATIONS[index];
    if (!ours || ours.id !== row.id || ours.name !== row.name) {
      throw new WorkspaceError(
        'damaged',
        `This workspace's schema history (migration ${row.id} ${row.name}) does not match this version of the app.`,
      );
    }
  });
}
