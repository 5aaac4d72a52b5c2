import type { SendpackApi } from '../../../shared/api/api';
import type { RecentWorkspace, WorkspaceSession } from '../../../shared/api/contract';
import type { LocalAuthority } from '../../../shared/domain/local-authority';
import { call, setApi } from '../../api/call';
import { messageOf } from '../errors';
import { NO_FILTER } from './navigation';
import type { Slice } from './types';

type Screen = 'loading' | 'no-connection' | 'name' | 'welcome' | 'workspace';

/** Who is using the app and which workspace is open: the screens before a workspace and the moves between them. */
export interface SessionSlice {
  api: SendpackApi | null;
  screen: Screen;
  userName: string | null;
  session: WorkspaceSession | null;
  warnings: string[];
  recent: RecentWorkspace[];
  authorities: LocalAuthority[];
  /** A damaged workspace: the path and message, with the newest good backup to offer. */
  damaged: { path: string; problem: string; latestGood: string | null } | null;
  start(api: SendpackApi | null): Promise<void>;
  setUserName(name: string): Promise<void>;
  createWorkspace(areaName: string, laCode: string | null): Promise<void>;
  openWorkspace(path: string): Promise<void>;
  openSample(fresh?: boolean): Promise<void>;
  breakLock(): Promise<void>;
  closeWorkspace(): Promise<void>;
  restoreLatest(): Promise<void>;
}

export const createSessionSlice: Slice<SessionSlice> = (cache) => (set, get) => {
  /**
   * Everything cached came from the workspace open before; none of it may show in the next one. Views still on
   * screen (the header's countdown) are reset, so they read the new workspace; the rest is dropped.
   */
  async function enterWorkspace(session: WorkspaceSession, warnings: string[] = []): Promise<void> {
    cache.removeQueries({ type: 'inactive' });
    void cache.resetQueries();
    const { items } = await call('checklist.list', {});
    set({
      session,
      warnings,
      items,
      screen: 'workspace',
      view: 'dashboard',
      itemId: null,
      damaged: null,
      filter: NO_FILTER,
      itemErrors: {},
      announcement: `Opened ${session.areaName}${session.readOnly ? ', read-only' : ''}`,
    });
    window.scrollTo?.(0, 0);
  }

  async function loadWelcome(): Promise<void> {
    const [{ workspaces }, { authorities }] = await Promise.all([
      call('workspace.recent', {}),
      call('localAuthorities.list', {}),
    ]);
    set({ recent: workspaces, authorities, screen: 'welcome' });
  }

  return {
    api: null,
    screen: 'loading',
    userName: null,
    session: null,
    warnings: [],
    recent: [],
    authorities: [],
    damaged: null,

    async start(api) {
      setApi(api);
      if (!api) {
        set({ screen: 'no-connection' });
        return;
      }
      set({ api });
      api.onMenu((menu) => {
        if (menu.command === 'open-workspace') void get().openWorkspace(menu.path);
        else if (menu.command === 'show-view') {
          if (get().session) get().showView(menu.view);
        } else if (get().session) void get().closeWorkspace();
      });
      await get().withErrors(async () => {
        const { userName } = await call('settings.get', {});
        set({ userName });
        if (!userName) {
          set({ screen: 'name' });
          return;
        }
        const session = await call('workspace.current', {});
        if (session) await enterWorkspace(session);
        else await loadWelcome();
      });
    },

    async setUserName(name) {
      await get().withErrors(async () => {
        const { userName } = await call('settings.setUserName', { userName: name });
        set({ userName, announcement: `Your name is set to ${userName}` });
        if (!get().session) await loadWelcome();
      });
    },

    async createWorkspace(areaName, laCode) {
      await get().withErrors(async () => {
        const { session, warnings } = await call('workspace.create', { areaName, laCode });
        await enterWorkspace(session, warnings);
      });
    },

    async openWorkspace(path) {
      await get().withErrors(async () => {
        try {
          await enterWorkspace(await call('workspace.open', { path }));
        } catch (error) {
          if ((error as { code?: string }).code !== 'damaged') throw error;
          const { damaged, latestGood } = await call('backups.list', { path });
          set({ damaged: { path, problem: damaged ?? messageOf(error), latestGood } });
        }
      });
    },

    async openSample(fresh = false) {
      await get().withErrors(async () =>
        enterWorkspace(await call('workspace.openSample', fresh ? { fresh } : {}), [
          'This is a fictional sample area: a copy made for you to explore. Nothing in it is real.',
        ]),
      );
    },

    async restoreLatest() {
      const damaged = get().damaged;
      if (!damaged?.latestGood) return;
      const name = damaged.latestGood;
      await get().withErrors(async () => {
        const { session, savedAs } = await call('backups.restore', { path: damaged.path, name, confirm: true });
        await enterWorkspace(
          session,
          savedAs ? [`Restored from ${name}. The damaged database was kept in the backups folder as ${savedAs}.`] : [],
        );
      });
    },

    async breakLock() {
      const session = get().session;
      if (!session) return;
      await get().withErrors(async () =>
        enterWorkspace(await call('workspace.breakLock', { path: session.path, confirm: true })),
      );
    },

    async closeWorkspace() {
      await get().withErrors(async () => {
        await call('workspace.close', {});
        cache.clear();
        set({ session: null, items: [] });
        await loadWelcome();
      });
    },
  };
};
