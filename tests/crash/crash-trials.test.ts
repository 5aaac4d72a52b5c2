import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresLine, runCrashTrials, summaryLine } from '../../scripts/crash-trials/run-trials';

// The crash trials of npm run trial:crash, fewer of them: a process importing, attaching, changing statuses,
// building the pack and restoring a backup, opening and undoing the restore is SIGKILLed at seeded random moments, and after each kill the database must pass
// integrity_check, hold every import whole or not at all and every approval it reported, refer to no missing file,
// and open. CRASH_TRIALS sets how many; the figures go to .ci-out/summary/ for the summary printed after npm test.

const TRIALS = Number(process.env.CRASH_TRIALS ?? 30);
const SEED = 20261113;

describe('crash trials', () => {
  it(
    `leave no corrupt database, partial import, orphan file or lost approval after ${TRIALS} kills`,
    { timeout: 60_000 + TRIALS * 5_000 },
    async () => {
      expect(
        Number.isInteger(TRIALS) && TRIALS > 0,
        `CRASH_TRIALS must be a positive whole number, not ${process.env.CRASH_TRIALS}`,
      ).toBe(true);
      const summary = await runCrashTrials({ trials: TRIALS, seed: SEED, perWorkspace: 15 });
      const { failed, ...figures } = summary;
      const dir = join(process.cwd(), '.ci-out', 'summary');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'crash-trials.json'),
        `${JSON.stringify(
          {
            ...figures,
            failed: failed.map((f) => ({
              trial: f.trial,
              kill: f.kill,
              findings: f.findings.map((x) => `${x.kind}: ${x.message}`),
            })),
          },
          null,
          2,
        )}\n`,
      );

      const report = failed.map(
        (f) =>
          `trial ${f.trial} (seed ${f.seed}, killed ${f.kill}): ${f.findings.map((x) => `${x.kind}: ${x.message}`).join('; ')}`,
      );
      expect(report, `${summaryLine(summary)}; ${figuresLine(summary)}`).toEqual([]);
      expect(summary.trials).toBe(TRIALS);
      // The kills must have landed in the middle of things, not only between them.
      expect(
        summary.killedDuring.import +
          summary.killedDuring.attach +
          summary.killedDuring.status +
          summary.killedDuring.build +
          summary.killedDuring.restore,
        figuresLine(summary),
      ).toBeGreaterThan(TRIALS / 2);
      // Every kind of operation committed at least once (with enough trials for each to come up).
      // A restore (restore, open, undo: several steps) is often killed part-way, which the checker then undoes: it
      // counts when it committed or was killed during.
      if (TRIALS >= 20) {
        const exercised = Object.entries(summary.committed)
          .filter(([kind, n]) => n === 0 && !(kind === 'restore' && summary.killedDuring.restore > 0))
          .map(([kind]) => kind);
        expect(exercised, JSON.stringify({ committed: summary.committed, killedDuring: summary.killedDuring })).toEqual(
          [],
        );
      }
    },
  );
});
