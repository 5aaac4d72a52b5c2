/**
 * Saving a narrative makes one write and reloads only that item (the write answers with it) and its history:
 * none of the other views on the item's page (its files, the datasets, the header's countdown) reads again, and
 * nothing static (the catalogue, datasets) is fetched. Before keyed queries, every view reloaded on any change.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { App } from '../../renderer/app/App';
import { useAppStore } from '../../renderer/state/app-store';
import { queryClient } from '../../renderer/state/query-client';
import { recordingApi, settled, type RecordingApi } from './recording-api';

// React's act() warns unless the environment says it is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let recording: RecordingApi;
let root: Root;
let host: HTMLElement;

beforeEach(async () => {
  recording = recordingApi();
  await dispatch(recording.backend, 'settings.setUserName', { userName: 'Priya Shah' });
  const made = await dispatch(recording.backend, 'workspace.create', {
    areaName: 'Testshire',
    laCode: '841',
    parentDir: recording.dir,
  });
  expect(made.ok).toBe(true);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => {
    root.render(
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>,
    );
    await useAppStore.getState().start(recording.api);
  });
  await settled(recording, () => useAppStore.getState().screen === 'workspace');
});

afterEach(async () => {
  await act(async () => root.unmount());
  host.remove();
  queryClient.clear();
  recording.close();
});

/** Types into a React-controlled field as a person would: the value changes, then an input event. */
function typeInto(field: HTMLTextAreaElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  setValue.call(field, text);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

test('saving a narrative issues one write and reloads only the item and its history', async () => {
  const item = useAppStore.getState().items.find((i) => !i.personLevel)!;
  await act(async () => useAppStore.getState().showView('item', item.id));
  await settled(
    recording,
    () => host.querySelector(`#item-${item.id}-note`) !== null && host.textContent!.includes('History'),
  );
  const opened = recording.calls.map((c) => c.operation);
  // The page's views did load (so a reload of any of them would show below).
  expect(opened).toEqual(expect.arrayContaining(['audit.list', 'attachments.list', 'datasets.list']));
  recording.calls.length = 0;

  const field = host.querySelector<HTMLTextAreaElement>(`#item-${item.id}-note`)!;
  const narrative = 'The JSNA was refreshed in March 2026 with the health partners.';
  await act(async () => {
    field.focus();
    typeInto(field, narrative);
    field.blur();
  });
  await settled(recording);

  expect(recording.calls).toEqual([
    { operation: 'checklist.update', request: { itemId: item.id, note: narrative } },
    { operation: 'audit.list', request: { itemId: item.id } },
  ]);
  // What the person sees followed: the item holds the narrative and its history shows the change.
  expect(useAppStore.getState().items.find((i) => i.id === item.id)!.note).toBe(narrative);
  expect(host.querySelector('#history-heading')!.parentElement!.textContent).toContain('JSNA was refreshed');
});

test('a view opened after the save reads afresh, so nothing it shows is stale', async () => {
  const item = useAppStore.getState().items.find((i) => !i.personLevel)!;
  await act(async () => useAppStore.getState().showView('item', item.id));
  await settled(recording, () => host.querySelector(`#item-${item.id}-note`) !== null);
  await act(async () => {
    await useAppStore.getState().updateItem(item.id, { owner: 'Sam Okafor' });
  });
  await settled(recording);
  recording.calls.length = 0;

  await act(async () => useAppStore.getState().showView('dashboard'));
  await settled(recording, () => host.textContent!.includes('Readiness by evaluation area'));
  expect(recording.calls.map((c) => c.operation)).toEqual(['dashboard.get']);
  expect(host.textContent).toContain('Sam Okafor');
});
