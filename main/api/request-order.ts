import type { OperationName } from '../../shared/api/operation-names';

/**
 * The one ordering of requests, the same in every host (the browser host, Electron's utility process, the CLI),
 * because it is applied in dispatch() and not by each host: one operation at a time, in arrival order, as the
 * single SQLite connection and the workspace's state expect (two pack builds must not both take version 3). The
 * only exception is a cancel, which touches no data and must reach the long work it stops while that work holds
 * the queue.
 */
export const UNORDERED_OPERATIONS: readonly OperationName[] = ['work.cancel'];

export class RequestOrder {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if ((UNORDERED_OPERATIONS as readonly string[]).includes(operation)) return work();
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
