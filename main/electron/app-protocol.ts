import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url';
import { CONTENT_SECURITY_POLICY } from './security';

/*
 * The renderer is served from app://sendpack/ (the built dist/ folder, inside app.asar) rather than file://:
 *  - under file:// the CSP source 'self' matches every file:// URL, so a script or image anywhere on the disk
 *    would count as our own; app:// serves only files inside dist/ and 'self' means exactly that;
 *  - file:// pages get extra privileges (the grantFileProtocolExtraPrivileges fuse, which electron-builder.yml
 *    turns off for that reason) and an opaque origin, which makes the IPC sender check (ipc.ts) weaker;
 *  - a custom handler lets us put the CSP header on the response itself, which webRequest cannot do for
 *    file:// or custom schemes.
 */

/** Must run before app 'ready'; Electron honours only one registerSchemesAsPrivileged call. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and a real origin; secure: a secure context like https; supportFetchAPI and
      // corsEnabled: Vite's <script type="module" crossorigin> loads. Deliberately not bypassCSP.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });

/**
 * The file under rootDir that an app:// URL names, or null if the URL is not ours or would leave rootDir
 * (../, encoded ..%2f, absolute paths, NUL bytes).
 */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  const rel = relative(root, file);
  if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

/** Answers one app:// request from rootDir: GET/HEAD only, files only, with the CSP and nosniff headers. */
export async function appResponse(request: { url: string; method: string }, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppFile(request.url, rootDir);
  if (!file) return plain(404, 'Not found');
  try {
    if (!(await stat(file)).isFile()) return plain(404, 'Not found');
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  } catch {
    return plain(404, 'Not found');
  }
}

/** Serves rootDir (the built renderer) on app://sendpack/ for this session. Call after app 'ready'. */
export function serveApp(ses: Session, rootDir: string): void {
  ses.protocol.handle(APP_SCHEME, (request) => appResponse(request, rootDir));
}
