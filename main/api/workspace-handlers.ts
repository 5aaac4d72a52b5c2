import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from './handler-types';
import type { Backend } from './backend';
import { Workspace } from '../workspace/workspace';
import { openWorkspace } from '../workspace/open-workspace';
import { createSampleWorkspace } from '../sample/create-sample-workspace';
import { workspacesDir } from '../settings/data-dir';
import { findLocalAuthorityByOldCode } from '../catalogue/local-authorities';
import {
  databaseFile,
  freeWorkspaceFolder,
  isWorkspaceFolder,
  workspaceFolderName,
} from '../workspace/workspace-folder';
import { LOCK_FILE } from '../workspace/workspace-lock';
import { finishInterruptedRedaction } from './redaction-finish';
import { WorkspaceError } from '../refusal/refusal';

const SAMPLE_NAME = 'Kestrelmouth sample';

async function openAndRemember(backend: Backend, path: string, breakLock = false) {
  const workspace = await openWorkspace(path, {
    user: backend.userName(),
    breakLock,
    heartbeat: true,
    catalogue: backend.catalogue,
  });
  backend.replaceWorkspace(workspace);
  const unfinished = await finishInterruptedRedaction(backend);
  if (unfinished) console.error(`[sendpack] ${unfinished}`);
  const session = workspace.session();
  backend.settings.rememberWorkspace(session.path, session.areaName);
  return session;
}

export function laCodeWarnings(laCode: string | null): string[] {
  if (!laCode || findLocalAuthorityByOldCode(laCode)) return [];
  return [`LA code ${laCode} is not in the list of English local authorities; it was kept as you typed it.`];
}

export const workspaceHandlers: Handlers<
  | 'workspace.recent'
  | 'workspace.create'
  | 'workspace.open'
  | 'workspace.breakLock'
  | 'workspace.current'
  | 'workspace.close'
  | 'workspace.openSample'
> = {
  'workspace.recent': (_req, { backend }) => ({
    workspaces: backend.settings.read().recent.map((r) => ({ ...r, exists: existsSync(databaseFile(r.path)) })),
  }),
  'workspace.create': async (req, { backend, progress }) => {
    progress({ phase: 'Creating the workspace', done: 0, total: 2 });
    const { folder } = Workspace.create({
      folder: freeWorkspaceFolder(req.parentDir ?? workspacesDir(backend.options.dataDir), req.areaName),
      areaName: req.areaName,
      laCode: req.laCode,
      user: backend.userName(),
      catalogue: backend.catalogue,
    });
    progress({ phase: 'Opening it', done: 1, total: 2 });
    const session = await openAndRemember(backend, folder);
    progress({ phase: 'Done', done: 2, total: 2 });
    return { session, warnings: laCodeWarnings(req.laCode) };
  },
  'workspace.open': (req, { backend }) => openAndRemember(backend, req.path),
  'workspace.breakLock': async (req, { backend }) => {
    // The read-only connection of our own earlier attempt must go before the lock is taken over.
    if (backend.workspace?.folder === req.path) backend.replaceWorkspace(null);
    return openAndRemember(backend, req.path, true);
  },
  'workspace.current': (_req, { backend }) => backend.workspace?.session() ?? null,
  'workspace.openSample': async (req, { backend, progress }) => {
    // One copy of the sample, reused: exploring it again opens the same copy (with what you tried in it), and a
    // fresh copy replaces it only when asked. The copy is never the one shipped with the app.
    const parent = workspacesDir(backend.options.dataDir);
    const folder = join(parent, workspaceFolderName(SAMPLE_NAME));
    if (isWorkspaceFolder(folder) && !req.fresh) return openAndRemember(backend, folder);
    if (isWorkspaceFolder(folder)) {
      if (backend.workspace?.folder === folder) backend.replaceWorkspace(null);
      if (existsSync(join(folder, LOCK_FILE))) {
        throw new WorkspaceError(
          'refused',
          'The sample area is open in another window. Close it there, then start it again.',
        );
      }
    }
    progress({ phase: 'Making a copy of the sample area', done: 0, total: 1 });
    const { folder: made } = await createSampleWorkspace(freeWorkspaceFolder(parent, `${SAMPLE_NAME} new`));
    rmSync(folder, { recursive: true, force: true });
    renameSync(made, folder);
    return openAndRemember(backend, folder);
  },
  'workspace.close': (_req, { backend }) => {
    const closed = backend.workspace !== null;
    backend.replaceWorkspace(null);
    return { closed };
  },
};
