import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { dispatch } from '../../api/dispatch';
import { openForCli, refusalFrom } from '../cli-backend';
import { EXIT, UsageError } from '../cli-io';
import type { Command } from '../command';
import { annexARule, listFields } from '../../../shared/domain/annex-a';
import { formatDisplayDate } from '../../../shared/domain/dates';
import type { Response } from '../../../shared/api/contract';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function rowsText(rows: readonly number[]): string {
  const shown = rows.slice(0, 12).join(', ');
  return rows.length > 12 ? `${shown} and ${rows.length - 12} more` : shown;
}

export const checkListCommand: Command = {
  name: 'check-list',
  summary: 'Check an Annex A person-level list (List 1 or 2) before it is sent: counts and row numbers only are kept',
  usage: 'sendpack check-list --db PATH --list 1|2 FILE [--as-of YYYY-MM-DD] [--sheet S] [--json]',
  help: [
    "--db PATH          a workspace folder or its workspace.db (the check's counts are recorded there)",
    '--list 1|2         1: children and young people with an EHC plan; 2: at SEN support',
    'FILE               the list as exported (CSV or .xlsx), any column order',
    '--as-of DATE       the reference date for ages and "in the future" (default: the notification date, else today)',
    '--sheet S          the Excel sheet to read (default: the first with data)',
    '--json             print {"rows", "rules", "columns"} as JSON',
    '--user NAME        who is recorded as checking',
    'Exit codes: 0 no rule fired, 1 a rule fired, 2 the file, the workspace or the command could not be used.',
  ],
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    list: { type: 'string' },
    'as-of': { type: 'string' },
    sheet: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, files, io) {
    const list = values.list === '1' ? 1 : values.list === '2' ? 2 : null;
    if (list === null) throw new UsageError('--list must be 1 (EHC plans) or 2 (SEN support).');
    if (files.length !== 1) throw new UsageError('Name exactly one FILE to check.');
    const asOf = values['as-of'];
    if (asOf !== undefined && (typeof asOf !== 'string' || !ISO.test(asOf)))
      throw new UsageError('--as-of must be a date as YYYY-MM-DD.');
    const file = files[0]!;
    let bytes: Buffer;
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      bytes = readFileSync(file);
    } catch {
      io.stderr(`${file} is not a file that can be read.\n`);
      return EXIT.usage;
    }
    // Exit 1 means a rule fired, and only that: a workspace that cannot be opened or written is 2, like a bad file.
    let backend: Awaited<ReturnType<typeof openForCli>>;
    try {
      backend = await openForCli(values, io);
    } catch (error) {
      const refusal = refusalFrom(error);
      if (!refusal) throw error;
      io.stderr(`${refusal.message}\n`);
      return EXIT.usage;
    }
    try {
      const { handle } = backend.uploads.put(basename(file), bytes, { memoryOnly: true });
      const answer = await dispatch(backend, 'lists.check', {
        list,
        file: { handle },
        ...(asOf ? { asOf } : {}),
        ...(values.sheet !== undefined ? { sheet: String(values.sheet) } : {}),
      });
      if (!answer.ok) {
        io.stderr(`${answer.error.message}\n`);
        return EXIT.usage;
      }
      const result = answer.value as Response<'lists.check'>;
      const fired = result.rules.filter((r) => r.count > 0);
      if (values.json) {
        io.stdout(
          `${JSON.stringify({
            rows: result.rows,
            rules: result.rules.map((r) => ({
              id: r.id,
              count: r.count,
              rows: r.rows,
              ...(r.column !== undefined ? { column: r.column } : {}),
            })),
            columns: result.columns,
          })}\n`,
        );
      } else {
        io.stdout(
          `${result.fileName}: List ${list}, ${result.rows.toLocaleString('en-GB')} rows checked, reference date ${formatDisplayDate(result.asOf)}.\n`,
        );
        const missing = listFields(list)
          .filter((f) => result.columns[f.key] === null)
          .map((f) => f.name);
        if (missing.length) io.stdout(`Columns not found: ${missing.join('; ')}\n`);
        if (fired.length === 0) io.stdout('No rule fired.\n');
        for (const r of fired) {
          const title = annexARule(r.id)?.title ?? r.id;
          io.stdout(
            `${r.id.padEnd(11)} ${String(r.count).padStart(6)}  ${title}${r.column ? ` (column ${r.column})` : ''}: rows ${rowsText(r.rows)}\n`,
          );
        }
      }
      return fired.length > 0 ? EXIT.refused : EXIT.ok;
    } finally {
      backend.close();
    }
  },
};
