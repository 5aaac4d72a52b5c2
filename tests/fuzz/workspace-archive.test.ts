import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportWorkspace, importWorkspace } from '../../main/workspace/workspace-archive';
import { Workspace } from '../../main/workspace/workspace';
import { WorkspaceError } from '../../main/refusal/refusal';
import { useTempDirs } from '../helpers/temp-dir';
import { call, useBackends } from '../helpers/api';
import { FuzzTally, fuzzParameters, fuzzRuns, fuzzTimeout } from '../fixtures/fuzz/runs';

// Random workspace archives with mutated databases (hash columns, schema objects, rows, versions): each is refused
// naming what was wrong, or imported intact (every row as the archive holds it) and then opens; never
// half-imported (no folder, no staging left), and never touching a file outside the target folder.

const tempDir = useTempDirs();
const backends = useBackends();
const tally = new FuzzTally('workspace-archive', 'Workspace archive import');
/** Each case writes and imports a whole workspace (about 0.4 s): a twentieth of FUZZ_RUNS (50 by default). */
const RUNS = Math.max(10, Math.round(fuzzRuns() / 20));

const HASH_COLUMNS = [
  ['blobs', 'sha256'],
  ['attachments', 'sha256'],
  ['dataset_imports', 'source_sha256'],
  ['pack_builds', 'input_sha256'],
  ['pack_builds', 'document_sha256'],
  ['pack_builds', 'bundle_sha256'],
] as const;
const TABLES = [
  'items',
  'events',
  'attachments',
  'blobs',
  'meta',
  'inspection',
  'dataset_imports',
  'pack_builds',
  'schema_migrations',
];

const hashValue = fc.oneof(
  fc.constantFrom(
    '../../../outside.txt',
    '/etc/passwd',
    '..\\..\\outside.txt',
    '',
    'files/../../x',
    'A'.repeat(64),
    'a'.repeat(63),
    'a'.repeat(65),
    `${'a'.repeat(62)}/x`,
    'ab/../../../../outside.txt',
  ),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.string({ maxLength: 80 }),
);

const SCHEMA_CHANGES = [
  "CREATE TRIGGER t_evil AFTER INSERT ON events BEGIN UPDATE items SET note = 'rewritten'; END",
  'DROP TRIGGER events_append_only_update',
  'DROP TRIGGER events_append_only_delete',
  'CREATE VIEW v_evil AS SELECT * FROM items',
  'CREATE INDEX i_evil ON items (owner)',
  'DROP INDEX attachments_sha',
  'CREATE TABLE extra (x)',
  'CREATE VIRTUAL TABLE extra_fts USING fts5(body)',
  'ALTER TABLE items ADD COLUMN extra TEXT',
  "UPDATE schema_migrations SET checksum = 'x' WHERE id = 1",
  'DELETE FROM schema_migrations WHERE id = (SELECT max(id) FROM schema_migrations)',
];

type Mutation =
  | { kind: 'hash'; column: number; row: number; value: string }
  | { kind: 'schema'; sql: number }
  | { kind: 'delete'; table: number; row: number }
  | { kind: 'text'; table: number; row: number; value: string }
  | { kind: 'version'; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('hash' as const),
    column: fc.nat(HASH_COLUMNS.length - 1),
    row: fc.nat(3),
    value: hashValue,
  }),
  fc.record({ kind: fc.constant('schema' as const), sql: fc.nat(SCHEMA_CHANGES.length - 1) }),
  fc.record({ kind: fc.constant('delete' as const), table: fc.nat(TABLES.length - 1), row: fc.nat(5) }),
  fc.record({
    kind: fc.constant('text' as const),
    table: fc.nat(TABLES.length - 1),
    row: fc.nat(5),
    value: fc.string({ unit: 'grapheme', maxLength: 60 }),
  }),
  fc.record({ kind: fc.constant('version' as const), value: fc.integer({ min: 0, max: 9 }) }),
);

function apply(db: BetterSqlite3.Database, m: Mutation): void {
  try {
    if (m.kind === 'hash') {
      const [table, column] = HASH_COLUMNS[m.column]!;
      db.prepare(
        `UPDATE ${table} SET ${column} = ? WHERE rowid = (SELECT rowid FROM ${table} ORDER BY rowid LIMIT 1 OFFSET ?)`,
      ).run(m.value, m.row);
    } else if (m.kind === 'schema') {
      db.exec(SCHEMA_CHANGES[m.sql]!);
    } else if (m.kind === 'delete') {
      db.prepare(
        `DELETE FROM ${TABLES[m.table]} WHERE rowid = (SELECT rowid FROM ${TABLES[m.table]} ORDER BY rowid LIMIT 1 OFFSET ?)`,
      ).run(m.row);
    } else if (m.kind === 'text') {
      const table = TABLES[m.table]!;
      const columns = (
        db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[]
      ).filter((c) => c.type === 'TEXT');
      const column = columns[m.row % Math.max(1, columns.length)];
      if (column)
        db.prepare(
          `UPDATE ${table} SET "${column.name}" = ? WHERE rowid = (SELECT rowid FROM ${table} ORDER BY rowid LIMIT 1)`,
        ).run(m.value);
    } else {
      db.pragma(`user_version = ${m.value}`);
    }
  } catch {
    /* a mutation the database itself refuses (an append-only trigger, a STRICT type) changes nothing */
  }
}

