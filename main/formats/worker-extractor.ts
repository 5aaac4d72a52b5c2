/**
 * Text extraction off the thread that owns the database: Office and PDF files are read in a worker thread with a
 * time budget and a memory cap, so a hostile or broken file (a PDF whose page tree lists one page 40,000 times, a
 * part that would fill the heap) makes only its own file "not scanned" and nothing else waits. One worker is kept
 * and reused file after file (loading PDF.js costs about 0.2 s, too much to pay per file at county scale); a file
 * that overruns its budget or the memory cap ends that worker, and the next file starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractResult } from './types';
import { extractText } from './extract-text';

export interface WorkerExtractorOptions {
  /** Longest one file may take; past it the file is "not scanned". Default 120 s. */
  timeoutMs?: number;
  /** The worker's heap cap in MB. Default 1,536. */
  maxMemoryMb?: number;
  /** The worker script; found next to the bundle or in the source tree when not given. */
  script?: { path: string; execArgv: string[] } | null;
}

export type WorkerExtractor = ((
  bytes: Uint8Array,
  fileName: string,
  signal?: AbortSignal,
) => Promise<ExtractResult>) & {
  /** Ends the worker (tests; the process ending ends it anyway). */
  close(): Promise<void>;
};

/** A worker thread's entry: the variable that may name its script, its bundle's file name and its source file. */
export interface WorkerEntry {
  env: string;
  bundle: string;
  source: string;
}

export const EXTRACT_WORKER: WorkerEntry = {
  env: 'SENDPACK_EXTRACT_WORKER',
  bundle: 'extract-worker.cjs',
  source: 'main/formats/extract-worker.ts',
};

/**
 * A worker's script (the extraction worker's unless another entry is named): its variable (SENDPACK_EXTRACT_WORKER)
 * if set; its bundle (extract-worker.cjs) beside the running bundle (the Electron app); else its source
 * (main/formats/extract-worker.ts) in the source tree above the running script or the working folder, run through
 * tsx (the CLI, the browser host, the tests). Null when none is found: the work then runs in-process.
 */
export function findWorkerScript(entry: WorkerEntry = EXTRACT_WORKER): { path: string; execArgv: string[] } | null {
  const fromEnv = process.env[entry.env];
  if (fromEnv) return { path: resolve(fromEnv), execArgv: fromEnv.endsWith('.ts') ? ['--import', 'tsx'] : [] };
  // In a CommonJS bundle __filename is the bundle; in ESM run by tsx it does not exist.
  const bundle = typeof __filename === 'string' ? join(dirname(__filename), entry.bundle) : null;
  // Packaged, the worker file is unpacked beside app.asar (electron-builder.yml asarUnpack).
  const unpacked = bundle?.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (unpacked && unpacked !== bundle && existsSync(unpacked)) return { path: unpacked, execArgv: [] };
  if (bundle && existsSync(bundle)) return { path: bundle, execArgv: [] };
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : null, process.cwd()];
  for (const start of starts) {
    for (let dir = start; dir !== null;) {
      const source = join(dir, ...entry.source.split('/'));
      if (existsSync(source) && existsSync(join(dir, 'node_modules', 'tsx')))
        return { path: source, execArgv: ['--import', 'tsx'] };
      const up = dirname(dir);
      dir = up === dir ? null : up;
    }
  }
  return null;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  signal?: AbortSignal;
  resolve: (result: ExtractResult) => void;
}

const notScanned = (kind: string, reason: string): ExtractResult => ({ status: 'not-scanned', kind, reason });

function kindOf(fileName: string): string {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext.startsWith('doc') || ext === 'dotx') return 'docx';
  if (ext.startsWith('xl')) return 'xlsx';
  return 'unknown';
}

/** An Extractor that reads each file in the worker, one at a time, in the order asked. */
export function workerExtractor(options: WorkerExtractorOptions = {}): WorkerExtractor {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxMemoryMb = options.maxMemoryMb ?? 1536;
  const script = options.script === undefined ? findWorkerScript() : options.script;
  const queue: Job[] = [];
  let worker: Worker | null = null;
  let running: Job | null = null;
  let nextId = 1;

  const startWorker = (): Worker => {
    const w = new Worker(script!.path, {
      execArgv: script!.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
      stdout: false,
      stderr: false,
    });
    w.on('message', (message: { id: number; result: ExtractResult }) => {
      if (running && message.id === running.id) finish(running, message.result, false);
    });
    w.on('error', (error: Error & { code?: string }) => {
      if (worker !== w) return;
      worker = null;
      if (running) {
        finish(
          running,
          notScanned(
            kindOf(running.fileName),
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `Reading it needed more than ${maxMemoryMb.toLocaleString('en-GB')} MB of memory, so it was stopped; it was not read.`
              : 'Reading it failed unexpectedly; it was not read.',
          ),
          true,
        );
      }
    });
    w.on('exit', () => {
      if (worker !== w) return;
      worker = null;
      if (running)
        finish(running, notScanned(kindOf(running.fileName), 'Reading it failed unexpectedly; it was not read.'), true);
    });
    w.unref();
    return w;
  };

  let timer: NodeJS.Timeout | null = null;
  let onAbort: (() => void) | null = null;

  const finish = (job: Job, result: ExtractResult, endWorker: boolean) => {
    if (running !== job) return;
    running = null;
    if (timer) clearTimeout(timer);
    timer = null;
    if (onAbort) job.signal?.removeEventListener('abort', onAbort);
    onAbort = null;
    if (endWorker && worker) {
      const w = worker;
      worker = null;
      void w.terminate();
    }
    if (!endWorker && worker) worker.unref();
    job.resolve(result);
    pump();
  };

  const pump = () => {
    if (running || queue.length === 0) return;
    const job = queue.shift()!;
    if (job.signal?.aborted) {
      job.resolve(notScanned(kindOf(job.fileName), 'Reading it was stopped.'));
      pump();
      return;
    }
    running = job;
    worker ??= startWorker();
    worker.ref();
    timer = setTimeout(
      () =>
        finish(
          job,
          notScanned(
            kindOf(job.fileName),
            `Reading it took longer than ${Math.round(timeoutMs / 1000)} seconds, ` +
              'so it was stopped; it was not fully scanned.',
          ),
          true,
        ),
      timeoutMs,
    );
    onAbort = () => finish(job, notScanned(kindOf(job.fileName), 'Reading it was stopped.'), true);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    // A copy, handed over: the caller keeps its bytes, and the worker gets them without a second copy.
    const copy = new Uint8Array(job.bytes);
    worker.postMessage({ id: job.id, bytes: copy, fileName: job.fileName }, [copy.buffer]);
  };

  const extract = ((bytes: Uint8Array, fileName: string, signal?: AbortSignal) => {
    if (!script) return extractText(bytes, fileName);
    if (signal?.aborted) return Promise.resolve(notScanned(kindOf(fileName), 'Reading it was stopped.'));
    return new Promise<ExtractResult>((resolveJob) => {
      queue.push({ id: nextId++, bytes, fileName, signal, resolve: resolveJob });
      pump();
    });
  }) as WorkerExtractor;
  extract.close = async () => {
    const w = worker;
    worker = null;
    if (w) await w.terminate();
  };
  return extract;
}

let shared: WorkerExtractor | null = null;

/** The process's one extraction worker, shared by every backend in it (the CLI, the browser host, the app). */
export function sharedWorkerExtractor(): WorkerExtractor {
  shared ??= workerExtractor();
  return shared;
}
