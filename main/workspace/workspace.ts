import type { ReadableDB, WritableDB } from '../store/database';
import { readMeta } from '../store/meta';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { WorkspaceSession } from '../../shared/api/contract';
import type { Catalogue } from '../../shared/domain/catalogue';
import { applyCatalogue } from '../catalogue/apply-catalogue';
import { chooseJournalMode, type JournalMode } from '../store/journal-mode';
import { migrate } from '../store/migrate';
import { connect, inspectDatabase } from '../store/open-database';
import { WorkspaceError } from '../refusal/refusal';
import { appendEvent } from '../audit/audit-events';
import { databaseFile, isWorkspaceFolder, resolveWorkspaceFolder, SUBFOLDERS } from './workspace-folder';
import { collectGarbage } from '../store/blob-store';
import { filesReferencedByBackups } from './backups';
import {
  acquireLock,
  breakLock,
  describeGoneHolder,
  HEARTBEAT_MS,
  refreshLock,
  releaseLock,
  type LockHolder,
} from './workspace-lock';
import { mkdirSync, renameSync } from '../files/fs-faults';

export interface CreateOptions {
  /** The NAME.sendpack folder to create; it must not exist yet. */
  folder: string;
  areaName: string;
  laCode: string | null;
  user: string;
  catalogue: Catalogue;
}

export interface OpenOptions {
  user: string;
  /** Break a lock left by someone else; only after the person confirmed. */
  breakLock?: boolean;
  /** Keep the lock fresh while the workspace stays open (long-running hosts, not the CLI). */
  heartbeat?: boolean;
  /** Upgrade the workspace's items to this catalogue if it is a different version, keeping officers' entries. */
  catalogue?: Catalogue;
}

/** An open workspace folder: its database connection and, unless read-only, the lock that says we hold it. */
/** Removes the temporary files of pack and bundle writes cut short (`*.partial`); finished files are never touched. */
function removeUnfinishedPacks(folder: string): void {
  const packs = join(folder, 'packs');
  if (!existsSync(packs)) return;
  for (const entry of readdirSync(packs)) if (entry.endsWith('.partial')) rmSync(join(packs, entry), { force: true });
}

/** A workspace this app holds the lock of: its database handle may write (Backend.writableWorkspace()). */
export type WritableWorkspace = Workspace & { readonly db: WritableDB };

