import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../main/store/migrations/index';
import { migrationChecksum } from '../../../main/store/migrate';

const shipped = (
  JSON.parse(readFileSync(new URL('../../../main/store/migrations/shipped.json', import.meta.url), 'utf8')) as {
    migrations: Record<string, string>;
  }
).migrations;

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gaps, named after their number', () => {
    MIGRATIONS.forEach((m, index) => {
      expect(m.id).toBe(index + 1);
      expect(m.name.startsWith(String(m.id).padStart(4, '0'))).toBe(true);
    });
  });

  it('that have shipped are unchanged, byte for byte', () => {
    expect(Object.keys(shipped).length).toBeGreaterThan(0);
    for (const [name, checksum] of Object.entries(shipped)) {
      const migration = MIGRATIONS.find((m) => m.name === name);
      expect(migration, `shipped migration ${name} was removed`).toBeDefined();
      expect(migrationChecksum(migration!), `shipped migration ${name} was edited: add a new migration instead`).toBe(
        checksum,
      );
    }
  });

  it('are all recorded as shipped except, at most, new ones at the end', () => {
    const lastShipped = Math.max(...MIGRATIONS.filter((m) => shipped[m.name]).map((m) => m.id));
    for (const m of MIGRATIONS.filter((x) => x.id <= lastShipped)) expect(shipped[m.name], m.name).toBeDefined();
  });
});
