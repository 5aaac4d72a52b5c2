import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../main/api/backend';
import { dispatch } from '../../../main/api/dispatch';
import type { Response } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { buildPack } from '../../../main/pack/build-pack';
import { restoreRecordedInput } from '../../../main/pack/read-pack-input';
import { makeWorkspace } from '../../helpers/workspace';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

async function ok<T>(promise: Promise<ApiResult<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const textOf = async (docx: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;

describe('building the pack through the API', () => {
  it('builds numbered versions into the packs folder, records them, and lists earlier ones in document control', async () => {
    const dataDir = tempDir();
    const { folder } = await makeWorkspace(dataDir, { sample: true });
    const backend = new Backend({ dataDir, host: 'browser' });
    await ok(dispatch(backend, 'settings.setUserName', { userName: 'Dana Lead' }));
    await ok(dispatch(backend, 'workspace.open', { path: folder }));
    const progress: string[] = [];
    const first = await dispatch(backend, 'pack.build', { bundle: true }, (e) => progress.push(e.phase));
    expect(first.ok).toBe(true);
    const v1 = (first as { value: Response<'pack.build'> }).value;
    expect(v1).toMatchObject({ version: 1, draft: true });
    expect(progress).toEqual(
      expect.arrayContaining([
        'Reading the workspace',
        'Writing the Word document',
        'Writing the share bundle',
        'Done',
      ]),
    );
    expect(existsSync(v1.docxPath) && existsSync(v1.bundlePath!)).toBe(true);

    const v2 = await ok<Response<'pack.build'>>(
      dispatch(backend, 'pack.build', { bundle: false, sections: ['cover', 'document-control'] }),
    );
    expect(v2).toMatchObject({ version: 2, bundlePath: null });
    const { builds } = await ok<Response<'pack.builds'>>(dispatch(backend, 'pack.builds', {}));
    expect(builds.map((b) => [b.version, b.builtBy, b.bundle !== null])).toEqual([
      [2, 'Dana Lead', false],
      [1, 'Dana Lead', true],
    ]);
    const { bytes } = await ok<Response<'pack.file'>>(dispatch(backend, 'pack.file', { version: 2, kind: 'docx' }));
    const text = await textOf(bytes);
    expect(text).toContain('Version history');
    expect(text).not.toContain('Gaps and actions');
    const { events } = await ok<Response<'audit.list'>>(dispatch(backend, 'audit.list', {}));
    expect(events.filter((e) => e.action === 'build-pack')).toHaveLength(2);
    backend.close();
  }, 90_000);

  it("makes the same document text again from a recorded build's input", async () => {
    const dataDir = tempDir();
    const { folder } = await makeWorkspace(dataDir, { sample: true });
    const backend = new Backend({ dataDir, host: 'browser' });
    await ok(dispatch(backend, 'settings.setUserName', { userName: 'Dana Lead' }));
    await ok(dispatch(backend, 'workspace.open', { path: folder }));
    await ok(dispatch(backend, 'pack.build', { bundle: false }));
    const { bytes } = await ok<Response<'pack.file'>>(dispatch(backend, 'pack.file', { version: 1, kind: 'docx' }));
    const recorded = backend
      .workspace!.db.prepare('SELECT input FROM pack_builds WHERE version = 1')
      .pluck()
      .get() as string;
    const again = await buildPack(await restoreRecordedInput(recorded));
    expect(await textOf(again)).toBe(await textOf(bytes));
    backend.close();
  }, 90_000);

  it('refuses a build from a read-only workspace and an unknown section', async () => {
    const backend = new Backend({ dataDir: tempDir(), host: 'browser' });
    expect(await dispatch(backend, 'pack.build', { sections: ['cover', 'appendix-z'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', field: 'sections.1' },
    });
    expect(await dispatch(backend, 'pack.build', {})).toMatchObject({ ok: false, error: { code: 'no-workspace' } });
    backend.close();
  });
});

describe('sendpack demo', () => {
  const sendpack = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
      encoding: 'utf8',
      env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
    });

  // Creates the sample and builds three documents: allow for a machine busy with other work.
  it(
    'writes the sample workspace, pack.docx and a bundle that verifies; refuses a folder that holds files',
    { timeout: 90_000 },
    () => {
      const dir = tempDir();
      const out = join(dir, 'demo');
      const run = sendpack(['demo', '--out', out], dir);
      expect(run.status, run.stderr).toBe(0);
      expect(
        existsSync(join(out, 'pack.docx')) &&
          existsSync(join(out, 'bundle.zip')) &&
          existsSync(join(out, 'action-plan.docx')),
      ).toBe(true);
      const verify = sendpack(['verify-bundle', join(out, 'bundle.zip')], dir);
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(/OK: \d+ files match the manifest/);
      const busy = join(dir, 'busy');
      mkdirSync(busy);
      writeFileSync(join(busy, 'notes.txt'), 'x');
      expect(sendpack(['demo', '--out', busy], dir).status).toBe(1);
    },
  );
});
