import { writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { OPERATION_NAMES } from '../../shared/api/operation-names';
import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';
import { isAppUrl } from './app-url';
import { copyFileAtomic } from '../files/atomic-write';
import { storageRefusal } from '../refusal/refusal';
import {
  CHOOSE_WORKSPACE_CHANNEL,
  operationChannel,
  PROGRESS_CHANNEL,
  SAVE_FILE_CHANNEL,
  SAVE_PACK_FILE_CHANNEL,
} from './ipc-channels';
import { chooseWorkspaceToOpen } from './dialogs';
import { desktopEffect } from './desktop-effects';

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
        console.warn(
          `[sendpack] refused ${name} from ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that has gone'}`,
        );
        return {
          ok: false,
          error: { code: 'refused', message: `${name} can only be called by the app's own window.` },
        };
      }
      const sendProgress = (progress: ProgressEvent) => {
        if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, progress);
      };
      try {
        const result = await runner.call(name, payload, sendProgress);
        const effect = result.ok ? desktopEffect(name, result.value) : null;
        if (effect?.kind === 'open') await shell.openPath(effect.path);
        else if (effect) shell.showItemInFolder(effect.path);
        return result;
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${name} failed in the app: ${(error as Error)?.message ?? String(error)}`,
          },
        };
      }
    });
  }
  ipcMain.handle(SAVE_FILE_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event)) return { saved: false, path: null };
    const { suggestedName, content } = (request ?? {}) as { suggestedName?: unknown; content?: unknown };
    if (typeof suggestedName !== 'string' || !(typeof content === 'string' || content instanceof Uint8Array))
      return { saved: false, path: null };
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: basename(suggestedName) };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, path: null };
    await writeFile(choice.filePath, content);
    return { saved: true, path: choice.filePath };
  });
  // Saving a built pack or bundle: only its version and kind cross IPC, and the file is copied disk to disk, at any
  // size. Sending its bytes (pack.file) meant the whole file in the backend's memory, then a copy in the main
  // process, one in the page and one more on the way back to be written: four copies of a 600 MB bundle, and none at
  // all past Node's 2 GiB file read limit, which a bundle of large evidence passes (ZIP64).
  ipcMain.handle(SAVE_PACK_FILE_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event)) return { saved: false, path: null };
    // The backend validates the request and finds the file (pack.open answers its path; nothing is opened here).
    const found = await runner
      .call('pack.open', request, () => {})
      .catch((error: unknown): ApiResult<unknown> => ({
        ok: false,
        error: { code: 'internal', message: `The file was not found: ${(error as Error)?.message ?? String(error)}` },
      }));
    if (!found.ok) return { saved: false, path: null, problem: found.error.message };
    const source = (found.value as { path: string }).path;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: basename(source) };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false, path: null };
    try {
      await copyFileAtomic(source, choice.filePath);
    } catch (error) {
      const problem =
        storageRefusal(error, 'pack.saveCopy', dirname(choice.filePath))?.message ??
        `${basename(choice.filePath)} was not saved: ${dirname(choice.filePath)} could not take it ` +
          `(${(error as NodeJS.ErrnoException)?.code ?? 'error'}). Choose another folder and try again.`;
      return { saved: false, path: null, problem };
    }
    return { saved: true, path: choice.filePath };
  });
  ipcMain.handle(CHOOSE_WORKSPACE_CHANNEL, async (event) => {
    if (!isTrustedSender(event)) return null;
    return chooseWorkspaceToOpen(BrowserWindow.fromWebContents(event.sender));
  });
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(operationChannel(name));
    ipcMain.removeHandler(SAVE_FILE_CHANNEL);
    ipcMain.removeHandler(SAVE_PACK_FILE_CHANNEL);
    ipcMain.removeHandler(CHOOSE_WORKSPACE_CHANNEL);
  };
}
