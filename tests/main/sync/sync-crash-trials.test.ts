import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSyncTrials, syncSummaryLine } from '../../../scripts/crash-trials/sync-trials';

// Three replicas as separate processes against a real sync server process, seeded random edits with random
// disconnects and SIGKILLs (scripts/crash-trials/sync-trials.ts). SYNC_TRIAL_OPS sets how many operations (at least
// 1,000 in CI); SYNC_TRIAL_SEED replays a run. The figures go to .ci-out/summary/ for the summary after npm test.
const OPERATIONS = Number(process.env.SYNC_TRIAL_OPS ?? 1000);
const SEED = Number(process.env.SYNC_TRIAL_SEED ?? 20261206);

describe('sync trials', () => {
  it(
    `converge with nothing lost that a replica reported saved, over ${OPERATIONS} operations with disconnects and SIGKILLs`,
    { timeout: 120_000 + OPERATIONS * 400 },
    async () => {
      const summary = await runSyncTrials({ operations: OPERATIONS, seed: SEED });
      const dir = join(process.cwd(), '.ci-out', 'summary');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'sync-trials.json'), `${JSON.stringify({ ...summary, lost: summary.lost.length })}\n`);
      expect(summary.lost, syncSummaryLine(summary)).toEqual([]);
      expect(summary.converged, syncSummaryLine(summary)).toBe(true);
      // The run must have exercised what it claims: kills and disconnects, and most operations saved.
      expect(summary.kills, syncSummaryLine(summary)).toBeGreaterThan(OPERATIONS / 100);
      expect(summary.disconnects).toBeGreaterThan(OPERATIONS / 100);
      expect(summary.saved).toBeGreaterThan(OPERATIONS / 2);
    },
  );
});
