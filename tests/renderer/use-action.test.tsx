/** useAction: the one place a view's action is run and its refusal kept in words. */
import { act, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, test } from 'vitest';
import { ApiCallError } from '../../shared/api/result';
import { useAction } from '../../renderer/state/use-action';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Hook = ReturnType<typeof useAction>;

async function mounted(): Promise<{ hook: () => Hook; unmount: () => void }> {
  let latest: Hook | null = null;
  function Probe() {
    const action = useAction();
    useEffect(() => {
      latest = action;
    });
    return (
      <p>
        {action.busy ? 'busy' : 'idle'}: {action.problem ?? 'no problem'}
      </p>
    );
  }
  const host = document.createElement('div');
  const root = createRoot(host);
  await act(async () => root.render(<Probe />));
  return {
    hook: () => latest!,
    unmount: () => {
      root.unmount();
    },
  };
}

test('a refusal from main is kept in its own words and the run answers false', async () => {
  const { hook, unmount } = await mounted();
  let answer: boolean | undefined;
  await act(async () => {
    answer = await hook().run(() =>
      Promise.reject(new ApiCallError({ code: 'refused', message: 'Due date: 31/02/2026 is not a date' })),
    );
  });
  expect(answer).toBe(false);
  expect(hook().problem).toBe('Due date: 31/02/2026 is not a date');
  expect(hook().busy).toBe(false);
  act(() => unmount());
});

test('a run that finishes clears the last problem; onError sends the words elsewhere instead', async () => {
  const { hook, unmount } = await mounted();
  await act(async () => {
    await hook().run(() => Promise.reject(new Error('Disk full')));
  });
  expect(hook().problem).toBe('Disk full');
  let answer: boolean | undefined;
  await act(async () => {
    answer = await hook().run(() => Promise.resolve('saved'));
  });
  expect(answer).toBe(true);
  expect(hook().problem).toBeNull();
  const told: string[] = [];
  await act(async () => {
    await hook().run(() => Promise.reject(new Error('Locked by Sam')), { onError: (m) => told.push(m) });
  });
  expect(told).toEqual(['Locked by Sam']);
  expect(hook().problem).toBeNull();
  act(() => unmount());
});
