import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { OPERATION_NAMES } from '../../../shared/api/operation-names';
import { contract, type Response } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('dispatch', () => {
  it('defines a schema for exactly the named operations', () => {
    expect(Object.keys(contract).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('rejects, for every operation, a payload that does not match its schema, naming the field', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'cli' });
    for (const operation of OPERATION_NAMES) {
      for (const payload of [{ unexpectedField: 1 }, 'a string', 42, [1, 2]]) {
        const result = await dispatch(backend, operation, payload);
        expect(result.ok, `${operation} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-request');
          expect(result.error.message).toContain(operation);
        }
      }
    }
  });

  it('explains field problems in words', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'cli', userName: 'A' });
    const bad = await dispatch(backend, 'workspace.create', { areaName: '  ', laCode: '84' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', field: 'areaName', message: 'workspace.create: areaName must not be empty.' },
    });
    const status = await dispatch(backend, 'checklist.update', { itemId: 'x', status: 'done' });
    expect(status).toMatchObject({ ok: false, error: { field: 'status' } });
    const missing = await dispatch(backend, 'workspace.open', {});
    expect(missing).toMatchObject({ ok: false, error: { message: 'workspace.open: path is required.' } });
    expect(await dispatch(backend, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('answers a well-formed request the state does not allow with a clear refusal', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'browser' });
    expect(await dispatch(backend, 'checklist.list', {})).toMatchObject({ ok: false, error: { code: 'no-workspace' } });
    expect(await dispatch(backend, 'workspace.create', { areaName: 'X', laCode: '841' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/Set your name first/) },
    });
  });

  it('creates, edits and reopens a workspace through the API, recording the user setting', async () => {
    const dataDir = tempDir();
    let backend = new Backend({ dataDir, host: 'browser' });
    await dispatch(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    const created = await dispatch(backend, 'workspace.create', { areaName: 'Darlington', laCode: '841' });
    expect(created).toMatchObject({
      ok: true,
      value: { warnings: [], session: { areaName: 'Darlington', readOnly: false } },
    });
    const updated = await dispatch(backend, 'checklist.update', { itemId: 'local-offer', owner: 'Local offer team' });
    expect(updated).toMatchObject({ ok: true, value: { owner: 'Local offer team', updatedBy: 'Dana Lead' } });
    backend.close();

    backend = new Backend({ dataDir, host: 'browser' });
    const recent = (await dispatch(backend, 'workspace.recent', {})) as ApiResult<Response<'workspace.recent'>>;
    const path = recent.ok ? recent.value.workspaces[0]!.path : '';
    expect(await dispatch(backend, 'workspace.open', { path })).toMatchObject({ ok: true });
    const list = (await dispatch(backend, 'checklist.list', {})) as ApiResult<Response<'checklist.list'>>;
    expect(list.ok && list.value.items.find((i) => i.id === 'local-offer')?.owner).toBe('Local offer team');
    backend.close();
  });
});
