import packageJson from '../../package.json' with { type: 'json' };
import type { Catalogue } from '../../shared/domain/catalogue';
import { SHIPPED_CATALOGUE } from '../catalogue/shipped-catalogue';
import { SettingsStore } from '../settings/settings-store';
import { WorkspaceError } from '../store/workspace-error';
import type { Workspace } from '../workspace/workspace';

export type HostKind = 'electron' | 'browser' | 'cli';

export interface BackendOptions {
  dataDir: string;
  host: HostKind;
  catalogue?: Catalogue;
  /** A name given for this run (the CLI's --user), in place of the installation's setting. */
  userName?: string;
}

/** State shared by every handler of one host: settings, the catalogue and the open workspace. */
export class Backend {
  readonly settings: SettingsStore;
  readonly catalogue: Catalogue;
  workspace: Workspace | null = null;

  constructor(readonly options: BackendOptions) {
    this.settings = new SettingsStore(options.dataDir);
    this.catalogue = options.catalogue ?? SHIPPED_CATALOGUE;
  }

  /** The name recorded with every change; a change cannot be made before it is set. */
  userName(): string {
    const name = this.options.userName ?? this.settings.read().userName;
    if (!name) throw new WorkspaceError('refused', 'Set your name first: it is recorded with every change you make.', 'userName');
    return name;
  }

  openWorkspace(): Workspace {
    if (!this.workspace) throw new WorkspaceError('no-workspace', 'No workspace is open. Create one or open one first.');
    return this.workspace;
  }

  writableWorkspace(): Workspace {
    const workspace = this.openWorkspace();
    workspace.assertWritable();
    return workspace;
  }

  replaceWorkspace(next: Workspace | null): void {
    this.workspace?.close();
    this.workspace = next;
  }

  close(): void {
    this.replaceWorkspace(null);
  }
}

export const APP_VERSION: string = packageJson.version;
