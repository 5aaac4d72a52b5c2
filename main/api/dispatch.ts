import type { z } from 'zod';
import { contract } from '../../shared/api/contract';
import { isOperationName, type OperationName } from '../../shared/api/operation-names';
import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';
import { storageRefusal, WorkspaceError } from '../refusal/refusal';
import type { Backend } from './backend';
import type { Handler } from './handler-types';
import type { OutsideQueue } from './request-order';
import type { RunningCall } from './running-work';
import { HANDLERS } from './handlers';

/** "areaName: must not be empty" — the first problem of a refused payload, naming the field. */
function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.map(String).join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
      : issue.code === 'invalid_type' && issue.input === undefined
        ? 'is required'
        : issue.message;
  return { field, message };
}

/**
 * The single entry point every host calls: checks the operation name and validates the payload against the
 * contract before any handler runs, and turns every failure into an error answer instead of a crash. Requests run
 * one at a time in arrival order (a cancel excepted), the same in every host: request-order.ts.
 */
export function dispatch(
  backend: Backend,
  operation: string,
  payload: unknown,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<ApiResult<unknown>> {
  // Long work is known to a cancel from the moment it arrives, not only once its turn comes: a cancel sent while
  // a build still waits behind another request stops it before it starts, instead of finding nothing to stop.
  const running = backend.work.start(operation);
  return backend.requests
    .run(operation, (outsideQueue) => dispatchNow(backend, operation, payload, onProgress, outsideQueue, running))
    .finally(() => running.finish());
}

async function dispatchNow(
  backend: Backend,
  operation: string,
  payload: unknown,
  onProgress: (event: ProgressEvent) => void,
  outsideQueue: OutsideQueue,
  running: RunningCall,
): Promise<ApiResult<unknown>> {
  if (!isOperationName(operation)) {
    return {
      ok: false,
      error: { code: 'unknown-operation', message: `There is no operation called "${operation.slice(0, 100)}".` },
    };
  }
  const parsed = contract[operation].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { field, message } = first ? describeIssue(first) : { field: '', message: 'is not valid' };
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        field,
        message: `${operation}: ${field ? `${field} ` : 'the request '}${message}.`,
      },
    };
  }
  try {
    const handler = HANDLERS[operation] as Handler<OperationName>;
    const value = await handler(parsed.data as never, {
      backend,
      progress: (event) => onProgress({ operation, ...event }),
      stopIfCancelled: running.stopIfCancelled,
      outsideQueue,
      ...(running.signal ? { signal: running.signal } : {}),
    });
    backend.sync.afterOperation(operation);
    return { ok: true, value };
  } catch (caught) {
    // A full disk, a read-only folder or a failing disk, from node:fs or SQLite, is told in plain words.
    const error =
      caught instanceof WorkspaceError
        ? caught
        : (storageRefusal(caught, operation, backend.workspace?.folder ?? null) ?? caught);
    if (error instanceof WorkspaceError) {
      if (error !== caught) console.warn(`[sendpack] ${operation} could not write: ${(caught as Error).message}`);
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
      };
    }
    console.error(`[sendpack] ${operation} failed:`, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: `Something went wrong in ${operation}: ${(error as Error)?.message ?? String(error)}. Nothing was half-saved; try again, and report this if it happens again.`,
      },
    };
  }
}
