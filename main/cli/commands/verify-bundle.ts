import { statSync } from 'node:fs';
import { verifyBundle } from '../../pack/bundle/verify-bundle';
import { EXIT, RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const verifyBundleCommand: Command = {
  name: 'verify-bundle',
  summary:
    "Check a share bundle: recompute every file's SHA-256 and name any that differs, is missing or is not in its manifest",
  usage: 'sendpack verify-bundle FILE.zip [--json]',
  help: [
    'FILE.zip       a bundle written by sendpack build --bundle, demo or the app',
    '--json         print {"ok", "checked", "problems"} as JSON',
  ],
  allowPositionals: true,
  options: { json: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('Name exactly one FILE.zip to check.');
    const file = positionals[0]!;
    try {
      if (!statSync(file).isFile()) throw new Error();
    } catch {
      throw new RefusedError(`${file} is not a file that can be read.`);
    }
    const result = await verifyBundle(file);
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          ok: result.ok,
          checked: result.checked,
          problems: result.problems.map(({ path, problem }) => ({ path, problem })),
        })}\n`,
      );
    }
    const unreadable = result.problems.find((p) => p.problem === 'manifest unreadable');
    if (unreadable) {
      io.stderr(
        `${file} is not a bundle that can be checked: ${unreadable.detail ?? 'its manifest cannot be read.'}\n`,
      );
      return EXIT.refused;
    }
    if (result.ok) {
      if (!values.json)
        io.stdout(
          `OK: ${result.checked} file${result.checked === 1 ? '' : 's'} match${result.checked === 1 ? 'es' : ''} the manifest.\n`,
        );
      return EXIT.ok;
    }
    if (!values.json) for (const p of result.problems) io.stdout(`${p.problem}: ${p.path}\n`);
    io.stderr(
      `${file} does not match its manifest: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}` +
        ` (${result.checked} listed file${result.checked === 1 ? '' : 's'} checked).\n`,
    );
    return EXIT.refused;
  },
};
