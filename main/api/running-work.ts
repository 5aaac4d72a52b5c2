import { CANCELLABLE_OPERATIONS, type CancellableOperation } from '../../shared/api/contract';
import { WorkspaceError } from '../refusal/refusal';

const CANCELLED_MESSAGES: Record<CancellableOperation, string> = {
  'pack.build': 'The build was cancelled. Nothing was written: no pack, no bundle and no build record.',
  'attachments.add': 'Attaching was stopped. No file was attached.',
  'imports.preview': 'Reading the file was stopped. Nothing was imported.',
};

/** What dispatch holds of one call of long work, from its arrival to its answer. */
export interface RunningCall {
  stopIfCancelled(): Promise<void>;
  finish(): void;
  signal?: AbortSignal;
}

/** A running call: cancelled marks it; the signal also stops work in flight (a file being read in the worker). */
interface Run {
  cancelled: boolean;
  controller: AbortController;
}

/**
 * Lets the process read requests that arrived while long work kept it busy (a cancel among them): a few turns of
 * the event loop, since a request is read over several I/O events.
 */
async function letRequestsIn(): Promise<void> {
  for (let turn = 0; turn < 4; turn++)
    await new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
}

/**
 * The long work running now, so a cancel (a separate request) can reach it. Work stops only where it calls
 * stopIfCancelled, which it does before anything is written, never in the middle of a write.
 */
export class RunningWork {
  private readonly runs = new Map<CancellableOperation, Set<Run>>();

  start(operation: string): RunningCall {
    if (!(CANCELLABLE_OPERATIONS as readonly string[]).includes(operation))
      return { stopIfCancelled: async () => {}, finish: () => {} };
    const name = operation as CancellableOperation;
    const run: Run = { cancelled: false, controller: new AbortController() };
    const runs = this.runs.get(name) ?? new Set<Run>();
    this.runs.set(name, runs.add(run));
    return {
      stopIfCancelled: async () => {
        await letRequestsIn();
        if (run.cancelled) throw new WorkspaceError('cancelled', CANCELLED_MESSAGES[name]);
      },
      finish: () => {
        runs.delete(run);
      },
      signal: run.controller.signal,
    };
  }

  /** Marks every call of the operation, running or waiting its turn, as cancelled; false when there was none. */
  cancel(operation: CancellableOperation): boolean {
    const runs = [...(this.runs.get(operation) ?? [])];
    for (const run of runs) {
      run.cancelled = true;
      run.controller.abort();
    }
    return runs.length > 0;
  }
}
