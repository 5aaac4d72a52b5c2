import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { defaultDataDir } from '../settings/data-dir';
import { startHttpHost } from './http-host';

// `npm run serve`: the app in any browser on this machine, answering the same API with the same main-side code.
const distDir = resolve(process.env.SENDPACK_DIST_DIR ?? 'dist');
if (!existsSync(resolve(distDir, 'index.html'))) {
  console.error(`The renderer has not been built (${distDir}/index.html is missing). Run: npm run build:renderer`);
  process.exit(1);
}
const host = await startHttpHost({
  dataDir: defaultDataDir(),
  distDir,
  port: process.env.SENDPACK_PORT ? Number(process.env.SENDPACK_PORT) : 0,
});
process.stdout.write(`${host.url}\n`);
console.error(`SEND Evidence Pack is running. Data folder: ${host.backend.options.dataDir}. Press Ctrl+C to stop.`);
const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
