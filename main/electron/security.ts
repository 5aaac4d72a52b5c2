import { shell, type Session, type WebContents, type WebPreferences } from 'electron';
import { isAppEntry, isAppUrl } from './app-url';

/*
 * The window's security defaults (Electron's security checklist, as in Actual's security.ts). Everything is
 * set explicitly even where it matches Electron's default, so a changed default or a careless edit shows up
 * in tests/main/electron/electron-security.test.ts.
 */

/**
 * Sent as a header on every app:// response (app-protocol.ts) and every other response (onHeadersReceived);
 * renderer/index.html carries the same policy as a meta tag. No 'unsafe-inline' or 'unsafe-eval' anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The main window's webPreferences apart from `preload` (a path known only at run time) and `devTools`. */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
  // Middle-click would otherwise ask for a new window; those are denied anyway, this stops the request.
  disableBlinkFeatures: 'Auxclick',
}) satisfies WebPreferences;

/**
 * Sites a link in the app may open in the person's browser: GOV.UK (DfE, Ofsted, legislation.gov.uk, …) and
 * the CQC, which inspects area SEND arrangements jointly with Ofsted. https only; the host or a subdomain.
 */
export const EXTERNAL_LINK_DOMAINS: readonly string[] = ['gov.uk', 'cqc.org.uk'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname.toLowerCase();
  return EXTERNAL_LINK_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Opens an allow-listed https link in the default browser; anything else is dropped. Returns whether it opened. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`[sendpack] blocked a link to ${url.slice(0, 200)}`);
    return false;
  }
  shell.openExternal(url).catch((error: unknown) => console.warn('[sendpack] could not open a link:', error));
  return true;
}

/** Replaces any Content-Security-Policy the response had with ours (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/**
 * Session-wide rules: CSP on every response, no network (the app is offline by design and holds personal
 * data), no permission ever granted, no downloads.
 */
export function hardenSession(ses: Session): void {
  // webRequest's header events do not fire for custom schemes, which is why app-protocol.ts also sets the
  // header itself; this covers anything else the session ever loads.
  ses.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development builds only) brings its own policy and breaks under ours.
    if (details.url.startsWith('devtools://')) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  // Belt and braces behind CSP connect-src and the navigation rules: nothing in this app talks to a server.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      console.warn(`[sendpack] blocked a network request to ${details.url.slice(0, 200)}`);
      callback({ cancel: true });
    },
  );
  // Camera, microphone, notifications, geolocation, clipboard-read, HID/serial/USB…: the app needs none.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Files are written by main through save dialogs, never by the renderer as browser downloads.
  ses.on('will-download', (event) => event.preventDefault());
}

/** Per-webContents rules, applied to every webContents Electron creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (isAppEntry(event.url)) return; // a reload of our own page
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
  // webviewTag is false already; this also refuses a <webview> if that ever changes.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
