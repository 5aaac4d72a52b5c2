import type { Request, Response } from '../../shared/api/contract';
import { call } from '../api/call';
import { useAppStore } from './app-store';
import { touchedBy, type WriteOperation } from './query-keys';

/**
 * Makes one change through the contract and then reloads what it touches (query-keys.ts), and nothing else: one
 * call for the write, and one read for each view on screen showing a touched key.
 */
export async function write<K extends WriteOperation>(operation: K, request: Request<K>): Promise<Response<K>> {
  const answer = await call(operation, request);
  await useAppStore.getState().refresh(touchedBy(operation, request));
  return answer;
}
