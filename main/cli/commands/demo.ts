import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSampleWorkspace } from '../../sample/create-sample-workspace';
import { Workspace } from '../../workspace/workspace';
import { buildAndRecord } from '../../pack/build-and-record';
import { buildAndRecordActionPlan } from '../../pack/action-plan/build-action-plan';
import { SHIPPED_CATALOGUE } from '../../catalogue/shipped-catalogue';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

const SAMPLE_USER = 'Sample data (fictional)';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create the fictional sample area and build its pack and bundle, to see a full pack at once',
  usage: 'sendpack demo --out DIR',
  help: [
    "--out DIR   a new (or empty) folder: it gets the sample workspace, pack.docx, bundle.zip and action-plan.docx (the last inspection's plan)",
  ],
  options: { out: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string') throw new UsageError('--out DIR is required.');
    const dir = resolve(values.out);
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new RefusedError(`${dir} already holds files; choose a new or empty folder.`);
    mkdirSync(dir, { recursive: true });
    io.stderr('Creating the fictional sample area…\n');
    const { folder } = await createSampleWorkspace(join(dir, 'Kestrelmouth.sendpack'));
    const workspace = Workspace.open(folder, { user: SAMPLE_USER, catalogue: SHIPPED_CATALOGUE });
    try {
      const result = await buildAndRecord(
        workspace,
        {
          options: { sections: [], approvedOnly: false },
          docxPath: join(dir, 'pack.docx'),
          bundlePath: join(dir, 'bundle.zip'),
        },
        SAMPLE_USER,
        (p) => io.stderr(`${p.phase}…\n`),
      );
      const plan = await buildAndRecordActionPlan(workspace, join(dir, 'action-plan.docx'), SAMPLE_USER);
      io.stdout(
        `Sample workspace: ${folder}\nPack: ${result.docxPath}\nBundle: ${result.bundlePath} (${result.evidenceFiles} evidence files)\n` +
          `Action plan: ${plan.docxPath} (${plan.actions} actions)\n`,
      );
      return 0;
    } finally {
      workspace.close();
    }
  },
};
