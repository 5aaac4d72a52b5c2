import { exportWorkspace, importWorkspace } from '../../workspace/workspace-archive';
import { openForCli } from '../cli-backend';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the whole workspace (database and evidence files) to one .zip for a colleague or another machine',
  usage: 'sendpack export --db PATH --out FILE.zip',
  help: ['--db PATH       a workspace folder or its workspace.db', '--out FILE.zip  the archive to write'],
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.zip is required.');
    const backend = await openForCli(values, io);
    try {
      const workspace = backend.openWorkspace();
      const result = await exportWorkspace(workspace.db, workspace.folder, workspace.session().areaName, values.out);
      io.stdout(
        `Exported ${workspace.session().areaName} with ${result.files} evidence files to ${values.out} (${result.bytes} bytes).\n`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const importWorkspaceCommand: Command = {
  name: 'import-workspace',
  summary: 'Unpack a workspace archive made by export into a new workspace folder',
  usage: 'sendpack import-workspace FILE.zip --db NEWPATH',
  help: [
    'FILE.zip       an archive written by sendpack export (or the app)',
    '--db NEWPATH   the new workspace folder (must not exist)',
  ],
  allowPositionals: true,
  options: { db: { type: 'string' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('Name exactly one FILE.zip to import.');
    if (typeof values.db !== 'string') throw new UsageError('--db NEWPATH is required.');
    const result = await importWorkspace(positionals[0]!, values.db);
    io.stdout(`Imported ${result.files} evidence files into ${result.folder}.\n`);
    return 0;
  },
};
