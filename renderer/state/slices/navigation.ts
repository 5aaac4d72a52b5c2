import type { ItemStatus } from '../../../shared/domain/item-status';
import type { Slice } from './types';

/** The workspace's views, in the order the job follows. */
export type View =
  | 'dashboard'
  | 'checklist'
  | 'item'
  | 'data'
  | 'self-evaluation'
  | 'lists'
  | 'privacy'
  | 'build'
  | 'plan'
  | 'search'
  | 'audit'
  | 'settings';

export interface ChecklistFilter {
  status: ItemStatus | 'all';
  owner: string;
  query: string;
  area: string;
  /** A quick view: items with no evidence, no narrative, overdue, or waiting for review. */
  show: 'all' | 'no-evidence' | 'no-narrative' | 'overdue' | 'ready-for-review';
  sort: 'catalogue' | 'due' | 'owner' | 'status' | 'changed';
}

export const NO_FILTER: ChecklistFilter = {
  status: 'all',
  owner: '',
  query: '',
  area: '',
  show: 'all',
  sort: 'catalogue',
};

/** Where the person is in the open workspace: the view, the item or dataset it shows, the checklist's filter. */
export interface NavigationSlice {
  view: View;
  /** The item shown by the item view. */
  itemId: string | null;
  /** The dataset the data view opens on (from an item's page), if any. */
  datasetId: string | null;
  filter: ChecklistFilter;
  showView(view: View, itemId?: string): void;
  openDataset(datasetId: string): void;
  setFilter(filter: Partial<ChecklistFilter>): void;
}

export const createNavigationSlice: Slice<NavigationSlice> = () => (set, get) => ({
  view: 'dashboard',
  itemId: null,
  datasetId: null,
  filter: NO_FILTER,

  showView(view, itemId) {
    set({ view, itemId: itemId ?? (view === 'item' ? get().itemId : null), datasetId: null, error: null });
    window.scrollTo?.(0, 0);
  },

  openDataset(datasetId) {
    get().showView('data');
    set({ datasetId });
  },

  setFilter(filter) {
    set({ filter: { ...get().filter, ...filter } });
  },
});
