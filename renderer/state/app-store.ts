import { create } from 'zustand';
import type { SendpackApi } from '../../shared/api/api';
import type { ChecklistItem, RecentWorkspace, Request, WorkspaceSession } from '../../shared/api/contract';
import { call, setApi } from '../api/call';
import type { LocalAuthority } from '../../shared/domain/local-authority';
import type { ItemStatus } from '../../shared/domain/item-status';

export type Screen = 'loading' | 'no-connection' | 'name' | 'welcome' | 'workspace';
/** The workspace's views, in the order the job follows. */
export type View = 'dashboard' | 'checklist' | 'item' | 'data' | 'self-evaluation' | 'lists' | 'privacy' | 'build' | 'plan' | 'search' | 'audit' | 'settings';

export interface ChecklistFilter {
  status: ItemStatus | 'all';
  owner: string;
  query: string;
  area: string;
  /** A quick view: items with no evidence, no narrative, overdue, or waiting for review. */
  show: 'all' | 'no-evidence' | 'no-narrative' | 'overdue' | 'ready-for-review';
  sort: 'catalogue' | 'due' | 'owner' | 'status' | 'changed';
}

export const NO_FILTER: ChecklistFilter = { status: 'all', owner: '', query: '', area: '', show: 'all', sort: 'catalogue' };

interface AppState {
  api: SendpackApi | null;
  screen: Screen;
  view: View;
  /** The item shown by the item view. */
  itemId: string | null;
  /** The dataset the data view opens on (from an item's page), if any. */
  datasetId: string | null;
  /** Bumped after any change, so views showing data derived from items (dashboard, history) reload it. */
  revision: number;
  userName: string | null;
  session: WorkspaceSession | null;
  warnings: string[];
  recent: RecentWorkspace[];
  authorities: LocalAuthority[];
  /** Cache of the database's items; every change goes to main first and the answer replaces the cached item. */
  items: ChecklistItem[];
  filter: ChecklistFilter;
  /** Polite live-region text, e.g. "Saved owner of JSNA". */
  announcement: string;
  error: string | null;
  itemErrors: Record<string, string>;
  busy: boolean;
}

interface AppActions {
  start(api: SendpackApi | null): Promise<void>;
  setUserName(name: string): Promise<void>;
  createWorkspace(areaName: string, laCode: string | null): Promise<void>;
  openWorkspace(path: string): Promise<void>;
  openSample(fresh?: boolean): Promise<void>;
  breakLock(): Promise<void>;
  closeWorkspace(): Promise<void>;
  updateItem(itemId: string, change: Omit<Request<'checklist.update'>, 'itemId'>): Promise<boolean>;
  addItem(request: Request<'checklist.addItem'>): Promise<boolean>;
  /** Puts an item main answered with into the cache (after a send-back, a bulk change…). */
  replaceItem(item: ChecklistItem, announcement: string): void;
  setFilter(filter: Partial<ChecklistFilter>): void;
  dismissError(): void;
  showView(view: View, itemId?: string): void;
  openDataset(datasetId: string): void;
  reloadItems(): Promise<void>;
  /** A damaged workspace: the path and message, with the newest good backup to offer. */
  damaged: { path: string; problem: string; latestGood: string | null } | null;
  restoreLatest(): Promise<void>;
}

