import { SHIPPED_CATALOGUE } from '../../catalogue/shipped-catalogue';
import { SettingsStore } from '../../settings/settings-store';
import { defaultDataDir } from '../../settings/data-dir';
import { Workspace } from '../../workspace/workspace';
import { resolveWorkspaceFolder } from '../../workspace/workspace-folder';
import { laCodeWarnings } from '../../api/workspace-handlers';
import { AreaNameSchema, LaCodeSchema } from '../../../shared/api/schemas';
import { RefusedError } from '../cli-io';
import { cliUserName, requireDb } from '../cli-backend';
import type { Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a workspace for an area, loaded with the evidence catalogue',
  usage: 'sendpack init --db PATH --area NAME [--la-code NNN] [--user NAME]',
  help: [
    '--db PATH        the workspace folder to create (e.g. Northshire.sendpack)',
    '--area NAME      the local area partnership, e.g. "Northshire"',
    '--la-code NNN    the three-digit DfE LA code; an unknown code only warns',
    "--user NAME      who is recorded as creating it (default: this installation's name)",
  ],
  options: {
    db: { type: 'string' },
    area: { type: 'string' },
    'la-code': { type: 'string' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const area = AreaNameSchema.safeParse(values.area ?? '');
    if (!area.success) throw new RefusedError('--area must name the area, e.g. --area "Northshire".');
    const laCode = values['la-code'] === undefined ? null : String(values['la-code']);
    if (laCode !== null && !LaCodeSchema.safeParse(laCode).success) {
      throw new RefusedError(`--la-code "${laCode}" is not a three-digit LA code (e.g. 841).`);
    }
    const catalogue = SHIPPED_CATALOGUE;
    const folder = resolveWorkspaceFolder(requireDb(values));
    Workspace.create({
      folder,
      areaName: area.data,
      laCode,
      user: cliUserName(values, new SettingsStore(defaultDataDir(io.env))),
      catalogue,
    });
    for (const warning of laCodeWarnings(laCode)) io.stderr(`Warning: ${warning}\n`);
    io.stdout(
      `Created ${folder} with ${catalogue.items.length} checklist items (catalogue ${catalogue.catalogueVersion}).\n`,
    );
    return 0;
  },
};
