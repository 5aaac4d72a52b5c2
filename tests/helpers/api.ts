/** Driving the app through its API in tests: every call through dispatch, as the browser host and the CLI make them. */
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { Backend } from '../../main/api/backend';
import { dispatch } from '../../main/api/dispatch';
import type { Request, Response } from '../../shared/api/contract';
import type { OperationName } from '../../shared/api/operation-names';
import { makeWorkspace, type ApiOptions } from './workspace';

/** Calls an operation and returns its answer, failing the test (with the error) if it was refused. */
export async function call<K extends OperationName>(
  backend: Backend,
  operation: K,
  payload: Request<K>,
): Promise<Response<K>> {
  const result = await dispatch(backend, operation, payload);
  if (!result.ok) expect.fail(`${operation} was refused: ${JSON.stringify(result.error)}`);
  return result.value as Response<K>;
}

/** Calls an operation that must be refused and returns the error. */
export async function refused(backend: Backend, operation: OperationName, payload: unknown) {
  const result = await dispatch(backend, operation, payload);
  if (result.ok) expect.fail(`${operation} was not refused`);
  return result.error;
}

/**
 * Browser-host backends for one test file, closed after each test (closing also removes the read-only copies
 * opened for viewing).
 */
export function useBackends() {
  const open: Backend[] = [];
  afterEach(() => {
    for (const backend of open.splice(0)) backend.close();
  });
  const backend = (dataDir: string): Backend => {
    const made = new Backend({ dataDir, host: 'browser' });
    open.push(made);
    return made;
  };
  /** makeWorkspace through a new backend whose data folder is dir/data: the backend holds the workspace open. */
  const workspace = (dir: string, options: ApiOptions = {}) =>
    makeWorkspace(dir, { ...options, via: backend(join(dir, 'data')) });
  return { backend, workspace };
}
