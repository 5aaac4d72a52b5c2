import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { lastLine, sendpackAsync, startServerProcess, type ServerProcess } from '../../helpers/sync-processes';

const tempDir = useTempDirs();
let server: ServerProcess | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('the sync server over TLS', () => {
  it('serves wss:// with the given certificate, refuses an unknown token, and a token invited while it runs works at once', async () => {
    const dir = tempDir();
    const cert = join(dir, 'server.crt');
    const key = join(dir, 'server.key');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const data = join(dir, 'server-data-not-made-yet');
    server = await startServerProcess(data, ['--cert', cert, '--key', key]);
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    // The officers' machines trust the council's certificate (here: this one, as an extra CA).
    const env = { NODE_EXTRA_CA_CERTS: cert };
    const db = join(dir, 'Northshire.sendpack');
    expect((await sendpackAsync(['init', '--db', db, '--area', 'Northshire'], dir)).code).toBe(0);
    const unknown = await sendpackAsync(
      ['sync', '--db', db, '--server', server.url, '--token', 'sp_not-a-token-anyone-issued'],
      dir,
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/does not know this token/);
    const invited = await sendpackAsync(
      ['sync-server', 'invite', '--data', data, '--name', 'Cora Hale', '--role', 'coordinator'],
      dir,
    );
    const token = lastLine(invited.stdout);
    expect(token).toMatch(/^sp_[A-Za-z0-9_-]{20,}$/);
    const synced = await sendpackAsync(
      ['sync', '--db', db, '--server', server.url, '--token', token, '--json'],
      dir,
      env,
    );
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({
      inStep: true,
      person: { name: 'Cora Hale', role: 'coordinator' },
    });
    // Without the certificate trusted, the connection is refused rather than made in clear.
    const untrusted = await sendpackAsync(['sync', '--db', db, '--server', server.url, '--token', token], dir);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/cannot be reached/);
  }, 90_000);
});