function rows(file: string): Record<string, unknown[]> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      try {
        out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
      } catch {
        out[table] = [];
      }
    }
    try {
      out.search = db
        .prepare('SELECT kind, ref, item_id, title, body, sha256 FROM search_docs ORDER BY kind, ref')
        .all();
    } catch {
      out.search = [];
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every path under dir (not entering `skip`), with its kind, mode and bytes: what "untouched" means. */
function snapshot(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    if (path === skip) return;
    const stat = lstatSync(path);
    out.push(
      `${path} ${stat.mode.toString(8)} ${stat.isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : ''}`,
    );
    if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name));
  };
  walk(dir);
  return out;
}

describe('workspace archive import fuzzing', () => {
  it(
    `${RUNS} archives with mutated databases: refused or imported intact, never half-imported, nothing outside touched`,
    async () => {
      const dir = tempDir();
      const { backend, folder } = await backends.workspace(dir, {
        user: 'Fuzz Officer',
        area: 'Fuzzshire',
        laCode: '841',
      });
      await call(backend, 'checklist.update', { itemId: 'jsna-send', status: 'in-progress', note: 'Chapter due' });
      const upload = async (name: string, text: string) => ({
        handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) })).handle,
      });
      await call(backend, 'attachments.add', {
        itemId: 'jsna-send',
        files: [await upload('a.txt', 'Alpha notes'), await upload('b.csv', 'a,b\n1,2\n')],
        metadata: {},
      });
      const original = join(dir, 'original.zip');
      await exportWorkspace(backend.openWorkspace().db, folder, 'Fuzzshire', original);
      backend.close();
      const entries = unzipSync(readFileSync(original));
      const outside = join(dir, 'outside.txt');
      writeFileSync(outside, "not the workspace's");
      let n = 0;

      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          tally.cases++;
          const caseDir = join(dir, `case-${n++}`);
          mkdirSync(caseDir);
          const dbFile = join(caseDir, 'mutated.db');
          writeFileSync(dbFile, entries['workspace.db']!);
          const db = new BetterSqlite3(dbFile);
          db.pragma('journal_mode = DELETE');
          db.pragma('ignore_check_constraints = ON');
          db.pragma('foreign_keys = OFF');
          for (const m of mutations) apply(db, m);
          db.close();
          const dbBytes = new Uint8Array(readFileSync(dbFile));
          const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']!)) as {
            files: Record<string, unknown>;
          };
          manifest.files['workspace.db'] = {
            bytes: dbBytes.length,
            sha256: createHash('sha256').update(dbBytes).digest('hex'),
          };
          const files: Zippable = {
            'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)),
            'workspace.db': dbBytes,
          };
          for (const [entry, bytes] of Object.entries(entries)) if (entry.startsWith('files/')) files[entry] = bytes;
          const zip = join(caseDir, 'archive.zip');
          writeFileSync(zip, zipSync(files));
          const parent = join(caseDir, 'imports');
          mkdirSync(parent);
          writeFileSync(join(parent, 'sentinel.txt'), randomBytes(16));
          const target = join(parent, 'Copy.sendpack');
          const before = snapshot(dir, target);

          const error = await importWorkspace(zip, target).then(
            () => null,
            (e: unknown) => e,
          );
          if (error !== null) {
            if (!(error instanceof WorkspaceError)) {
              tally.crashes++;
              throw error;
            }
            tally.count('refused');
            expect(error.message.length).toBeGreaterThan(20);
            expect(readdirSync(parent)).toEqual(['sentinel.txt']);
          } else {
            tally.count('imported');
            expect(rows(join(target, 'workspace.db'))).toEqual(rows(dbFile));
            const opened = Workspace.open(target, { user: 'Fuzz Officer' });
            opened.close();
          }
          expect(snapshot(dir, target)).toEqual(before);
        }),
        fuzzParameters(RUNS),
      );
      tally.write();
      console.log(tally.describe());
      expect(tally.crashes).toBe(0);
    },
    fuzzTimeout(400, RUNS),
  );
});
