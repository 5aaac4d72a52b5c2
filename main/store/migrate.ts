import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations/index';
import { WorkspaceError } from './workspace-error';

export const migrationChecksum = (m: Migration): string => createHash('sha256').update(m.sql).digest('hex');

export function pendingMigrations(db: Database): Migration[] {
  const version = db.pragma('user_version', { simple: true }) as number;
  return MIGRATIONS.filter((m) => m.id > version);
}

/**
 * Applies pending migrations, each in its own transaction with its record and the new user_version, so a crash
 * leaves the database at a whole version. Refuses a database whose recorded migrations are not a prefix of ours.
 */
export function migrate(db: Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    throw new WorkspaceError('newer-version',
      `This workspace was saved by a newer version of SEND Evidence Pack (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the latest version to open it.`);
  }
  if (version > 0) checkAppliedAreOurs(db);
  for (const m of MIGRATIONS.filter((x) => x.id > version)) {
    db.transaction(() => {
      db.exec(m.sql);
      if (m.id === 1) {
        db.exec(`CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                 applied_at TEXT NOT NULL) STRICT`);
      }
      db.prepare('INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
        .run(m.id, m.name, migrationChecksum(m), new Date().toISOString());
      db.pragma(`user_version = ${m.id}`);
    })();
  }
  return LATEST_SCHEMA_VERSION;
}

function checkAppliedAreOurs(db: Database): void {
  const applied = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all() as { id: number; name: string }[];
  applied.forEach((row, index) => {
    const ours = MIGRATIONS[index];
    if (!ours || ours.id !== row.id || ours.name !== row.name) {
      throw new WorkspaceError('damaged',
        `This workspace's schema history (migration ${row.id} ${row.name}) does not match this version of the app.`);
    }
  });
}
