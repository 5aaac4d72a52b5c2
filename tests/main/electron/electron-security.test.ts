import { EventEmitter } from 'node:events';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { OPERATION_NAMES } from '../../../shared/api/operation-names';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';

// Electron cannot run here, so 'electron' is replaced by recording fakes; the code under test is the real
// main/electron code.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  openExternal: vi.fn(async () => {}),
  openPath: vi.fn(async () => ''),
  showItemInFolder: vi.fn(),
  showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({
    canceled: true,
  })),
  windows: [] as { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.ipcRendererListeners.get(channel) ?? new Set();
      set.add(listener);
      electron.ipcRendererListeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      electron.ipcRendererListeners.get(channel)?.delete(listener);
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  shell: {
    openExternal: electron.openExternal,
    openPath: electron.openPath,
    showItemInFolder: electron.showItemInFolder,
  },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  dialog: { showSaveDialog: electron.showSaveDialog },
  BrowserWindow: class {
    static fromWebContents() {
      return null;
    }
    readonly loadURL = vi.fn(async () => {});
    readonly once = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      electron.windows.push(this);
    }
  },
}));

const { CONTENT_SECURITY_POLICY, WEB_PREFERENCES, hardenSession, hardenWebContents, isAllowedExternalUrl, withCsp } =
  await import('../../../main/electron/security');
const { createMainWindow, WINDOW_TITLE } = await import('../../../main/electron/window');
const { registerIpc, isTrustedSender } = await import('../../../main/electron/ipc');
const { appResponse, resolveAppFile } = await import('../../../main/electron/app-protocol');

const tempDir = useTempDirs();
beforeEach(() => {
  electron.openExternal.mockClear();
  electron.invoke.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // blocked links and refused calls are logged
});

describe('window webPreferences', () => {
  it('sets every security preference explicitly, as own keys', () => {
    const expected = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(Object.hasOwn(WEB_PREFERENCES, key), `${key} is not set explicitly`).toBe(true);
      expect(WEB_PREFERENCES[key as keyof typeof WEB_PREFERENCES], key).toBe(value);
    }
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });

  it('creates the window with exactly those preferences, the bundled preload and the app:// page', () => {
    createMainWindow({ preloadPath: '/app/dist-electron/preload.cjs', isDev: false });
    const window = electron.windows.at(-1)!;
    expect(window.options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('SEND Evidence Pack');
    expect(window.options.webPreferences).toEqual({
      ...WEB_PREFERENCES,
      preload: '/app/dist-electron/preload.cjs',
      devTools: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://sendpack/index.html');
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict policy, with no unsafe sources', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|http/);
  });

  it('replaces any policy a response brings, whatever the header case', () => {
    expect(withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] })).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('is sent with every page the app:// handler serves', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const page = await appResponse({ url: 'app://sendpack/index.html', method: 'GET' }, root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>t</title>');
    const script = await appResponse({ url: 'app://sendpack/assets/app.js', method: 'GET' }, root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await appResponse({ url: 'app://sendpack/', method: 'GET' }, root)).status).toBe(200);
    expect((await appResponse({ url: 'app://sendpack/missing.js', method: 'GET' }, root)).status).toBe(404);
    expect((await appResponse({ url: 'app://sendpack/assets', method: 'GET' }, root)).status).toBe(404);
    expect((await appResponse({ url: 'app://sendpack/index.html', method: 'POST' }, root)).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', () => {
    const root = '/srv/app/dist';
    expect(resolveAppFile('app://sendpack/assets/a.js', root)).toBe('/srv/app/dist/assets/a.js');
    for (const url of [
      'app://sendpack/../package.json',
      'app://sendpack/%2e%2e/package.json',
      'app://sendpack/assets/..%2f..%2fpackage.json',
      'app://sendpack/..%5cpackage.json',
      'app://sendpack/a%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://sendpack/index.html',
      'app://sendpack/%E0%A4%A',
    ]) {
      const file = resolveAppFile(url, root);
      expect(file === null || file.startsWith('/srv/app/dist/'), `${url} → ${file}`).toBe(true);
    }
    expect(resolveAppFile('app://sendpack/..%2f..%2fetc/passwd', root)).toBeNull();
  });
});

describe('preload', () => {
  it('exposes one named function per operation plus onProgress, and nothing generic', async () => {
    await import('../../../main/electron/preload');
    expect([...electron.exposed.keys()]).toEqual(['sendpack']);
    const api = electron.exposed.get('sendpack') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [...OPERATION_NAMES, 'chooseWorkspaceFolder', 'onMenu', 'onProgress', 'saveFile', 'savePackFile'].sort(),
    );
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    for (const forbidden of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) {
      expect(Object.keys(api)).not.toContain(forbidden);
    }
  });

  it('maps each operation to its own channel', async () => {
    const api = electron.exposed.get('sendpack') as Record<string, (request: unknown) => Promise<unknown>>;
    for (const name of OPERATION_NAMES) {
      electron.invoke.mockClear();
      await api[name]!({ probe: name });
      expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(`sendpack:${name}`, { probe: name });
    }
  });

  it('passes progress to listeners without the IPC event, and unsubscribes', () => {
    const api = electron.exposed.get('sendpack') as { onProgress(listener: (...args: unknown[]) => void): () => void };
    const received: unknown[][] = [];
    const unsubscribe = api.onProgress((...args) => received.push(args));
    const listeners = electron.ipcRendererListeners.get('sendpack:progress')!;
    expect(listeners.size).toBe(1);
    const progress = { operation: 'workspace.create', phase: 'Opening it', done: 1, total: 2 };
    for (const listener of listeners) listener({ sender: 'the ipcRenderer' }, progress);
    expect(received).toEqual([[progress]]);
    unsubscribe();
    expect(listeners.size).toBe(0);
  });
});

