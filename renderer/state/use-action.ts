import { useCallback, useState } from 'react';
import { messageOf } from './errors';

/**
 * Runs an action and keeps its refusal in words for the view to show, instead of each view catching and casting:
 * `run` answers true when the action finished, false (with `problem` set) when it was refused. A new run clears the
 * last problem.
 */
export function useAction() {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>, options: { onError?: (message: string, error: unknown) => void } = {}) => {
      setBusy(true);
      setProblem(null);
      try {
        await action();
        return true;
      } catch (error) {
        const message = messageOf(error);
        if (options.onError) options.onError(message, error);
        else setProblem(message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { run, problem, setProblem, busy };
}
