import type { OperationName } from '../../shared/api/operation-names';
import type { ParsedRequest, Response } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/api/progress';
import type { Backend } from './backend';
import type { OutsideQueue } from './request-order';

export interface HandlerContext {
  backend: Backend;
  progress(event: Omit<ProgressEvent, 'operation'>): void;
  /**
   * Rejects with a 'cancelled' refusal if the officer has asked this work to stop; long work awaits it at safe
   * points, where it also lets a waiting cancel request in.
   */
  stopIfCancelled(): Promise<void>;
  /**
   * Runs a wait that needs no database (a file read in the worker) with the request queue let go, so other requests
   * are answered meanwhile; the handler queues again before it goes on (request-order.ts).
   */
  outsideQueue: OutsideQueue;
  /** Aborted when the officer cancels (cancellable operations only): hands the cancel to work in flight. */
  signal?: AbortSignal;
}

export type Handler<K extends OperationName> = (
  request: ParsedRequest<K>,
  context: HandlerContext,
) => Response<K> | Promise<Response<K>>;

/** A domain's handlers: a subset of the operations, each typed by the contract. */
export type Handlers<K extends OperationName = OperationName> = { [P in K]: Handler<P> };
