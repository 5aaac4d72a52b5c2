import { join } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { registerAppScheme, serveApp } from './app-protocol';
import { BackendProcess } from './backend-client';
import { chooseWorkspaceToOpen, showAbout } from './dialogs';
import { registerIpc } from './ipc';
import { MENU_CHANNEL, type MenuCommand } from './ipc-channels';
import { installMenu } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { configureSpellcheck } from './spellcheck';
import { createMainWindow, WINDOW_TITLE } from './window';
import { workspacesDir } from '../settings/data-dir';

/*
 * Electron entry point (bundled to dist-electron/main.cjs, so __dirname is dist-electron/). Main stays thin:
 * window, menu, dialogs and security here; all data work in the backend utility process.
 */

registerAppScheme(); // before 'ready'
app.enableSandbox(); // every renderer sandboxed, whatever a window's options say

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (its 'second-instance' focuses the window) and leaves.
  app.quit();
} else {
  run();
}

function run(): void {
  const isDev = !app.isPackaged;
  const dataDir = process.env.SENDPACK_DATA_DIR || app.getPath('userData');
  const backend = new BackendProcess({ modulePath: join(__dirname, 'backend-process.cjs'), dataDir });
  let mainWindow: BrowserWindow | null = null;

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow({ preloadPath: join(__dirname, 'preload.cjs'), isDev });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    return window;
  };
  const sendMenu = (command: MenuCommand) => {
    if (mainWindow) {
      mainWindow.webContents.send(MENU_CHANNEL, command);
      return;
    }
    // macOS with no window open: a message sent before the page has loaded would be lost.
    const window = openWindow();
    window.webContents.once('did-finish-load', () => window.webContents.send(MENU_CHANNEL, command));
  };

  if (process.platform === 'win32') app.setAppUserModelId('uk.gov.sendevidencepack');
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) {
      if (app.isReady()) openWindow(); // macOS: the app was running with no window open
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(() => {
      const ses = session.defaultSession;
      hardenSession(ses);
      configureSpellcheck(ses, {
        platform: process.platform,
        dictionariesDir: app.isPackaged
          ? join(process.resourcesPath, 'dictionaries')
          : join(app.getAppPath(), 'resources', 'dictionaries'),
        userDataDir: app.getPath('userData'),
      });
      serveApp(ses, join(__dirname, '..', 'dist'));
      registerIpc(backend);
      backend.start();
      installMenu(
        { platform: process.platform, isDev, appName: WINDOW_TITLE },
        {
          newWorkspace: () => sendMenu({ command: 'new-workspace' }),
          showView: (view) => sendMenu({ command: 'show-view', view }),
          openWorkspace: () => {
            void chooseWorkspaceToOpen(mainWindow, workspacesDir(dataDir)).then((path) => {
              if (path) sendMenu({ command: 'open-workspace', path });
            });
          },
          about: () => {
            void showAbout(mainWindow);
          },
        },
      );
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('[sendpack] the app failed to start:', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit only after the backend has closed the workspace and released its lock (bounded by a timeout).
  let backendClosed = false;
  app.on('will-quit', (event) => {
    if (backendClosed) return;
    event.preventDefault();
    void backend.close().finally(() => {
      backendClosed = true;
      app.quit();
    });
  });
}
