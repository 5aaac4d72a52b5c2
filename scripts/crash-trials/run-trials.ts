/**
 * The crash-trial engine: runs the worker (worker.ts) against a workspace, SIGKILLs it at a seeded random moment —
 * while it opens the workspace, or part-way through its first, second or third operation (an import, an attach, a
 * status change or a pack build) — then checks what it left (checks.ts) and goes on with the next trial on the same
 * workspace. Each block of trials gets a fresh workspace, so a trial depends only on the seed and its index.
 *
 * Where in an operation the kill lands is chosen as a fraction of that kind of operation's duration, measured as the
 * run goes, so kills spread over the whole of each operation whatever the machine's speed. The seed fixes the
 * operations and the fractions; the exact instant of a kill still depends on timing, so a replay takes the same path
 * but may not land on the same byte.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';
import { Workspace } from '../../main/workspace/workspace';
import { seededRandom } from '../../shared/domain/privacy/synthetic';
import { checkAfterKill, WorkspaceModel, type Finding, type FindingKind } from './checks';
import type { Go, Op, OpKind } from './protocol';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface TrialOptions {
  trials: number;
  seed: number;
  /** Workspaces run side by side (default 1). */
  jobs?: number;
  /** Trials per workspace before a fresh one is made (default 25). */
  perWorkspace?: number;
  /** Keep every workspace, not only those with a failure. */
  keep?: boolean;
  /** Where the workspaces go (default: a new folder under the system's temporary folder). */
  workDir?: string;
  /** Progress and failures, one line each (default: nothing). */
  log?: (line: string) => void;
}

export interface TrialFailure {
  trial: number;
  /** The run's seed: `--seed` this and `--trials` at least trial + 1 replays it. */
  seed: number;
  kill: string;
  workspace: string;
  findings: Finding[];
}

export interface TrialSummary {
  kind: 'crash-trials';
  trials: number;
  failures: number;
  seed: number;
  /** Trials that found each kind of damage (a trial may count under several). */
  corrupt: number;
  partialImports: number;
  partialAttaches: number;
  lostApprovals: number;
  lostCommits: number;
  orphans: number;
  openFailures: number;
  badPackFiles: number;
  workerErrors: number;
  /** Where the kills landed: while opening, between operations, or in which kind of operation. */
  killedDuring: Record<KillPoint, number>;
  /** Operations in flight at a kill that turned out committed, and those that turned out not. */
  inFlight: { committed: number; notCommitted: number };
  /** Operations the worker reported committed, over all trials, by kind; and what the app refused. */
  committed: Record<OpKind, number>;
  refused: number;
  /** Approved items checked still approved, summed over trials. */
  approvalsChecked: number;
  /** `.partial` files killed builds left in packs/ (temporary names, never a pack's own). */
  leftoverPartials: number;
  durationMs: number;
  failed: TrialFailure[];
}

const COUNTERS: Record<FindingKind, keyof TrialSummary> = {
  corrupt: 'corrupt',
  'partial-import': 'partialImports',
  'partial-attach': 'partialAttaches',
  'lost-approval': 'lostApprovals',
  'lost-commit': 'lostCommits',
  orphan: 'orphans',
  'open-failed': 'openFailures',
  'bad-pack-file': 'badPackFiles',
  'worker-error': 'workerErrors',
};

/** A trial's own seed, from the run's seed and its index. */
export const trialSeed = (seed: number, trial: number) =>
  (Math.imul(seed ^ 0x2c1b3c6d, 0x297a2d39) + Math.imul(trial + 1, 0x9e3779b1)) >>> 0;

