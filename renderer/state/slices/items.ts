import type { ChecklistItem, Request } from '../../../shared/api/contract';
import { call } from '../../api/call';
import { messageOf } from '../errors';
import { touchedBy, touches, type Touch } from '../query-keys';
import type { Slice } from './types';

/**
 * The checklist's items, which most views show. Every change goes to main first and main's answer replaces the
 * cached item; then only the views the change touches reload (query-keys.ts).
 */
export interface ItemsSlice {
  items: ChecklistItem[];
  /** The last refusal of a change to each item, shown beside it. */
  itemErrors: Record<string, string>;
  updateItem(itemId: string, change: Omit<Request<'checklist.update'>, 'itemId'>): Promise<boolean>;
  addItem(request: Request<'checklist.addItem'>): Promise<boolean>;
  /** Puts an item main answered with into the cache (after a send-back…). */
  replaceItem(item: ChecklistItem, announcement: string): void;
  reloadItems(): Promise<void>;
  /** Reloads what a change touched: the items if it names them, and every view on screen showing a touched key. */
  refresh(touched: readonly Touch[]): Promise<void>;
}

export const createItemsSlice: Slice<ItemsSlice> = (cache) => (set, get) => ({
  items: [],
  itemErrors: {},

  async updateItem(itemId, change) {
    const { [itemId]: _cleared, ...itemErrors } = get().itemErrors;
    set({ itemErrors });
    try {
      const request = { itemId, ...change };
      const updated = await call('checklist.update', request);
      const field =
        change.status !== undefined
          ? 'status'
          : change.owner !== undefined
            ? 'owner'
            : change.dueDate !== undefined
              ? 'due date'
              : 'narrative';
      set({
        items: get().items.map((i) => (i.id === itemId ? updated : i)),
        announcement: `Saved ${field} of ${updated.title}`,
      });
      void get().refresh(touchedBy('checklist.update', request));
      return true;
    } catch (error) {
      set({ itemErrors: { ...get().itemErrors, [itemId]: messageOf(error) } });
      return false;
    }
  },

  replaceItem(item, announcement) {
    set({ items: get().items.map((i) => (i.id === item.id ? item : i)), announcement });
  },

  async addItem(request) {
    return get().withErrors(async () => {
      const item = await call('checklist.addItem', request);
      set({ items: [...get().items, item], announcement: `Added ${item.title}` });
      void get().refresh(touchedBy('checklist.addItem', request));
    });
  },

  async reloadItems() {
    const { items } = await call('checklist.list', {});
    set({ items });
  },

  async refresh(touched) {
    const itemsToo = touched.some((t) => touches(t, ['checklist.list', {}]));
    const views = touched.filter((t) => !touches(t, ['checklist.list', {}]));
    await Promise.all([
      itemsToo
        ? get()
            .reloadItems()
            .catch(() => undefined)
        : undefined,
      views.length
        ? cache.invalidateQueries({ predicate: (query) => views.some((t) => touches(t, query.queryKey)) })
        : undefined,
    ]);
  },
});
