// Bundles the Electron side into dist-electron/ with esbuild: main process, sandboxed preload, backend utility
// process. Prints nothing on success except warnings. Run from the repository root: npm run build:electron
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-electron');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  keepNames: true, // readable stack traces in logs from the packaged app
  charset: 'utf8',
};

// Native modules stay real node_modules packages (electron-builder unpacks their .node files from the asar):
// bundling them breaks how they find their binaries. better-sqlite3 loads its prebuild; @resvg/resvg-js (the
// chart PNGs, main/charts/) requires its platform package, e.g. @resvg/resvg-js-linux-x64-gnu.
const NATIVE = ['better-sqlite3', '@resvg/resvg-js'];

// Electron 45 runs Node 24 and a Chromium newer than 140.
const NODE_TARGET = 'node24';
const CHROME_TARGET = 'chrome140';

await rm(outDir, { recursive: true, force: true });

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    target: NODE_TARGET,
    external: ['electron', ...NATIVE],
  }),
  // The sandboxed preload may require only 'electron' (and a few polyfills); platform 'browser' makes any
  // accidental node:* import a build error instead of a preload that fails at run time.
  build({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    target: CHROME_TARGET,
    external: ['electron'],
  }),
  // The text-extraction worker thread (main/formats/worker-extractor.ts finds it beside the backend bundle).
  build({
    ...common,
    entryPoints: ['main/formats/extract-worker.ts'],
    outfile: join(outDir, 'extract-worker.cjs'),
    platform: 'node',
    target: NODE_TARGET,
  }),
  // The import preview's worker thread (main/datasets/import/preview-in-worker.ts finds it there too).
  build({
    ...common,
    entryPoints: ['main/datasets/import/preview-worker.ts'],
    outfile: join(outDir, 'preview-worker.cjs'),
    platform: 'node',
    target: NODE_TARGET,
  }),
  // The privacy check's scan workers (main/privacy/text-scan-pool.ts finds them beside the backend bundle).
  build({
    ...common,
    entryPoints: ['main/privacy/scan-worker.ts'],
    outfile: join(outDir, 'scan-worker.cjs'),
    platform: 'node',
    target: NODE_TARGET,
  }),
  build({
    ...common,
    entryPoints: ['main/electron/backend-child.ts'],
    outfile: join(outDir, 'backend-process.cjs'),
    platform: 'node',
    target: NODE_TARGET,
    external: ['electron', ...NATIVE],
  }),
]);
