import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { call, openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV or Excel file into a dataset: all rows or none',
  usage: 'sendpack import --db PATH --dataset NAME FILE [--la CODE_OR_NAME] [--period P] [--snapshot YYYY-MM-DD] [--sheet S] [--dry-run]',
  help: [
    '--db PATH          a workspace folder or its workspace.db',
    '--dataset NAME     the dataset (see: sendpack datasets)',
    'FILE               a CSV or .xlsx file, as published or exported',
    '--la CODE_OR_NAME  in a national file, your authority by name, old or new code (default: the workspace\'s)',
    '--period P         the period, if the file has none (2024, 2023/24 or YYYY-MM-DD)',
    '--snapshot DATE    for a case-level waiting list: the day it was taken',
    '--sheet S          the Excel sheet to read (default: the first with data)',
    '--dry-run          check and report, write nothing',
    '--user NAME        who is recorded as importing',
  ],
  allowPositionals: true,
  options: { db: { type: 'string' }, dataset: { type: 'string' }, la: { type: 'string' }, period: { type: 'string' },
    snapshot: { type: 'string' }, sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, user: { type: 'string' } },
  async run(values, files, io) {
    if (typeof values.dataset !== 'string') throw new UsageError('--dataset NAME is required.');
    if (files.length !== 1) throw new UsageError('Name exactly one FILE to import.');
    const file = files[0]!;
    try { if (!statSync(file).isFile()) throw new Error(); } catch { throw new RefusedError(`${file} is not a file that can be read.`); }
    const backend = await openForCli(values, io);
    try {
      const { handle } = backend.uploads.put(basename(file), readFileSync(file));
      const preview = await call(backend, 'imports.preview', {
        dataset: values.dataset, file: { handle },
        ...(values.la !== undefined ? { authority: String(values.la) } : {}),
        ...(values.period !== undefined ? { period: String(values.period) } : {}),
        ...(values.snapshot !== undefined ? { snapshot: String(values.snapshot) } : {}),
        ...(values.sheet !== undefined ? { sheet: String(values.sheet) } : {}),
      });
      io.stderr(`${preview.fileName}: ${preview.rowsRead} rows read, ${preview.rows.length} to import for ${preview.periods.join(', ') || 'no period'}`
        + `${preview.authority ? ` (${preview.authority.name})` : ''}.\n`);
      const used = preview.columns.filter((c) => c.field).map((c) => `${c.header} → ${c.field}`);
      if (used.length) io.stderr(`Columns used: ${used.join('; ')}\n`);
      const ignored = preview.columns.filter((c) => !c.field).map((c) => c.header);
      if (ignored.length) io.stderr(`Columns ignored: ${ignored.join('; ')}\n`);
      if (preview.discardedColumns.length) io.stderr(`Not kept (personal data): ${preview.discardedColumns.join('; ')}\n`);
      for (const note of preview.notes) io.stderr(`Note: ${note}\n`);
      if (preview.problems.length) {
        for (const p of preview.problems) io.stderr(`${p.row !== null ? `row ${p.row}` : 'file'}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`);
        throw new RefusedError(`Nothing was imported: ${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'} to fix first.`);
      }
      if (!preview.canCommit) throw new RefusedError('Nothing was imported: the file holds no rows for this dataset and area.');
      if (values['dry-run']) {
        io.stdout(`Dry run: ${preview.rows.length} rows would be imported; nothing was written.\n`);
        return 0;
      }
      const result = await call(backend, 'imports.commit', { previewId: preview.previewId });
      io.stdout(`Imported ${result.rowsKept} rows into ${values.dataset} for ${result.periods.join(', ')}`
        + `${result.replacedPeriods.length ? `, replacing ${result.replacedPeriods.join(', ')}` : ''}.\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
