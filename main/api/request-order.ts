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
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = this.tail.then(() => release);
    this.tail = turn.then(() => done);
    return turn;
  }

  async run<T>(operation: string, work: (outside: OutsideQueue) => Promise<T>): Promise<T> {
    if ((UNORDERED_OPERATIONS as readonly string[]).includes(operation)) return work((wait) => wait());
    let release = await this.enqueue();
    // Several waits may be outside at once (attach reads the next file's text while it stores the one after): the
    // queue is let go when the first steps out and taken again when the last comes back; each returns only once it
    // is held again. Work that has ended (it failed while files were still being read) does not queue again.
    let outsideNow = 0;
    let finished = false;
    let retaking: Promise<void> = Promise.resolve();
    let held: Promise<void> = Promise.resolve();
    let markHeld = () => {};
    const outside: OutsideQueue = async (wait) => {
      await retaking;
      if (outsideNow++ === 0) {
        held = new Promise<void>((resolve) => {
          markHeld = resolve;
        });
        release();
      }
      try {
        return await wait();
      } finally {
        if (--outsideNow === 0) {
          if (finished) markHeld();
          else {
            const turn = this.enqueue();
            retaking = turn.then(() => undefined);
            release = await turn;
            markHeld();
          }
        } else {
          await held;
        }
      }
    };
    try {
      return await work(outside);
    } finally {
      finished = true;
      release();
    }
  }
}
