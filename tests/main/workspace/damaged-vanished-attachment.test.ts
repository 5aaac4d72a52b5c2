import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobPath } from '../../../main/store/blob-store';
import { call, refused, useBackends } from '../../helpers/api';
import { EARLIER_FILE, integrityCheck, saveEarlierData } from '../../helpers/earlier-data';
import { useTempDirs } from '../../helpers/temp-dir';

// An evidence file that vanished from files/ (deleted by hand, a sync tool, a restore of the folder from an older
// copy): each operation that needs its bytes says which file of which item, and what to do; everything else works.

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('an attachment whose stored file vanished from files/', () => {
  it('is named, with its item, wherever its bytes are needed; nothing else breaks; attaching it again mends it', async () => {
    const dir = tempDir();
    const { backend, folder } = await workspace(dir, { user: 'Ann Officer', area: 'Northshire', laCode: '841' });
    const vanished = await saveEarlierData(backend);
    const other = await call(backend, 'files.upload', {
      name: 'Local offer review.txt',
      bytes: new TextEncoder().encode('Local offer review 2025'),
    });
    await call(backend, 'attachments.add', { itemId: 'local-offer', files: [{ handle: other.handle }], metadata: {} });
    const { items } = await call(backend, 'checklist.list', {});
    const itemTitle = items.find((i) => i.id === 'jsna-send')!.title;
    rmSync(blobPath(folder, vanished.sha256), { force: true });

    // Opening it: the file and the item, and what to do.
    const opening = await refused(backend, 'attachments.open', { attachmentId: vanished.attachmentId });
    expect(opening.code).toBe('not-found');
    expect(opening.message).toContain(
      `${EARLIER_FILE.name} ("JSNA SEND chapter", item "${itemTitle}") cannot be opened`,
    );
    expect(opening.message).toMatch(
      /missing from the workspace's files folder\. Restore the folder from a copy, or remove the attachment and attach the file again\./,
    );
    const otherId = (await call(backend, 'attachments.list', { itemId: 'local-offer' })).attachments[0]!.id;
    expect((await call(backend, 'attachments.open', { attachmentId: otherId })).fileName).toBe(
      'Local offer review.txt',
    );

    // The bundle needs the bytes: refused, naming the reference, the file and the item, and nothing is left in packs/.
    const bundling = await refused(backend, 'pack.build', { bundle: true });
    expect(bundling.code).toBe('not-found');
    expect(bundling.message).toMatch(
      new RegExp(
        `^Evidence E\\d+ \\("${EARLIER_FILE.name}", ${itemTitle.replace(/[()]/g, '\\$&')}\\) cannot go in the bundle: ` +
          'its stored file [0-9a-f]{12} is missing',
      ),
    );
    expect(bundling.message).toContain('Restore the folder from a copy, or attach the file again.');
    expect(existsSync(join(folder, 'packs')) ? readdirSync(join(folder, 'packs')) : []).toEqual([]);
    expect((await call(backend, 'pack.builds', {})).builds).toEqual([]);

    // Everything that does not need the bytes goes on: the privacy check (it reads the text kept when the file was
    // attached), search, the register, the dashboard, and the Word pack, whose evidence index lists the file.
    expect((await call(backend, 'privacy.check', {})).blocking).toBe(0);
    expect(
      (await call(backend, 'search.query', { query: 'assessment' })).hits.some(
        (h) => h.attachmentId === vanished.attachmentId,
      ),
    ).toBe(true);
    expect((await call(backend, 'attachments.list', { itemId: 'jsna-send' })).attachments).toHaveLength(1);
    await call(backend, 'dashboard.get', {});
    const docxOnly = await call(backend, 'pack.build', { bundle: false });
    expect(docxOnly).toMatchObject({ version: 1, bundlePath: null, evidenceFiles: 2 });
    await call(backend, 'workspace.close', {});
    await call(backend, 'workspace.open', { path: folder });
    expect(integrityCheck(folder)).toBe('ok');

    // Attaching the same file again stores its bytes again: the bundle is whole once more.
    const again = await call(backend, 'files.upload', {
      name: EARLIER_FILE.name,
      bytes: new TextEncoder().encode(EARLIER_FILE.text),
    });
    await call(backend, 'attachments.add', { itemId: 'jsna-send', files: [{ handle: again.handle }], metadata: {} });
    expect((await call(backend, 'attachments.open', { attachmentId: vanished.attachmentId })).fileName).toBe(
      EARLIER_FILE.name,
    );
    const bundled = await call(backend, 'pack.build', { bundle: true });
    expect(bundled.bundlePath).not.toBeNull();
  });
});
