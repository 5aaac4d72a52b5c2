import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import type { Response } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

async function ok<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe("a damaged workspace, through the app's API", () => {
  it('is refused and kept as it is, and the latest good backup is offered and restored', async () => {
    const dataDir = tempDir();
    let backend = new Backend({ dataDir, host: 'browser' });
    const { folder: created } = await makeWorkspace(null, {
      via: backend,
      user: 'Ann',
      area: 'Northshire',
      laCode: '841',
    });
    await ok(dispatch(backend, 'checklist.update', { itemId: 'send-strategy', owner: 'Head of SEND' }));
    const backup = await ok<Response<'backups.create'>>(dispatch(backend, 'backups.create', {}));
    await ok(dispatch(backend, 'checklist.update', { itemId: 'send-strategy', owner: 'Changed after the backup' }));
    backend.close();

    // Damage the middle of the database file, as a failing disk or a bad sync would.
    const file = join(created, 'workspace.db');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096, 4096 * 3);
    writeFileSync(file, bytes);

    backend = new Backend({ dataDir, host: 'browser' });
    const refused = await dispatch(backend, 'workspace.open', { path: created });
    expect(refused).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(readFileSync(file).equals(bytes)).toBe(true);

    const offered = await ok<Response<'backups.list'>>(dispatch(backend, 'backups.list', { path: created }));
    expect(offered.damaged).toMatch(/integrity check|cannot be read|not a SQLite/);
    expect(offered.latestGood).toBe(backup.name);

    const restored = await ok<Response<'backups.restore'>>(
      dispatch(backend, 'backups.restore', { path: created, name: backup.name, confirm: true }),
    );
    expect(restored.session.readOnly).toBe(false);
    expect(restored.savedAs).toMatch(/^damaged-/);
    expect(readFileSync(join(created, 'backups', restored.savedAs!)).equals(bytes)).toBe(true);
    const { items } = await ok<Response<'checklist.list'>>(dispatch(backend, 'checklist.list', {}));
    expect(items.find((i) => i.id === 'send-strategy')?.owner).toBe('Head of SEND');
    const { events } = await ok<Response<'audit.list'>>(dispatch(backend, 'audit.list', {}));
    expect(events.at(-1)).toMatchObject({ action: 'restore-backup', who: 'Ann' });
    expect(readdirSync(join(created, 'backups')).some((n) => n.startsWith('damaged-'))).toBe(true);
    backend.close();
  });

  it('needs confirmation to restore', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'browser' });
    const result = await dispatch(backend, 'backups.restore', {
      path: '/tmp/x.sendpack',
      name: 'workspace-20260101-000000-manual.db',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'confirm' } });
    backend.close();
  });
});
