import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Packs the app the way `npm run dist` does, offline: a Linux `dir` build against a stub Electron (the real
// binary cannot be downloaded here), then checks what went into app.asar. It packs the dist/ and
// dist-electron/ that `npm run build` made (npm test builds first); it builds nothing itself.

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');
const BUILT_FILES = [
  'dist/index.html',
  'dist-electron/main.cjs',
  'dist-electron/preload.cjs',
  'dist-electron/backend-process.cjs',
];
const run = promisify(execFile);
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document: the assertions check its shape
type Config = Record<string, any>;
const config = parse(readFileSync(CONFIG_FILE, 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it('names the app and packs only the built output', () => {
    expect(config.appId).toBe('uk.gov.sendevidencepack');
    expect(config.productName).toBe('SEND Evidence Pack');
    expect(config.directories.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'dist-electron/**/*', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    expect(config.asarUnpack).toContain('**/node_modules/@resvg/**/*.node');
    expect(config.publish).toBeNull();
  });

  it('never rebuilds native modules (the Node-API prebuild loads in Electron; a rebuild can ship the wrong ABI)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false, // the renderer is served on app://, never file://
    });
  });

  it('installs per user on Windows without admin rights, and targets each OS', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.msi).toMatchObject({ perMachine: false });
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.linux.description).toBeTruthy();
  });
});

describe('packed app (offline linux dir build, stub Electron)', () => {
  let work = '';
  let asar = '';
  let entries: string[] = [];
  // A failed setup fails every test below (vitest would otherwise report them as skipped).
  let setupError: unknown = null;
  const requirePacked = () => {
    if (setupError) throw setupError;
  };

  beforeAll(async () => {
    try {
      await pack();
    } catch (error) {
      setupError = error;
    }
  }, 180_000);

  async function pack() {
    const missing = BUILT_FILES.filter((file) => !existsSync(join(ROOT, file)));
    if (missing.length) {
      throw new Error(`Missing ${missing.join(', ')}: run \`npm run build\` before this test (npm test does).`);
    }
    work = mkdtempSync(join(tmpdir(), 'sendpack-pack-'));
    const stub = join(work, 'electron-dist');
    mkdirSync(stub);
    writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stub Electron: cannot run" >&2\nexit 1\n');
    chmodSync(join(stub, 'electron'), 0o755);
    writeFileSync(join(stub, 'version'), ELECTRON_VERSION);
    writeFileSync(join(stub, 'LICENSE'), '');
    writeFileSync(join(stub, 'LICENSES.chromium.html'), '');
    // Fuses are flipped inside the real Electron binary, which a stub doesn't have, and `-c.electronFuses=null`
    // arrives as the string "null" and fails validation; so pack with a copy of the config without them (the
    // fuse settings themselves are asserted above).
    const packConfig = join(work, 'electron-builder.json');
    writeFileSync(packConfig, JSON.stringify({ ...config, electronFuses: null }));
    await run(
      join(ROOT, 'node_modules/.bin/electron-builder'),
      [
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        '--config',
        packConfig,
        `-c.electronDist=${stub}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${join(work, 'out')}`,
      ],
      { cwd: ROOT, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, maxBuffer: 16 * 1024 * 1024 },
    );
    asar = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  }

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the renderer, the three bundles and package.json', () => {
    requirePacked();
    for (const file of [
      ...BUILT_FILES,
      'package.json',
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/lib/index.js',
    ]) {
      expect(entries, file).toContain(`/${file}`);
    }
    const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; type: string };
    expect(packed.main).toBe('dist-electron/main.cjs');
  });

  it('holds no sources, tests, maps or build-only packages', () => {
    requirePacked();
    const forbidden = entries.filter(
      (entry) =>
        /\.(ts|tsx|mts|cts|map)$/.test(entry) ||
        /^\/(main|renderer|shared|tests|scripts|resources|bin|release|\.git|\.ci)(\/|$)/.test(entry) ||
        /^\/node_modules\/(electron|electron-builder|typescript|vite|vitest|zod|react|esbuild|node-addon-api)(\/|$)/.test(
          entry,
        ) ||
        /^\/node_modules\/better-sqlite3\/(deps|src|binding\.gyp)/.test(entry),
    );
    expect(forbidden).toEqual([]);
  });

  it('unpacks the text-extraction, import preview and privacy scan workers beside the asar, where a worker thread can start them', () => {
    requirePacked();
    for (const worker of ['extract-worker.cjs', 'preview-worker.cjs', 'scan-worker.cjs']) {
      expect(config.asarUnpack).toContain(`dist-electron/${worker}`);
      expect(
        existsSync(join(work, 'out', 'linux-unpacked', 'resources', 'app.asar.unpacked', 'dist-electron', worker)),
        worker,
      ).toBe(true);
    }
  });

  it('unpacks the better-sqlite3 binary for linux-x64 beside the asar', () => {
    requirePacked();
    const prebuilds = join(
      work,
      'out',
      'linux-unpacked',
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'prebuilds',
    );
    expect(existsSync(join(prebuilds, 'linux-x64.node'))).toBe(true);
    const shipped = readdirSync(prebuilds);
    expect(shipped.filter((name) => name.includes('arm64') || name.startsWith('linuxmusl'))).toEqual([]);
  });

  it('unpacks the resvg binary for linux-x64 (its optional platform package) beside the asar', () => {
    requirePacked();
    // @resvg/resvg-js requires its platform package (an optional dependency npm installs for the machine it runs
    // on); electron-builder packs the installed one and asarUnpack puts its .node file beside the asar.
    expect(entries).toEqual(
      expect.arrayContaining([
        '/node_modules/@resvg/resvg-js/index.js',
        '/node_modules/@resvg/resvg-js/js-binding.js',
        '/node_modules/@resvg/resvg-js-linux-x64-gnu/package.json',
      ]),
    );
    const unpacked = join(work, 'out', 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', '@resvg');
    expect(existsSync(join(unpacked, 'resvg-js-linux-x64-gnu', 'resvgjs.linux-x64-gnu.node'))).toBe(true);
    expect(readdirSync(unpacked)).toEqual(['resvg-js-linux-x64-gnu']); // no other platform's binary
  });

  it('bundles a preload that requires only electron, and a backend that does not require it', () => {
    requirePacked();
    const requires = (file: string) =>
      [
        ...extractFile(asar, file)
          .toString('utf8')
          .matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
      ].map((match) => match[1]);
    expect(new Set(requires('dist-electron/preload.cjs'))).toEqual(new Set(['electron']));
    expect(requires('dist-electron/backend-process.cjs')).not.toContain('electron');
    expect(requires('dist-electron/backend-process.cjs')).toContain('better-sqlite3');
  });
});
