import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';

/**
 * The message protocol between a host (the Electron main process) and the process that owns the Backend (an
 * Electron utilityProcess). Plain Node on purpose: no electron import, so it runs under vitest over a
 * node:worker_threads MessageChannel exactly as it runs over Electron's parentPort.
 */

/** Run one operation. Answered by any number of progress messages, then exactly one result. */
export interface CallMessage {
  id: number;
  operation: string;
  payload: unknown;
}

/** Close the Backend (releases the workspace lock). Answered by `closed`; the process may then exit. */
export interface CloseMessage {
  id: number;
  close: true;
}

export type ToBackend = CallMessage | CloseMessage;

export type FromBackend =
  { id: number; result: ApiResult<unknown> } | { id: number; progress: ProgressEvent } | { id: number; closed: true };

/**
 * The least a port must offer. Node's MessagePort and Electron's UtilityProcess deliver the message itself;
 * Electron's parentPort delivers a MessageEvent, so its caller unwraps `.data` first.
 */
export interface PortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

export type DispatchFn = (
  operation: string,
  payload: unknown,
  onProgress: (event: ProgressEvent) => void,
) => Promise<ApiResult<unknown>>;

export interface ServeOptions {
  dispatch: DispatchFn;
  /** Release everything the backend holds; called once, on a close message. */
  close(): void | Promise<void>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function internalError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'internal', message } };
}

/**
 * Serves requests on `port` until the process ends. Calls are handed to dispatch as they arrive; dispatch orders
 * them (one at a time, a cancel excepted: main/api/request-order.ts), exactly as it does for the browser host.
 * Never throws: a dispatch that rejects, which dispatch() promises not to do, still answers an error.
 */
export function serveBackend(port: PortLike, options: ServeOptions): void {
  let closing: Promise<void> | null = null;
  port.on('message', (message) => {
    if (!isObject(message) || typeof message.id !== 'number') return; // not ours: nobody to answer
    const id = message.id;
    if (message.close === true) {
      closing ??= Promise.resolve()
        .then(() => options.close())
        .catch((error: unknown) => {
          console.error('[sendpack] closing the backend failed:', error);
        });
      void closing.then(() => port.postMessage({ id, closed: true } satisfies FromBackend));
      return;
    }
    if (typeof message.operation !== 'string') {
      port.postMessage({ id, result: internalError('The request named no operation.') } satisfies FromBackend);
      return;
    }
    if (closing) {
      port.postMessage({
        id,
        result: internalError('The app is closing; the request was not run.'),
      } satisfies FromBackend);
      return;
    }
    const onProgress = (progress: ProgressEvent) => port.postMessage({ id, progress } satisfies FromBackend);
    options
      .dispatch(message.operation, message.payload, onProgress)
      .catch((error: unknown) =>
        internalError(`The background process failed: ${(error as Error)?.message ?? String(error)}`),
      )
      .then((result) => port.postMessage({ id, result } satisfies FromBackend));
  });
}

interface Pending {
  resolve(result: ApiResult<unknown>): void;
  onProgress: (event: ProgressEvent) => void;
}

/**
 * The calling side: numbers each request, routes progress and results back to the caller, and turns a lost
 * backend into error answers instead of promises that never settle.
 */
export class BackendProtocolClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly closeWaiters = new Map<number, () => void>();

  constructor(private readonly port: PortLike) {
    port.on('message', (message) => this.receive(message));
  }

  /** Runs an operation in the backend. Resolves with its ApiResult envelope; never rejects. */
  call(
    operation: string,
    payload: unknown,
    onProgress: (event: ProgressEvent) => void = () => {},
  ): Promise<ApiResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress });
      try {
        this.port.postMessage({ id, operation, payload } satisfies ToBackend);
      } catch (error) {
        // e.g. a payload that cannot be structured-cloned (a function, a class instance with private state)
        this.pending.delete(id);
        resolve({
          ok: false,
          error: {
            code: 'invalid-request',
            message: `${operation}: the request could not be sent (${(error as Error).message}).`,
          },
        });
      }
    });
  }

  /** Asks the backend to close; resolves when it says so or after timeoutMs, whichever comes first. */
  close(timeoutMs: number): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.closeWaiters.delete(id);
        resolve(false);
      }, timeoutMs);
      this.closeWaiters.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
      try {
        this.port.postMessage({ id, close: true } satisfies ToBackend);
      } catch {
        this.closeWaiters.get(id)?.();
      }
    });
  }

  /** Answers every call still waiting with an 'internal' error: the backend went away without answering. */
  failAll(message: string): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve } of waiting) resolve(internalError(message));
    for (const done of this.closeWaiters.values()) done();
    this.closeWaiters.clear();
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private receive(message: unknown): void {
    if (!isObject(message) || typeof message.id !== 'number') return;
    if (message.closed === true) {
      this.closeWaiters.get(message.id)?.();
      this.closeWaiters.delete(message.id);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return; // answered already (failAll) or never ours
    if ('progress' in message) {
      try {
        waiting.onProgress(message.progress as ProgressEvent);
      } catch (error) {
        console.error('[sendpack] a progress listener failed:', error);
      }
      return;
    }
    if ('result' in message) {
      this.pending.delete(message.id);
      waiting.resolve(message.result as ApiResult<unknown>);
    }
  }
}
