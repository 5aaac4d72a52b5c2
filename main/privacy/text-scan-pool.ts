/**
 * The privacy check's scan workers: stored files' text inflated and scanned in worker threads beside the backend's
 * own thread, so a county's first check uses every core (164 MB of stored text: 1.2 s of CPU on one thread, 0.42 s
 * of it inflating). Started on the first check that has enough to scan and kept, idle and unreferenced, for a minute
 * for the next (loading the scanner in a worker costs about 0.1–0.3 s). A worker that fails hands its text back.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { findWorkerScript, type WorkerEntry } from '../formats/worker-extractor';
import type { ScanReply, ScanRequest } from './scan-worker';

export const SCAN_WORKER: WorkerEntry = {
  env: 'SENDPACK_SCAN_WORKER',
  bundle: 'scan-worker.cjs',
  source: 'main/privacy/scan-worker.ts',
};

/** One scan worker: takes one text at a time, in the order given. */
export interface ScanWorker {
  /** Settles when the worker has loaded (true) or failed to start (false). */
  readonly ready: Promise<boolean>;
  /** The text's findings; rejects when the worker ends before answering (the caller scans it itself). */
  scan(request: Omit<ScanRequest, 'id'>): Promise<ScanReply>;
}

class PooledWorker implements ScanWorker {
  readonly ready: Promise<boolean>;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: ScanReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  alive = true;

  constructor(script: { path: string; execArgv: string[] }) {
    this.worker = new Worker(script.path, {
      execArgv: script.execArgv,
      // Past this a worker stops with ERR_WORKER_OUT_OF_MEMORY (its text is scanned on the backend's thread) instead
      // of taking the process down.
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
      stdout: false,
      stderr: false,
    });
    // Referenced while it loads (a check waits for it) and while it has work; idle, it keeps no process alive.
    this.ready = new Promise((resolve) => {
      this.worker.once('online', () => {
        if (this.waiting.size === 0) this.worker.unref();
        resolve(true);
      });
      this.worker.once('exit', () => resolve(false));
    });
    this.worker.on('message', (reply: ScanReply) => {
      const job = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      job?.resolve(reply);
    });
    const end = (error: Error) => {
      this.alive = false;
      for (const job of this.waiting.values()) job.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', end);
    this.worker.on('exit', () => end(new Error('The scan worker ended.')));
  }

  scan(request: Omit<ScanRequest, 'id'>): Promise<ScanReply> {
    if (!this.alive) return Promise.reject(new Error('The scan worker ended.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...request, id } satisfies ScanRequest);
    });
  }

  terminate(): Promise<number> {
    this.alive = false;
    return this.worker.terminate();
  }
}

let pool: PooledWorker[] = [];
let idleTimer: NodeJS.Timeout | null = null;
/** Workers left idle this long after a check are ended: their memory (tens of MB each) is not kept for nothing. */
const IDLE_MS = 60_000;

/**
 * The scan workers (started if need be): one fewer than the cores, the backend's thread being the other, at most
 * three. None when no worker script is found (the text is then scanned on the caller's thread).
 */
export function textScanWorkers(): ScanWorker[] {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  pool = pool.filter((w) => w.alive);
  const want = Math.max(1, Math.min(3, availableParallelism() - 1));
  if (pool.length >= want) return pool;
  const script = findWorkerScript(SCAN_WORKER);
  if (!script) return pool;
  while (pool.length < want) pool.push(new PooledWorker(script));
  return pool;
}

/** Told when a check is done with the workers: they are ended if no check wants them within a minute. */
export function releaseTextScanWorkers(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeTextScanWorkers(), IDLE_MS);
  idleTimer.unref();
}

/** Ends the scan workers (tests, the bench; the process ending ends them anyway). */
export async function closeTextScanWorkers(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const ending = pool;
  pool = [];
  await Promise.all(ending.map((w) => w.terminate()));
}
