/**
 * Import previews read off the thread that owns the database, as attached files are (main/formats/worker-extractor.ts):
 * in a worker thread with a time budget and a memory cap, stopped at once by a cancel, so a hostile or enormous
 * spreadsheet answers only for itself and the officer's other screens keep answering while it is read. One worker is
 * kept and reused, one file at a time in the order asked (starting one costs about as much as reading a small file);
 * a file that overruns its budget or the memory cap, or is cancelled, ends that worker, and the next starts afresh.
 */
import { Worker } from 'node:worker_threads';
import { WorkspaceError } from '../../refusal/refusal';
import { findWorkerScript, type WorkerEntry } from '../../formats/worker-extractor';
import { datasetById } from '../../../shared/domain/datasets/index';
import { failed, previewImport, type Preview } from './preview-import';
import type { PreviewWorkerRequest } from './preview-worker';

const PREVIEW_WORKER: WorkerEntry = {
  bundle: 'preview-worker.cjs',
  source: 'main/datasets/import/preview-worker.ts',
  env: 'SENDPACK_PREVIEW_WORKER',
};

export interface PreviewWorkerOptions {
  /** Longest one preview may take; past it the file is refused in words. Default 120 s, as for a file's text. */
  timeoutMs?: number;
  /** The worker's heap cap in MB. Default 1,536, as for a file's text. */
  maxMemoryMb?: number;
  /** The worker script; found next to the bundle or in the source tree when not given; null reads in-process. */
  script?: { path: string; execArgv: string[] } | null;
}

export type PreviewReader = ((request: PreviewWorkerRequest, signal?: AbortSignal) => Promise<Preview>) & {
  /** Ends the worker (tests; the process ending ends it anyway). */
  close(): Promise<void>;
};

const cancelled = () => new WorkspaceError('cancelled', 'Reading the file was stopped. Nothing was imported.');
const advice = 'Save the sheet you need on its own, as CSV, and import that.';

export function previewReader(options: PreviewWorkerOptions = {}): PreviewReader {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxMemoryMb = options.maxMemoryMb ?? 1536;
  const script = options.script === undefined ? findWorkerScript(PREVIEW_WORKER) : options.script;
  let worker: Worker | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  const readNow = (request: PreviewWorkerRequest, signal?: AbortSignal): Promise<Preview> => {
    const def = datasetById(request.dataset);
    const refuse = (message: string) => failed({ row: null, column: null, message }, def);
    if (signal?.aborted) return Promise.reject(cancelled());
    if (!script) {
      const { dataset: _dataset, ...rest } = request;
      return Promise.resolve(
        def ? previewImport({ ...rest, def }) : refuse(`There is no dataset "${request.dataset}".`),
      );
    }
    const w = (worker ??= new Worker(script.path, {
      execArgv: script.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
      stdout: false,
      stderr: false,
    }));
    w.ref();
    return new Promise<Preview>((resolve, reject) => {
      const settle = (outcome: () => void, endWorker: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (endWorker) {
          if (worker === w) worker = null;
          void w.terminate();
        } else w.unref();
        outcome();
      };
      const onMessage = (preview: Preview) => settle(() => resolve(preview), false);
      const onError = (error: Error & { code?: string }) =>
        settle(
          () =>
            resolve(
              refuse(
                error.code === 'ERR_WORKER_OUT_OF_MEMORY'
                  ? `Reading ${request.fileName} needed more than ${maxMemoryMb.toLocaleString('en-GB')} MB of ` +
                      `memory, so it was stopped and nothing was imported. ${advice}`
                  : `Reading ${request.fileName} failed unexpectedly; nothing was imported.`,
              ),
            ),
          true,
        );
      const onExit = () =>
        settle(() => resolve(refuse(`Reading ${request.fileName} failed unexpectedly; nothing was imported.`)), true);
      const onAbort = () => settle(() => reject(cancelled()), true);
      const timer = setTimeout(
        () =>
          settle(
            () =>
              resolve(
                refuse(
                  `Reading ${request.fileName} took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was ` +
                    `stopped and nothing was imported. ${advice}`,
                ),
              ),
            true,
          ),
        timeoutMs,
      );
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      // A copy, handed over: the caller keeps its bytes, and the worker gets them without a second copy.
      const bytes = new Uint8Array(request.bytes);
      w.postMessage({ ...request, bytes }, [bytes.buffer]);
    });
  };

  const read = ((request: PreviewWorkerRequest, signal?: AbortSignal) => {
    const next = tail.then(() => readNow(request, signal));
    tail = next.catch(() => {});
    return next;
  }) as PreviewReader;
  read.close = async () => {
    const w = worker;
    worker = null;
    if (w) await w.terminate();
  };
  return read;
}

let shared: PreviewReader | null = null;

/** The process's one preview worker, shared by every backend in it (the CLI, the browser host, the app). */
export function sharedPreviewReader(): PreviewReader {
  shared ??= previewReader();
  return shared;
}
