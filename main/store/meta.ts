import type { Database } from 'better-sqlite3';
import type { WritableDB } from './database';

/** A workspace-wide setting or marker, as stored in the meta table (JSON or plain text), or undefined. */
export function readMeta(db: Database, key: string): string | undefined {
  return db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(key);
}

/** Sets a meta value, replacing the one there. */
export function writeMeta(db: WritableDB, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
