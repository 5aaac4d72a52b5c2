import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../../main/workspace/workspace-lock';
import { OPERATION_NAMES } from '../../../shared/api/operation-names';

// Boots the real bundles from `npm run build` — dist-electron/main.cjs with a fake 'electron' — and serves
// calls through dist-electron/backend-process.cjs in a real child process with the real better-sqlite3. The
// child is a node child_process standing in for Electron's utilityProcess, given the parentPort Electron
// would give it. This catches what type checks and mocked unit tests cannot: a bundle that doesn't start,
// a module that can't be found, a message shape that doesn't match.

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN_BUNDLE = join(ROOT, 'dist-electron/main.cjs');

// While the file named by SENDPACK_SMOKE_HOLD exists, the child drops what it is sent: a call made then can only
// be answered by the child's death, whatever the machine's load (answering it first was a race CI once lost).
const PARENT_PORT_SHIM = `
const { EventEmitter } = require('node:events');
const { existsSync } = require('node:fs');
const port = new EventEmitter();
process.on('message', (data) => {
  if (process.env.SENDPACK_SMOKE_HOLD && existsSync(process.env.SENDPACK_SMOKE_HOLD)) return;
  port.emit('message', { data, ports: [] });
});
port.postMessage = (message) => process.send(message);
process.parentPort = port;
`;

// Results are loosely typed: the tests check them with toMatchObject.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions read whatever each operation answers
type Handler = (event: unknown, payload: unknown) => Promise<{ ok: boolean; value?: any; error?: any }>;
interface Booted {
  handlers: Map<string, Handler>;
  appEvents: EventEmitter;
  children: ChildProcess[];
  serve: (request: { url: string; method: string }) => Promise<Response>;
  loadedUrls: string[];
}

function fakeElectron(work: string, shim: string): { module: unknown; booted: Booted } {
  const booted: Booted = {
    handlers: new Map(),
    appEvents: new EventEmitter(),
    children: [],
    serve: null!,
    loadedUrls: [],
  };
  const session = {
    webRequest: { onHeadersReceived() {}, onBeforeRequest() {} },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    on() {},
    setSpellCheckerDictionaryDownloadURL() {},
    setSpellCheckerLanguages() {},
    availableSpellCheckerLanguages: ['en-GB'],
    protocol: {
      handle: (_scheme: string, handler: Booted['serve']) => {
        booted.serve = handler;
      },
    },
  };
  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    static getAllWindows() {
      return BrowserWindow.all;
    }
    readonly webContents = { send() {} };
    constructor(readonly options: unknown) {
      super();
      BrowserWindow.all.push(this);
    }
    loadURL(url: string) {
      booted.loadedUrls.push(url);
      return Promise.resolve();
    }
  }
  const app = Object.assign(booted.appEvents, {
    isPackaged: false,
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: () => work,
    getAppPath: () => ROOT,
    isReady: () => true,
    quit() {},
    exit() {},
    setAppUserModelId() {},
    getName: () => 'SEND Evidence Pack',
    getVersion: () => '0.0.0',
  });
  const utilityProcess = {
    fork(modulePath: string, args: string[], options: { env: NodeJS.ProcessEnv }) {
      const child = fork(modulePath, args, {
        env: { ...options.env, SENDPACK_SMOKE_HOLD: join(work, 'hold') },
        execArgv: ['--require', shim],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      booted.children.push(child);
      const port = Object.assign(new EventEmitter(), {
        postMessage: (message: unknown) => child.send(message as never),
        kill: () => child.kill(),
      });
      child.on('message', (message) => port.emit('message', message));
      child.on('exit', (code) => port.emit('exit', code ?? 1));
      return port;
    },
  };
  const module = {
    app,
    session: { defaultSession: session },
    BrowserWindow,
    utilityProcess,
    protocol: { registerSchemesAsPrivileged() {} },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu() {} },
    ipcMain: {
      handle: (channel: string, handler: Handler) => booted.handlers.set(channel, handler),
      removeHandler() {},
    },
    dialog: {},
    shell: {},
  };
  return { module, booted };
}

