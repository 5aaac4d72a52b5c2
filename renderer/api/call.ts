import type { SendpackApi } from '../../shared/api/api';
import type { Request, Response } from '../../shared/api/contract';
import type { OperationName } from '../../shared/api/operation-names';
import { ApiCallError, unwrap, type ApiResult } from '../../shared/api/result';

let current: SendpackApi | null = null;

export function setApi(api: SendpackApi | null): void {
  current = api;
}

export function api(): SendpackApi {
  if (!current) throw new ApiCallError({ code: 'internal', message: 'Not connected to the app.' });
  return current;
}

/** Calls one operation of the contract and returns its value, or throws ApiCallError with main's message. */
export async function call<K extends OperationName>(operation: K, request: Request<K>): Promise<Response<K>> {
  // Indexing a mapped type by a generic key loses the pairing of request and response; the contract keeps it.
  const invoke = api()[operation] as unknown as (r: Request<K>) => Promise<ApiResult<Response<K>>>;
  return unwrap(await invoke(request));
}

/** Hands files to main (drag and drop or the file picker) and returns their upload handles. */
export async function uploadFiles(
  files: File[],
  options: { memoryOnly?: boolean } = {},
): Promise<{ handle: string }[]> {
  if (options.memoryOnly) {
    const handles: { handle: string }[] = [];
    for (const file of files) {
      const { handle } = await call('files.upload', {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        memoryOnly: true,
      });
      handles.push({ handle });
    }
    return handles;
  }
  return (await uploadFilesWithDates(files)).map(({ handle }) => ({ handle }));
}

/** Uploads files and answers each handle with the date the file itself records, if any. */
export async function uploadFilesWithDates(
  files: File[],
): Promise<{ handle: string; name: string; documentDate: string | null }[]> {
  const uploaded: { handle: string; name: string; documentDate: string | null }[] = [];
  for (const file of files) {
    const { handle, name, documentDate } = await call('files.upload', {
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    uploaded.push({ handle, name, documentDate });
  }
  return uploaded;
}
