import type { OperationName } from '../../shared/api/operation-names';
import type { ParsedRequest, Response } from '../../shared/api/contract';
import type { ProgressEvent } from '../../shared/api/progress';
import type { Backend } from './backend';

export interface HandlerContext {
  backend: Backend;
  progress(event: Omit<ProgressEvent, 'operation'>): void;
  /**
   * Rejects with a 'cancelled' refusal if the officer has asked this work to stop; long work awaits it at safe
   * points, where it also lets a waiting cancel request in.
   */
  stopIfCancelled(): Promise<void>;
  /** Aborted when the officer cancels (cancellable operations only): hands the cancel to work in flight. */
  signal?: AbortSignal;
}

export type Handler<K extends OperationName> = (request: ParsedRequest<K>, context: HandlerContext) => Response<K> | Promise<Response<K>>;

/** A domain's handlers: a subset of the operations, each typed by the contract. */
export type Handlers<K extends OperationName = OperationName> = { [P in K]: Handler<P> };
