import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { SyncStatusSchema } from '../../shared/api/sync-schemas';
import type { Workspace } from '../workspace/workspace';
import type { Extractor } from '../evidence/extractor';
import { mkdirSync, renameSync } from '../files/fs-faults';
import type { Author } from './doc-model';
import { syncOnce, whoAmI } from './client';
import { LiveSync } from './live-sync';
import { workspaceSyncId } from './replica';

type SyncStatus = z.output<typeof SyncStatusSchema>;

interface SyncConfig {
  server: string;
  token: string;
  person?: Author;
}

/** Operations that only read: no local change to bind after them. */
const READ_ONLY =
  /^(sync\.|app\.|settings\.get|.*\.(list|get|current|recent|info|status|query|outline|check|preview)$)/;

/**
 * The desktop app's and browser host's continuous sync: the server and token are this installation's (DIR/sync.json,
 * readable by this user only; never in a workspace, which may be exported), and while a workspace is open and a
 * server is set it stays connected (LiveSync): every change an officer saves goes out, partners' changes come in.
 */
export class SyncHost {
  private live: LiveSync | null = null;
  private workspace: Workspace | null = null;
  private person: Author | null = null;
  private revision = 0;
  private error: string | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly extract: Extractor,
    private readonly enabled: boolean,
  ) {}

  private get file(): string {
    return join(this.dataDir, 'sync.json');
  }

  config(): SyncConfig | null {
    if (!existsSync(this.file)) return null;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SyncConfig>;
      return typeof parsed.server === 'string' && typeof parsed.token === 'string'
        ? { server: parsed.server, token: parsed.token, ...(parsed.person ? { person: parsed.person } : {}) }
        : null;
    } catch {
      return null;
    }
  }

  async configure(next: SyncConfig | null): Promise<SyncStatus> {
    if (next) {
      // Checked before it is kept: a wrong address or token is told now, not at the next change.
      this.person = await whoAmI(next.server, next.token);
      mkdirSync(this.dataDir, { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      // Who the server said the token names, kept so a workspace opened offline still syncs when the server returns.
      writeFileSync(temp, JSON.stringify({ ...next, person: this.person }), { mode: 0o600 });
      renameSync(temp, this.file);
    } else {
      rmSync(this.file, { force: true });
      this.person = null;
    }
    await this.workspaceChanged(this.workspace);
    return this.status();
  }

  /** Called when the open workspace changes (opened, closed, replaced). */
  async workspaceChanged(workspace: Workspace | null): Promise<void> {
    const previous = this.live;
    this.live = null;
    this.workspace = workspace;
    this.error = null;
    if (previous) await previous.close();
    const config = this.config();
    if (!this.enabled || !workspace || workspace.readOnly || !config) return;
    this.starting = (async () => {
      try {
        if (!this.person) {
          try {
            this.person = await whoAmI(config.server, config.token);
          } catch (error) {
            // Offline: the person last confirmed for this token, and the provider connects when it can.
            if (!config.person) throw error;
            this.person = config.person;
          }
        }
        // Not shared yet: the first sync publishes it (or, for a viewer, says it cannot).
        if (
          !workspaceSyncId(workspace.db) ||
          workspace.db.prepare("SELECT value FROM meta WHERE key = 'sync_bound'").pluck().get() !== '1'
        ) {
          await syncOnce(workspace, { server: config.server, token: config.token, extract: this.extract });
        }
        if (this.workspace !== workspace) return;
        this.live = new LiveSync(workspace, {
          server: config.server,
          token: config.token,
          person: this.person,
          extract: this.extract,
          onChange: (what) => {
            if (what === 'rows') this.revision++;
          },
        });
      } catch (error) {
        this.error = (error as Error).message;
      }
    })();
    await this.starting;
  }

  /** After each operation that may have changed the workspace: the change goes out. */
  afterOperation(operation: string): void {
    if (this.live && !READ_ONLY.test(operation)) {
      try {
        this.live.localChanged();
      } catch (error) {
        this.error = (error as Error).message;
      }
    }
  }

  workingOn(itemId: string | null): void {
    this.live?.setWorkingOn(itemId);
  }

  status(): SyncStatus {
    const config = this.config();
    return {
      configured: config !== null,
      server: config?.server ?? null,
      person: this.person,
      workspace: this.workspace ? workspaceSyncId(this.workspace.db) : null,
      online: this.live?.online ?? false,
      inStep: this.live?.inStep ?? false,
      lastError: this.error ?? this.live?.lastError ?? null,
      revision: this.revision,
      presence: this.live?.presence() ?? [],
    };
  }

  async close(): Promise<void> {
    await this.workspaceChanged(null);
  }
}
