import { OPERATION_NAMES } from '../../shared/api/operation-names';
import type { SendpackApi } from '../../shared/api/api';
import type { ApiResult } from '../../shared/api/result';

const TOKEN_KEY = 'sendpack-token';

/** The per-run token the browser host printed in the URL fragment; kept for reloads of the same tab. */
export function readToken(location: Location, storage: Storage): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) storage.setItem(TOKEN_KEY, fromHash);
  return fromHash ?? storage.getItem(TOKEN_KEY);
}

/** The API over the browser host's HTTP endpoints: one named function per operation, like the Electron preload. */
export function createHttpApi(token: string): SendpackApi {
  const call = async (operation: string, request: unknown): Promise<ApiResult<unknown>> => {
    try {
      const response = await fetch(`/api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sendpack-token': token },
        body: JSON.stringify(request ?? {}),
      });
      return (await response.json()) as ApiResult<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `The app's background service did not answer (${(error as Error).message}). Check it is still running, then try again.` } };
    }
  };
  const api = Object.fromEntries(OPERATION_NAMES.map((name) => [name, (request: unknown) => call(name, request)]));
  return { ...api, onProgress: () => () => {}, onMenu: () => () => {} } as unknown as SendpackApi;
}
