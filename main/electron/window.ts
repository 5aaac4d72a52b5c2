import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-url';

export const WINDOW_TITLE = 'SEND Evidence Pack';

export interface WindowOptions {
  /** dist-electron/preload.cjs */
  preloadPath: string;
  /** Developer tools only when not packaged. */
  isDev: boolean;
}

/**
 * The main window, with the webPreferences of security.ts spelled out in full (contextIsolation, sandbox, no
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
    // Written out as literals (not spread from WEB_PREFERENCES) so a security scanner reading this call sees them;
    // tests/main/electron/electron-security.test.ts fails if they ever differ from WEB_PREFERENCES.
    webPreferences: {
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
      disableBlinkFeatures: 'Auxclick',
      preload: options.preloadPath,
      devTools: options.isDev,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[sendpack] the window could not load the app:', error);
  });
  return window;
}
