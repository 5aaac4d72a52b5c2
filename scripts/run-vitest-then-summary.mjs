// The test step of npm test: `vitest run` with whatever arguments were given (CI adds its reporters), then the
// figures block (scripts/print-test-summary.ts: crash trials, fuzzing) from the summaries written during this run,
// printed whether or not the tests passed. Exits with vitest's own code.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const since = Date.now();
const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (vitest.error) console.error(`vitest could not start: ${vitest.error.message}`);
spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'scripts', 'print-test-summary.ts'), '--since', String(since)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(vitest.status ?? 1);
