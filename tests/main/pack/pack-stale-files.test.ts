import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../helpers/workspace';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { backend: newBackend } = useBackends();

describe("files a crashed build left under the next version's names", () => {
  it("never pass for the next build's own: a stale bundle beside a pack built without one is removed", async () => {
    const dataDir = tempDir();
    const { folder } = await makeWorkspace(dataDir, { sample: true });
    const backend = newBackend(dataDir);
    await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    await call(backend, 'workspace.open', { path: folder });
    const packs = join(folder, 'packs');
    mkdirSync(packs, { recursive: true });
    // As a build killed after writing its files but before recording itself leaves them.
    writeFileSync(
      join(packs, 'Kestrelmouth (fictional sample) evidence bundle v1.zip'),
      'from a build that never finished',
    );
    writeFileSync(
      join(packs, 'Kestrelmouth (fictional sample) evidence pack v1.docx'),
      'from a build that never finished',
    );

    const built = await call(backend, 'pack.build', { bundle: false });
    expect(built.version).toBe(1);
    expect(readdirSync(packs)).toEqual(['Kestrelmouth (fictional sample) evidence pack v1.docx']);
    const [listed] = (await call(backend, 'pack.builds', {})).builds;
    expect(listed).toMatchObject({ version: 1, bundle: null });
  });
});
