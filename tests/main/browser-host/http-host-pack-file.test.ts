import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../main/browser-host/http-host';
import { makeWorkspace } from '../../helpers/workspace';
import { useTempDirs } from '../../helpers/temp-dir';

// Saving a pack or bundle from the browser host streams the file: no base64 in JSON, at any size. A bundle past
// ~384 MB used to be base64-encoded into one JSON string (ERR_STRING_TOO_LONG, with the headers already sent).

const tempDir = useTempDirs();

/** Sends a request and reads the answer as a stream, keeping only its size, hash and first bytes. */
function fetchStreamed(host: HttpHost, method: string, path: string, headers: Record<string, string>, body?: string) {
  const { hostname, port } = new URL(host.origin);
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    bytes: number;
    sha256: string;
    head: string;
  }>((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      let head = '';
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
        if (head.length < 200) head += chunk.toString('latin1', 0, 200);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, sha256: hash.digest('hex'), head }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function hostWithBuild() {
  const dir = tempDir();
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
  const folder = makeWorkspace(dir, { area: 'Streamshire' }).folder;
  const host = await startHttpHost({ dataDir: join(dir, 'data'), distDir: join(dir, 'dist') });
  const post = (op: string, payload: unknown) =>
    fetch(`${host.origin}/api/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sendpack-token': host.token },
      body: JSON.stringify(payload),
    }).then((r) => r.json() as Promise<{ ok: boolean; value: { bundlePath: string; docxPath: string } }>);
  await post('settings.setUserName', { userName: 'Ada' });
  await post('workspace.open', { path: folder });
  const built = await post('pack.build', { bundle: true });
  expect(built.ok).toBe(true);
  return { host, built: built.value };
}

describe('saving a pack or bundle from the browser host', () => {
  it("answers pack.file with the file's own bytes, not base64 in JSON", async () => {
    const { host, built } = await hostWithBuild();
    try {
      const answer = await fetchStreamed(
        host,
        'POST',
        '/api/pack.file',
        { 'content-type': 'application/json', 'x-sendpack-token': host.token },
        JSON.stringify({ version: 1, kind: 'docx' }),
      );
      const file = readFileSync(built.docxPath);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/octet-stream');
      expect(decodeURIComponent(String(answer.headers['x-file-name']))).toBe('Streamshire evidence pack v1.docx');
      expect([answer.bytes, answer.sha256]).toEqual([file.length, createHash('sha256').update(file).digest('hex')]);
      // A refusal is still a JSON answer in words.
      const missing = await fetchStreamed(
        host,
        'POST',
        '/api/pack.file',
        { 'content-type': 'application/json', 'x-sendpack-token': host.token },
        JSON.stringify({ version: 9, kind: 'docx' }),
      );
      expect(missing.status).toBe(404);
      expect(missing.head).toMatch(/"code":"not-found".*Version 9 has no Word pack/);
    } finally {
      await host.close();
    }
  }, 60_000);

  it('streams a 600 MB bundle in full, by POST and as a download link, and only with the token', async () => {
    const { host, built } = await hostWithBuild();
    try {
      // The bundle made 600 MB (a sparse file: no disk used), past where base64 in one JSON string fails.
      const size = 600 * 1024 * 1024;
      truncateSync(built.bundlePath, size);
      const posted = await fetchStreamed(
        host,
        'POST',
        '/api/pack.file',
        { 'content-type': 'application/json', 'x-sendpack-token': host.token },
        JSON.stringify({ version: 1, kind: 'bundle' }),
      );
      expect([posted.status, posted.bytes, posted.headers['content-length']]).toEqual([200, size, String(size)]);
      const link = await fetchStreamed(
        host,
        'GET',
        `/api/download/pack.file?version=1&kind=bundle&token=${host.token}`,
        {},
      );
      expect([link.status, link.bytes]).toEqual([200, size]);
      expect(link.headers['content-disposition']).toBe(
        "attachment; filename*=UTF-8''Streamshire%20evidence%20bundle%20v1.zip",
      );
      const noToken = await fetchStreamed(host, 'GET', '/api/download/pack.file?version=1&kind=bundle&token=wrong', {});
      expect([noToken.status, noToken.bytes < 1000]).toEqual([401, true]);
    } finally {
      await host.close();
    }
  }, 120_000);
});
