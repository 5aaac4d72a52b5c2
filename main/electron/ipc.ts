import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES } from '../../shared/api/operation-names';
import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';
import { isAppUrl } from './app-url';
import { operationChannel, PROGRESS_CHANNEL } from './ipc-channels';

/** Whatever runs operations: the utility-process client in the app, a fake in tests. */
export interface OperationRunner {
  call(operation: string, payload: unknown, onProgress: (event: ProgressEvent) => void): Promise<ApiResult<unknown>>;
}

/**
 * Only our own page, in a top-level frame, may call operations. senderFrame is null once the frame has
 * navigated away or gone, which also refuses a late call from a page that is no longer ours.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * One ipcMain.handle per operation ('sendpack:<name>'). Each answers an ApiResult envelope and never throws
 * across IPC (a thrown error would reach the page as an opaque "Error invoking remote method"). Payloads are
 * passed through untouched: the backend validates them against the contract. Returns an unregister function.
 */
export function registerIpc(runner: OperationRunner): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(operationChannel(name), async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event)) {
        console.warn(`[sendpack] refused ${name} from ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that has gone'}`);
        return { ok: false, error: { code: 'refused', message: `${name} can only be called by the app's own window.` } };
      }
      const sendProgress = (progress: ProgressEvent) => {
        if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress);
      };
      try {
        return await runner.call(name, payload, sendProgress);
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `${name} failed in the app: ${(error as Error)?.message ?? String(error)}` } };
      }
    });
  }
  return () => { for (const name of OPERATION_NAMES) ipcMain.removeHandler(operationChannel(name)); };
}
