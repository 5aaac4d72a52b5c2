import { create } from 'zustand';
import type { SendpackApi } from '../../shared/api/api';
import type { ChecklistItem, RecentWorkspace, Request, Response, WorkspaceSession } from '../../shared/api/contract';
import type { OperationName } from '../../shared/api/operation-names';
import { ApiCallError, unwrap, type ApiResult } from '../../shared/api/result';
import type { LocalAuthority } from '../../shared/domain/local-authority';
import type { ItemStatus } from '../../shared/domain/item-status';

export type Screen = 'loading' | 'no-connection' | 'name' | 'welcome' | 'checklist';

export interface ChecklistFilter {
  status: ItemStatus | 'all';
  owner: string;
  query: string;
}

interface AppState {
  api: SendpackApi | null;
  screen: Screen;
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
  breakLock(): Promise<void>;
  closeWorkspace(): Promise<void>;
  updateItem(itemId: string, change: Omit<Request<'checklist.update'>, 'itemId'>): Promise<boolean>;
  addItem(request: Request<'checklist.addItem'>): Promise<boolean>;
  setFilter(filter: Partial<ChecklistFilter>): void;
  dismissError(): void;
}

export const useAppStore = create<AppState & AppActions>()((set, get) => {
  async function call<K extends OperationName>(operation: K, request: Request<K>): Promise<Response<K>> {
    const api = get().api;
    if (!api) throw new ApiCallError({ code: 'internal', message: 'Not connected to the app.' });
    // Indexing a mapped type by a generic key loses the pairing of request and response; the contract keeps it.
    const invoke = api[operation] as unknown as (r: Request<K>) => Promise<ApiResult<Response<K>>>;
    return unwrap(await invoke(request));
  }

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
    set({ session, warnings, items, screen: 'checklist', filter: { status: 'all', owner: '', query: '' }, itemErrors: {},
      announcement: `Opened ${session.areaName}${session.readOnly ? ', read-only' : ''}` });
  }

  async function loadWelcome(): Promise<void> {
    const [{ workspaces }, { authorities }] = await Promise.all([call('workspace.recent', {}), call('localAuthorities.list', {})]);
    set({ recent: workspaces, authorities, screen: 'welcome' });
  }

  return {
    api: null, screen: 'loading', userName: null, session: null, warnings: [], recent: [], authorities: [], items: [],
    filter: { status: 'all', owner: '', query: '' }, announcement: '', error: null, itemErrors: {}, busy: false,

    async start(api) {
      if (!api) { set({ screen: 'no-connection' }); return; }
      set({ api });
      api.onMenu((menu) => {
        if (menu.command === 'open-workspace') void get().openWorkspace(menu.path);
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
      await withErrors(async () => enterWorkspace(await call('workspace.open', { path })));
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
        const field = change.status !== undefined ? 'status' : change.owner !== undefined ? 'owner' : 'note';
        set({ items: get().items.map((i) => (i.id === itemId ? updated : i)), announcement: `Saved ${field} of ${updated.title}` });
        return true;
      } catch (error) {
        set({ itemErrors: { ...get().itemErrors, [itemId]: (error as Error).message } });
        return false;
      }
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
