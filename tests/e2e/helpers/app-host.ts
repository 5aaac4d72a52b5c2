import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startHttpHost, type HttpHost } from '../../../main/host/http-host';

/** The browser host over the real renderer build; npm test builds it before the tests run. */
export async function startAppHost(dataDir: string): Promise<HttpHost> {
  const distDir = resolve('dist');
  if (!existsSync(resolve(distDir, 'index.html'))) throw new Error('dist/index.html is missing: run npm run build first.');
  return startHttpHost({ dataDir, distDir });
}
