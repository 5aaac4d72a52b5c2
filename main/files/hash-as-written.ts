import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The SHA-256 of a file being written, for a writer that reports each chunk it has put in the file. Either hashed on
 * this thread as the chunks go by, or (`hashFileAsWritten`) read back and hashed by a worker thread that follows the
 * file as it grows, so the writer's thread spends nothing on it: for the share bundle, hashing 2 GB of archive took
 * 1.3 s of the 9 s it spent (county bench), a core the machine otherwise leaves idle.
 */
export interface FileHasher {
  /** `chunk` has been written; `total` bytes of the file are now on disk. */
  wrote(chunk: Uint8Array, total: number): void;
  /** The SHA-256 of the first `total` bytes, once all are written. */
  digest(total: number): Promise<string>;
  /** Stops hashing and lets go of the file (abandoned: it can then be removed, on Windows too). */
  close(): Promise<void>;
}

export function hashOnThisThread(): FileHasher {
  const hash = createHash('sha256');
  return {
    wrote: (chunk) => void hash.update(chunk),
    digest: () => Promise.resolve(hash.digest('hex')),
    close: () => Promise.resolve(),
  };
}

/** The follower: told how far the file is written, reads up to there (page cache) and hashes; answers at the end. */
const FOLLOWER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const fd = openSync(workerData.path, 'r');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(1 << 20);
let at = 0;
parentPort.on('message', ({ upTo, end, stop }) => {
  if (stop) {
    closeSync(fd);
    parentPort.close();
    return;
  }
  try {
    while (at < upTo) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, upTo - at), at);
      if (read === 0) throw new Error('the file ended at ' + at + ' bytes, before ' + upTo);
      hash.update(buffer.subarray(0, read));
      at += read;
    }
    if (end) {
      closeSync(fd);
      parentPort.postMessage({ sha256: hash.digest('hex') });
    }
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

/** Tell the follower about at least this much new data at a time: one message per small header would cost more. */
const NOTIFY_EVERY = 4 * 1024 * 1024;

/**
 * Hashes the file at `path` by reading it back in a worker thread as it is written (the worker is started from source
 * text, so no bundle has to be found in the packaged app). What is hashed is what is on disk.
 */
export function hashFileAsWritten(path: string): FileHasher {
  const worker = new Worker(FOLLOWER, { eval: true, workerData: { path } });
  worker.unref();
  let told = 0;
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      ended = true;
      resolve();
    }),
  );
  const answer = new Promise<string>((resolve, reject) => {
    worker.once('message', (reply: { sha256?: string; error?: string }) =>
      reply.sha256 ? resolve(reply.sha256) : reject(new Error(`Hashing ${path}: ${reply.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Hashing ${path}: the worker ended (${code}).`)));
  });
  answer.catch(() => undefined); // a failure is thrown where the digest is awaited
  return {
    wrote: (_chunk, total) => {
      if (total - told < NOTIFY_EVERY) return;
      told = total;
      worker.postMessage({ upTo: total, end: false });
    },
    digest: async (total) => {
      worker.postMessage({ upTo: total, end: true });
      try {
        return await answer;
      } finally {
        void worker.terminate();
      }
    },
    close: async () => {
      if (ended) return;
      worker.postMessage({ stop: true });
      await exited;
    },
  };
}

/** What a file held when the checker read it: its SHA-256, its CRC-32 (as a zip entry carries it) and its size. */
export interface FileCheck {
  sha256: string;
  crc: number;
  bytes: number;
}

/** The checker: reads each file of its list in turn (page cache), hashing and summing it, and answers file by file. */
const CHECKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const buffer = Buffer.allocUnsafe(1 << 20);
let stopped = false;
parentPort.on('message', () => { stopped = true; parentPort.close(); });
(async () => {
  for (let index = 0; index < workerData.paths.length && !stopped; index++) {
    try {
      const fd = openSync(workerData.paths[index], workerData.flags);
      try {
        const hash = createHash('sha256');
        let crc = 0;
        let bytes = 0;
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.length, bytes);
          if (read === 0) break;
          const chunk = buffer.subarray(0, read);
          hash.update(chunk);
          crc = crc32(chunk, crc);
          bytes += read;
        }
        parentPort.postMessage({ index, sha256: hash.digest('hex'), crc: crc >>> 0, bytes });
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      parentPort.postMessage({ index, error: String((error && error.message) || error) });
    }
    // Lets a stop message in between files.
    await new Promise((resolve) => setImmediate(resolve));
  }
})();
`;

/**
 * Checks files in a worker thread, in the order given, ahead of the thread that copies them: each file's SHA-256,
 * CRC-32 and size as read there. The copier compares the CRC-32 of what it wrote with the checker's, so what was
 * checked is what was copied. For the share bundle, hashing the evidence on the copying thread was 1.3 s of its 9 s
 * (county bench, 2 GB).
 */
export function checkFilesAhead(
  paths: readonly string[],
  openFlags: number,
): {
  check(index: number): Promise<FileCheck>;
  close(): Promise<void>;
} {
  const waiting = new Map<number, { resolve: (c: FileCheck) => void; reject: (e: Error) => void }>();
  const answered = new Map<number, FileCheck | Error>();
  if (paths.length === 0) return { check: () => Promise.reject(new Error('no files to check')), close: async () => {} };
  const worker = new Worker(CHECKER, { eval: true, workerData: { paths: [...paths], flags: openFlags } });
  worker.unref();
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      ended = true;
      const gone = new Error('The file checker ended before it answered.');
      for (const [index, w] of waiting) {
        waiting.delete(index);
        w.reject(gone);
      }
      resolve();
    }),
  );
  worker.on('message', (m: { index: number; sha256?: string; crc?: number; bytes?: number; error?: string }) => {
    const answer: FileCheck | Error =
      m.error !== undefined ? new Error(m.error) : { sha256: m.sha256!, crc: m.crc!, bytes: m.bytes! };
    const w = waiting.get(m.index);
    if (!w) return void answered.set(m.index, answer);
    waiting.delete(m.index);
    if (answer instanceof Error) w.reject(answer);
    else w.resolve(answer);
  });
  return {
    check: (index) => {
      const known = answered.get(index);
      if (known) {
        answered.delete(index);
        return known instanceof Error ? Promise.reject(known) : Promise.resolve(known);
      }
      if (ended) return Promise.reject(new Error('The file checker ended before it answered.'));
      return new Promise<FileCheck>((resolve, reject) => waiting.set(index, { resolve, reject }));
    },
    close: async () => {
      if (ended) return;
      worker.postMessage('stop');
      await exited;
    },
  };
}
