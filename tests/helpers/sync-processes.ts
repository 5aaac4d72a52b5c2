import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as its own process (several at once: each replica is a separate process with its own data folder). */
export function sendpackAsync(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/sendpack.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, SENDPACK_DATA_DIR: dataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `sendpack sync-server --data DIR --port 0` as its own process and waits for the address it prints. */
export function startServerProcess(dataDir: string, extra: string[] = []): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/sendpack.mjs', 'sync-server', '--data', dataDir, '--port', '0', ...extra],
      { cwd: ROOT },
    );
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`sync server did not start: ${out} ${err}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /listening on (wss?:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sync server exited ${code}: ${err}`));
    });
  });
}

/** The token `invite` prints alone on its last line. */
export const lastLine = (text: string): string => text.trim().split('\n').at(-1)!.trim();
