import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import { queryClient } from './query-client';
import { createFeedbackSlice } from './slices/feedback';
import { createItemsSlice } from './slices/items';
import { createNavigationSlice } from './slices/navigation';
import { createSessionSlice } from './slices/session';
import type { AppStore } from './slices/types';

export { NO_FILTER, type ChecklistFilter, type View } from './slices/navigation';

/**
 * The renderer's state in four slices (session, navigation, items, feedback). Data a view reads from main lives in
 * the keyed cache (query-keys.ts), not here; the store drops it when a workspace opens or closes.
 */
export function createAppStore(cache: QueryClient) {
  return create<AppStore>()((...a) => ({
    ...createFeedbackSlice(cache)(...a),
    ...createNavigationSlice(cache)(...a),
    ...createItemsSlice(cache)(...a),
    ...createSessionSlice(cache)(...a),
  }));
}

export const useAppStore = createAppStore(queryClient);
