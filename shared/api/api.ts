import type { OperationName } from './operation-names';
import type { Request, Response } from './contract';
import type { ApiResult } from './result';
import type { ProgressEvent } from './progress';
import type { MenuCommand } from './menu';

/**
 * What the renderer sees: one named function per operation. The Electron preload implements it over IPC; the
 * browser build implements it over HTTP. Neither exposes a generic invoke.
 */
export type SendpackApi = { [K in OperationName]: (request: Request<K>) => Promise<ApiResult<Response<K>>> } & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** File menu commands from the desktop app; the browser host never calls the listener. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** Saves content the page produced (an audit trail CSV…): a save dialog in the app, a download in a browser. */
  saveFile(suggestedName: string, content: string | Uint8Array): Promise<{ saved: boolean; path: string | null }>;
  /**
   * Asks for a workspace folder with the system's folder picker and answers its path, or null if cancelled. A
   * browser cannot give a page a folder's path, so there it answers 'unsupported' and the page asks for the path.
   */
  chooseWorkspaceFolder(): Promise<string | null | 'unsupported'>;
  /**
   * Saves a copy of a built pack or bundle without its bytes passing through the page, at any size: the desktop app
   * asks where and copies the file disk to disk; the browser host streams it as a download the browser writes as it
   * arrives. `path` is where it was saved when the host knows; `problem` is a refusal in words.
   */
  savePackFile(
    version: number,
    kind: 'docx' | 'bundle',
  ): Promise<{ saved: boolean; path: string | null; problem?: string }>;
};
