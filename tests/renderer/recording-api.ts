/**
 * The API the renderer sees (the preload's typed interface, SendpackApi), answered by a real backend in this
 * process through the same dispatch the hosts use, and recording every call the renderer makes through it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { act } from 'react';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../../main/api/backend';
import { dispatch } from '../../main/api/dispatch';
import type { SendpackApi } from '../../shared/api/api';
import { OPERATION_NAMES, type OperationName } from '../../shared/api/operation-names';

export interface RecordedCall {
  operation: OperationName;
  request: unknown;
}

export interface RecordingApi {
  api: SendpackApi;
  calls: RecordedCall[];
  /** Calls sent and not yet answered. */
  pending(): number;
  backend: Backend;
  dir: string;
  close(): void;
}

export function recordingApi(): RecordingApi {
  const dir = mkdtempSync(join(tmpdir(), 'sendpack-renderer-'));
  const backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser' });
  const calls: RecordedCall[] = [];
  let inFlight = 0;
  const operations = Object.fromEntries(
    OPERATION_NAMES.map((operation) => [
      operation,
      async (request: unknown) => {
        calls.push({ operation, request });
        inFlight++;
        try {
          return await dispatch(backend, operation, request);
        } finally {
          inFlight--;
        }
      },
    ]),
  );
  const api = {
    ...operations,
    onProgress: () => () => {},
    onMenu: () => () => {},
    saveFile: () => Promise.resolve({ saved: false, path: null }),
    savePackFile: () => Promise.resolve({ saved: false, path: null }),
    chooseWorkspaceFolder: () => Promise.resolve('unsupported' as const),
  } as unknown as SendpackApi;
  return {
    api,
    calls,
    backend,
    dir,
    pending: () => inFlight,
    close() {
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the condition holds, the renderer has nothing in flight and nothing new was sent for a while. */
export async function settled(
  recording: RecordingApi,
  condition: () => boolean = () => true,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  let quietSince = Date.now();
  let seen = recording.calls.length;
  for (;;) {
    // Inside act, so React applies what the answers changed before the next look.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    if (recording.calls.length !== seen || recording.pending() > 0) {
      seen = recording.calls.length;
      quietSince = Date.now();
    }
    if (condition() && recording.pending() === 0 && Date.now() - quietSince >= 150) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `Not settled after ${timeoutMs} ms; calls: ${recording.calls.map((c) => c.operation).join(', ')}`,
      );
  }
}
