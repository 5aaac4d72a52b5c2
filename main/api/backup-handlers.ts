import { basename, join } from 'node:path';
import type { Handlers } from './handler-types';
import { createBackup, diagnoseDatabase, listBackups, pruneBackups, restoreBackup } from '../workspace/backups';
import { resolveWorkspaceFolder } from '../workspace/workspace-folder';
import { openWorkspace } from '../workspace/open-workspace';

export const backupHandlers: Handlers<'backups.list' | 'backups.create' | 'backups.restore'> = {
  'backups.list': (req) => {
    const folder = resolveWorkspaceFolder(req.path);
    const diagnosis = diagnoseDatabase(folder);
    return {
      damaged: diagnosis.ok ? null : diagnosis.problem,
      latestGood: diagnosis.ok ? null : (diagnosis.latestGood?.name ?? null),
      backups: listBackups(folder).map((b) => ({
        name: b.name,
        createdAt: b.createdAt,
        reason: b.reason,
        bytes: b.bytes,
      })),
    };
  },
  'backups.create': async (_req, { backend }) => {
    const workspace = backend.writableWorkspace();
    const info = await createBackup(workspace.db, workspace.folder, 'manual');
    pruneBackups(workspace.folder);
    return { name: info.name, createdAt: info.createdAt, bytes: info.bytes };
  },
  'backups.restore': async (req, { backend }) => {
    const folder = resolveWorkspaceFolder(req.path);
    const user = backend.userName();
    // Our own connection and lock must go first; restoreBackup takes the lock itself and refuses if anyone holds it.
    if (backend.workspace?.folder === folder) backend.replaceWorkspace(null);
    const result = await restoreBackup(folder, join(folder, 'backups', basename(req.name)), { user });
    const workspace = await openWorkspace(folder, { user, heartbeat: true, catalogue: backend.catalogue });
    backend.replaceWorkspace(workspace);
    return { session: workspace.session(), savedAs: result.savedAs ? basename(result.savedAs) : null };
  },
};
