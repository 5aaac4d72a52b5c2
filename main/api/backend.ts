import packageJson from '../../package.json' with { type: 'json' };
import type { Catalogue } from '../../shared/domain/catalogue';
import { SHIPPED_CATALOGUE } from '../catalogue/shipped-catalogue';
import { SettingsStore } from '../settings/settings-store';
import { WorkspaceError } from '../refusal/refusal';
import type { Workspace, WritableWorkspace } from '../workspace/workspace';
import { UploadArea } from '../evidence/upload-area';
import { removeOpenedCopies } from '../evidence/attachments-repository';
import type { Extractor } from '../evidence/extractor';
import type { BackupRewriter } from '../evidence/purge-attachment';
import { sharedWorkerExtractor, type WorkerExtractor } from '../formats/worker-extractor';
import { sharedPreviewReader, type PreviewReader } from '../datasets/import/preview-in-worker';
import type { CancellableExtractor } from '../evidence/extractor';
import { rewriteBackups } from '../workspace/backups';
import { PeriodicBackup } from '../workspace/open-workspace';
import type { ImportRecord } from '../datasets/dataset-store';
import type { ColumnMapping } from '../datasets/column-mapping-store';

/** A previewed import waiting for the officer's go-ahead, with the column choices to remember if it is committed. */
export type PendingImport = ImportRecord & { columnMapping?: ColumnMapping };
import { RunningWork } from './running-work';
import { RequestOrder } from './request-order';
import { SyncHost } from '../sync/sync-host';

export type HostKind = 'electron' | 'browser' | 'cli';

const PERIODIC_BACKUP_MS = 10 * 60 * 1000;

export interface BackendOptions {
  dataDir: string;
  host: HostKind;
  catalogue?: Catalogue;
  /** A name given for this run (the CLI's --user), in place of the installation's setting. */
  userName?: string;
  extract?: Extractor;
  /** Reads import previews; the process's preview worker unless given (tests give one with a short budget). */
  readPreview?: PreviewReader;
}

/** State shared by every handler of one host: settings, the catalogue and the open workspace. */
export class Backend {
  readonly settings: SettingsStore;
  readonly catalogue: Catalogue;
  workspace: Workspace | null = null;
  readonly uploads: UploadArea;
  readonly extract: Extractor;
  /** The same extractor when it can be stopped mid-file (the worker), else null. */
  readonly cancellableExtract: CancellableExtractor | null;
  /** Reads an import preview off this thread, with a time budget and a cancel (preview-in-worker.ts). */
  readonly readPreview: PreviewReader;
  readonly rewriteBackups: BackupRewriter = rewriteBackups;
  readonly work = new RunningWork();
  /** Every request through dispatch() runs in this order, whichever host sent it (request-order.ts). */
  readonly requests = new RequestOrder();
  private backupTimer: NodeJS.Timeout | undefined;
  /** Continuous sync with the partnership's server while a workspace is open (desktop and browser hosts). */
  readonly sync: SyncHost;
  /** Imports previewed and not yet committed: commit writes exactly what the officer saw. */
  private readonly previews = new Map<string, PendingImport>();

  rememberPreview(id: string, record: PendingImport, keep: number): void {
    this.previews.set(id, record);
    while (this.previews.size > keep) this.previews.delete(this.previews.keys().next().value!);
  }

  takePreview(id: string): PendingImport | undefined {
    const record = this.previews.get(id);
    this.previews.delete(id);
    return record;
  }

  constructor(readonly options: BackendOptions) {
    this.settings = new SettingsStore(options.dataDir);
    this.catalogue = options.catalogue ?? SHIPPED_CATALOGUE;
    this.uploads = new UploadArea(options.dataDir);
    const extract = options.extract ?? sharedWorkerExtractor();
    this.extract = extract;
    // The worker extractor can be stopped mid-file by a cancel; a plain function is only checked between files.
    this.cancellableExtract = 'close' in extract ? (extract as WorkerExtractor) : null;
    this.sync = new SyncHost(options.dataDir, extract, options.host !== 'cli');
    this.readPreview = options.readPreview ?? sharedPreviewReader();
  }

  /** The name recorded with every change; a change cannot be made before it is set. */
  userName(): string {
    const name = this.options.userName ?? this.settings.read().userName;
    if (!name)
      throw new WorkspaceError(
        'refused',
        'Set your name first: it is recorded with every change you make.',
        'userName',
      );
    return name;
  }

  openWorkspace(): Workspace {
    if (!this.workspace)
      throw new WorkspaceError('no-workspace', 'No workspace is open. Create one or open one first.');
    return this.workspace;
  }

  writableWorkspace(): WritableWorkspace {
    const workspace: Workspace = this.openWorkspace();
    workspace.assertWritable();
    return workspace;
  }

  replaceWorkspace(next: Workspace | null): void {
    clearInterval(this.backupTimer);
    this.workspace?.close();
    this.workspace = next;
    this.previews.clear();
    void this.sync.workspaceChanged(next);
    // Long-running hosts keep a rolling backup while people edit; the CLI's single commands do not need one.
    if (next && !next.readOnly && this.options.host !== 'cli') {
      const periodic = new PeriodicBackup();
      this.backupTimer = setInterval(() => {
        periodic
          .runIfChanged(next)
          .catch((error: unknown) => console.error('[sendpack] periodic backup failed:', error));
      }, PERIODIC_BACKUP_MS);
      this.backupTimer.unref();
    }
  }

  close(): void {
    this.replaceWorkspace(null);
    this.uploads.dispose();
    removeOpenedCopies();
  }
}

export const APP_VERSION: string = packageJson.version;
