import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { call, openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const neighboursCommand: Command = {
  name: 'neighbours',
  summary: 'Show the statistical neighbours benchmarking uses, or replace the list with a file',
  usage: 'sendpack neighbours --db PATH [--file FILE | --reset] [--json]',
  help: [
    '--db PATH    a workspace folder or its workspace.db',
    '--file FILE  a CSV or .xlsx in the shipped layout: a first row naming every authority, its ten neighbours below it, nearest first',
    '--reset      go back to the list shipped with the app',
    '--json       print {"source", "authorities", "area", "neighbours": [{"code", "name"}]}',
    '--user NAME  who is recorded as replacing the list',
  ],
  options: {
    db: { type: 'string' },
    file: { type: 'string' },
    reset: { type: 'boolean' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (values.file !== undefined && values.reset) throw new UsageError('Give --file or --reset, not both.');
    const file = values.file === undefined ? undefined : String(values.file);
    if (file !== undefined) {
      try {
        if (!statSync(file).isFile()) throw new Error();
      } catch {
        throw new RefusedError(`${file} is not a file that can be read.`);
      }
    }
    const backend = await openForCli(values, io);
    try {
      let result;
      if (file !== undefined) {
        const { handle } = backend.uploads.put(basename(file), readFileSync(file));
        result = await call(backend, 'benchmarks.setNeighbours', { file: { handle } });
      } else if (values.reset) {
        result = await call(backend, 'benchmarks.setNeighbours', { reset: true });
      } else {
        result = await call(backend, 'benchmarks.neighbours', {});
      }
      if (values.json) {
        io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      io.stdout(
        `Statistical neighbours: ${result.source === 'shipped' ? 'the list shipped with the app' : result.source} (${result.authorities} authorities)\n`,
      );
      if (result.area) {
        io.stdout(`${result.area.name}'s neighbours, nearest first:\n`);
        result.neighbours.forEach((n, i) => io.stdout(`${String(i + 1).padStart(2)}. ${n.name} (${n.code})\n`));
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
