import { spawn } from 'node:child_process';
import { writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../main/workspace/workspace';
import { updateItem } from '../../main/checklist/checklist-repository';
import { useTempDirs } from '../helpers/temp-dir';
import { createWorkspace } from '../helpers/workspace';

const tempDir = useTempDirs();

async function holdInAnotherProcess(folder: string, user: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/hold-workspace.ts', folder, user], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return { firstLine, release: () => new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.stdin!.end(); }) };
}

describe('workspace lock', () => {
  it('gives a second process the workspace read-only and names who holds it', async () => {
    const folder = createWorkspace(tempDir());
    const holder = await holdInAnotherProcess(folder, 'Priya Holder');
    expect(holder.firstLine).toBe('holding');
    const second = Workspace.open(folder, { user: 'Sam Second' });
    try {
      expect(second.readOnly).toBe(true);
      expect(second.lockedBy?.user).toBe('Priya Holder');
      expect(second.lockedBy?.host).toBe(hostname());
      expect(second.lockIsStale).toBe(false);
      expect(() => second.assertWritable()).toThrow(/Priya Holder has it open/);
      expect(() => updateItem(second.db, { itemId: 'jsna-send', status: 'approved' }, 'Sam Second')).toThrow(/readonly/i);
    } finally {
      second.close();
      await holder.release();
    }
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(false);
    const third = Workspace.open(folder, { user: 'Sam Second' });
    expect(third.readOnly).toBe(false);
    third.close();
  });

  it('marks a lock left by a dead process as stale, and lets it be broken only when asked', () => {
    const folder = createWorkspace(tempDir());
    const old = new Date(Date.now() - 60_000).toISOString();
    writeFileSync(join(folder, 'workspace.lock'), JSON.stringify({ user: 'Gone Away', host: hostname(), pid: 2 ** 22 + 17, since: old, heartbeat: old }));
    const readOnly = Workspace.open(folder, { user: 'Taker' });
    expect(readOnly.readOnly).toBe(true);
    expect(readOnly.lockIsStale).toBe(true);
    expect(readOnly.lockedBy?.user).toBe('Gone Away');
    readOnly.close();
    expect(existsSync(join(folder, 'workspace.lock'))).toBe(true);

    const taken = Workspace.open(folder, { user: 'Taker', breakLock: true });
    expect(taken.readOnly).toBe(false);
    taken.close();
  });
});
