import { CANCELLABLE_OPERATIONS, type CancellableOperation } from '../../shared/api/contract';
import { WorkspaceError } from '../store/workspace-error';

const CANCELLED_MESSAGES: Record<CancellableOperation, string> = {
  'pack.build': 'The build was cancelled. Nothing was written: no pack, no bundle and no build record.',
};

interface Run { cancelled: boolean }

/**
 * The long work running now, so a cancel (a separate request) can reach it. Work stops only where it calls
 * stopIfCancelled, which it does before anything is written, never in the middle of a write.
 */
export class RunningWork {
  private readonly runs = new Map<CancellableOperation, Set<Run>>();

  start(operation: string): { stopIfCancelled(): void; finish(): void } {
    if (!(CANCELLABLE_OPERATIONS as readonly string[]).includes(operation)) return { stopIfCancelled: () => {}, finish: () => {} };
    const name = operation as CancellableOperation;
    const run: Run = { cancelled: false };
    const runs = this.runs.get(name) ?? new Set<Run>();
    this.runs.set(name, runs.add(run));
    return {
      stopIfCancelled: () => { if (run.cancelled) throw new WorkspaceError('cancelled', CANCELLED_MESSAGES[name]); },
      finish: () => { runs.delete(run); },
    };
  }

  /** Marks every running call of the operation as cancelled; false when nothing was running. */
  cancel(operation: CancellableOperation): boolean {
    const runs = [...(this.runs.get(operation) ?? [])];
    for (const run of runs) run.cancelled = true;
    return runs.length > 0;
  }
}
