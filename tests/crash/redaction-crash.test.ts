import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, useBackends } from '../helpers/api';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const { backend: newBackend, workspace } = useBackends();

const NAME = 'Jayden Okafor';
// A valid NHS number (modulus 11 holds), as the scanner requires.
const NHS = '943 476 5919';
const needles = ['Jayden', 'Okafor', NHS, NHS.replace(/ /g, '')];
const ITEM = 'complaints';
const FIXED = 'Complaints were reviewed. One pupil was moved to a new school.';

/** The workspace's database file, its journals and every backup: all the bytes it keeps about its database. */
function databaseFiles(folder: string): string[] {
  const files = ['workspace.db', 'workspace.db-wal', 'workspace.db-journal']
    .map((f) => join(folder, f))
    .filter(existsSync);
  const backups = join(folder, 'backups');
  return [...files, ...readdirSync(backups).map((f) => join(backups, f))];
}
const holds = (file: string, needle: string) => {
  const bytes = readFileSync(file);
  return (
    bytes.includes(Buffer.from(needle, 'utf8')) || bytes.toString('latin1').toLowerCase().includes(needle.toLowerCase())
  );
};
const leaks = (folder: string) =>
  databaseFiles(folder).flatMap((file) => needles.filter((n) => holds(file, n)).map((n) => `${file}: ${n}`));

/** Saves the fix in its own process, which is killed (SIGKILL) the moment the live redaction has committed. */
async function fixThenCrash(folder: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-redaction.ts', folder, ITEM, FIXED], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const { signal } = await new Promise<{ signal: NodeJS.Signals | null }>((ok) => {
    child.once('exit', (_code, signal) => ok({ signal }));
  });
  expect(signal, out).toBe('SIGKILL');
  return out;
}

/** A workspace whose narrative held a child's name and NHS number, with a backup taken while it did. */
async function workspaceWithDataInBackups(dir: string) {
  const made = await workspace(dir, { user: 'Dana Lead', area: 'Testshire', laCode: '841' });
  await call(made.backend, 'checklist.update', {
    itemId: ITEM,
    note: `Complaints were reviewed. The pupil ${NAME} (NHS number ${NHS}) was moved to a new school.`,
  });
  await call(made.backend, 'backups.create', {});
  // Another change ends the editing session, so the fix is an audit entry of its own whose "before" holds the data.
  await call(made.backend, 'checklist.update', { itemId: ITEM, owner: 'Complaints team' });
  made.backend.close();
  return made.folder;
}

describe('a crash between saving a fixed narrative and rewriting the backups', () => {
  it('leaves the data in the backups only until the workspace is next opened in the app, which finishes the redaction', async () => {
    const dir = tempDir();
    const folder = await workspaceWithDataInBackups(dir);
    expect(await fixThenCrash(folder)).toContain('redacted 2');
    // The crash left the old text behind: the backups were never rewritten.
    expect(leaks(folder).some((l) => l.includes('backups'))).toBe(true);

    const backend = newBackend(join(dir, 'data'));
    await call(backend, 'workspace.open', { path: folder });
    expect(leaks(folder)).toEqual([]);
    const csv = (await call(backend, 'audit.exportCsv', {})).csv;
    for (const needle of needles) expect(csv, `audit CSV holds ${needle}`).not.toContain(needle);
    const note = (await call(backend, 'checklist.list', {})).items.find((i) => i.id === ITEM)!.note;
    expect(note).toBe(FIXED);
    // The backups lost only the data: the narrative history in them reads with the masks in place.
    const backupFile = readdirSync(join(folder, 'backups')).find((f) => f.endsWith('.db'))!;
    const backup = new BetterSqlite3(join(folder, 'backups', backupFile), { readonly: true });
    try {
      const noteText = backup.prepare('SELECT note FROM items WHERE id = ?').pluck().get(ITEM) as string;
      expect(noteText).toContain('The pupil [name] (NHS number [NHS number ••19]) was moved');
    } finally {
      backup.close();
    }
    // Done once: the marker is gone, and nothing of the data was ever written to it.
    const live = backend.openWorkspace().db;
    expect(live.prepare("SELECT count(*) FROM meta WHERE key = 'redaction_backups_pending'").pluck().get()).toBe(0);
  });

  it('is finished by the next CLI command on the workspace, too', async () => {
    const dir = tempDir();
    const folder = await workspaceWithDataInBackups(dir);
    await fixThenCrash(folder);
    expect(leaks(folder).some((l) => l.includes('backups'))).toBe(true);
    const run = spawnSync(process.execPath, ['bin/sendpack.mjs', 'status', '--db', folder, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, SENDPACK_DATA_DIR: join(dir, 'data') },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('could not yet be removed');
    expect(leaks(folder)).toEqual([]);
  });
});
