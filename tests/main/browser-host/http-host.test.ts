import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../main/browser-host/http-host';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let host: HttpHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(): Promise<HttpHost> {
  const dist = join(tempDir(), 'dist');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHttpHost({ dataDir: tempDir(), distDir: dist });
  return host;
}

/** Raw HTTP, so Host and Origin can be set as an attacker's page or a rebinding DNS name would. */
function raw(h: HttpHost, path: string, headers: Record<string, string>, method = 'POST', body = '{}') {
  const url = new URL(h.origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

describe('browser host', () => {
  it('prints a 127.0.0.1 URL carrying the token', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
  });

  it('answers 401 to any /api/ request without the token, before routing', async () => {
    const h = await start();
    for (const path of ['/api/settings.get', '/api/no.such.operation', '/api/../etc/passwd', '/api/']) {
      expect((await raw(h, path, {})).status, path).toBe(401);
      expect((await raw(h, path, { 'x-sendpack-token': 'wrong' })).status, path).toBe(401);
    }
    // The progress stream takes its token in the query, and refuses without it too.
    expect((await raw(h, '/api/events', {}, 'GET')).status).toBe(401);
    expect((await raw(h, '/api/events?token=wrong', {}, 'GET')).status).toBe(401);
  });

  it('refuses requests from other origins and host names, even with the token', async () => {
    const h = await start();
    const host = new URL(h.origin).host;
    expect(
      (await raw(h, '/api/settings.get', { 'x-sendpack-token': h.token, host, origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(
      (
        await raw(h, '/api/settings.get', {
          'x-sendpack-token': h.token,
          host: `evil.example:${new URL(h.origin).port}`,
        })
      ).status,
    ).toBe(403);
    const ok = await raw(h, '/api/settings.get', { 'x-sendpack-token': h.token, host, origin: h.origin });
    expect(ok).toMatchObject({ status: 200, body: '{"ok":true,"value":{"userName":null}}' });
  });

  it('validates payloads and answers bad JSON with 400', async () => {
    const h = await start();
    const host = new URL(h.origin).host;
    const bad = await raw(
      h,
      '/api/settings.setUserName',
      { 'x-sendpack-token': h.token, host },
      'POST',
      '{"userName": 7}',
    );
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'userName' } });
    expect((await raw(h, '/api/settings.get', { 'x-sendpack-token': h.token, host }, 'POST', '{not json')).status).toBe(
      400,
    );
  });

  it('answers a path with broken percent-encoding with 404, for the API and for files', async () => {
    const h = await start();
    const host = new URL(h.origin).host;
    const api = await raw(h, '/api/%E0%A4%A', { 'x-sendpack-token': h.token, host });
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect((await raw(h, '/%E0%A4%A', {}, 'GET')).status).toBe(404);
  });

  it('serves the renderer with a CSP and nothing outside it', async () => {
    const h = await start();
    const page = await fetch(`${h.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await raw(h, '/..%2f..%2fetc%2fpasswd', {}, 'GET')).status).toBe(404);
  });
});

describe('browser host uploads', () => {
  it('keeps an upload marked memory-only out of the uploads folder, and writes an ordinary one there', async () => {
    const dataDir = tempDir();
    const dist = join(tempDir(), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title>');
    host = await startHttpHost({ dataDir, distDir: dist });
    const headers = {
      'x-sendpack-token': host.token,
      'content-type': 'application/octet-stream',
      'x-file-name': 'List%201.csv',
    };
    const filesIn = (dir: string) =>
      existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
    const memory = await raw(
      host,
      '/api/files.upload',
      { ...headers, 'x-memory-only': '1' },
      'POST',
      'UPN,DOB\nB801200005001,07/12/2001\n',
    );
    expect(JSON.parse(memory.body)).toMatchObject({ ok: true, value: { name: 'List 1.csv', bytes: 33 } });
    expect(filesIn(join(dataDir, 'uploads'))).toEqual([]);
    const disk = await raw(host, '/api/files.upload', headers, 'POST', 'minutes');
    expect(JSON.parse(disk.body)).toMatchObject({ ok: true });
    expect(filesIn(join(dataDir, 'uploads'))).toHaveLength(1);
  });
});
