import type { SendpackApi } from '../../shared/api/api';
import { createHttpApi, readToken } from './http-api';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser host. */
    sendpack?: SendpackApi;
  }
}

/** True in the desktop app, where main opens files and shows them in their folder; false in the browser host. */
export function isDesktop(): boolean {
  return Boolean(window.sendpack);
}

export function resolveApi(): SendpackApi | null {
  if (window.sendpack) return window.sendpack;
  const token = readToken(window.location, window.sessionStorage);
  return token ? createHttpApi(token) : null;
}
