import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../../main/inspection/calendar-settings';
import { addMonths } from '../../../shared/domain/working-days';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** Runs the real CLI entry, as `npm run sendpack -- ARGS` does. */
function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function succeed(args: string[], dataDir: string): string {
  const run = sendpack(args, dataDir);
  expect(run.code, `sendpack ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

interface StatusItem {
  id: string;
  status: string;
  owner: string;
  note: string;
  due: string | null;
  overdue: boolean;
  stale: boolean;
  expires: string | null;
  attachments: number;
}
interface Status {
  area: { name: string; path: string };
  items: StatusItem[];
}

const status = (db: string, dir: string) => JSON.parse(succeed(['status', '--db', db, '--json'], dir)) as Status;
const statusItem = (db: string, dir: string, id: string) => status(db, dir).items.find((i) => i.id === id)!;

function newWorkspace(): { dir: string; db: string } {
  const dir = tempDir();
  const db = join(dir, 'Northshire.sendpack');
  succeed(['init', '--db', db, '--area', 'Northshire', '--la-code', '841', '--user', 'Ann Officer'], dir);
  return { dir, db };
}

describe('sendpack CLI: the notice window', { timeout: 90_000 }, () => {
  it('notify records the notification and prints the milestones, as one JSON document with --json', () => {
    const { dir, db } = newWorkspace();
    const json = succeed(
      ['notify', '--db', db, '--date', '2026-11-13', '--time', '16:45', '--json', '--user', 'Ann Officer'],
      dir,
    );
    const parsed = JSON.parse(json) as {
      notified: string;
      packDue: string;
      milestones: { name: string; date: string; workingDay: number }[];
    };
    expect(parsed).toMatchObject({ notified: '2026-11-13T16:45', packDue: '2026-11-20' });
    expect(parsed.milestones.length).toBeGreaterThanOrEqual(5);
    for (const m of parsed.milestones) {
      expect(m).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          workingDay: expect.any(Number),
        }),
      );
    }
    expect(parsed.milestones.find((m) => m.name === 'Evidence pack due')).toMatchObject({
      date: '2026-11-20',
      workingDay: 5,
    });
    expect(parsed.milestones[0]).toMatchObject({ date: '2026-11-13', workingDay: 0 });

    // Without --json: readable lines; and the second notification replaces the first in the audit trail.
    const text = succeed(['notify', '--db', db, '--date', '2026-11-14', '--preset', 'legacy5'], dir);
    expect(text).toMatch(/notified 2026-11-14\. Evidence pack due 2026-11-23\./);
    expect(text).toMatch(/WD 0 {2}2026-11-16/);
    const log = JSON.parse(succeed(['log', '--db', db, '--json'], dir)) as { events: { action: string }[] };
    expect(log.events.map((e) => e.action).filter((a) => a.startsWith('notification'))).toEqual([
      'notification',
      'notification-replaced',
    ]);
  });

  it('notify refuses bad input with exit 1 and a missing --date with exit 2, changing nothing', () => {
    const { dir, db } = newWorkspace();
    const badDate = sendpack(['notify', '--db', db, '--date', '2026-02-30'], dir);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/date/);
    const badTime = sendpack(['notify', '--db', db, '--date', '2026-11-13', '--time', '25:00'], dir);
    expect(badTime.code).toBe(1);
    const badPreset = sendpack(['notify', '--db', db, '--date', '2026-11-13', '--preset', 'surprise'], dir);
    expect(badPreset.code).toBe(1);
    expect(badPreset.stderr).toMatch(/--preset "surprise"/);
    expect(sendpack(['notify', '--db', db], dir).code).toBe(2);
    expect(statusItem(db, dir, 'jsna-send').due).toBeNull();
  });

  it('attach stores several files; status --json shows attachments, due, stale and expires; log shows the attach', () => {
    const { dir, db } = newWorkspace();
    succeed(['notify', '--db', db, '--date', '2026-11-13', '--time', '16:45'], dir);
    const one = join(dir, 'JSNA chapter.txt');
    const two = join(dir, 'needs-data.bin');
    writeFileSync(one, 'Joint strategic needs assessment: children and young people with SEND\n');
    writeFileSync(two, randomBytes(100_000));
    const documentDate = addMonths(todayIso(), -48);
    const out = succeed(
      [
        'attach',
        '--db',
        db,
        '--item',
        'jsna-send',
        one,
        two,
        '--date',
        documentDate,
        '--author',
        'Public health',
        '--user',
        'Pat',
      ],
      dir,
    );
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(out).toMatch(/Attached JSNA chapter\.txt to jsna-send/);
    expect(statusItem(db, dir, 'jsna-send')).toMatchObject({
      attachments: 2,
      due: '2026-11-20',
      stale: true,
      expires: addMonths(documentDate, 36),
    });
    // The strategy is due on working day 0 (catalogue 2026.2), the JSNA by the pack deadline.
    expect(statusItem(db, dir, 'send-strategy')).toMatchObject({
      attachments: 0,
      due: '2026-11-13',
      stale: false,
      expires: null,
    });

    // The stored files come back byte for byte.
    const files = join(db, 'files');
    const stored = readdirSync(files).flatMap((prefix) =>
      readdirSync(join(files, prefix)).map((name) => readFileSync(join(files, prefix, name))),
    );
    expect(stored.map((b) => b.toString('hex')).sort()).toEqual(
      [readFileSync(one), readFileSync(two)].map((b) => b.toString('hex')).sort(),
    );

    const log = JSON.parse(succeed(['log', '--db', db, '--item', 'jsna-send', '--json'], dir)) as {
      events: {
        at: string;
        who: string;
        item: string | null;
        action: string;
        before: string | null;
        after: string | null;
      }[];
    };
    const attaches = log.events.filter((e) => e.action.includes('attach'));
    expect(attaches).toHaveLength(2);
    for (const e of attaches) {
      expect(e).toMatchObject({ who: 'Pat', item: 'jsna-send', before: null });
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['at', 'who', 'item', 'action', 'before', 'after']));
    }
    expect(log.events.every((e) => e.item === 'jsna-send')).toBe(true);
    expect(succeed(['log', '--db', db], dir)).toMatch(/Pat {2}jsna-send {2}attach/);

    // Refusals: a person-level item, a missing file, an unknown item.
    const personLevel = sendpack(['attach', '--db', db, '--item', 'tracking-cases', one], dir);
    expect(personLevel.code).toBe(1);
    expect(personLevel.stderr).toMatch(/person-level/);
    expect(sendpack(['attach', '--db', db, '--item', 'jsna-send', join(dir, 'nope.txt')], dir).code).toBe(1);
    expect(sendpack(['attach', '--db', db, '--item', 'no-such-item', one], dir).code).toBe(1);
    expect(sendpack(['attach', '--db', db, '--item', 'jsna-send'], dir).code).toBe(2);
    expect(statusItem(db, dir, 'jsna-send').attachments).toBe(2);
  });

  it('refuses to reopen an approved item without --reason (exit 1) and accepts it with one', () => {
    const { dir, db } = newWorkspace();
    succeed(['set', '--db', db, '--item', 'tribunal', '--status', 'approved', '--user', 'Lead'], dir);
    const file = join(dir, 'appeals.csv');
    writeFileSync(file, 'year,appeals\n2025,14\n');
    const locked = sendpack(['attach', '--db', db, '--item', 'tribunal', file], dir);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/approved and locked/);
    const noReason = sendpack(['set', '--db', db, '--item', 'tribunal', '--status', 'in-progress'], dir);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toMatch(/reason/);
    expect(statusItem(db, dir, 'tribunal').status).toBe('approved');
    succeed(
      ['set', '--db', db, '--item', 'tribunal', '--status', 'in-progress', '--reason', 'New appeal figures'],
      dir,
    );
    expect(statusItem(db, dir, 'tribunal').status).toBe('in-progress');
    succeed(['attach', '--db', db, '--item', 'tribunal', file], dir);
    const log = JSON.parse(succeed(['log', '--db', db, '--item', 'tribunal', '--json'], dir)) as {
      events: { action: string; reason: string | null }[];
    };
    expect(log.events.map((e) => e.action)).toEqual(['status', 'status', 'attach']);
    expect(log.events[1]!.reason).toBe('New appeal figures');
  });

  it('backup then restore --from NAME brings back the earlier state and keeps the replaced database', () => {
    const { dir, db } = newWorkspace();
    succeed(['set', '--db', db, '--item', 'jsna-send', '--owner', 'Public health'], dir);
    const out = succeed(['backup', '--db', db], dir);
    const match = /Backed up to (.+?) \(/.exec(out);
    expect(match, out).not.toBeNull();
    const name = basename(match![1]!);
    expect(existsSync(join(db, 'backups', name))).toBe(true);

    succeed(
      ['set', '--db', db, '--item', 'jsna-send', '--owner', 'Somebody else', '--note', 'Changed after the backup'],
      dir,
    );
    expect(statusItem(db, dir, 'jsna-send')).toMatchObject({
      owner: 'Somebody else',
      note: 'Changed after the backup',
    });

    const restored = succeed(['restore', '--db', db, '--from', name, '--user', 'Ann Officer'], dir);
    expect(restored).toMatch(/kept as/);
    expect(statusItem(db, dir, 'jsna-send')).toMatchObject({ owner: 'Public health', note: '' });
    const kept = readdirSync(join(db, 'backups')).filter((n) => n !== name);
    expect(kept).toEqual([expect.stringMatching(/pre-restore\.db$/)]);
    // The replaced database is still there to go back to.
    succeed(['restore', '--db', db, '--from', kept[0]!], dir);
    expect(statusItem(db, dir, 'jsna-send')).toMatchObject({
      owner: 'Somebody else',
      note: 'Changed after the backup',
    });
    const log = JSON.parse(succeed(['log', '--db', db, '--json'], dir)) as { events: { action: string }[] };
    expect(log.events.map((e) => e.action)).toContain('restore-backup');

    const missing = sendpack(['restore', '--db', db, '--from', 'workspace-19990101-000000-manual.db'], dir);
    expect(missing.code).toBe(1);
    expect(sendpack(['restore', '--db', db], dir).code).toBe(2);
  });

  it('export then import-workspace gives a workspace whose status matches', () => {
    const { dir, db } = newWorkspace();
    succeed(['notify', '--db', db, '--date', '2026-11-13', '--time', '16:45'], dir);
    succeed(
      [
        'set',
        '--db',
        db,
        '--item',
        'local-offer',
        '--status',
        'ready-for-review',
        '--owner',
        'Local offer team',
        '--note',
        'Reviewed',
      ],
      dir,
    );
    const file = join(dir, 'offer.txt');
    writeFileSync(file, 'Local offer review notes');
    succeed(['attach', '--db', db, '--item', 'local-offer', file, '--date', '2026-01-15'], dir);
    const zip = join(dir, 'x.zip');
    expect(succeed(['export', '--db', db, '--out', zip], dir)).toMatch(/with 1 evidence files/);
    const copy = join(dir, 'elsewhere', 'Copy.sendpack');
    expect(succeed(['import-workspace', zip, '--db', copy], dir)).toMatch(/Imported 1 evidence files/);
    const original = status(db, dir);
    const imported = status(copy, dir);
    expect(imported.items).toEqual(original.items);
    expect({ ...imported.area, path: null }).toEqual({ ...original.area, path: null });
    expect(imported.area.path).toBe(copy);
    expect(imported.items.find((i) => i.id === 'local-offer')).toMatchObject({
      attachments: 1,
      due: '2026-11-20',
      owner: 'Local offer team',
    });

    // Importing over an existing folder is refused; so is a missing archive.
    expect(sendpack(['import-workspace', zip, '--db', copy], dir).code).toBe(1);
    expect(sendpack(['import-workspace', join(dir, 'none.zip'), '--db', join(dir, 'New.sendpack')], dir).code).toBe(1);
    expect(existsSync(join(dir, 'New.sendpack'))).toBe(false);
    expect(sendpack(['import-workspace', '--db', join(dir, 'New.sendpack')], dir).code).toBe(2);
    expect(sendpack(['export', '--db', db], dir).code).toBe(2);
  });
});
