import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('sendpack CLI', () => {
  it('round-trips init → set → status --json', () => {
    const dir = tempDir();
    const db = join(dir, 'Northshire.sendpack');
    expect(sendpack(['init', '--db', db, '--area', 'Northshire', '--la-code', '841', '--user', 'Ann'], dir).code).toBe(
      0,
    );
    const set = sendpack(
      [
        'set',
        '--db',
        db,
        '--item',
        'jsna-send',
        '--status',
        'ready-for-review',
        '--owner',
        'Public health',
        '--note',
        'Refreshed 2025',
        '--user',
        'Ann',
      ],
      dir,
    );
    expect(set.code, set.stderr).toBe(0);
    const status = sendpack(['status', '--db', join(db, 'workspace.db'), '--json'], dir);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as {
      area: { name: string; laCode: string; laName: string };
      items: Record<string, unknown>[];
    };
    expect(parsed.area).toMatchObject({ name: 'Northshire', laCode: '841', laName: 'Darlington' });
    expect(parsed.items).toHaveLength(78);
    expect(parsed.items.find((i) => i.id === 'jsna-send')).toMatchObject({
      title: 'JSNA (SEND/CYP chapter)',
      areas: ['L'],
      kind: 'document',
      status: 'ready-for-review',
      owner: 'Public health',
      note: 'Refreshed 2025',
    });
  });

  it('exits 1 naming an unknown item or status, 2 for an unknown flag, and changes nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'W.sendpack');
    sendpack(['init', '--db', db, '--area', 'W', '--user', 'A'], dir);
    const unknownItem = sendpack(['set', '--db', db, '--item', 'no-such-thing', '--status', 'approved'], dir);
    expect(unknownItem.code).toBe(1);
    expect(unknownItem.stderr).toContain('no-such-thing');
    const badStatus = sendpack(['set', '--db', db, '--item', 'jsna-send', '--status', 'done'], dir);
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toMatch(/--status "done" is not a status/);
    const badFlag = sendpack(['set', '--db', db, '--item', 'jsna-send', '--colour', 'red'], dir);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/--colour/);
    expect(sendpack(['frobnicate'], dir).code).toBe(2);
    const status = JSON.parse(sendpack(['status', '--db', db, '--json'], dir).stdout) as {
      items: { status: string }[];
    };
    expect(status.items.every((i) => i.status === 'not-started')).toBe(true);
  });

  it('needs a reason to reopen an approved item', () => {
    const dir = tempDir();
    const db = join(dir, 'W.sendpack');
    sendpack(['init', '--db', db, '--area', 'W'], dir);
    expect(sendpack(['set', '--db', db, '--item', 'jsna-send', '--status', 'approved'], dir).code).toBe(0);
    expect(sendpack(['set', '--db', db, '--item', 'jsna-send', '--status', 'in-progress'], dir).code).toBe(1);
    expect(
      sendpack(['set', '--db', db, '--item', 'jsna-send', '--status', 'in-progress', '--reason', 'New data'], dir).code,
    ).toBe(0);
  });

  it('warns about an unknown LA code but accepts it', () => {
    const dir = tempDir();
    const run = sendpack(['init', '--db', join(dir, 'X.sendpack'), '--area', 'X', '--la-code', '999'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/LA code 999 is not in the list/);
  });

  it('prints help for the tool and every command with exit 0', () => {
    const dir = tempDir();
    for (const args of [['--help'], ['init', '--help'], ['status', '--help'], ['set', '--help']]) {
      const run = sendpack(args, dir);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/Usage: sendpack/);
    }
  });

  it('keeps stdout to one JSON document with --json', () => {
    const dir = tempDir();
    const db = join(dir, 'W.sendpack');
    sendpack(['init', '--db', db, '--area', 'W', '--la-code', '999'], dir);
    const run = sendpack(['status', '--db', db, '--json'], dir);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('says which Node it needs when run on an older one', () => {
    const run = spawnSync(
      'node',
      [
        '-e',
        "Object.defineProperty(process.versions, 'node', { value: '20.1.0' }); await import('./bin/sendpack.mjs')",
        '--input-type=module',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/needs Node 22\.14 or later.*this is Node 20\.1\.0/s);
  });
});
