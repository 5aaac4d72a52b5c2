/**
 * npm run trial:crash [-- --trials N] [--seed S] [--jobs J] [--per-workspace W] [--keep] [--json FILE]
 *
 * Kills a process importing, attaching, changing statuses and building the pack at random moments (300 times by
 * default) and checks the workspace after each kill: see run-trials.ts and checks.ts. Prints each failure with the
 * seed and trial index, then one summary line; exits 1 if any trial failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { figuresLine, runCrashTrials, summaryLine } from './run-trials';

const USAGE = `Usage: npm run trial:crash -- [--trials N] [--seed S] [--jobs J] [--per-workspace W] [--keep] [--json FILE]
  --trials N         trials to run (default 300)
  --seed S           seed for the operations and kill points (default: random, printed)
  --jobs J           workspaces run side by side (default 1)
  --per-workspace W  trials on one workspace before a fresh one (default 25)
  --keep             keep every workspace (failed ones are always kept)
  --json FILE        also write the figures as JSON`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        trials: { type: 'string' },
        seed: { type: 'string' },
        jobs: { type: 'string' },
        'per-workspace': { type: 'string' },
        keep: { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const integer = (name: string, text: string | undefined, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be a whole number of at least ${min}`);
    return n;
  };
  let trials: number;
  let seed: number;
  let jobs: number;
  let perWorkspace: number;
  try {
    trials = integer('trials', values.trials, 300, 1);
    seed = integer('seed', values.seed, Math.floor(Math.random() * 2 ** 31), 0);
    jobs = integer('jobs', values.jobs, 1, 1);
    perWorkspace = integer('per-workspace', values['per-workspace'], 25, 1);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  console.log(`crash trials: ${trials} trials, seed ${seed}, ${jobs} at a time, ${perWorkspace} per workspace`);
  void runCrashTrials({
    trials,
    seed,
    jobs,
    perWorkspace,
    keep: values.keep ?? false,
    log: (line) => console.log(line),
  }).then(
    (summary) => {
      for (const failure of summary.failed) {
        console.log(
          `failure: trial ${failure.trial}, seed ${failure.seed}: ${failure.findings.map((f) => f.kind).join(', ')} ` +
            `(replay: npm run trial:crash -- --seed ${failure.seed} --trials ${failure.trial + 1} --per-workspace ${perWorkspace})`,
        );
      }
      if (values.json) {
        mkdirSync(dirname(values.json), { recursive: true });
        writeFileSync(values.json, `${JSON.stringify(summary, null, 2)}\n`);
      }
      console.log(
        `committed: ${Object.entries(summary.committed)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}; refused ${summary.refused}; ` +
          `${summary.leftoverPartials} temporary .partial files left in packs/ by killed builds`,
      );
      console.log(figuresLine(summary));
      console.log(`${summaryLine(summary)} in ${(summary.durationMs / 1000).toFixed(0)} s`);
      process.exitCode = summary.failures ? 1 : 0;
    },
    (error: unknown) => {
      console.error(`crash trials could not run: ${(error as Error)?.stack ?? String(error)}`);
      process.exitCode = 1;
    },
  );
  return 0;
}

const code = main();
if (code) process.exitCode = code;
