import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createBackup, pruneBackups, restoreBackup } from '../../workspace/backups';
import { resolveWorkspaceFolder } from '../../workspace/workspace-folder';
import { cliUserName, openForCli, requireDb } from '../cli-backend';
import { SettingsStore } from '../../settings/settings-store';
import { defaultDataDir } from '../../settings/data-dir';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  summary: "Back up the workspace's database into its backups folder (checked after writing)",
  usage: 'sendpack backup --db PATH',
  help: ['--db PATH   a workspace folder or its workspace.db'],
  options: { db: { type: 'string' }, user: { type: 'string' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const workspace = backend.openWorkspace();
      const info = await createBackup(workspace.db, workspace.folder, 'manual');
      pruneBackups(workspace.folder);
      io.stdout(`Backed up to ${info.file} (${info.bytes} bytes, integrity check ok).\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore the workspace from a backup, keeping the current database aside first',
  usage: 'sendpack restore --db PATH --from BACKUP',
  help: [
    '--db PATH       a workspace folder or its workspace.db',
    "--from BACKUP   a backup file, or its name in the workspace's backups folder",
    '--user NAME     who is recorded as restoring',
  ],
  options: { db: { type: 'string' }, from: { type: 'string' }, user: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.from !== 'string') throw new UsageError('--from BACKUP is required.');
    const folder = resolveWorkspaceFolder(requireDb(values));
    const file =
      isAbsolute(values.from) || existsSync(values.from) ? values.from : join(folder, 'backups', values.from);
    if (!existsSync(file)) throw new RefusedError(`There is no backup at ${file}.`);
    const user = cliUserName(values, new SettingsStore(defaultDataDir(io.env)));
    const result = await restoreBackup(folder, file, { user });
    io.stdout(
      `Restored from ${result.restoredFrom}.${result.savedAs ? ` The database it replaced was kept as ${result.savedAs}.` : ''}\n`,
    );
    return 0;
  },
};
