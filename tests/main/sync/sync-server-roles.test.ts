import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { openWorkspace } from '../../../main/workspace/open-workspace';
import { invitePerson } from '../../../main/sync/people';
import { startSyncServer, storedDigest, type RunningSyncServer } from '../../../main/sync/server';
import { syncOnce } from '../../../main/sync/client';
import { itemsOf, readItem } from '../../../main/sync/doc-model';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
let server: RunningSyncServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const extract = async () => ({ status: 'not-scanned' as const, kind: 'unknown', reason: 'test' });

/** A bare Yjs client, as any program holding a token could make: the server, not the app, must hold the line. */
function rawClient(
  url: string,
  workspace: string,
  token: string,
): Promise<{ doc: Y.Doc; provider: HocuspocusProvider; failed: string | null }> {
  return new Promise((resolve) => {
    const doc = new Y.Doc();
    const state = { doc, provider: null as unknown as HocuspocusProvider, failed: null as string | null };
    state.provider = new HocuspocusProvider({
      url,
      name: workspace,
      document: doc,
      token,
      ...({ WebSocketPolyfill: WebSocket } as object),
      onSynced: () => resolve(state),
      onAuthenticationFailed: ({ reason }) => {
        state.failed = reason;
        resolve(state);
      },
    });
  });
}
const settle = () => new Promise((r) => setTimeout(r, 800));

describe('roles, enforced by the sync server', () => {
  it("drops a viewer's writes, undoes a contributor's approval, counts a coordinator's, and refuses an unknown token", async () => {
    const dir = tempDir();
    const data = join(dir, 'server');
    const tokens = {
      cora: invitePerson(data, 'Cora Hale', 'coordinator').token,
      ben: invitePerson(data, 'Ben Okafor', 'contributor').token,
      vic: invitePerson(data, 'Vic Patel', 'viewer').token,
    };
    server = await startSyncServer({ dataDir: data, port: 0 });
    const { folder } = makeWorkspace(dir, { name: 'A', area: 'Northshire', laCode: null, user: 'Cora Hale' });
    const a = await openWorkspace(folder, { user: 'Cora Hale', catalogue: SHIPPED_CATALOGUE });
    a.db.prepare("UPDATE items SET status = 'ready-for-review', note = 'Ready.' WHERE id = 'jsna-send'").run();
    const { workspace } = await syncOnce(a, { server: server.url, token: tokens.cora, extract });
    // Restarted, so the server has stored the published state (it stores within half a second; closing flushes).
    await server.close();
    server = await startSyncServer({ dataDir: data, port: 0 });
    const before = storedDigest(data, workspace);
    expect(before).not.toBeNull();

    const viewer = await rawClient(server.url, workspace, tokens.vic);
    expect(viewer.failed).toBeNull();
    const viewerNote = itemsOf(viewer.doc).get('jsna-send')!.get('note') as Y.Text;
    viewerNote.insert(0, 'Written by a viewer. ');
    itemsOf(viewer.doc).get('jsna-send')!.set('status', 'approved');
    await settle();
    viewer.provider.destroy();
    await server.close();
    server = await startSyncServer({ dataDir: data, port: 0 });
    expect(storedDigest(data, workspace), 'the viewer changed nothing on the server').toBe(before);

    const ben = await rawClient(server.url, workspace, tokens.ben);
    itemsOf(ben.doc).get('jsna-send')!.set('status', 'approved');
    await settle();
    const afterBen = readItem(itemsOf(ben.doc).get('jsna-send')!);
    expect(afterBen.status, 'the server put the status back').toBe('ready-for-review');
    expect(JSON.parse(itemsOf(ben.doc).get('jsna-send')!.get('notice') as string)).toMatchObject({
      kind: 'not-counted',
      by: 'Ben Okafor',
    });
    ben.provider.destroy();

    const cora = await rawClient(server.url, workspace, tokens.cora);
    // A coordinator's approval counts, and is recorded under the name the server knows, whatever the client wrote.
    itemsOf(cora.doc).get('jsna-send')!.set('approvedBy', 'Someone Else');
    itemsOf(cora.doc).get('jsna-send')!.set('status', 'approved');
    await settle();
    expect(readItem(itemsOf(cora.doc).get('jsna-send')!)).toMatchObject({
      status: 'approved',
      approvedBy: 'Cora Hale',
    });
    cora.provider.destroy();

    const stranger = await rawClient(server.url, workspace, 'sp_made-up-token-000000000000');
    expect(stranger.failed).toMatch(/permission-denied/);
    stranger.provider.destroy();
    a.close();
  }, 60_000);
});
