import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrate';

const SNAPSHOT = new URL('./schema-snapshot.json', import.meta.url);
type Schema = Record<string, Record<string, string>>;

function currentSchema(): Schema {
  const db = new BetterSqlite3(':memory:');
  migrate(db);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const schema: Schema = {};
  for (const table of tables) {
    const columns = db
      .prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`)
      .all(table) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    schema[table] = Object.fromEntries(
      columns.map((c) => [
        c.name,
        `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ''}`,
      ]),
    );
  }
  db.close();
  return schema;
}

describe('database schema', () => {
  it('keeps every table and column that has shipped, with the same type (removed names are retired, never reused)', () => {
    const schema = currentSchema();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1' || !existsSync(SNAPSHOT)) {
      writeFileSync(SNAPSHOT, `${JSON.stringify(schema, null, 2)}\n`);
    }
    const shipped = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Schema;
    for (const [table, columns] of Object.entries(shipped)) {
      expect(schema[table], `table ${table} was removed`).toBeDefined();
      for (const [column, definition] of Object.entries(columns)) {
        expect(schema[table]![column], `column ${table}.${column} was removed or changed`).toBe(definition);
      }
    }
    // New tables or columns: record them with UPDATE_SCHEMA_SNAPSHOT=1 in the commit that adds their migration.
    expect(
      schema,
      `schema changed: run UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run ${join('tests', 'unit', 'schema-snapshot.test.ts')}`,
    ).toEqual(shipped);
  });
});