export class Workspace {
  private heartbeatTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly folder: string,
    readonly db: ReadableDB,
    readonly journalMode: JournalMode,
    private readonly lock: LockHolder | null,
    readonly lockedBy: LockHolder | null,
    readonly lockIsStale: boolean,
    /** The holder of a lock whose process was gone, taken over when this opened (told to the person). */
    readonly tookOverFrom: LockHolder | null = null,
  ) {}

  get readOnly(): boolean {
    return this.lock === null;
  }

  /** Whether this app holds the workspace's lock, so its handle may write. */
  isWritable(): this is WritableWorkspace {
    return this.lock !== null;
  }

  /**
   * Creates NAME.sendpack/ under parentDir. Everything is built in a hidden sibling folder and renamed into place
   * at the end, so a failure never leaves a half-made workspace behind.
   */
  static create(options: CreateOptions): { folder: string } {
    const folder = resolve(options.folder);
    if (existsSync(folder)) {
      throw new WorkspaceError('refused', `${folder} already exists; choose a new folder for the workspace.`, 'path');
    }
    const parentDir = dirname(folder);
    mkdirSync(parentDir, { recursive: true });
    const staging = join(parentDir, `.creating-${process.pid}-${Date.now()}`);
    try {
      mkdirSync(staging);
      for (const sub of SUBFOLDERS) mkdirSync(join(staging, sub));
      const db = connect(databaseFile(staging), { readOnly: false, create: true, journalMode: 'delete' });
      try {
        migrate(db);
        const at = new Date().toISOString();
        db.transaction(() => {
          const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
          setMeta.run('area_name', options.areaName);
          if (options.laCode) setMeta.run('la_code', options.laCode);
          setMeta.run('created_at', at);
          setMeta.run('created_by', options.user);
          appendEvent(db, {
            at,
            who: options.user,
            itemId: null,
            action: 'create-workspace',
            before: null,
            after: JSON.stringify({ areaName: options.areaName, laCode: options.laCode }),
          });
          applyCatalogue(db, options.catalogue, options.user, at);
        })();
      } finally {
        db.close();
      }
      renameSync(staging, folder);
      return { folder };
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
  }

  /** Opens a workspace to change it: refused as read-only if another app has it open. */
  static openWritable(input: string, options: OpenOptions): WritableWorkspace {
    const workspace: Workspace = Workspace.open(input, options);
    try {
      workspace.assertWritable();
    } catch (error) {
      workspace.close();
      throw error;
    }
    return workspace;
  }

  static open(input: string, options: OpenOptions): Workspace {
    const folder = resolveWorkspaceFolder(input);
    if (!isWorkspaceFolder(folder)) {
      throw new WorkspaceError(
        'not-found',
        `${folder} is not a SEND Evidence Pack workspace (there is no workspace.db in it).`,
        'path',
      );
    }
    const file = databaseFile(folder);
    inspectDatabase(file);
    if (options.breakLock) breakLock(folder);
    const outcome = acquireLock(folder, options.user);
    const journalMode = chooseJournalMode(folder);
    if (!outcome.acquired) {
      const db = connect(file, { readOnly: true, journalMode });
      return new Workspace(folder, db, journalMode, null, outcome.holder, outcome.stale);
    }
    try {
      const db = connect(file, { readOnly: false, journalMode });
      migrate(db);
      const workspace = new Workspace(folder, db, journalMode, outcome.holder, null, false, outcome.tookOverFrom);
      if (outcome.tookOverFrom) {
        // The note in the audit trail: whatever the gone process was doing was not finished.
        appendEvent(db, {
          at: new Date().toISOString(),
          who: options.user,
          itemId: null,
          action: 'take-over-lock',
          before: JSON.stringify(outcome.tookOverFrom),
          after: null,
          reason: `The lock left by ${describeGoneHolder(outcome.tookOverFrom)} was taken over.`,
        });
      }
      const catalogue = options.catalogue;
      if (catalogue && workspace.meta('catalogue_version') !== catalogue.catalogueVersion) {
        db.transaction(() => applyCatalogue(db, catalogue, options.user, new Date().toISOString()))();
      }
      if (options.heartbeat) workspace.startHeartbeat();
      const referenced = filesReferencedByBackups(folder);
      for (const sha of db.prepare<[], string>('SELECT sha256 FROM blobs').pluck().all()) referenced.add(sha);
      collectGarbage(folder, referenced);
      removeUnfinishedPacks(folder);
      return workspace;
    } catch (error) {
      releaseLock(folder, outcome.holder);
      throw error;
    }
  }

  private startHeartbeat(): void {
    const lock = this.lock;
    if (!lock) return;
    this.heartbeatTimer = setInterval(() => refreshLock(this.folder, lock), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  meta(key: string): string | null {
    return readMeta(this.db, key) ?? null;
  }

  /** Throws unless this process holds the workspace, naming who does. */
  assertWritable(): asserts this is WritableWorkspace {
    if (!this.lockedBy) return;
    const who = this.lockedBy;
    throw new WorkspaceError(
      'read-only',
      `This workspace is open read-only: ${who.user} has it open on ${who.host} (since ${who.since}). Ask them to close it, or take it over if they are no longer using it.`,
    );
  }

  session(): WorkspaceSession {
    return {
      path: this.folder,
      areaName: this.meta('area_name') ?? '',
      laCode: this.meta('la_code'),
      catalogueVersion: this.meta('catalogue_version') ?? '',
      readOnly: this.readOnly,
      lockedBy: this.lockedBy,
      lockIsStale: this.lockIsStale,
      lockTakenOverFrom: this.tookOverFrom,
      journalMode: this.journalMode,
    };
  }

  close(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.db.open) {
      if (!this.readOnly && this.journalMode === 'wal') this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
    if (this.lock) releaseLock(this.folder, this.lock);
  }
}
