/**
 * The figures block printed at the end of npm test: every .ci-out/summary/*.json written during this run (each test
 * that has figures to show writes one), e.g.
 *
 *   crash trials: 30 run, 0 failed (seed 20261113): 0 corrupt databases, 0 partial imports, 0 lost approved items, 0 orphan files
 *   fuzzing: CSV importer 1000 cases, 0 crashes; XLSX importer 500 cases, 0 crashes
 *
 * Usage: tsx scripts/print-test-summary.ts [--since MS] [--dir DIR]. --since (a time in ms since the epoch) leaves out
 * files not written since, so a test that did not run this time shows no stale figures. Never fails the run: a file
 * it cannot read is named, not fatal.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUMMARY_DIR = join('.ci-out', 'summary');

interface CrashTrials {
  kind: 'crash-trials';
  trials: number;
  failures: number;
  seed: number;
  corrupt?: number;
  partialImports?: number;
  lostApprovals?: number;
  orphans?: number;
  durationMs?: number;
}
interface Fuzz {
  kind: 'fuzz';
  name: string;
  cases: number;
  crashes: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function crashLine(s: CrashTrials): string {
  const figures = [
    s.corrupt !== undefined ? plural(s.corrupt, 'corrupt database') : null,
    s.partialImports !== undefined ? plural(s.partialImports, 'partial import') : null,
    s.lostApprovals !== undefined ? plural(s.lostApprovals, 'lost approved item') : null,
    s.orphans !== undefined ? plural(s.orphans, 'orphan file') : null,
  ].filter(Boolean);
  const time = s.durationMs !== undefined ? ` in ${Math.round(s.durationMs / 1000)} s` : '';
  return `crash trials: ${s.trials} run, ${s.failures} failed (seed ${s.seed})${figures.length ? `: ${figures.join(', ')}` : ''}${time}`;
}

interface SyncTrials {
  kind: 'sync-trials';
  operations: number;
  replicas: number;
  saved: number;
  kills: number;
  disconnects: number;
  converged: boolean;
  lost: number;
  seed: number;
  durationMs: number;
}

const syncLine = (s: SyncTrials) =>
  `sync trials: ${s.operations} operations over ${s.replicas} replicas (${s.saved} saved, ${plural(s.kills, 'SIGKILL')}, ` +
  `${plural(s.disconnects, 'disconnect')}), ${s.converged ? 'converged' : 'DID NOT converge'}, ${s.lost} lost (seed ${s.seed}) in ${Math.round(s.durationMs / 1000)} s`;

const fuzzPart = (f: Fuzz) => `${f.name} ${plural(f.cases, 'case')}, ${plural(f.crashes, 'crash', 'crashes')}`;

/** The block's lines, from the summary files in dir written at or after since (ms). */
export function summaryLines(dir: string, since = 0): string[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  const crash: string[] = [];
  const fuzz: Fuzz[] = [];
  const other: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs < since) continue;
      const data = JSON.parse(readFileSync(path, 'utf8')) as { kind?: unknown };
      if (data.kind === 'crash-trials') crash.push(crashLine(data as CrashTrials));
      else if (data.kind === 'sync-trials') crash.push(syncLine(data as SyncTrials));
      else if (data.kind === 'fuzz') fuzz.push(data as Fuzz);
      else other.push(`${name.replace(/\.json$/, '')}: ${JSON.stringify(data).slice(0, 200)}`);
    } catch (error) {
      other.push(`${name}: unreadable (${(error as Error).message})`);
    }
  }
  return [...crash, ...(fuzz.length ? [`fuzzing: ${fuzz.map(fuzzPart).join('; ')}`] : []), ...other];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  // File times can trail the clock by a few ms (coarse kernel timestamps): allow a second's slack.
  const since = option('--since') ? Number(option('--since')) - 1000 : 0;
  const lines = summaryLines(option('--dir') ?? SUMMARY_DIR, Number.isFinite(since) ? since : 0);
  if (lines.length) console.log(['', '── figures ──', ...lines].join('\n'));
}
