import type { MessageEvent } from 'electron';
import { Backend } from '../api/backend';
import { dispatch } from '../api/dispatch';
import { defaultDataDir } from '../settings/data-dir';
import { serveBackend, type PortLike } from './backend-protocol';

/*
 * Entry point of the Electron utilityProcess that owns the Backend: the SQLite connection, workspace lock and
 * (later) pack building all run here, so long work never freezes the window. Bundled to
 * dist-electron/backend-process.cjs; it needs nothing from electron at run time, only process.parentPort.
 */

const parentPort = process.parentPort as typeof process.parentPort | null | undefined;
if (!parentPort) {
  console.error('[sendpack] backend-process must be started with utilityProcess.fork');
  process.exit(1);
}

// main passes the data folder it chose (userData, or SENDPACK_DATA_DIR); defaultDataDir is the same rule.
const backend = new Backend({ dataDir: process.env.SENDPACK_DATA_DIR || defaultDataDir(), host: 'electron' });

// parentPort delivers MessageEvents; the protocol wants the message itself.
const port: PortLike = {
  on: (_event, listener) => parentPort.on('message', (event: MessageEvent) => listener(event.data)),
  postMessage: (message) => parentPort.postMessage(message),
};

serveBackend(port, {
  dispatch: (operation, payload, onProgress) => dispatch(backend, operation, payload, onProgress),
  close: () => backend.close(),
});
