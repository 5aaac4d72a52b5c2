import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Replica } from '../../../main/sync/replica';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('what sync shares', () => {
  it("carries an item's narrative to the partnership and never its writer's private note", async () => {
    const { backend, folder } = await workspace(tempDir(), { user: 'Ann Author' });
    await call(backend, 'checklist.update', { itemId: 'jsna-send', note: 'Needs analysis refreshed in 2025.' });
    await call(backend, 'privateNotes.save', { itemId: 'jsna-send', note: 'Chase Sam for the EP figures' });
    const replica = new Replica(backend.writableWorkspace().db, folder);
    try {
      replica.bind();
      // Everything the document would send to the server, and everything it stores in the database for it.
      const shared = Buffer.from(Y.encodeStateAsUpdate(replica.doc));
      expect(shared.includes(Buffer.from('Needs analysis refreshed in 2025.'))).toBe(true);
      expect(shared.includes(Buffer.from('Chase Sam'))).toBe(false);
      const stored = backend
        .openWorkspace()
        .db.prepare<[], Buffer>('SELECT doc_update FROM sync_updates')
        .pluck()
        .all();
      expect(stored.length).toBeGreaterThan(0);
      for (const update of stored) expect(update.includes(Buffer.from('Chase Sam'))).toBe(false);
    } finally {
      replica.destroy();
    }
  });
});
