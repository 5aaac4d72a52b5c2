/** The store's slices (session, navigation, items, feedback) against a real backend, with the cache they drive. */
import { QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { call } from '../../renderer/api/call';
import { createAppStore } from '../../renderer/state/app-store';
import { createQueryClient } from '../../renderer/state/query-client';
import { queryKey, touchedBy, type ReadOperation } from '../../renderer/state/query-keys';
import type { Request } from '../../shared/api/contract';
import { recordingApi, type RecordingApi } from './recording-api';

let recording: RecordingApi;
let cache: ReturnType<typeof createQueryClient>;
let store: ReturnType<typeof createAppStore>;
const stops: (() => void)[] = [];

beforeEach(async () => {
  recording = recordingApi();
  await dispatch(recording.backend, 'settings.setUserName', { userName: 'Priya Shah' });
  await dispatch(recording.backend, 'workspace.create', {
    areaName: 'Testshire',
    laCode: '841',
    parentDir: recording.dir,
  });
  cache = createQueryClient();
  store = createAppStore(cache);
  await store.getState().start(recording.api);
  recording.calls.length = 0;
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  cache.clear();
  recording.close();
});

/** A view on screen showing a read: an observer of its key, as useApiQuery makes. */
async function showing<K extends ReadOperation>(operation: K, request: Request<K>) {
  const observer = new QueryObserver(cache, {
    queryKey: queryKey(operation, request),
    queryFn: () => call(operation, request),
  });
  stops.push(observer.subscribe(() => {}));
  await cache.fetchQuery({ queryKey: queryKey(operation, request), queryFn: () => call(operation, request) });
}

describe('session slice', () => {
  test('start opens the current workspace on the dashboard with its items', () => {
    const state = store.getState();
    expect(state.screen).toBe('workspace');
    expect(state.session?.areaName).toBe('Testshire');
    expect(state.view).toBe('dashboard');
    expect(state.items.length).toBeGreaterThan(20);
  });

  test('closing the workspace drops its items and everything cached from it', async () => {
    cache.setQueryData(queryKey('dashboard.get', {}), { stale: true });
    await store.getState().closeWorkspace();
    expect(store.getState().screen).toBe('welcome');
    expect(store.getState().items).toEqual([]);
    expect(cache.getQueryData(queryKey('dashboard.get', {}))).toBeUndefined();
  });

  test('opening a workspace drops what was cached from the one before', async () => {
    const path = store.getState().session!.path;
    await store.getState().closeWorkspace();
    cache.setQueryData(queryKey('audit.list', { itemId: 'jsna' }), { events: [] });
    await store.getState().openWorkspace(path);
    expect(store.getState().screen).toBe('workspace');
    expect(cache.getQueryData(queryKey('audit.list', { itemId: 'jsna' }))).toBeUndefined();
  });
});

describe('navigation slice', () => {
  test('showing a view keeps the item for the item view only and clears the error and the dataset', () => {
    store.setState({ error: 'Earlier problem', datasetId: 'ehcp' });
    store.getState().showView('item', 'jsna');
    expect(store.getState()).toMatchObject({ view: 'item', itemId: 'jsna', error: null, datasetId: null });
    store.getState().showView('item');
    expect(store.getState().itemId).toBe('jsna');
    store.getState().showView('checklist');
    expect(store.getState().itemId).toBeNull();
  });

  test('opening a dataset shows the data view on it; the filter merges changes', () => {
    store.getState().openDataset('ehcp-timeliness');
    expect(store.getState()).toMatchObject({ view: 'data', datasetId: 'ehcp-timeliness' });
    store.getState().setFilter({ owner: 'Sam' });
    store.getState().setFilter({ status: 'approved' });
    expect(store.getState().filter).toMatchObject({ owner: 'Sam', status: 'approved', sort: 'catalogue' });
  });
});

describe('items slice', () => {
  test("an edit replaces the item with main's answer and announces it", async () => {
    const item = store.getState().items[0]!;
    expect(await store.getState().updateItem(item.id, { owner: 'Sam Okafor' })).toBe(true);
    expect(store.getState().items.find((i) => i.id === item.id)!.owner).toBe('Sam Okafor');
    expect(store.getState().announcement).toBe(`Saved owner of ${item.title}`);
    expect(recording.calls[0]).toEqual({
      operation: 'checklist.update',
      request: { itemId: item.id, owner: 'Sam Okafor' },
    });
  });

  test('a refused edit is kept beside the item in words and changes nothing', async () => {
    const before = store.getState().items;
    expect(await store.getState().updateItem('no-such-item', { owner: 'Sam' })).toBe(false);
    expect(store.getState().itemErrors['no-such-item']).toMatch(/\w/);
    expect(store.getState().items).toBe(before);
  });

  test('after a narrative save only the views showing a touched key read again', async () => {
    const item = store.getState().items[0]!;
    await showing('audit.list', { itemId: item.id });
    await showing('datasets.list', {});
    await showing('inspection.get', {});
    recording.calls.length = 0;
    await store.getState().refresh(touchedBy('checklist.update', { itemId: item.id, note: 'Refreshed.' }));
    expect(recording.calls.map((c) => c.operation)).toEqual(['audit.list']);
  });

  test('a change that names the items reloads them in one call', async () => {
    await dispatch(recording.backend, 'checklist.update', {
      itemId: store.getState().items[0]!.id,
      owner: 'Changed elsewhere',
    });
    await store.getState().refresh(['checklist.list']);
    expect(recording.calls.map((c) => c.operation)).toEqual(['checklist.list']);
    expect(store.getState().items[0]!.owner).toBe('Changed elsewhere');
  });
});

describe('feedback slice', () => {
  test("work that is refused puts main's words in the error summary and ends busy", async () => {
    const finished = await store.getState().withErrors(async () => {
      await call('workspace.open', { path: '/nowhere/at/all.sendpack' });
    });
    expect(finished).toBe(false);
    expect(store.getState().error).toMatch(/\w/);
    expect(store.getState().busy).toBe(false);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });
});

describe('switching workspaces', () => {
  test('a view still on screen reads the workspace opened next, not the one before', async () => {
    const first = store.getState().session!.path;
    await store.getState().updateItem(store.getState().items[0]!.id, { owner: 'Sam Okafor' });
    const made = await dispatch(recording.backend, 'workspace.create', {
      areaName: 'Otherborough',
      laCode: '841',
      parentDir: recording.dir,
    });
    if (!made.ok) throw new Error(made.error.message);
    const other = (made.value as { session: { path: string } }).session.path;
    await store.getState().openWorkspace(first);
    await showing('dashboard.get', {});
    const before = cache.getQueryData(queryKey('dashboard.get', {}));
    await store.getState().openWorkspace(other);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const fresh = await dispatch(recording.backend, 'dashboard.get', {});
    expect(store.getState().session!.areaName).toBe('Otherborough');
    expect(cache.getQueryData(queryKey('dashboard.get', {}))).toEqual(fresh.ok ? fresh.value : null);
    expect(cache.getQueryData(queryKey('dashboard.get', {}))).not.toEqual(before);
  });
});
