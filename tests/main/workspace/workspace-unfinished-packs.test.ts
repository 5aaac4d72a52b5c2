import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../main/workspace/workspace';
import { makeWorkspace } from '../../helpers/workspace';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('opening a workspace after a build was cut short', () => {
  it('removes the unfinished pack and bundle files and keeps every finished one', () => {
    const folder = makeWorkspace(tempDir()).folder;
    const packs = join(folder, 'packs');
    mkdirSync(packs, { recursive: true });
    writeFileSync(join(packs, 'Testshire evidence pack v1.docx'), 'finished');
    writeFileSync(join(packs, 'Testshire evidence pack v2.docx.4242.partial'), 'cut short');
    writeFileSync(join(packs, 'Testshire evidence bundle v2.zip.0a1b2c3d.partial'), 'cut short');

    const workspace = Workspace.open(folder, { user: 'Test Officer' });
    workspace.close();
    expect(readdirSync(packs)).toEqual(['Testshire evidence pack v1.docx']);
  });
});
