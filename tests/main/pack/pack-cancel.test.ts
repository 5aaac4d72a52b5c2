import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { makeWorkspace } from '../../helpers/workspace';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { backend: newBackend } = useBackends();

async function sampleBackend() {
  const dataDir = tempDir();
  const { folder } = await makeWorkspace(dataDir, { sample: true });
  const backend = newBackend(dataDir);
  await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
  await call(backend, 'workspace.open', { path: folder });
  return { backend, folder };
}

const packsIn = (folder: string) => (existsSync(join(folder, 'packs')) ? readdirSync(join(folder, 'packs')) : []);

// Each test makes the whole sample area and builds from it (with LibreOffice for the PDF): allow for a busy machine.
describe('cancelling a pack build', { timeout: 90_000 }, () => {
  it.each([
    ['while the workspace is read', 'Reading the workspace'],
    ['while the Word document is made', 'Writing the Word document'],
    ['while the PDF copy is made', 'Making a PDF copy'],
  ])(
    '%s stops it with nothing written, and the next build is version 1',
    async (_when, phase) => {
      const { backend, folder } = await sampleBackend();
      let asked = false;
      const building = dispatch(
        backend,
        'pack.build',
        { bundle: true, pdf: phase === 'Making a PDF copy' },
        (event) => {
          if (event.phase === phase && !asked) {
            asked = true;
            void dispatch(backend, 'work.cancel', { operation: 'pack.build' });
          }
        },
      );
      const result = await building;
      expect(asked).toBe(true);
      expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(!result.ok && result.error.message).toMatch(/Nothing was written/);
      expect(packsIn(folder).filter((f) => !f.startsWith('.'))).toEqual([]);
      expect(await call(backend, 'pack.builds', {})).toEqual({ builds: [] });
      const audit = await call(backend, 'audit.list', {});
      expect(JSON.stringify(audit)).not.toContain('build-pack');

      const next = await call(backend, 'pack.build', { bundle: true });
      expect(next.version).toBe(1);
      expect(packsIn(folder).sort()).toEqual(
        [next.docxPath, next.bundlePath!].map((p) => p.split(/[\\/]/).pop()).sort(),
      );
      // Two builds of the sample area (78 items since catalogue 2026.2), one with a PDF copy by LibreOffice: 55 s measured with the machine shared eight ways.
    },
    120_000,
  );

  it('stops a build still waiting its turn behind another request, before it starts', async () => {
    const { backend, folder } = await sampleBackend();
    const ahead = dispatch(backend, 'privacy.check', {});
    const building = dispatch(backend, 'pack.build', { bundle: false });
    expect(await dispatch(backend, 'work.cancel', { operation: 'pack.build' })).toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(await building).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await ahead).toMatchObject({ ok: true });
    expect(packsIn(folder).filter((f) => !f.startsWith('.'))).toEqual([]);
    expect((await call(backend, 'pack.build', { bundle: false })).version).toBe(1);
  });

  it('says nothing was running when there is no build to cancel, and a later build is not affected', async () => {
    const { backend } = await sampleBackend();
    expect(await call(backend, 'work.cancel', { operation: 'pack.build' })).toEqual({ cancelled: false });
    expect((await call(backend, 'pack.build', { bundle: false })).version).toBe(1);
  });

  it('refuses to cancel an operation that cannot be cancelled, naming the field', async () => {
    const { backend } = await sampleBackend();
    expect(await refused(backend, 'work.cancel', { operation: 'checklist.update' })).toMatchObject({
      code: 'invalid-request',
      field: 'operation',
    });
  });
});