describe('the built Electron bundles, booted against a fake Electron', () => {
  let work = '';
  let booted: Booted;
  let setupError: unknown = null;
  const requireBooted = () => {
    if (setupError) throw setupError;
  };
  const fromApp = {
    senderFrame: { url: 'app://sendpack/index.html', parent: null },
    sender: { isDestroyed: () => false, send() {} },
  };
  const call = (operation: string, payload: unknown = {}) =>
    booted.handlers.get(`sendpack:${operation}`)!(fromApp, payload);

  beforeAll(() => {
    try {
      if (!existsSync(MAIN_BUNDLE) || !existsSync(join(ROOT, 'dist/index.html'))) {
        throw new Error(
          'Missing dist-electron/main.cjs or dist/index.html: run `npm run build` before this test (npm test does).',
        );
      }
      work = mkdtempSync(join(tmpdir(), 'sendpack-smoke-'));
      const shim = join(work, 'parent-port-shim.cjs');
      writeFileSync(shim, PARENT_PORT_SHIM);
      const fake = fakeElectron(work, shim);
      booted = fake.booted;
      vi.stubEnv('SENDPACK_DATA_DIR', join(work, 'data'));
      // Module._load is how CommonJS resolves require('electron'); only that one request is redirected.
      const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
      const original = loader._load;
      loader._load = function (request, ...rest) {
        return request === 'electron' ? fake.module : original.call(this, request, ...rest);
      };
      try {
        createRequire(import.meta.url)(MAIN_BUNDLE);
      } finally {
        loader._load = original;
        vi.unstubAllEnvs();
      }
    } catch (error) {
      setupError = error;
    }
  });

  afterAll(() => {
    for (const child of booted?.children ?? [])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('registers one handler per operation and loads the app:// page', async () => {
    requireBooted();
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 0)); // whenReady().then(...)
    // One per operation, plus the save-file, save-pack-file and choose-workspace dialogs.
    expect([...booted.handlers.keys()].sort()).toEqual(
      [
        ...OPERATION_NAMES.map((n) => `sendpack:${n}`),
        'sendpack:save-file',
        'sendpack:save-pack-file',
        'sendpack:choose-workspace',
      ].sort(),
    );
    expect(booted.loadedUrls).toEqual(['app://sendpack/index.html']);
    const page = await booted.serve({ url: 'app://sendpack/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('runs operations in the backend process with the real database', async () => {
    requireBooted();
    expect(await call('app.info')).toMatchObject({
      ok: true,
      value: { host: 'electron', dataDir: join(work, 'data') },
    });
    expect(await call('settings.setUserName', { userName: 'Smoke Tester' })).toMatchObject({ ok: true });
    const created = await call('workspace.create', { areaName: 'Smokeshire', laCode: '841' });
    expect(created).toMatchObject({ ok: true });
    expect(existsSync(join(created.value.session.path, LOCK_FILE))).toBe(true);
    const list = await call('checklist.list');
    expect(list.ok && list.value.items.length).toBeGreaterThan(0);
  }, 20_000);

  it('answers a call lost to a crashed backend with an error, then carries on with a new process', async () => {
    requireBooted();
    vi.spyOn(console, 'error').mockImplementation(() => {}); // main logs the crash
    const hold = join(work, 'hold');
    writeFileSync(hold, '');
    const lost = call('checklist.list');
    const first = booted.children[0]!;
    const exited = new Promise((resolvePromise) => first.once('exit', resolvePromise));
    first.kill('SIGKILL');
    expect(await lost).toMatchObject({ ok: false, error: { code: 'internal' } });
    await exited;
    rmSync(hold);
    expect(await call('workspace.current')).toEqual({ ok: true, value: null }); // the new process has nothing open
    expect(booted.children).toHaveLength(2);
  }, 20_000);

  it('closes the backend, releasing the workspace lock, before the app quits', async () => {
    requireBooted();
    const created = await call('workspace.create', { areaName: 'Quitshire', laCode: null });
    const lock = join(created.value.session.path, LOCK_FILE);
    expect(existsSync(lock)).toBe(true);
    const quitEvent = { preventDefault: vi.fn() };
    booted.appEvents.emit('will-quit', quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    const child = booted.children.at(-1)!;
    await new Promise((resolvePromise) => {
      if (child.exitCode !== null || child.signalCode !== null) resolvePromise(null);
      else child.once('exit', resolvePromise);
    });
    expect(existsSync(lock)).toBe(false);
  }, 20_000);
});
