import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-url';
import { WEB_PREFERENCES } from './security';

export const WINDOW_TITLE = 'SEND Evidence Pack';

export interface WindowOptions {
  /** dist-electron/preload.cjs */
  preloadPath: string;
  /** Developer tools only when not packaged. */
  isDev: boolean;
}

/**
 * The main window. webPreferences come from security.ts, spelled out in full (contextIsolation, sandbox, no
 * node integration, no webview, spellcheck); the page is the built renderer served on app://sendpack/ (see
 * app-protocol.ts for why not file://).
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false, // shown on ready-to-show, so the person never sees an empty white frame
    backgroundColor: '#ffffff',
    webPreferences: { ...WEB_PREFERENCES, preload: options.preloadPath, devTools: options.isDev },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[sendpack] the window could not load the app:', error);
  });
  return window;
}
