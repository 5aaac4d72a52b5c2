import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { call, openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

const HOW = {
  recognised: '',
  chosen: ' (your choice)',
  remembered: ' (as chosen before for these headers)',
  unused: '',
} as const;

/** --map "Returned on time=advice_within_6_weeks" (repeatable); "HEADER=" leaves a column unused; "" alone clears. */
function parseMapping(entries: string[]): { header: string; field: string | null }[] {
  const choices: { header: string; field: string | null }[] = [];
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const at = entry.lastIndexOf('=');
    if (at <= 0)
      throw new UsageError(
        `--map "${entry}" should be "HEADER=FIELD", the column's header as the preview shows it, then the field.`,
      );
    const field = entry.slice(at + 1).trim();
    choices.push({ header: entry.slice(0, at).trim(), field: field === '' ? null : field });
  }
  return choices;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV or Excel file into a dataset: all rows or none',
  usage:
    'sendpack import --db PATH --dataset NAME FILE [--la CODE_OR_NAME] [--period P] [--snapshot YYYY-MM-DD] [--sheet S] [--map "HEADER=FIELD"]... [--dry-run]',
  help: [
    '--db PATH          a workspace folder or its workspace.db',
    '--dataset NAME     the dataset (see: sendpack datasets)',
    'FILE               a CSV or .xlsx file, as published or exported',
    "--la CODE_OR_NAME  in a national file, your authority by name, old or new code (default: the workspace's)",
    '--period P         the period, if the file has none (2024, 2023/24 or YYYY-MM-DD)',
    '--snapshot DATE    for a case-level waiting list: the day it was taken',
    '--sheet S          the Excel sheet to read (default: the first with data)',
    '--map "HEADER=FIELD"  take a column of your own table as a field (period, area, the breakdown, or one of the',
    '                   dataset\'s columns); "HEADER=" leaves it unused. Repeat for each column. Remembered for files',
    '                   with the same headers; --map "" goes back to what the app recognises',
    '--dry-run          check and report, write nothing',
    '--user NAME        who is recorded as importing',
  ],
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    dataset: { type: 'string' },
    la: { type: 'string' },
    period: { type: 'string' },
    snapshot: { type: 'string' },
    sheet: { type: 'string' },
    map: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, files, io) {
    if (typeof values.dataset !== 'string') throw new UsageError('--dataset NAME is required.');
    if (files.length !== 1) throw new UsageError('Name exactly one FILE to import.');
    const file = files[0]!;
    try {
      if (!statSync(file).isFile()) throw new Error();
    } catch {
      throw new RefusedError(`${file} is not a file that can be read.`);
    }
    const mapping = Array.isArray(values.map) ? parseMapping(values.map.map(String)) : undefined;
    const backend = await openForCli(values, io);
    try {
      const { handle } = backend.uploads.put(basename(file), readFileSync(file));
      const preview = await call(backend, 'imports.preview', {
        dataset: values.dataset,
        file: { handle },
        ...(values.la !== undefined ? { authority: String(values.la) } : {}),
        ...(values.period !== undefined ? { period: String(values.period) } : {}),
        ...(values.snapshot !== undefined ? { snapshot: String(values.snapshot) } : {}),
        ...(values.sheet !== undefined ? { sheet: String(values.sheet) } : {}),
        ...(mapping ? { mapping } : {}),
      });
      io.stderr(
        `${preview.fileName}: ${preview.rowsRead} rows read, ${preview.rows.length} to import for ${preview.periods.join(', ') || 'no period'}` +
          `${preview.authority ? ` (${preview.authority.name})` : ''}.\n`,
      );
      if (preview.columns.length) {
        io.stderr(`Columns${preview.mappable ? ' (change with --map "HEADER=FIELD")' : ''}:\n`);
        for (const c of preview.columns) {
          io.stderr(`  ${c.header} → ${c.field ?? 'not used'}${HOW[c.how]}${c.note ? ` (${c.note})` : ''}\n`);
        }
      }
      if (preview.discardedColumns.length)
        io.stderr(`Not kept (personal data): ${preview.discardedColumns.join('; ')}\n`);
      for (const note of preview.notes) io.stderr(`Note: ${note}\n`);
      if (preview.problems.length) {
        for (const p of preview.problems)
          io.stderr(
            `${p.row !== null ? `row ${p.row}` : 'file'}${p.column ? `, column ${p.column}` : ''}: ${p.message}\n`,
          );
        throw new RefusedError(
          `Nothing was imported: ${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'} to fix first.`,
        );
      }
      if (!preview.canCommit)
        throw new RefusedError('Nothing was imported: the file holds no rows for this dataset and area.');
      if (values['dry-run']) {
        io.stdout(`Dry run: ${preview.rows.length} rows would be imported; nothing was written.\n`);
        return 0;
      }
      const result = await call(backend, 'imports.commit', { previewId: preview.previewId });
      io.stdout(
        `Imported ${result.rowsKept} rows into ${values.dataset} for ${result.periods.join(', ')}` +
          `${result.replacedPeriods.length ? `, replacing ${result.replacedPeriods.join(', ')}` : ''}.\n`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
