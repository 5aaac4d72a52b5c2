import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import type { ApiErrorCode, ApiResult } from '../../shared/api/result';
import { Backend } from '../api/backend';
import { dispatch } from '../api/dispatch';
import { MAX_UPLOAD_BYTES } from '../evidence/upload-area';
import type { ProgressEvent } from '../../shared/api/progress';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const STATUS_FOR: Record<ApiErrorCode, number> = {
  'invalid-request': 400,
  'unknown-operation': 404,
  'not-found': 404,
  refused: 409,
  'privacy-blocked': 409,
  'read-only': 409,
  'no-workspace': 409,
  'newer-version': 409,
  damaged: 409,
  cancelled: 409,
  internal: 500,
};
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface HttpHostOptions {
  dataDir: string;
  /** The built renderer (vite's dist/). */
  distDir: string;
  port?: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  origin: string;
  token: string;
  server: Server;
  backend: Backend;
  close(): Promise<void>;
}

/** Bytes in an answer (a template, a pack) travel as {"$bytes": base64}; renderer/api/http-api.ts turns them back. */
const encodeBytes = (_key: string, value: unknown) =>
  value instanceof Uint8Array
    ? { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
    : value;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body, encodeBytes));
}

/** A path segment decoded, or null when its percent-encoding is broken (a 404, not a failure of the host). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } } satisfies ApiResult<never>);
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Serves the renderer on 127.0.0.1 and answers the API contract at POST /api/<operation> with the same dispatch
 * Electron uses. Every /api/ request must carry the per-run token (401 otherwise, before any routing), and only
 * our own origin and host name are accepted, which stops other web pages and DNS rebinding from reaching it.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const backend = new Backend({ dataDir: options.dataDir, host: 'browser' });
  let origin = '';

  // Progress of long work, pushed to every open page (EventSource cannot send headers, so its token is in the query).
  const listeners = new Set<ServerResponse>();
  const broadcast = (event: ProgressEvent) => {
    for (const res of listeners) res.write(`data: ${JSON.stringify(event)}\n\n`);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const queryToken = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
    // EventSource and a download link cannot send headers, so their token is in the query.
    const isEvents = path === '/api/events' && req.method === 'GET';
    const inQuery = isEvents || (path === '/api/download/pack.file' && req.method === 'GET');
    if (!tokenMatches(inQuery ? queryToken : req.headers['x-sendpack-token'], token)) {
      refuse(
        res,
        401,
        'refused',
        'This request has no valid access token. Open the address the app printed when it started.',
      );
      return;
    }
    if (
      (req.headers.origin !== undefined && req.headers.origin !== origin) ||
      req.headers.host !== origin.slice('http://'.length)
    ) {
      refuse(res, 403, 'refused', 'Requests from other web sites are refused.');
      return;
    }
    if (path === '/api/download/pack.file' && req.method === 'GET') {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      await streamPackFile(req, res, { version: Number(query.get('version')), kind: query.get('kind') }, true);
      return;
    }
    if (isEvents) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      refuse(res, 405, 'invalid-request', 'Use POST for API operations.');
      return;
    }
    const operation = decodePath(path.slice('/api/'.length));
    if (operation === null) {
      refuse(res, 404, 'unknown-operation', 'There is no such operation.');
      return;
    }
    // An upload's body is the file itself; every other operation's body is its JSON request.
    const isUpload = operation === 'files.upload';
    const limit = isUpload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
    const raw = await readBody(req, limit);
    if (raw === null) {
      refuse(res, 413, 'invalid-request', `The request is larger than ${Math.round(limit / 1048576)} MB.`);
      return;
    }
    let payload: unknown;
    if (isUpload) {
      let name = '';
      try {
        name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
      } catch {
        /* refused by the schema below */
      }
      payload = {
        name,
        bytes: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
        ...(req.headers['x-memory-only'] === '1' ? { memoryOnly: true } : {}),
      };
    } else {
      try {
        payload = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        refuse(res, 400, 'invalid-request', 'The request body is not valid JSON.');
        return;
      }
    }
    if (operation === 'pack.file') {
      await streamPackFile(req, res, payload, false);
      return;
    }
    // dispatch() orders requests, the same way in every host (main/api/request-order.ts).
    const answer = await dispatch(backend, operation, payload, broadcast);
    send(res, answer.ok ? 200 : STATUS_FOR[answer.error.code], answer);
  };

  /**
   * A built pack or bundle, streamed from disk as it is: never base64 in a JSON string (a string of a 400 MB
   * bundle's base64 is past V8's limit) and never whole in memory, at any size. The request is validated and the
   * file found through dispatch (pack.open's answer is its path; opening it is the desktop host's part only).
   * `download` (the GET a link makes) asks the browser to save it under its name.
   */
  const streamPackFile = async (req: IncomingMessage, res: ServerResponse, payload: unknown, download: boolean) => {
    const found = await dispatch(backend, 'pack.open', payload, broadcast);
    if (!found.ok) {
      send(res, STATUS_FOR[found.error.code], found);
      return;
    }
    const file = (found.value as { path: string }).path;
    const name = basename(file);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      refuse(res, 404, 'not-found', `${name} is no longer in the packs folder; build it again.`);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-store',
      'x-file-name': encodeURIComponent(name),
      'x-content-type-options': 'nosniff',
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
    try {
      await pipeline(createReadStream(file), res);
    } catch (error) {
      if (!req.destroyed && !res.destroyed) throw error;
    }
  };

  const handleStatic = async (res: ServerResponse, path: string) => {
    const decoded = decodePath(path === '/' ? '/index.html' : path);
    if (decoded === null) {
      res.writeHead(404).end();
      return;
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    const file = join(options.distDir, relative);
    if (!file.startsWith(options.distDir + sep) || relative.split(/[/\\]/).includes('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Decided on the raw path too, so "/api/../x" cannot dodge the token check by normalising out of /api/.
    const isApi = path.startsWith('/api/') || (req.url ?? '').startsWith('/api');
    const work = isApi
      ? handleApi(req, res, path)
      : req.method === 'GET' || req.method === 'HEAD'
        ? handleStatic(res, path)
        : Promise.resolve(void res.writeHead(405).end());
    work.catch((error: unknown) => {
      // A page closed or reloaded mid-request: nothing to answer and nothing went wrong here; one line, not a stack.
      if (req.destroyed || (error as NodeJS.ErrnoException)?.code === 'ECONNRESET') {
        console.warn(
          `[sendpack] ${req.method} ${path.slice(0, 100)}: the request was aborted by the page before it was read (${(error as Error)?.message ?? 'aborted'})`,
        );
        return;
      }
      console.error('[sendpack] request failed:', error);
      if (!res.headersSent) refuse(res, 500, 'internal', 'The request failed unexpectedly.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    server,
    backend,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        backend.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
