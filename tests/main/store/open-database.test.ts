import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/workspace/workspace';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/store/migrations/index';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

function expectRefusal(folder: string, code: string, text: RegExp): void {
  try {
    Workspace.open(folder, { user: 'Reader' });
  } catch (error) {
    expect((error as { code: string }).code).toBe(code);
    expect((error as Error).message).toMatch(text);
    return;
  }
  throw new Error('the workspace was opened');
}

describe('opening a workspace database', () => {
  it('creates the folder layout with a migrated, stamped database', () => {
    const folder = makeWorkspace(tempDir()).folder;
    expect(readdirSync(folder).sort()).toEqual(['backups', 'bin', 'files', 'workspace.db']);
    const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(0x53454e44);
    expect(db.prepare('SELECT id, name FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map(({ id, name }) => ({ id, name })),
    );
    db.close();
  });

  it('refuses a database written by a newer version and leaves its bytes unchanged', () => {
    const folder = makeWorkspace(tempDir()).folder;
    const file = join(folder, 'workspace.db');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    expectRefusal(folder, 'newer-version', /newer version of SEND Evidence Pack.*left untouched/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(false);
  });

  it('refuses an empty (zero-byte) database without touching it', () => {
    const folder = makeWorkspace(tempDir()).folder;
    writeFileSync(join(folder, 'workspace.db'), '');
    expectRefusal(folder, 'damaged', /empty \(0 bytes\)/);
    expect(readFileSync(join(folder, 'workspace.db')).length).toBe(0);
  });

  it('refuses a file that is not SQLite, and a damaged one, leaving both as they were', () => {
    const folder = makeWorkspace(tempDir()).folder;
    const file = join(folder, 'workspace.db');
    writeFileSync(file, 'this is a spreadsheet, not a database');
    expectRefusal(folder, 'damaged', /not a SQLite file/);

    const damaged = makeWorkspace(tempDir()).folder;
    const dbFile = join(damaged, 'workspace.db');
    const bytes = readFileSync(dbFile);
    bytes.fill(0xab, 4096 * 2, 4096 * 3); // overwrite one page of table data
    writeFileSync(dbFile, bytes);
    try {
      Workspace.open(damaged, { user: 'Reader' }).close();
      throw new Error('opened');
    } catch (error) {
      expect((error as { code: string }).code).toBe('damaged');
    }
    expect(readFileSync(dbFile).equals(bytes)).toBe(true);
  });

  it('refuses a folder that is not a workspace, naming it', () => {
    expectRefusal(tempDir(), 'not-found', /is not a SEND Evidence Pack workspace/);
  });

  it('accepts the workspace.db path as well as the folder', () => {
    const folder = makeWorkspace(tempDir()).folder;
    const workspace = Workspace.open(join(folder, 'workspace.db'), { user: 'Reader' });
    expect(workspace.folder).toBe(folder);
    workspace.close();
  });
});
