import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { workspace } = useBackends();

const NAME = 'Jayden Okafor';
// A valid NHS number (modulus 11 holds), as the scanner requires.
const NHS = '943 476 5919';
const needles = ['Jayden', 'Okafor', NHS, NHS.replace(/ /g, '')];

/** Every byte a workspace keeps on disk about its database: the file, its journal, every backup. */
function databaseFiles(folder: string): string[] {
  const files = ['workspace.db', 'workspace.db-wal', 'workspace.db-journal']
    .map((f) => join(folder, f))
    .filter(existsSync);
  const backups = join(folder, 'backups');
  return [...files, ...readdirSync(backups).map((f) => join(backups, f))];
}

const holds = (bytes: Buffer, needle: string) =>
  bytes.includes(Buffer.from(needle, 'utf8')) || bytes.toString('latin1').toLowerCase().includes(needle.toLowerCase());

describe('redacting personal data a narrative no longer holds', () => {
  it("takes a fixed child's name and NHS number out of the database, its WAL, every backup and the audit CSV", async () => {
    const dir = tempDir();
    const { backend, folder } = await workspace(dir, { user: 'Dana Lead', area: 'Testshire', laCode: '841' });
    const itemId = 'complaints';
    // Typed in three autosaves of one editing session, then a backup is taken while the data is there.
    await call(backend, 'checklist.update', { itemId, note: 'Complaints were reviewed.' });
    await call(backend, 'checklist.update', {
      itemId,
      note: `Complaints were reviewed. The pupil ${NAME} (NHS number ${NHS}) was`,
    });
    await call(backend, 'checklist.update', {
      itemId,
      note: `Complaints were reviewed. The pupil ${NAME} (NHS number ${NHS}) was moved to a new school.`,
    });
    await call(backend, 'backups.create', {});
    const before = await call(backend, 'privacy.check', {});
    expect(
      before.findings
        .filter((f) => f.location.itemId === itemId)
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['nhs-number', 'person-name']);
    expect((await call(backend, 'audit.exportCsv', {})).csv).toContain(NHS);
    // The three autosaves folded into one entry.
    const history = await call(backend, 'audit.list', { itemId });
    expect(history.events.filter((e) => e.action === 'note')).toHaveLength(1);

    // Another change ends the editing session, so the fix is an entry of its own whose "before" held the data.
    await call(backend, 'checklist.update', { itemId, owner: 'Complaints team' });
    await call(backend, 'checklist.update', {
      itemId,
      note: 'Complaints were reviewed. One pupil was moved to a new school.',
    });

    const csv = (await call(backend, 'audit.exportCsv', {})).csv;
    for (const needle of needles) expect(csv, `audit CSV holds ${needle}`).not.toContain(needle);
    const after = await call(backend, 'audit.list', { itemId });
    const noteEvents = after.events.filter((e) => e.action === 'note');
    expect(noteEvents).toHaveLength(2);
    expect(noteEvents[0]!.after).toContain('The pupil [name] (NHS number [NHS number ••19]) was moved');
    expect(noteEvents[1]!.before).toBe(noteEvents[0]!.after);
    const redaction = after.events.find((e) => e.action === 'redaction');
    expect(JSON.parse(redaction!.after!)).toMatchObject({
      kinds: expect.arrayContaining(['nhs-number', 'person-name']),
      identifiers: 2,
    });
    for (const needle of needles) expect(JSON.stringify(after.events)).not.toContain(needle);
    expect((await call(backend, 'search.query', { query: 'Jayden' })).hits).toEqual([]);

    const files = databaseFiles(folder);
    expect(files.some((f) => f.includes(`${join('backups', '')}`))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(holds(bytes, needle), `${file} still holds ${needle}`).toBe(false);
    }
  });

  it('leaves an identifier that is still in a narrative, and text that had nothing to fix, as it was', async () => {
    const dir = tempDir();
    const { backend } = await workspace(dir, { user: 'Dana Lead', area: 'Testshire', laCode: '841' });
    await call(backend, 'checklist.update', { itemId: 'complaints', note: `NHS number ${NHS} in two places.` });
    await call(backend, 'checklist.update', { itemId: 'jsna-send', note: `NHS number ${NHS} here too.` });
    await call(backend, 'checklist.update', { itemId: 'complaints', note: 'Removed here only.' });
    const events = (await call(backend, 'audit.list', {})).events;
    expect(events.some((e) => e.action === 'redaction')).toBe(false);
    expect(JSON.stringify(events)).toContain(NHS);
  });
});
