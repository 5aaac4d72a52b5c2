/**
 * Where the renderer lives: app://sendpack/. A privileged custom scheme rather than file:// (see app-protocol.ts
 * for why). Kept free of electron imports so tests and the security checks can share it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sendpack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for any URL served by our app:// handler (the only content the window may show or talk from). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** True when `url` is the app's own page (ignoring the #fragment), i.e. a reload rather than a navigation away. */
export function isAppEntry(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === '/' || parsed.pathname === '/index.html';
}
