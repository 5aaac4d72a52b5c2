import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type { Workspace } from '../workspace/workspace';
import type { Extractor } from '../evidence/extractor';
import type { Author } from './doc-model';
import { Replica, workspaceSyncId } from './replica';
import { receiveFiles, sendFiles } from './client';

export interface PresenceEntry {
  name: string;
  role: string;
  /** The item they have open, or null (elsewhere in the workspace). */
  itemId: string | null;
  /** This replica's own entry. */
  self: boolean;
}

export interface LiveSyncOptions {
  server: string;
  token: string;
  person: Author;
  extract: Extractor;
  /** Called after remote changes reached the rows, and when who is present changes. */
  onChange?: (what: 'rows' | 'presence' | 'status') => void;
}

/**
 * Continuous sync for a long-running host (the desktop app, the browser host, the crash-trial worker): the replica
 * stays connected, each local change is bound into the document as soon as it is saved, remote changes reach the
 * rows as they arrive, evidence files follow, and presence (who is working now, on which item) travels as Hocuspocus
 * awareness. Offline, changes wait in the rows and the update log; the provider reconnects by itself.
 */
export class LiveSync {
  readonly replica: Replica;
  readonly provider: HocuspocusProvider;
  private synced = false;
  private files: Promise<void> = Promise.resolve();
  private closed = false;
  /** Evidence files the server is known to hold (never asked about again). */
  private readonly serverHas = new Set<string>();
  online = false;
  lastError: string | null = null;

  constructor(
    readonly workspace: Workspace,
    readonly options: LiveSyncOptions,
  ) {
    if (!workspace.isWritable())
      throw new Error(
        "This workspace is open read-only here (another app holds it), so it cannot take partners' changes.",
      );
    const id = workspaceSyncId(workspace.db);
    if (!id) throw new Error('This workspace is not shared yet: publish it with sendpack sync first.');
    this.replica = new Replica(workspace.db, workspace.folder, options.person.role === 'viewer');
    this.replica.onRowsChanged = (outcome) => {
      options.onChange?.('rows');
      this.files = this.files
        .then(() => this.replica.finishScrub())
        .catch((error: unknown) => {
          this.lastError = (error as Error).message;
        });
      if (outcome.missingFiles.length > 0) this.syncFiles(outcome.missingFiles);
    };
    this.provider = new HocuspocusProvider({
      url: options.server,
      name: id,
      document: this.replica.wire,
      token: options.token,
      ...({ WebSocketPolyfill: WebSocket } as object),
      onSynced: () => {
        this.synced = true;
        this.online = true;
        this.localChanged();
        options.onChange?.('status');
      },
      onStatus: ({ status }) => {
        this.online = status === 'connected' && this.synced;
        if (status !== 'connected') this.synced = false;
        options.onChange?.('status');
      },
      onAuthenticationFailed: ({ reason }) => {
        this.lastError = reason;
        options.onChange?.('status');
      },
      onAwarenessChange: () => options.onChange?.('presence'),
    });
    this.provider.awareness?.setLocalStateField('user', {
      name: options.person.name,
      role: options.person.role,
      itemId: null,
    });
  }

  /** Call after every local change is saved: it goes into the document (and to the server when connected). */
  localChanged(): void {
    if (this.closed) return;
    // Before the first exchange a replica that never took the shared state must not publish its own.
    if (
      !this.synced &&
      this.workspace.db.prepare("SELECT value FROM meta WHERE key = 'sync_bound'").pluck().get() !== '1'
    )
      return;
    const outcome = this.replica.bind();
    if (this.synced) this.syncFiles(outcome.missingFiles);
  }

  private syncFiles(missing: string[]): void {
    if (this.options.person.role === 'viewer' && missing.length === 0) return;
    this.files = this.files.then(async () => {
      if (this.closed || !this.synced) return;
      try {
        if (this.options.person.role !== 'viewer')
          await sendFiles(this.replica, this.workspace.folder, this.options.server, this.options.token, this.serverHas);
        const { received } = await receiveFiles(
          this.workspace,
          this.replica,
          this.options.server,
          this.options.token,
          this.options.extract,
          missing,
        );
        if (received > 0 && !this.closed) this.replica.bind();
      } catch (error) {
        this.lastError = (error as Error).message;
      }
    });
  }

  /** Says which item this officer has open (null: none), for everyone else's presence list. */
  setWorkingOn(itemId: string | null): void {
    this.provider.awareness?.setLocalStateField('user', {
      name: this.options.person.name,
      role: this.options.person.role,
      itemId,
    });
  }

  presence(): PresenceEntry[] {
    const awareness = this.provider.awareness;
    if (!awareness) return [];
    const entries: PresenceEntry[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      const user = (state as { user?: { name?: unknown; role?: unknown; itemId?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      entries.push({
        name: user.name,
        role: String(user.role ?? ''),
        itemId: typeof user.itemId === 'string' ? user.itemId : null,
        self: clientId === awareness.clientID,
      });
    }
    return entries;
  }

  /** Whether everything this replica holds has reached the server. */
  get inStep(): boolean {
    return this.synced && this.provider.unsyncedChanges === 0;
  }

  disconnect(): void {
    this.provider.disconnect();
    this.synced = false;
    this.online = false;
  }
  async connect(): Promise<void> {
    await this.provider.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.files.catch(() => {});
    this.provider.destroy();
    this.replica.destroy();
  }
}
