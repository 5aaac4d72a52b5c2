import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { call, openForCli } from '../cli-backend';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

export const trackerCommand: Command = {
  name: 'tracker',
  summary: 'Write the checklist tracker (one row per item, never private notes) as .xlsx or .csv',
  usage: 'sendpack tracker --db PATH --out FILE.xlsx|FILE.csv',
  help: [
    '--db PATH    a workspace folder or its workspace.db',
    '--out FILE   the file to write; .xlsx (Excel) or .csv, by its extension',
  ],
  options: { db: { type: 'string' }, out: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.out !== 'string' || !values.out)
      throw new UsageError('--out FILE.xlsx (or FILE.csv) is required.');
    const ext = extname(values.out).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv')
      throw new UsageError(`--out must end in .xlsx or .csv, not "${ext || values.out}".`);
    const backend = await openForCli(values, io);
    try {
      const { bytes } = await call(backend, 'tracker.export', { format: ext.slice(1) });
      writeFileSync(values.out, bytes);
      const { items } = await call(backend, 'checklist.list', {});
      io.stdout(`Wrote the tracker of ${items.length} items to ${values.out}.\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