/** The worker as one CommonJS file: starting it then costs a plain Node start, not a TypeScript compile. */
async function bundleWorker(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'crash-trials');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `worker-${process.pid}-${randomBytes(4).toString('hex')}.cjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'scripts/crash-trials/worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    external: ['better-sqlite3', '@resvg/resvg-js'],
  });
  return outfile;
}

/** Where a kill landed: while the worker opened the workspace, between two operations, or in one of a kind. */
export type KillPoint = 'opening' | 'between' | OpKind;

type KillPlan = { at: 'opening'; fraction: number } | { at: 'operation'; index: number; fraction: number };

function planKill(random: () => number): KillPlan {
  if (random() < 0.08) return { at: 'opening', fraction: random() };
  // Anywhere in the operation; a third of the time in its last quarter or just past its usual end, where the
  // transaction commits; now and then right at its start.
  const roll = random();
  const fraction = roll < 0.06 ? 0 : roll < 0.4 ? 0.75 + random() * 0.35 : random();
  return { at: 'operation', index: Math.floor(random() * 3), fraction };
}

/** Running estimates of how long opening and each kind of operation take, in ms. */
class Durations {
  private readonly estimates = new Map<string, number>([
    ['opening', 300],
    ['import', 150],
    ['attach', 150],
    ['status', 15],
    ['build', 1500],
    ['restore', 400],
  ]);

  get(kind: string): number {
    return this.estimates.get(kind) ?? 100;
  }

  record(kind: string, ms: number): void {
    this.estimates.set(kind, 0.7 * this.get(kind) + 0.3 * ms);
  }
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  loaded: Promise<void>;
  lines: string[];
  onLine: ((line: string) => void) | null;
  stderr: string;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(script: string): Worker {
  const child = spawn(process.execPath, [script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let markLoaded: () => void = () => {};
  const worker: Worker = {
    child,
    lines: [],
    onLine: null,
    stderr: '',
    loaded: new Promise<void>((ok) => {
      markLoaded = ok;
    }),
    closed: new Promise((ok) => {
      child.once('close', (code, signal) => ok({ code, signal }));
    }),
  };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'loaded') {
        markLoaded();
        continue;
      }
      worker.lines.push(line);
      worker.onLine?.(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    worker.stderr = (worker.stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => {}); // a worker that died before reading its go line
  void worker.closed.then(() => markLoaded());
  return worker;
}

interface TrialOutcome {
  kill: string;
  /** Where the kill landed: opening, between operations, or the kind of operation in flight. */
  where: KillPoint;
  committed: Op[];
  inFlight: Op | null;
  refused: number;
  error: string | null;
}

/** Starts the trial on a loaded worker and kills it as planned; resolves once it is gone with what it reported. */
async function runTrial(worker: Worker, go: Go, plan: KillPlan, durations: Durations): Promise<TrialOutcome> {
  await worker.loaded;
  const committed: Op[] = [];
  let inFlight: { op: Op; at: number } | null = null;
  let begun = 0;
  let ready = false;
  let refused = 0;
  let killTimer: NodeJS.Timeout | undefined;
  let startedAt = 0;
  const kill = () => {
    worker.child.kill('SIGKILL');
  };
  const killAfter = (ms: number) => {
    killTimer = setTimeout(kill, Math.max(0, Math.round(ms)));
  };
  const handle = (line: string) => {
    const now = performance.now();
    const space = line.indexOf(' ');
    const word = space < 0 ? line : line.slice(0, space);
    if (word === 'ready') {
      ready = true;
      durations.record('opening', now - startedAt);
      return;
    }
    if (word === 'begin') {
      const op = JSON.parse(line.slice(space + 1)) as Op;
      inFlight = { op, at: now };
      if (plan.at === 'operation' && begun === plan.index) killAfter(plan.fraction * durations.get(op.op));
      begun++;
    } else if (word === 'commit') {
      const op = JSON.parse(line.slice(space + 1)) as Op;
      if (inFlight) durations.record(op.op, now - inFlight.at);
      committed.push(op);
      inFlight = null;
    } else if (word === 'refused') {
      refused++;
      inFlight = null;
    }
  };
  worker.onLine = handle;
  for (const line of worker.lines.splice(0)) handle(line);
  startedAt = performance.now();
  worker.child.stdin.end(`go ${JSON.stringify(go)}\n`);
  if (plan.at === 'opening') killAfter(plan.fraction * durations.get('opening'));
  // A worker that stops reporting is killed and counted as an error, never waited for forever.
  let hung = false;
  const watchdog = setTimeout(() => {
    hung = true;
    kill();
  }, 120_000);
  const { code, signal } = await worker.closed;
  clearTimeout(watchdog);
  clearTimeout(killTimer);
  const last = inFlight as { op: Op } | null;
  const where: KillPoint = last ? last.op.op : ready ? 'between' : 'opening';
  const label =
    plan.at === 'opening'
      ? `while opening (${Math.round(plan.fraction * 100)}%)`
      : `in operation ${plan.index + 1} at ${Math.round(plan.fraction * 100)}% (landed: ${where})`;
  const error = hung
    ? `the worker was still running 120 s after it started (its kill never came): ${worker.stderr.trim().split('\n').slice(-6).join(' | ')}`
    : signal === 'SIGKILL'
      ? null
      : `the worker ${signal ? `ended by ${signal}` : `exited with code ${code}`} before it was killed: ${worker.stderr.trim().split('\n').slice(-6).join(' | ')}`;
  return { kill: label, where, committed, inFlight: last?.op ?? null, refused, error };
}

/** Runs the crash trials and returns their figures; never throws for a failed trial (it is in `failed`). */
export async function runCrashTrials(options: TrialOptions): Promise<TrialSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const jobs = Math.max(1, options.jobs ?? 1);
  const perWorkspace = Math.max(1, options.perWorkspace ?? 25);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'sendpack-crash-trials-'));
  mkdirSync(workDir, { recursive: true });
  const summary: TrialSummary = {
    kind: 'crash-trials',
    trials: 0,
    failures: 0,
    seed: options.seed,
    corrupt: 0,
    partialImports: 0,
    partialAttaches: 0,
    lostApprovals: 0,
    lostCommits: 0,
    orphans: 0,
    openFailures: 0,
    badPackFiles: 0,
    workerErrors: 0,
    killedDuring: { opening: 0, between: 0, import: 0, attach: 0, status: 0, build: 0, restore: 0 },
    inFlight: { committed: 0, notCommitted: 0 },
    committed: { import: 0, attach: 0, status: 0, build: 0, restore: 0 },
    refused: 0,
    approvalsChecked: 0,
    leftoverPartials: 0,
    durationMs: 0,
    failed: [],
  };
  const script = await bundleWorker();
  const blocks = Array.from({ length: Math.ceil(options.trials / perWorkspace) }, (_, b) => b);
  const keptFolders: string[] = [];

  const runBlock = async (block: number, durations: Durations) => {
    const first = block * perWorkspace;
    const last = Math.min(options.trials, first + perWorkspace);
    let generation = 0;
    const fresh = () => {
      const parent = join(workDir, `block-${block}${generation ? `-${generation}` : ''}`);
      generation++;
      const { folder } = Workspace.create({
        folder: join(parent, 'Crashshire.sendpack'),
        areaName: 'Crashshire',
        laCode: '841',
        user: 'Crash Tester',
        catalogue: SHIPPED_CATALOGUE,
      });
      return { parent, model: new WorkspaceModel(folder) };
    };
    let ws = fresh();
    let kept = false;
    let next: Worker | null = startWorker(script);
    try {
      for (let trial = first; trial < last; trial++) {
        const worker: Worker = next!;
        const seed = trialSeed(options.seed, trial);
        const plan = planKill(seededRandom(seed ^ 0x5bd1e995));
        const outcome = await runTrial(
          worker,
          { folder: ws.model.folder, dataDir: join(ws.parent, 'data'), seed, trial },
          plan,
          durations,
        );
        // The next worker loads while this trial is checked.
        next = trial + 1 < last ? startWorker(script) : null;
        for (const op of outcome.committed) {
          ws.model.apply(op);
          summary.committed[op.op]++;
        }
        if (outcome.inFlight) ws.model.begun(outcome.inFlight);
        const check = await checkAfterKill(ws.model, outcome.inFlight);
        const findings = [
          ...(outcome.error ? [{ kind: 'worker-error' as const, message: outcome.error }] : []),
          ...check.findings,
        ];
        summary.trials++;
        summary.refused += outcome.refused;
        summary.killedDuring[outcome.where]++;
        if (check.inFlightCommitted === true) summary.inFlight.committed++;
        if (check.inFlightCommitted === false) summary.inFlight.notCommitted++;
        summary.approvalsChecked += check.approvalsChecked;
        summary.leftoverPartials += check.leftoverPartials;
        if (findings.length) {
          summary.failures++;
          // Each figure counts trials: one corrupt database is one, however many pages it has wrong.
          for (const kind of new Set(findings.map((f) => f.kind))) (summary[COUNTERS[kind]] as number)++;
          const failure: TrialFailure = {
            trial,
            seed: options.seed,
            kill: outcome.kill,
            workspace: ws.model.folder,
            findings,
          };
          summary.failed.push(failure);
          log(
            `FAILED trial ${trial} (seed ${options.seed}, killed ${outcome.kill}), workspace kept at ${ws.model.folder}:`,
          );
          for (const f of findings.slice(0, 12)) log(`  ${f.kind}: ${f.message}`);
          // Later trials would only repeat the damage: they go on in a fresh workspace, and this one is kept.
          keptFolders.push(ws.parent);
          if (trial + 1 < last) ws = fresh();
          else kept = true;
        }
        if (summary.trials % 25 === 0)
          log(
            `${summary.trials} trials, ${summary.failures} failed (${Math.round((performance.now() - started) / 1000)} s)`,
          );
      }
      if (options.keep && !kept) keptFolders.push(ws.parent);
      else if (!kept) rmSync(ws.parent, { recursive: true, force: true });
    } finally {
      // A worker started ahead and not needed (the run stopped on an error) is told to go: its stdin closes.
      next?.child.stdin.end();
    }
  };

  try {
    const queue = [...blocks];
    await Promise.all(
      Array.from({ length: Math.min(jobs, blocks.length) }, async () => {
        const durations = new Durations();
        for (let block = queue.shift(); block !== undefined; block = queue.shift()) await runBlock(block, durations);
      }),
    );
  } finally {
    rmSync(script, { force: true });
    if (keptFolders.length) log(`workspaces kept under ${workDir}`);
    else if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
  summary.failed.sort((a, b) => a.trial - b.trial);
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

/** The one line that says how it went, e.g. "crash trials: 300 run, 0 failed (seed 12345)". */
export function summaryLine(summary: Pick<TrialSummary, 'trials' | 'failures' | 'seed'>): string {
  return `crash trials: ${summary.trials} run, ${summary.failures} failed (seed ${summary.seed})`;
}

/** The figures the issue asks for, and where the kills landed. */
export function figuresLine(s: TrialSummary): string {
  const during = Object.entries(s.killedDuring)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return (
    `${s.corrupt} corrupt databases, ${s.partialImports} partial imports, ${s.partialAttaches} partial attaches, ` +
    `${s.lostApprovals} lost approved items (${s.approvalsChecked} approvals checked), ${s.lostCommits} lost commits, ${s.orphans} orphan files, ` +
    `${s.openFailures} failed opens, ${s.badPackFiles} bad pack files; killed during: ${during}; ` +
    `in-flight operation committed ${s.inFlight.committed}, not ${s.inFlight.notCommitted}`
  );
}
