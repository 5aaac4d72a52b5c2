import { OPERATION_NAMES } from '../../shared/api/operation-names';
import type { SendpackApi } from '../../shared/api/api';
import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';

const TOKEN_KEY = 'sendpack-token';

/** The per-run token the browser host printed in the URL fragment; kept for reloads of the same tab. */
export function readToken(location: Location, storage: Storage): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) storage.setItem(TOKEN_KEY, fromHash);
  return fromHash ?? storage.getItem(TOKEN_KEY);
}

/** The host sends bytes as {"$bytes": base64} (main/browser-host/http-host.ts); they come back as a Uint8Array. */
function decodeBytes(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
    const text = atob((value as { $bytes: string }).$bytes);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  return value;
}

/** The API over the browser host's HTTP endpoints: one named function per operation, like the Electron preload. */
export function createHttpApi(token: string): SendpackApi {
  const post = async (
    operation: string,
    body: BodyInit,
    headers: Record<string, string>,
  ): Promise<ApiResult<unknown>> => {
    try {
      const response = await fetch(`/api/${operation}`, {
        method: 'POST',
        headers: { ...headers, 'x-sendpack-token': token },
        body,
      });
      // A built pack or bundle comes as its own bytes, streamed (main/browser-host/http-host.ts), not inside JSON.
      if (response.ok && response.headers.get('content-type') === 'application/octet-stream') {
        const fileName = decodeURIComponent(response.headers.get('x-file-name') ?? 'download');
        return { ok: true, value: { fileName, bytes: new Uint8Array(await response.arrayBuffer()) } };
      }
      return JSON.parse(await response.text(), decodeBytes) as ApiResult<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The app's background service did not answer (${(error as Error).message}). Check it is still running, then try again.`,
        },
      };
    }
  };
  const call = (operation: string, request: unknown): Promise<ApiResult<unknown>> => {
    // File bytes travel as the raw request body; JSON would triple their size.
    if (operation === 'files.upload') {
      const { name, bytes, memoryOnly } = request as { name: string; bytes: Uint8Array; memoryOnly?: boolean };
      return post(operation, new Blob([bytes as BlobPart]), {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        ...(memoryOnly ? { 'x-memory-only': '1' } : {}),
      });
    }
    return post(operation, JSON.stringify(request ?? {}), { 'content-type': 'application/json' });
  };
  const api = Object.fromEntries(OPERATION_NAMES.map((name) => [name, (request: unknown) => call(name, request)]));
  return {
    ...api,
    onProgress(listener: (event: ProgressEvent) => void) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as ProgressEvent);
      return () => source.close();
    },
    onMenu: () => () => {},
    chooseWorkspaceFolder: () => Promise.resolve('unsupported' as const),
    async savePackFile(version: number, kind: 'docx' | 'bundle') {
      // Checked first, so a refusal is told in words; then the browser downloads the file as the host streams it to
      // disk, never holding it in the page, at any size.
      const found = await call('pack.open', { version, kind });
      if (!found.ok) return { saved: false, path: null, problem: found.error.message };
      const query = new URLSearchParams({ version: String(version), kind, token });
      const link = document.createElement('a');
      link.href = `/api/download/pack.file?${query.toString()}`;
      link.download = '';
      link.click();
      return { saved: true, path: null };
    },
    async saveFile(suggestedName: string, content: string | Uint8Array) {
      const url = URL.createObjectURL(new Blob([content as BlobPart]));
      const link = document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, path: null };
    },
  } as unknown as SendpackApi;
}
