import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions, Session } from 'electron';
import { useTempDirs } from '../../helpers/temp-dir';

// The Electron shell around the backend: the utility-process client, the menu and spellcheck, with
// 'electron' replaced by fakes (Electron cannot run here).

class FakeChild extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }
  /** Answers as backend-process.cjs would. */
  reply(message: unknown) {
    this.emit('message', message);
  }
}

const electron = vi.hoisted(() => ({
  forks: [] as { modulePath: string; options: Record<string, unknown>; child: unknown }[],
  makeChild: (() => {
    throw new Error('set in the test file');
  }) as () => unknown,
}));

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, _args: string[], options: Record<string, unknown>) => {
      const child = electron.makeChild();
      electron.forks.push({ modulePath, options, child });
      return child;
    },
  },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
}));
electron.makeChild = () => new FakeChild();

const { BackendProcess } = await import('../../../main/electron/backend-client');
const { menuTemplate } = await import('../../../main/electron/menu');
const { configureSpellcheck } = await import('../../../main/electron/spellcheck');

const tempDir = useTempDirs();
beforeEach(() => {
  electron.forks.length = 0;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
const child = (index: number) => electron.forks[index]!.child as FakeChild;
const lastRequest = (fake: FakeChild) => fake.posted.at(-1) as { id: number; operation?: string; payload?: unknown };

describe('backend utility process client', () => {
  it('forks backend-process.cjs with the data folder and forwards calls, progress and results', async () => {
    const backend = new BackendProcess({ modulePath: '/app/dist-electron/backend-process.cjs', dataDir: '/data/SEND' });
    backend.start();
    expect(electron.forks).toHaveLength(1);
    expect(electron.forks[0]!.modulePath).toBe('/app/dist-electron/backend-process.cjs');
    expect((electron.forks[0]!.options.env as Record<string, string>).SENDPACK_DATA_DIR).toBe('/data/SEND');
    // The backend builds packs: it starts with the young-generation cap that keeps a build's peak memory down.
    expect(electron.forks[0]!.options.execArgv).toEqual(['--max-semi-space-size=16']);

    const progress = vi.fn();
    const answer = backend.call('workspace.create', { areaName: 'Testshire' }, progress);
    const request = lastRequest(child(0));
    expect(request).toMatchObject({ operation: 'workspace.create', payload: { areaName: 'Testshire' } });
    child(0).reply({
      id: request.id,
      progress: { operation: 'workspace.create', phase: 'Opening it', done: 1, total: 2 },
    });
    child(0).reply({ id: request.id, result: { ok: true, value: 'made' } });
    expect(await answer).toEqual({ ok: true, value: 'made' });
    expect(progress).toHaveBeenCalledExactlyOnceWith({
      operation: 'workspace.create',
      phase: 'Opening it',
      done: 1,
      total: 2,
    });
  });

  it('answers waiting calls with an internal error when the process dies, and starts a new one', async () => {
    const backend = new BackendProcess({ modulePath: 'backend-process.cjs', dataDir: '/d' });
    const waiting = backend.call('checklist.list', {}, () => {});
    child(0).emit('exit', 139);
    const result = await waiting;
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).toMatch(/stopped unexpectedly.*open it again/s);
    expect(electron.forks).toHaveLength(2); // restarted straight away

    const next = backend.call('app.info', {}, () => {});
    expect(child(0).posted).toHaveLength(1); // the dead process gets nothing more
    child(1).reply({ id: lastRequest(child(1)).id, result: { ok: true, value: 'fine' } });
    expect(await next).toEqual({ ok: true, value: 'fine' });
  });

  it('stops restarting eagerly when the process keeps dying, but still tries on the next call', () => {
    const backend = new BackendProcess({ modulePath: 'backend-process.cjs', dataDir: '/d' });
    backend.start();
    for (let i = 0; i < 4; i++) child(i).emit('exit', 1);
    expect(electron.forks).toHaveLength(4); // the first and three quick restarts
    void backend.call('app.info', {}, () => {});
    expect(electron.forks).toHaveLength(5);
  });

  it('closes the backend before ending the process, then refuses calls', async () => {
    const backend = new BackendProcess({ modulePath: 'backend-process.cjs', dataDir: '/d' });
    backend.start();
    const closing = backend.close(1_000);
    const request = lastRequest(child(0));
    expect(request).toMatchObject({ close: true });
    expect(child(0).killed).toBe(false);
    child(0).reply({ id: request.id, closed: true });
    await closing;
    expect(child(0).killed).toBe(true);
    expect(electron.forks).toHaveLength(1); // an exit while closing is not a crash
    expect(await backend.call('app.info', {}, () => {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('ends a backend that does not answer the close in time', async () => {
    const backend = new BackendProcess({ modulePath: 'backend-process.cjs', dataDir: '/d' });
    backend.start();
    await backend.close(10);
    expect(child(0).killed).toBe(true);
  });
});

describe('application menu', () => {
  const actions = () => ({ newWorkspace: vi.fn(), openWorkspace: vi.fn(), showView: vi.fn(), about: vi.fn() });
  const submenu = (template: MenuItemConstructorOptions[], label: string) =>
    template.find((item) => item.label === label)!.submenu as MenuItemConstructorOptions[];
  const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);

  it('has File, Edit, View, Go and Help, with reload and developer tools only in development', () => {
    const packaged = menuTemplate({ platform: 'win32', isDev: false, appName: 'SEND Evidence Pack' }, actions());
    expect(packaged.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Go', '&Help']);
    expect(roles(submenu(packaged, '&View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(submenu(packaged, '&Edit'))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      'delete',
      'selectAll',
    ]);
    const dev = menuTemplate({ platform: 'linux', isDev: true, appName: 'SEND Evidence Pack' }, actions());
    expect(roles(submenu(dev, '&View'))).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('wires New, Open and About to their actions, and quits from File', () => {
    const wired = actions();
    const template = menuTemplate({ platform: 'linux', isDev: false, appName: 'SEND Evidence Pack' }, wired);
    const file = submenu(template, '&File');
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'New workspace…',
      'Open workspace…',
      'separator',
      'Quit',
    ]);
    expect(file[0]!.accelerator).toBe('CmdOrCtrl+N');
    expect(file[1]!.accelerator).toBe('CmdOrCtrl+O');
    expect(file[3]!.role).toBe('quit');
    (file[0]!.click as () => void)();
    (file[1]!.click as () => void)();
    (submenu(template, '&Help')[0]!.click as () => void)();
    expect(wired.newWorkspace).toHaveBeenCalledOnce();
    expect(wired.openWorkspace).toHaveBeenCalledOnce();
    expect(wired.about).toHaveBeenCalledOnce();
  });

  it("has the page's shortcuts in the Go menu, each sending its view to the page", () => {
    const wired = actions();
    const go = submenu(menuTemplate({ platform: 'win32', isDev: false, appName: 'SEND Evidence Pack' }, wired), '&Go');
    expect(go.map((item) => [item.label, item.accelerator])).toEqual([
      ['Search…', 'CmdOrCtrl+F'],
      ['Build the pack…', 'CmdOrCtrl+Shift+B'],
      ['Checklist', 'CmdOrCtrl+Shift+L'],
    ]);
    (go[1]!.click as () => void)();
    expect(wired.showView).toHaveBeenCalledWith('build');
  });

  it('follows macOS conventions there', () => {
    const template = menuTemplate({ platform: 'darwin', isDev: false, appName: 'SEND Evidence Pack' }, actions());
    expect(template[0]!.role).toBe('appMenu');
    expect(template.some((item) => item.role === 'windowMenu')).toBe(true);
    expect(roles(submenu(template, '&File'))).toEqual(['close']);
  });
});

function fakeSpellSession(available: string[]) {
  const calls: Record<string, unknown[]> = { url: [], languages: [] };
  const session = {
    availableSpellCheckerLanguages: available,
    setSpellCheckerDictionaryDownloadURL: (url: string) => calls.url!.push(url),
    setSpellCheckerLanguages: (languages: string[]) => calls.languages!.push(languages),
    on: () => session,
  };
  return { session: session as unknown as Session, calls };
}

describe('spellcheck', () => {
  it("uses British English and a local dictionary folder, never Google's download server", () => {
    const dictionariesDir = join(tempDir(), 'dictionaries');
    const userDataDir = tempDir();
    mkdirSync(dictionariesDir);
    writeFileSync(join(dictionariesDir, 'en-GB-10-1.bdic'), 'dictionary');
    const { session, calls } = fakeSpellSession(['en-GB', 'en-US']);
    configureSpellcheck(session, { platform: 'linux', dictionariesDir, userDataDir });
    expect(calls.url).toEqual([`${pathToFileURL(dictionariesDir).href}/`]);
    expect(calls.languages).toEqual([['en-GB']]);
    // Copied to where Chromium looks before it would download anything.
    expect(readFileSync(join(userDataDir, 'Dictionaries', 'en-GB-10-1.bdic'), 'utf8')).toBe('dictionary');
  });

  it('leaves macOS to the system checker, and skips a language the platform lacks', () => {
    const mac = fakeSpellSession(['en-GB']);
    configureSpellcheck(mac.session, { platform: 'darwin', dictionariesDir: '/nowhere', userDataDir: '/nowhere' });
    expect(mac.calls).toEqual({ url: [], languages: [] });
    const userDataDir = tempDir();
    const windows = fakeSpellSession(['en-US']);
    configureSpellcheck(windows.session, {
      platform: 'win32',
      dictionariesDir: join(userDataDir, 'none'),
      userDataDir,
    });
    expect(windows.calls.languages).toEqual([]);
    expect(windows.calls.url).toHaveLength(1);
    expect(existsSync(join(userDataDir, 'Dictionaries'))).toBe(false);
  });
});
