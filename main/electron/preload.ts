import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { OPERATION_NAMES, type OperationName } from '../../shared/api/operation-names';
import type { SendpackApi } from '../../shared/api/api';
import type { ProgressEvent } from '../../shared/api/progress';
import type { MenuCommand } from '../../shared/api/menu';
import {
  CHOOSE_WORKSPACE_CHANNEL,
  MENU_CHANNEL,
  operationChannel,
  PROGRESS_CHANNEL,
  SAVE_FILE_CHANNEL,
  SAVE_PACK_FILE_CHANNEL,
} from './ipc-channels';

/*
 * The sandboxed preload: bundled to one CommonJS file that requires nothing but 'electron'. It exposes
 * window.sendpack with one named function per operation and onProgress, and nothing else: no generic
 * invoke/send and no ipcRenderer, so a compromised page can reach only the operations the contract defines
 * (and main still validates every payload).
 */

type Operations = { [K in OperationName]: SendpackApi[K] };

// Derived from OPERATION_NAMES so a new operation is exposed without editing this file; the cast is the one
// place the types are taken on trust, and tests/main/electron/electron-security.test.ts checks the exact key set.
const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(operationChannel(name), request)]),
) as Operations;

const api = {
  ...operations,
  onProgress(listener: (event: ProgressEvent) => void): () => void {
    // The IpcRendererEvent is dropped here: it carries `sender` (the ipcRenderer itself) and must never reach
    // the page.
    const forward = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
    ipcRenderer.on(PROGRESS_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, forward);
    };
  },
  onMenu(listener: (command: MenuCommand) => void): () => void {
    const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
  saveFile(suggestedName: string, content: string | Uint8Array) {
    return ipcRenderer.invoke(SAVE_FILE_CHANNEL, { suggestedName, content }) as Promise<{
      saved: boolean;
      path: string | null;
    }>;
  },
  savePackFile(version: number, kind: 'docx' | 'bundle') {
    // Only the version and kind cross IPC: main copies the built file on disk, never its bytes through the page.
    return ipcRenderer.invoke(SAVE_PACK_FILE_CHANNEL, { version, kind }) as Promise<{
      saved: boolean;
      path: string | null;
      problem?: string;
    }>;
  },
  chooseWorkspaceFolder() {
    return ipcRenderer.invoke(CHOOSE_WORKSPACE_CHANNEL) as Promise<string | null>;
  },
} satisfies SendpackApi;

contextBridge.exposeInMainWorld('sendpack', api);