export const useAppStore = create<AppState & AppActions>()((set, get) => {
  async function withErrors(work: () => Promise<void>): Promise<boolean> {
    set({ busy: true, error: null });
    try {
      await work();
      return true;
    } catch (error) {
      set({ error: (error as Error).message });
      return false;
    } finally {
      set({ busy: false });
    }
  }

  async function enterWorkspace(session: WorkspaceSession, warnings: string[] = []): Promise<void> {
    const { items } = await call('checklist.list', {});
    set({ session, warnings, items, screen: 'workspace', view: 'dashboard', itemId: null, damaged: null,
      filter: NO_FILTER, itemErrors: {},
      announcement: `Opened ${session.areaName}${session.readOnly ? ', read-only' : ''}` });
    window.scrollTo?.(0, 0);
  }

  async function loadWelcome(): Promise<void> {
    const [{ workspaces }, { authorities }] = await Promise.all([call('workspace.recent', {}), call('localAuthorities.list', {})]);
    set({ recent: workspaces, authorities, screen: 'welcome' });
  }

  return {
    api: null, screen: 'loading', view: 'dashboard', itemId: null, datasetId: null, revision: 0, damaged: null, userName: null, session: null, warnings: [], recent: [], authorities: [], items: [],
    filter: NO_FILTER, announcement: '', error: null, itemErrors: {}, busy: false,

    async start(api) {
      setApi(api);
      if (!api) { set({ screen: 'no-connection' }); return; }
      set({ api });
      api.onMenu((menu) => {
        if (menu.command === 'open-workspace') void get().openWorkspace(menu.path);
        else if (menu.command === 'show-view') { if (get().session) get().showView(menu.view); }
        else if (get().session) void get().closeWorkspace();
      });
      await withErrors(async () => {
        const { userName } = await call('settings.get', {});
        set({ userName });
        if (!userName) { set({ screen: 'name' }); return; }
        const session = await call('workspace.current', {});
        if (session) await enterWorkspace(session);
        else await loadWelcome();
      });
    },

    async setUserName(name) {
      await withErrors(async () => {
        const { userName } = await call('settings.setUserName', { userName: name });
        set({ userName, announcement: `Your name is set to ${userName}` });
        if (!get().session) await loadWelcome();
      });
    },

    async createWorkspace(areaName, laCode) {
      await withErrors(async () => {
        const { session, warnings } = await call('workspace.create', { areaName, laCode });
        await enterWorkspace(session, warnings);
      });
    },

    async openWorkspace(path) {
      await withErrors(async () => {
        try {
          await enterWorkspace(await call('workspace.open', { path }));
        } catch (error) {
          if ((error as { code?: string }).code !== 'damaged') throw error;
          const { damaged, latestGood } = await call('backups.list', { path });
          set({ damaged: { path, problem: damaged ?? (error as Error).message, latestGood } });
        }
      });
    },

    async openSample(fresh = false) {
      await withErrors(async () => enterWorkspace(await call('workspace.openSample', fresh ? { fresh } : {}),
        ['This is a fictional sample area: a copy made for you to explore. Nothing in it is real.']));
    },

    async restoreLatest() {
      const damaged = get().damaged;
      if (!damaged?.latestGood) return;
      await withErrors(async () => {
        const { session, savedAs } = await call('backups.restore', { path: damaged.path, name: damaged.latestGood!, confirm: true });
        await enterWorkspace(session, savedAs ? [`Restored from ${damaged.latestGood}. The damaged database was kept in the backups folder as ${savedAs}.`] : []);
      });
    },

    showView(view, itemId) {
      set({ view, itemId: itemId ?? (view === 'item' ? get().itemId : null), datasetId: null, error: null });
      window.scrollTo?.(0, 0);
    },

    openDataset(datasetId) {
      get().showView('data');
      set({ datasetId });
    },

    async reloadItems() {
      const { items } = await call('checklist.list', {});
      set({ items, revision: get().revision + 1 });
    },

    async breakLock() {
      const session = get().session;
      if (!session) return;
      await withErrors(async () => enterWorkspace(await call('workspace.breakLock', { path: session.path, confirm: true })));
    },

    async closeWorkspace() {
      await withErrors(async () => {
        await call('workspace.close', {});
        set({ session: null, items: [] });
        await loadWelcome();
      });
    },

    async updateItem(itemId, change) {
      const { [itemId]: _cleared, ...itemErrors } = get().itemErrors;
      set({ itemErrors });
      try {
        const updated = await call('checklist.update', { itemId, ...change });
        const field = change.status !== undefined ? 'status' : change.owner !== undefined ? 'owner'
          : change.dueDate !== undefined ? 'due date' : 'narrative';
        set({ items: get().items.map((i) => (i.id === itemId ? updated : i)), announcement: `Saved ${field} of ${updated.title}`,
          revision: get().revision + 1 });
        return true;
      } catch (error) {
        set({ itemErrors: { ...get().itemErrors, [itemId]: (error as Error).message } });
        return false;
      }
    },

    replaceItem(item, announcement) {
      set({ items: get().items.map((i) => (i.id === item.id ? item : i)), announcement, revision: get().revision + 1 });
    },

    async addItem(request) {
      return withErrors(async () => {
        const item = await call('checklist.addItem', request);
        set({ items: [...get().items, item], announcement: `Added ${item.title}` });
      });
    },

    setFilter(filter) {
      set({ filter: { ...get().filter, ...filter } });
    },

    dismissError() {
      set({ error: null });
    },
  };
});
