import type { OperationName } from '../../shared/api/operation-names';

/**
 * The one ordering of requests, the same in every host (the browser host, Electron's utility process, the CLI),
 * because it is applied in dispatch() and not by each host: one operation at a time, in arrival order, as the
 * single SQLite connection and the workspace's state expect (two pack builds must not both take version 3). The
 * only exception is a cancel, which touches no data and must reach the long work it stops while that work holds
 * the queue.
 *
 * Work that waits on something outside the database (a file's text read in the worker, up to its 120 s budget)
 * steps out of the queue while it waits (`outside`), and queues again, behind whatever arrived meanwhile, before it
 * touches the database: a hanging PDF never stops the officer's other screens from answering.
 */
export const UNORDERED_OPERATIONS: readonly OperationName[] = ['work.cancel'];

/** Runs `wait` with the queue let go, then queues again before returning. */
export type OutsideQueue = <T>(wait: () => Promise<T>) => Promise<T>;

export class RequestOrder {
  private tail: Promise<unknown> = Promise.resolve();

  /** A place at the end of the queue: resolves, when it is this caller's turn, to the function that gives it up. */
  private enqueue(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => { release = resolve; });
    const turn = this.tail.then(() => release);
    this.tail = turn.then(() => done);
    return turn;
  }

  async run<T>(operation: string, work: (outside: OutsideQueue) => Promise<T>): Promise<T> {
    if ((UNORDERED_OPERATIONS as readonly string[]).includes(operation)) return work((wait) => wait());
    let release = await this.enqueue();
    const outside: OutsideQueue = async (wait) => {
      release();
      try {
        return await wait();
      } finally {
        release = await this.enqueue();
      }
    };
    try {
      return await work(outside);
    } finally {
      release();
    }
  }
}
