import type { QueryClient } from '@tanstack/react-query';
import type { StateCreator } from 'zustand';
import type { FeedbackSlice } from './feedback';
import type { ItemsSlice } from './items';
import type { NavigationSlice } from './navigation';
import type { SessionSlice } from './session';

/** The whole store: each slice owns its state and the actions that change it, and may read the others. */
export type AppStore = SessionSlice & NavigationSlice & ItemsSlice & FeedbackSlice;

/** A slice, made with the cache it drops or refreshes. */
export type Slice<T> = (cache: QueryClient) => StateCreator<AppStore, [], [], T>;
