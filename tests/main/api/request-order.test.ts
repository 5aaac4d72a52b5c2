import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import { BackendProtocolClient, serveBackend } from '../../../main/electron/backend-protocol';
import { startHttpHost } from '../../../main/browser-host/http-host';
import { makeWorkspace } from '../../helpers/workspace';
import type { ApiResult } from '../../../shared/api/result';
import { useTempDirs } from '../../helpers/temp-dir';

// Requests are ordered in one place (dispatch), so the browser host and Electron's utility process interleave them
// the same way: two pack builds sent at once never share a version, and a change sent between them runs between them.

const tempDir = useTempDirs();
type Call = (operation: string, payload: unknown) => Promise<ApiResult<unknown>>;

async function concurrentBuilds(call: Call) {
  const finished: string[] = [];
  const track = (label: string, promise: Promise<ApiResult<unknown>>) =>
    promise.then((result) => {
      finished.push(label);
      return result;
    });
  const [first, update, second] = await Promise.all([
    track('build A', call('pack.build', { bundle: true })),
    track('update', call('checklist.update', { itemId: 'jsna-send', owner: 'Sent between the builds' })),
    track('build B', call('pack.build', { bundle: true })),
  ]);
  return { finished, first, update, second };
}

/** The bundle on disk is the one its build recorded (a build that removed another's bundle would fail this). */
function bundleMatchesRecord(folder: string, value: unknown): boolean {
  const { bundlePath, version } = value as { bundlePath: string; version: number };
  const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
  try {
    const recorded = db.prepare('SELECT bundle_sha256 FROM pack_builds WHERE version = ?').pluck().get(version);
    return createHash('sha256').update(readFileSync(bundlePath)).digest('hex') === recorded;
  } finally {
    db.close();
  }
}

describe('one ordering of requests for every host', () => {
  it('the Electron protocol host and the browser host interleave concurrent requests the same way', async () => {
    const outcomes: Record<string, Awaited<ReturnType<typeof concurrentBuilds>>> = {};
    const folders: Record<string, string> = {};

    // Electron: the utility process's protocol over a MessageChannel, dispatching as backend-process.ts does.
    {
      const dataDir = tempDir();
      const folder = makeWorkspace(dataDir, { area: 'Ordershire' }).folder;
      const backend = new Backend({ dataDir, host: 'electron' });
      const { port1, port2 } = new MessageChannel();
      serveBackend(port1, {
        dispatch: (op, payload, onProgress) => dispatch(backend, op, payload, onProgress),
        close: () => backend.close(),
      });
      const client = new BackendProtocolClient(port2);
      await client.call('settings.setUserName', { userName: 'Ada Officer' });
      await client.call('workspace.open', { path: folder });
      outcomes.electron = await concurrentBuilds((op, payload) => client.call(op, payload));
      folders.electron = folder;
      backend.close();
      port1.close();
      port2.close();
    }
    // The browser host over HTTP.
    {
      const dataDir = tempDir();
      const folder = makeWorkspace(dataDir, { area: 'Ordershire' }).folder;
      mkdirSync(join(dataDir, 'dist'));
      writeFileSync(join(dataDir, 'dist', 'index.html'), '<!doctype html>');
      const host = await startHttpHost({ dataDir, distDir: join(dataDir, 'dist') });
      try {
        const call: Call = async (op, payload) =>
          (
            await fetch(`${host.origin}/api/${op}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-sendpack-token': host.token },
              body: JSON.stringify(payload),
            })
          ).json() as Promise<ApiResult<unknown>>;
        await call('settings.setUserName', { userName: 'Ada Officer' });
        await call('workspace.open', { path: folder });
        outcomes.browser = await concurrentBuilds(call);
        folders.browser = folder;
      } finally {
        await host.close();
      }
    }

    for (const [host, outcome] of Object.entries(outcomes)) {
      expect(outcome.first, host).toMatchObject({ ok: true, value: { version: 1 } });
      expect(outcome.second, host).toMatchObject({ ok: true, value: { version: 2 } });
      expect(outcome.update, host).toMatchObject({ ok: true });
      // Each build's files are its own, whole and present (neither removed the other's bundle).
      for (const built of [outcome.first, outcome.second]) {
        const value = (built as { value: { docxPath: string; bundlePath: string } }).value;
        expect(readFileSync(value.docxPath).length, host).toBeGreaterThan(1000);
        expect(bundleMatchesRecord(folders[host]!, value), host).toBe(true);
      }
    }
    expect(outcomes.electron!.finished).toEqual(['build A', 'update', 'build B']);
    expect(outcomes.browser!.finished).toEqual(outcomes.electron!.finished);
  }, 120_000);
});

describe('work that steps out of the queue while it waits', () => {
  it('lets the requests behind it run, and queues again behind them before it goes on', async () => {
    const { RequestOrder } = await import('../../../main/api/request-order');
    const order = new RequestOrder();
    const log: string[] = [];
    let finishRead!: () => void;
    const read = new Promise<void>((resolve) => {
      finishRead = resolve;
    });
    const attach = order.run('attachments.add', async (outside) => {
      log.push('attach: stored');
      await outside(async () => {
        log.push('attach: reading');
        await read;
      });
      log.push('attach: recorded');
    });
    const list = order.run('checklist.list', async () => {
      log.push('list');
    });
    await list;
    const update = order.run('checklist.update', async () => {
      log.push('update');
    });
    finishRead();
    await Promise.all([attach, update]);
    expect(log).toEqual(['attach: stored', 'attach: reading', 'list', 'update', 'attach: recorded']);
  });
});

describe('several waits outside the queue at once', () => {
  it('lets other requests run while any is outside, resumes each only with the queue held, and frees the queue when the work fails', async () => {
    const { RequestOrder } = await import('../../../main/api/request-order');
    const order = new RequestOrder();
    const log: string[] = [];
    const later = (ms: number, label: string) => () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          log.push(`${label} read`);
          resolve(label);
        }, ms),
      );
    const attach = order.run('attachments.add', async (outside) => {
      const reads = [outside(later(30, 'a')), outside(later(10, 'b'))];
      log.push('stored both');
      const got = await Promise.all(reads);
      log.push('recorded');
      return got;
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
    const other = order.run('checklist.update', async () => {
      log.push('other request');
    });
    expect(await attach).toEqual(['a', 'b']);
    await other;
    expect(log).toEqual(['stored both', 'other request', 'b read', 'a read', 'recorded']);

    const failing = order.run('attachments.add', async (outside) => {
      void outside(later(20, 'slow')).catch(() => undefined);
      throw new Error('a file could not be stored');
    });
    await expect(failing).rejects.toThrow('could not be stored');
    await order.run('checklist.update', async () => {
      log.push('after the failure');
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await order.run('checklist.update', async () => {
      log.push('after the slow read ended');
    });
    expect(log.slice(-3)).toEqual(['after the failure', 'slow read', 'after the slow read ended']);
  });
});
