import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { BackendProtocolClient, serveBackend, type DispatchFn } from '../../../main/electron/backend-protocol';
import { LOCK_FILE } from '../../../main/workspace/workspace-lock';
import { makeWorkspace } from '../../helpers/workspace';
import type { ProgressEvent } from '../../../shared/api/progress';
import type { ApiResult } from '../../../shared/api/result';
import { useTempDirs } from '../../helpers/temp-dir';

// The utility-process protocol over a node:worker_threads MessageChannel: the same messages Electron's
// parentPort and UtilityProcess carry, without Electron.

const tempDir = useTempDirs();
const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

function channel(): { server: MessagePort; clientPort: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  return { server: port1, clientPort: port2 };
}

function realBackend(dataDir: string) {
  const { server, clientPort } = channel();
  const backend = new Backend({ dataDir, host: 'electron' });
  let closed = 0;
  serveBackend(server, {
    dispatch: (operation, payload, onProgress) => dispatch(backend, operation, payload, onProgress),
    close: () => {
      closed++;
      backend.close();
    },
  });
  return { backend, client: new BackendProtocolClient(clientPort), closedCount: () => closed };
}

describe('backend protocol over a MessageChannel', () => {
  it('carries a cancel to a pack build that is running, which stops with nothing written', async () => {
    const dataDir = tempDir();
    const { folder } = await makeWorkspace(dataDir, { sample: true });
    const { client } = realBackend(dataDir);
    await client.call('settings.setUserName', { userName: 'Ada Officer' });
    expect((await client.call('workspace.open', { path: folder })).ok).toBe(true);
    let cancel: Promise<ApiResult<unknown>> | null = null;
    const built = await client.call('pack.build', { bundle: true }, () => {
      cancel ??= client.call('work.cancel', { operation: 'pack.build' });
    });
    expect(await cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(built).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(existsSync(join(folder, 'packs')) ? readdirSync(join(folder, 'packs')) : []).toEqual([]);
  });

  it('runs operations in the backend and answers their ApiResult envelopes', async () => {
    const dataDir = tempDir();
    const { client } = realBackend(dataDir);
    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
    expect(await client.call('settings.setUserName', { userName: 'Ada Officer' })).toEqual({
      ok: true,
      value: { userName: 'Ada Officer' },
    });
    // Validation still happens in the backend: the protocol passes payloads through untouched.
    expect(await client.call('settings.setUserName', { userName: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', field: 'userName' },
    });
    expect(await client.call('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('streams progress to the caller before the result, and closing releases the workspace lock', async () => {
    const dataDir = tempDir();
    const { client, closedCount } = realBackend(dataDir);
    await client.call('settings.setUserName', { userName: 'Ada Officer' });
    const progress: ProgressEvent[] = [];
    const created = await client.call(
      'workspace.create',
      { areaName: 'Testshire', laCode: '841', parentDir: dataDir },
      (event) => progress.push(event),
    );
    expect(created.ok).toBe(true);
    expect(progress.map((event) => event.phase)).toEqual(['Creating the workspace', 'Opening it', 'Done']);
    expect(progress.every((event) => event.operation === 'workspace.create')).toBe(true);

    const lock = join(dataDir, 'Testshire.sendpack', LOCK_FILE);
    expect(existsSync(lock)).toBe(true);
    expect(await client.close(2_000)).toBe(true);
    expect(closedCount()).toBe(1);
    expect(existsSync(lock)).toBe(false);
    // After close, calls are refused rather than run against a closed backend.
    expect(await client.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('routes concurrent calls and their progress by id', async () => {
    const { server, clientPort } = channel();
    const fake: DispatchFn = async (operation, payload, onProgress) => {
      const delay = (payload as { delay: number }).delay;
      onProgress({ operation, phase: `start ${operation}`, done: 0, total: 1 });
      await new Promise((resolve) => setTimeout(resolve, delay));
      return { ok: true, value: operation };
    };
    serveBackend(server, { dispatch: fake, close: () => {} });
    const client = new BackendProtocolClient(clientPort);
    const seen: Record<string, string[]> = { slow: [], fast: [] };
    const slow = client.call('slow', { delay: 40 }, (event) => seen.slow!.push(event.phase));
    const fast = client.call('fast', { delay: 1 }, (event) => seen.fast!.push(event.phase));
    expect(client.pendingCount).toBe(2);
    expect(await fast).toEqual({ ok: true, value: 'fast' });
    expect(await slow).toEqual({ ok: true, value: 'slow' });
    expect(seen).toEqual({ slow: ['start slow'], fast: ['start fast'] });
    expect(client.pendingCount).toBe(0);
  });

  it('answers an internal error if dispatch rejects, and ignores messages that are not requests', async () => {
    const { server, clientPort } = channel();
    serveBackend(server, { dispatch: () => Promise.reject(new Error('boom')), close: () => {} });
    const replies: unknown[] = [];
    clientPort.on('message', (message) => replies.push(message));
    clientPort.postMessage('not an object');
    clientPort.postMessage({ no: 'id' });
    clientPort.postMessage({ id: 7 });
    const client = new BackendProtocolClient(clientPort);
    const result = await client.call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
    expect(replies).toContainEqual({
      id: 7,
      result: { ok: false, error: { code: 'internal', message: 'The request named no operation.' } },
    });
    expect(replies.filter((reply) => (reply as { id: number }).id !== 7 && (reply as { id: number }).id !== 1)).toEqual(
      [],
    );
  });

  it('answers every waiting call with an internal error when the backend is lost', async () => {
    const { clientPort } = channel(); // nobody serves the other end: a backend that died
    const client = new BackendProtocolClient(clientPort);
    const pending = [client.call('app.info', {}), client.call('checklist.list', {})];
    client.failAll('The background process stopped.');
    const results: ApiResult<unknown>[] = await Promise.all(pending);
    for (const result of results)
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'The background process stopped.' } });
    expect(await client.close(20)).toBe(false); // no answer: the timeout decides
  });

  it('refuses a payload that cannot be sent instead of throwing', async () => {
    const { clientPort } = channel();
    const client = new BackendProtocolClient(clientPort);
    const result = await client.call('settings.setUserName', { userName: () => 'not cloneable' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(client.pendingCount).toBe(0);
  });
});
