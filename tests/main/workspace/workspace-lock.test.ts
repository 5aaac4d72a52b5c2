import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/workspace/workspace';
import { STALE_AFTER_MS } from '../../../main/workspace/workspace-lock';
import { updateItem } from '../../../main/review/update-item';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

async function holdInAnotherProcess(folder: string, user: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/hold-workspace.ts', folder, user], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return {
    firstLine,
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

describe('workspace lock', () => {
  it('gives a second process the workspace read-only and names who holds it', async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const holder = await holdInAnotherProcess(folder, 'Priya Holder');
    expect(holder.firstLine).toBe('holding');
    const second = Workspace.open(folder, { user: 'Sam Second' });
    try {
      expect(second.readOnly).toBe(true);
      expect(second.lockedBy?.user).toBe('Priya Holder');
      expect(second.lockedBy?.host).toBe(hostname());
      expect(second.lockIsStale).toBe(false);
      expect(() => second.assertWritable()).toThrow(/Priya Holder has it open/);
      // A read-only handle cannot be handed to a function that writes (ReadableDB/WritableDB); were it forced, SQLite refuses.
      // @ts-expect-error writing through a read-only handle is a type error
      expect(() => updateItem(second.db, { itemId: 'jsna-send', status: 'approved' }, 'Sam Second')).toThrow(
        /readonly/i,
      );
    } finally {
      second.close();
      await holder.release();
    }
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(false);
    const third = Workspace.open(folder, { user: 'Sam Second' });
    expect(third.readOnly).toBe(false);
    third.close();
  });

  it('takes over a lock whose process has ended on this computer, with a note in the session and the audit trail', () => {
    const folder = makeWorkspace(tempDir()).folder;
    const old = new Date(Date.now() - 60_000).toISOString();
    writeFileSync(
      join(folder, 'workspace.lock'),
      JSON.stringify({ user: 'Gone Away', host: hostname(), pid: 2 ** 22 + 17, since: old, heartbeat: old }),
    );
    const taken = Workspace.open(folder, { user: 'Taker' });
    try {
      expect(taken.readOnly).toBe(false);
      expect(taken.session().lockTakenOverFrom).toMatchObject({ user: 'Gone Away', pid: 2 ** 22 + 17 });
      const note = taken.db.prepare("SELECT who, reason FROM events WHERE action = 'take-over-lock'").all();
      expect(note).toEqual([
        {
          who: 'Taker',
          reason: `The lock left by Gone Away (process ${2 ** 22 + 17} on this computer, which has ended) was taken over.`,
        },
      ]);
    } finally {
      taken.close();
    }
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(false);
  });

  it("takes over another computer's lock only once its heartbeat has expired", () => {
    const folder = makeWorkspace(tempDir()).folder;
    const lockOf = (minutesAgo: number) => {
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      writeFileSync(
        join(folder, 'workspace.lock'),
        JSON.stringify({ user: 'Remote', host: 'OTHER-PC-7', pid: 4120, since: at, heartbeat: at }),
      );
    };
    lockOf(2);
    const readOnly = Workspace.open(folder, { user: 'Taker' });
    expect([readOnly.readOnly, readOnly.lockIsStale, readOnly.lockedBy?.host]).toEqual([true, false, 'OTHER-PC-7']);
    readOnly.close();
    lockOf(STALE_AFTER_MS / 60_000 + 1);
    const taken = Workspace.open(folder, { user: 'Taker' });
    expect([taken.readOnly, taken.tookOverFrom?.host]).toEqual([false, 'OTHER-PC-7']);
    taken.close();
  });

  it('leaves a lock it cannot read to the person: read-only, stale, broken only when asked', () => {
    const folder = makeWorkspace(tempDir()).folder;
    writeFileSync(join(folder, 'workspace.lock'), '{"user": "Half wri');
    const readOnly = Workspace.open(folder, { user: 'Taker' });
    expect([readOnly.readOnly, readOnly.lockIsStale]).toEqual([true, true]);
    readOnly.close();
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(true);
    const taken = Workspace.open(folder, { user: 'Taker', breakLock: true });
    expect([taken.readOnly, taken.tookOverFrom]).toEqual([false, null]);
    taken.close();
  });

  it('the CLI says how to take over a workspace someone else has open, and does it with --take-over', async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const holder = await holdInAnotherProcess(folder, 'Priya Holder');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
    try {
      const refused = cli('set', '--db', folder, '--item', 'jsna-send', '--status', 'in-progress', '--user', 'Sam');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /Priya Holder has this workspace open on .* it is open read-only here\. If they are no longer using it, run the command again with --take-over\./,
      );
      const taken = cli(
        'set',
        '--db',
        folder,
        '--item',
        'jsna-send',
        '--status',
        'in-progress',
        '--user',
        'Sam',
        '--take-over',
      );
      expect(taken.stderr).toBe('');
      expect(taken.status).toBe(0);
    } finally {
      await holder.release();
    }
    const old = new Date(Date.now() - 60_000).toISOString();
    writeFileSync(
      join(folder, 'workspace.lock'),
      JSON.stringify({ user: 'Crashed Cli', host: hostname(), pid: 2 ** 22 + 19, since: old, heartbeat: old }),
    );
    const after = cli('status', '--db', folder, '--json');
    expect(after.status).toBe(0);
    expect(after.stderr).toMatch(
      /^Note: took over the lock left by Crashed Cli \(process \d+ on this computer, which has ended\)/,
    );
  }, 120_000);
});
