import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startHttpHost, type HttpHost } from '../../../main/browser-host/http-host';

/** The browser host over the real renderer build; npm test builds it before the tests run. */
export async function startAppHost(dataDir: string): Promise<HttpHost> {
  const distDir = resolve('dist');
  if (!existsSync(resolve(distDir, 'index.html')))
    throw new Error('dist/index.html is missing: run npm run build first.');
  return startHttpHost({ dataDir, distDir });
}

/**
 * The browser host in its own process, as `npm run serve` runs it. Needed where the test must act while the host
 * is busy (cancelling a build): in-process, the host's long work would also hold up the test's own browser driver.
 */
export async function startAppHostProcess(dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/browser-host/serve.ts'], {
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) resolveUrl(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the browser host stopped (exit ${code}): ${stderr}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