function fakeSession() {
  const handlers: Record<string, (...args: never[]) => unknown> = {};
  const emitter = new EventEmitter();
  const session = {
    webRequest: {
      onHeadersReceived: (listener: (...args: never[]) => unknown) => {
        handlers.headers = listener;
      },
      onBeforeRequest: (filter: unknown, listener: (...args: never[]) => unknown) => {
        handlers.beforeRequest = listener;
        handlers.beforeRequestFilter = () => filter;
      },
    },
    setPermissionRequestHandler: (handler: (...args: never[]) => unknown) => {
      handlers.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: (...args: never[]) => unknown) => {
      handlers.permissionCheck = handler;
    },
    setDevicePermissionHandler: (handler: (...args: never[]) => unknown) => {
      handlers.devicePermission = handler;
    },
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
  };
  return { session: session as unknown as Session, handlers, emitter };
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'unknown',
    ]) {
      const callback = vi.fn();
      (handlers.permissionRequest as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(
        (handlers.permissionCheck as (...args: unknown[]) => boolean)(null, permission, 'app://sendpack', {}),
        permission,
      ).toBe(false);
    }
    expect((handlers.devicePermission as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('puts the CSP on responses, cancels network requests and downloads', () => {
    const { session, handlers, emitter } = fakeSession();
    hardenSession(session);
    const headersCallback = vi.fn();
    (handlers.headers as (...args: unknown[]) => void)(
      { url: 'app://sendpack/index.html', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      headersCallback,
    );
    expect(headersCallback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    const devtoolsCallback = vi.fn();
    (handlers.headers as (...args: unknown[]) => void)(
      { url: 'devtools://devtools/bundled/index.html', responseHeaders: {} },
      devtoolsCallback,
    );
    expect(devtoolsCallback).toHaveBeenCalledWith({});
    const requestCallback = vi.fn();
    (handlers.beforeRequest as (...args: unknown[]) => void)({ url: 'https://example.com/track' }, requestCallback);
    expect(requestCallback).toHaveBeenCalledWith({ cancel: true });
    expect((handlers.beforeRequestFilter as () => { urls: string[] })().urls).toEqual([
      'http://*/*',
      'https://*/*',
      'ws://*/*',
      'wss://*/*',
    ]);
    const download = { preventDefault: vi.fn() };
    emitter.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

function fakeContents() {
  const emitter = new EventEmitter();
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler;
    },
  });
  hardenWebContents(contents as unknown as WebContents);
  const navigate = (event: string, url: string) => {
    const details = { url, preventDefault: vi.fn() };
    emitter.emit(event, details);
    return details.preventDefault.mock.calls.length > 0;
  };
  return { navigate, open: (url: string) => windowOpen!({ url }), emitter };
}

describe('webContents hardening', () => {
  it('blocks navigation away from the app, opening only allow-listed links in the browser', () => {
    const { navigate } = fakeContents();
    expect(navigate('will-navigate', 'app://sendpack/index.html')).toBe(false); // reload
    expect(navigate('will-navigate', 'app://sendpack/index.html#checklist')).toBe(false);
    expect(navigate('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://sendpack/assets/index.js')).toBe(true);
    expect(electron.openExternal).not.toHaveBeenCalled();
    expect(navigate('will-navigate', 'https://www.gov.uk/government/publications/area-send-framework')).toBe(true);
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://www.gov.uk/government/publications/area-send-framework',
    );
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'app://sendpack/index.html')).toBe(false);
  });

  it('denies every new window', () => {
    const { open } = fakeContents();
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://sendpack/index.html')).toEqual({ action: 'deny' });
    expect(electron.openExternal).not.toHaveBeenCalled();
    expect(open('https://www.legislation.gov.uk/ukpga/2014/6/contents')).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://www.legislation.gov.uk/ukpga/2014/6/contents',
    );
  });

  it('refuses to attach a <webview>', () => {
    const { emitter } = fakeContents();
    const event = { preventDefault: vi.fn() };
    emitter.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('allows external links only to https gov.uk and cqc.org.uk hosts', () => {
    for (const url of [
      'https://www.gov.uk/x',
      'https://gov.uk',
      'https://assets.publishing.service.gov.uk/a.pdf',
      'https://www.cqc.org.uk/',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://www.gov.uk/x',
      'https://evilgov.uk',
      'https://gov.uk.evil.example/',
      'https://user:pw@www.gov.uk/',
      'https://www.gov.uk:8443/',
      'javascript:alert(1)',
      'file:///C:/Windows',
      'mailto:someone@gov.uk',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('IPC handlers', () => {
  const appFrame = { url: 'app://sendpack/index.html', parent: null };
  const sender = { isDestroyed: () => false, send: vi.fn() };

  it('registers exactly one handler per operation, refusing frames that are not the app', async () => {
    const runner = {
      call: vi.fn(async (operation: string, _payload: unknown, onProgress: (event: never) => void) => {
        onProgress({ operation, phase: 'Working', done: 1, total: 2 } as never);
        return { ok: true as const, value: operation };
      }),
    };
    const unregister = registerIpc(runner);
    expect([...electron.handlers.keys()].sort()).toEqual(
      [
        ...OPERATION_NAMES.map((name) => `sendpack:${name}`),
        'sendpack:save-file',
        'sendpack:save-pack-file',
        'sendpack:choose-workspace',
      ].sort(),
    );
    // Saving a file or choosing a workspace shows a native dialog only for the app's own frame.
    expect(
      await electron.handlers.get('sendpack:save-file')!(
        { senderFrame: { url: 'https://evil.example/', parent: null }, sender },
        { suggestedName: 'x.csv', content: 'a' },
      ),
    ).toEqual({ saved: false, path: null });
    expect(
      await electron.handlers.get('sendpack:save-pack-file')!(
        { senderFrame: { url: 'https://evil.example/', parent: null }, sender },
        { version: 1, kind: 'bundle' },
      ),
    ).toEqual({ saved: false, path: null });
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
    expect(
      await electron.handlers.get('sendpack:choose-workspace')!(
        { senderFrame: { url: 'https://evil.example/', parent: null }, sender },
        undefined,
      ),
    ).toBeNull();

    const handler = electron.handlers.get('sendpack:app.info')!;
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      { url: 'app://sendpack/index.html', parent: appFrame }, // an iframe, even of our own origin
      null, // the frame navigated away or was destroyed
    ]) {
      expect(await handler({ senderFrame, sender }, {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    }
    expect(runner.call).not.toHaveBeenCalled();

    expect(await handler({ senderFrame: appFrame, sender }, { a: 1 })).toEqual({ ok: true, value: 'app.info' });
    expect(runner.call).toHaveBeenCalledWith('app.info', { a: 1 }, expect.any(Function));
    expect(sender.send).toHaveBeenCalledWith('sendpack:progress', {
      operation: 'app.info',
      phase: 'Working',
      done: 1,
      total: 2,
    });
    unregister();
    expect(electron.handlers.size).toBe(0);
  });

  it('hands an opened attachment to the system only when main decided it is not a program or script', async () => {
    const copies = { 'notes.pdf': 'viewer', 'evil.exe': 'folder' } as const;
    const unregister = registerIpc({
      call: async (_operation: string, payload: unknown) => {
        const name = (payload as { name: keyof typeof copies }).name;
        return {
          ok: true as const,
          value: { path: `/tmp/copy/${name}`, fileName: name, opensWith: copies[name], warning: null },
        };
      },
    });
    const open = electron.handlers.get('sendpack:attachments.open')!;
    await open({ senderFrame: appFrame, sender }, { name: 'notes.pdf' });
    await open({ senderFrame: appFrame, sender }, { name: 'evil.exe' });
    expect(electron.openPath.mock.calls).toEqual([['/tmp/copy/notes.pdf']]);
    expect(electron.showItemInFolder.mock.calls).toEqual([['/tmp/copy/evil.exe']]);
    unregister();
  });

  it('saves a built pack or bundle by copying it on disk: only its version and kind cross IPC, at any size', async () => {
    const dir = tempDir();
    const backend = new Backend({ dataDir: join(dir, 'data'), host: 'electron' });
    try {
      await makeWorkspace(dir, { area: 'Copyshire', via: backend });
      const built = await dispatch(backend, 'pack.build', { bundle: true });
      if (!built.ok) throw new Error(built.error.message);
      const bundle = (built.value as { bundlePath: string }).bundlePath;
      // 600 MB (sparse: no disk used), the size that once never reached the browser host's page; through IPC it was
      // read whole into the backend and cloned three times on its way to the page and back.
      truncateSync(bundle, 600 * 1024 * 1024);
      const calls: { operation: string; payload: unknown }[] = [];
      const unregister = registerIpc({
        call: (operation, payload, onProgress) => {
          calls.push({ operation, payload });
          return dispatch(backend, operation, payload, onProgress);
        },
      });
      const save = electron.handlers.get('sendpack:save-pack-file')!;
      electron.openPath.mockClear();
      electron.showItemInFolder.mockClear();
      const target = join(dir, 'chosen', 'Sent to the inspectors.zip');
      mkdirSync(dirname(target));
      try {
        // The officer chooses where: the dialog offers the built file's own name.
        electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
        const answer = await save({ senderFrame: appFrame, sender }, { version: 1, kind: 'bundle' });
        expect(answer).toEqual({ saved: true, path: target });
        expect(electron.showSaveDialog.mock.lastCall?.at(-1)).toEqual({
          defaultPath: 'Copyshire evidence bundle v1.zip',
        });
        // The file was never read into the backend (pack.file); the backend only found it (pack.open), and nothing
        // was opened on the desktop.
        expect(calls).toEqual([{ operation: 'pack.open', payload: { version: 1, kind: 'bundle' } }]);
        expect(electron.openPath).not.toHaveBeenCalled();
        expect(electron.showItemInFolder).not.toHaveBeenCalled();
        expect(statSync(target).size).toBe(600 * 1024 * 1024);
        const head = (path: string) => {
          const bytes = Buffer.alloc(65_536);
          const fd = openSync(path, 'r');
          readSync(fd, bytes, 0, bytes.length, 0);
          closeSync(fd);
          return bytes;
        };
        expect(head(target).equals(head(bundle))).toBe(true);
        expect(readdirSync(dirname(target))).toEqual(['Sent to the inspectors.zip']); // no .partial left
        rmSync(target);

        // Cancelling the dialog saves nothing; a version never built is a refusal in words, with no dialog at all.
        electron.showSaveDialog.mockResolvedValueOnce({ canceled: true });
        expect(await save({ senderFrame: appFrame, sender }, { version: 1, kind: 'docx' })).toEqual({
          saved: false,
          path: null,
        });
        electron.showSaveDialog.mockClear();
        expect(await save({ senderFrame: appFrame, sender }, { version: 7, kind: 'bundle' })).toEqual({
          saved: false,
          path: null,
          problem: expect.stringMatching(/Version 7/),
        });
        expect(await save({ senderFrame: appFrame, sender }, { version: '../x', kind: 'bundle' })).toMatchObject({
          saved: false,
          problem: expect.any(String),
        });
        expect(electron.showSaveDialog).not.toHaveBeenCalled();

        // A folder that cannot take the copy (gone since the dialog): said in words naming the chosen file, never
        // the temporary name, and no half-written file is left.
        const gone = join(dir, 'gone');
        electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(gone, 'pack.docx') });
        const refused = (await save({ senderFrame: appFrame, sender }, { version: 1, kind: 'docx' })) as {
          saved: boolean;
          problem?: string;
        };
        expect(refused.saved).toBe(false);
        expect(refused.problem).toMatch(/^pack\.docx was not saved: .*gone/);
        expect(refused.problem).not.toMatch(/partial/);
      } finally {
        unregister();
      }
    } finally {
      backend.close();
    }
  }, 120_000);

  it('answers an error envelope instead of throwing across IPC', async () => {
    const unregister = registerIpc({ call: () => Promise.reject(new Error('lost')) });
    const result = await electron.handlers.get('sendpack:checklist.list')!({ senderFrame: appFrame, sender }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('lost') } });
    unregister();
  });

  it('trusts only the top-level app:// frame', () => {
    expect(isTrustedSender({ senderFrame: appFrame as never })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://sendpack.evil/index.html', parent: null } as never })).toBe(
      false,
    );
    expect(isTrustedSender({ senderFrame: { url: 'app://other/index.html', parent: null } as never })).toBe(false);
  });
});
