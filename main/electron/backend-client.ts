import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiResult } from '../../shared/api/result';
import type { ProgressEvent } from '../../shared/api/progress';
import { BackendProtocolClient } from './backend-protocol';
import type { OperationRunner } from './ipc';
import { PACK_PROCESS_NODE_FLAGS } from '../pack/pack-process-flags';

export interface BackendProcessOptions {
  /** dist-electron/backend-process.cjs */
  modulePath: string;
  dataDir: string;
}

/** More exits than this within RESTART_WINDOW_MS stop the eager restarts; the next call still tries once more. */
const MAX_QUICK_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/**
 * The main process's handle on the backend utility process: forks it, forwards calls, and survives its death.
 * If the process exits, every call still waiting is answered with an 'internal' error (never left hanging)
 * and a fresh process is started; the open workspace was lost with the old one, which the message says.
 */
export class BackendProcess implements OperationRunner {
  private child: UtilityProcess | null = null;
  private client: BackendProtocolClient | null = null;
  private closing = false;
  private recentExits: number[] = [];

  constructor(private readonly options: BackendProcessOptions) {}

  /** Forks the process if it is not running. Call after app 'ready'. */
  start(): void {
    if (this.child || this.closing) return;
    const child = utilityProcess.fork(this.options.modulePath, [], {
      serviceName: 'SEND Evidence Pack backend',
      env: { ...process.env, SENDPACK_DATA_DIR: this.options.dataDir },
      execArgv: [...PACK_PROCESS_NODE_FLAGS],
      stdio: 'inherit',
    });
    const client = new BackendProtocolClient(child);
    child.on('exit', (code) => this.exited(child, client, code));
    this.child = child;
    this.client = client;
  }

  call(operation: string, payload: unknown, onProgress: (event: ProgressEvent) => void): Promise<ApiResult<unknown>> {
    if (this.closing) {
      return Promise.resolve({
        ok: false,
        error: { code: 'internal', message: 'The app is closing; the request was not run.' },
      });
    }
    this.start();
    return this.client!.call(operation, payload, onProgress);
  }

  /** Closes the Backend (releasing the workspace lock), then ends the process. Resolves within about timeoutMs. */
  async close(timeoutMs = 3_000): Promise<void> {
    this.closing = true;
    const { child, client } = this;
    if (!child || !client) return;
    const closed = await client.close(timeoutMs);
    if (!closed) console.warn('[sendpack] the backend did not close in time; ending it');
    if (this.child === child) child.kill();
  }

  private exited(child: UtilityProcess, client: BackendProtocolClient, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    this.client = null;
    if (this.closing) {
      client.failAll('The app is closing; the request was not run.');
      return;
    }
    console.error(`[sendpack] the backend process stopped (exit code ${code}); restarting it`);
    client.failAll(
      `The app's background process stopped unexpectedly (exit code ${code}) before answering. ` +
        'It is restarted for you, but any workspace you had open was closed: open it again, then retry. ' +
        'Changes saved before this are safe.',
    );
    const now = Date.now();
    this.recentExits = [...this.recentExits.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.recentExits.length <= MAX_QUICK_RESTARTS) this.start();
  }
}
