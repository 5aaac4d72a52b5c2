/**
 * Small failures handled as a well-made tool would (issue 14, item 10): output to a closed pipe ends quietly, a
 * refusal names only what exists, and a request the page aborted is one line in the log.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHttpHost } from '../../../main/browser-host/http-host';
import { exportWorkspace, importWorkspace } from '../../../main/workspace/workspace-archive';
import { Workspace } from '../../../main/workspace/workspace';
import { makeWorkspace } from '../../helpers/workspace';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('output to a closed pipe', () => {
  it('ends quietly: `sendpack status --json | head -c1` exits 0 with nothing on stderr', () => {
    const dir = tempDir();
    const folder = makeWorkspace(dir, { area: 'Pipeshire' }).folder;
    // Output well past a pipe's 64 KB buffer, so the writer is still writing when head has gone.
    const db = new BetterSqlite3(join(folder, 'workspace.db'));
    db.prepare('UPDATE items SET note = ? WHERE rowid <= 8').run('Notes on the partnership. '.repeat(700));
    db.close();
    const script = `set -o pipefail; "${process.execPath}" bin/sendpack.mjs status --db "${folder}" --json 2>"${join(dir, 'stderr')}" | head -c1 >/dev/null`;
    const run = spawnSync('bash', ['-c', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
    expect(readFileSync(join(dir, 'stderr'), 'utf8')).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('refusals name only what exists', () => {
  it('an archive whose database is not one names the archive, never the staging folder it removed', async () => {
    const dir = tempDir();
    const folder = makeWorkspace(dir, { area: 'Namesshire' }).folder;
    const workspace = Workspace.open(folder, { user: 'Ann' });
    await exportWorkspace(workspace.db, folder, 'Namesshire', join(dir, 'good.zip'));
    workspace.close();
    const entries = unzipSync(readFileSync(join(dir, 'good.zip')));
    const notADatabase = new TextEncoder().encode('This is not a database at all, just some text standing in for one.');
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']!)) as {
      files: Record<string, unknown>;
    };
    manifest.files['workspace.db'] = {
      bytes: notADatabase.length,
      sha256: createHash('sha256').update(notADatabase).digest('hex'),
    };
    const zip = join(dir, 'odd.zip');
    writeFileSync(
      zip,
      zipSync({ 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)), 'workspace.db': notADatabase }),
    );
    mkdirSync(join(dir, 'in'));
    const error = await importWorkspace(zip, join(dir, 'in', 'Copy.sendpack')).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /odd\.zip cannot be imported: its workspace\.db is not a SEND Evidence Pack workspace database/,
    );
    expect(error?.message).not.toMatch(/\.importing-|backups folder/);
    for (const path of error!.message.match(/\/[^\s,;:()"]+/g) ?? [])
      expect(existsSync(path.replace(/[.]$/, '')), path).toBe(true);
  });
});

describe('a request the page aborted', () => {
  it('is logged once, in one line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
    const host = await startHttpHost({ dataDir: join(dir, 'data'), distDir: join(dir, 'dist') });
    const lines: string[] = [];
    const record = (...args: unknown[]) => {
      lines.push(
        ...args
          .map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a)))
          .join(' ')
          .split('\n'),
      );
    };
    vi.spyOn(console, 'error').mockImplementation(record);
    vi.spyOn(console, 'warn').mockImplementation(record);
    vi.spyOn(console, 'log').mockImplementation(record);
    try {
      const { hostname, port } = new URL(host.origin);
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(
            `POST /api/files.upload HTTP/1.1\r\nHost: ${hostname}:${port}\r\nX-Sendpack-Token: ${host.token}\r\n` +
              'X-File-Name: big.bin\r\nContent-Length: 1000000\r\n\r\n',
          );
          socket.write(Buffer.alloc(20_000));
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
      });
      for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/POST \/api\/files\.upload: the request was aborted by the page/);
    } finally {
      await host.close();
    }
  });
});
