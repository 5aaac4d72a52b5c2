import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Backend } from '../../api/backend';
import { defaultDataDir } from '../../settings/data-dir';
import { call } from '../cli-backend';
import { RefusedError, UsageError, type CliIo } from '../cli-io';
import type { Command } from '../command';

/** Datasets and templates need no workspace. */
const bareBackend = (io: CliIo) => new Backend({ dataDir: defaultDataDir(io.env), host: 'cli' });

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'List the datasets the app takes, with their columns',
  usage: 'sendpack datasets [--json]',
  help: ['--json   print {"datasets": [{"name", "title", "columns": [{"name", "type", "unit"}]}]}'],
  options: { json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const backend = bareBackend(io);
    try {
      const { datasets } = await call(backend, 'datasets.list', {});
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              datasets: datasets.map((d) => ({
                name: d.name,
                title: d.title,
                periodType: d.periodType,
                columns: d.columns.map((c) => ({ name: c.name, type: c.type, unit: c.unit })),
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      const width = Math.max(...datasets.map((d) => d.name.length));
      for (const d of datasets)
        io.stdout(`${d.name.padEnd(width)}  ${d.title} (${d.columns.length} columns, ${d.periodType})\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};

export const templateCommand: Command = {
  name: 'template',
  summary: 'Save a blank CSV or Excel template for a dataset',
  usage: 'sendpack template --dataset NAME --out FILE.csv|FILE.xlsx',
  help: ['--dataset NAME   a dataset id (see: sendpack datasets)', '--out FILE       ends in .csv or .xlsx'],
  options: { dataset: { type: 'string' }, out: { type: 'string' } },
  async run(values, _positionals, io) {
    if (typeof values.dataset !== 'string') throw new UsageError('--dataset NAME is required.');
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.csv or FILE.xlsx is required.');
    const format = extname(values.out).toLowerCase().slice(1);
    if (format !== 'csv' && format !== 'xlsx')
      throw new RefusedError(`--out must end in .csv or .xlsx, not "${extname(values.out) || 'nothing'}".`);
    const backend = bareBackend(io);
    try {
      const { bytes } = await call(backend, 'datasets.template', { dataset: values.dataset, format });
      writeFileSync(values.out, bytes);
      io.stdout(`Saved a blank ${values.dataset} template to ${values.out}.\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
