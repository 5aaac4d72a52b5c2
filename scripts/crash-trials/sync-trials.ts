/**
 * Sync trials: three replicas of one workspace, each its own process (sync-worker.ts) with its own folder, against
 * a real sync server process, doing seeded random edits (words inserted into shared narratives, owners changed) with
 * random disconnects and SIGKILLs. At the end every replica is brought back, settled, and checked: all replicas and
 * the server hold one state (equal digests), and every word any replica reported saved is in every replica's narrative.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWritable } from '../../main/store/database';
import { build } from 'esbuild';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';
import { Workspace } from '../../main/workspace/workspace';
import { openWorkspace } from '../../main/workspace/open-workspace';
import { seededRandom } from '../../shared/domain/privacy/synthetic';
import { invitePerson } from '../../main/sync/people';
import { syncOnce } from '../../main/sync/client';
import { Replica } from '../../main/sync/replica';
import { docDigest } from '../../main/sync/doc-model';
import { storedDigest } from '../../main/sync/server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SyncTrialSummary {
  kind: 'sync-trials';
  seed: number;
  operations: number;
  saved: number;
  refused: number;
  kills: number;
  disconnects: number;
  replicas: number;
  /** Every replica and the server answered the same digest. */
  converged: boolean;
  digests: string[];
  /** Words a replica reported saved that some replica's final narrative lacks ("replica: word in item"). */
  lost: string[];
  durationMs: number;
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  waiters: ((line: string) => boolean)[];
  dead: boolean;
  stderr: string;
}

const noExtract = async () => ({ status: 'not-scanned' as const, kind: 'unknown', reason: 'sync trial' });

function startServer(dataDir: string): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['bin/sendpack.mjs', 'sync-server', '--data', dataDir, '--port', '0'], {
      cwd: ROOT,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) ok({ url: m[1]!, child });
    });
    child.on('exit', (code) => fail(new Error(`sync server exited ${code}`)));
  });
}

/** The worker as one CommonJS file beside node_modules (so its native modules resolve): a plain Node start. */
async function bundleWorker(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'crash-trials');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `sync-worker-${process.pid}.cjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'scripts/crash-trials/sync-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    external: ['better-sqlite3', '@resvg/resvg-js', 'bufferutil', 'utf-8-validate'],
  });
  return outfile;
}

function spawnWorker(script: string, args: string[]): Worker {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const worker: Worker = { child, lines: [], waiters: [], dead: false, stderr: '' };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      worker.lines.push(line);
      worker.waiters = worker.waiters.filter((w) => !w(line));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    worker.stderr += chunk;
  });
  child.on('close', () => {
    worker.dead = true;
    for (const w of worker.waiters) w('dead');
    worker.waiters = [];
  });
  child.stdin.on('error', () => {});
  return worker;
}

function waitFor(worker: Worker, test: (line: string) => boolean, timeoutMs = 60_000): Promise<string> {
  if (worker.dead) return Promise.resolve('dead');
  return new Promise((ok) => {
    const timer = setTimeout(() => ok('timeout'), timeoutMs);
    worker.waiters.push((line) => {
      if (line === 'dead' || test(line)) {
        clearTimeout(timer);
        ok(line);
        return true;
      }
      return false;
    });
  });
}

const send = (worker: Worker, op: unknown) => {
  if (!worker.dead) worker.child.stdin.write(`${JSON.stringify(op)}\n`);
};

export async function runSyncTrials(options: {
  operations: number;
  seed: number;
  workDir?: string;
  log?: (line: string) => void;
}): Promise<SyncTrialSummary> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const dir = options.workDir ?? mkdtempSync(join(tmpdir(), 'sendpack-sync-trials-'));
  mkdirSync(dir, { recursive: true });
  const serverData = join(dir, 'server');
  const script = await bundleWorker();
  const server = await startServer(serverData);
  const people = [
    { name: 'Cora Hale', role: 'coordinator' as const },
    { name: 'Ben Okafor', role: 'contributor' as const },
    { name: 'Cai Evans', role: 'contributor' as const },
  ].map((p) => ({
    ...p,
    token: invitePerson(serverData, p.name, p.role).token,
    folder: join(dir, `${p.name.split(' ')[0]}.sendpack`),
  }));

  // The coordinator publishes; the others join (in this process, before the trial's replicas start).
  let workspaceId = '';
  for (const [index, p] of people.entries()) {
    Workspace.create({
      folder: p.folder,
      areaName: 'Northshire',
      laCode: null,
      user: p.name,
      catalogue: SHIPPED_CATALOGUE,
    });
    const workspace = await openWorkspace(p.folder, { user: p.name, catalogue: SHIPPED_CATALOGUE });
    const report = await syncOnce(workspace, {
      server: server.url,
      token: p.token,
      extract: noExtract,
      joinWorkspace: index === 0 ? undefined : workspaceId,
    });
    workspaceId = report.workspace;
    workspace.close();
  }
  const items = SHIPPED_CATALOGUE.items
    .filter((i) => !i.personLevel)
    .slice(0, 6)
    .map((i) => i.id);
  const workers: Worker[] = [];
  const start = async (r: number) => {
    const p = people[r]!;
    workers[r] = spawnWorker(script, [p.folder, server.url, p.token, p.name, p.role]);
    const line = await waitFor(workers[r]!, (l) => l === 'ready');
    if (line !== 'ready') throw new Error(`replica ${p.name} did not start: ${workers[r]!.stderr}`);
  };
  for (let r = 0; r < people.length; r++) await start(r);

  const saved: { item: string; word: string; by: string }[] = [];
  let refused = 0;
  let kills = 0;
  let disconnects = 0;
  const offline = new Set<number>();
  for (let n = 0; n < options.operations; n++) {
    const r = Math.floor(random() * people.length);
    if (workers[r]!.dead) {
      await start(r);
      offline.delete(r);
    }
    const worker = workers[r]!;
    const x = random();
    if (x < 0.05) {
      if (offline.has(r)) {
        send(worker, { op: 'online' });
        offline.delete(r);
      } else {
        send(worker, { op: 'offline' });
        offline.add(r);
        disconnects++;
      }
      continue;
    }
    const item = items[Math.floor(random() * items.length)]!;
    const op =
      x < 0.15
        ? { op: 'owner', n, item, value: `Owner ${n}` }
        : { op: 'edit', n, item, word: `«${r}.${n}»`, at: random() };
    send(worker, op);
    if (random() < 0.03) {
      // SIGKILL part-way through the operation (or just after it): whatever it reported saved must survive.
      await new Promise((ok) => setTimeout(ok, Math.floor(random() * 15)));
      worker.child.kill('SIGKILL');
      kills++;
      await waitFor(worker, () => false, 10_000);
    }
    const answer =
      worker.lines.find((l) => l.startsWith(`saved ${n}`) || l.startsWith(`refused ${n} `)) ??
      (await waitFor(worker, (l) => l === `saved ${n}` || l.startsWith(`refused ${n} `)));
    if (answer === `saved ${n}` && op.op === 'edit')
      saved.push({ item, word: (op as { word: string }).word, by: people[r]!.name });
    else if (answer.startsWith('refused')) refused++;
    if (n % 100 === 0)
      log(`sync trials: ${n} operations, ${saved.length} words saved, ${kills} kills, ${disconnects} disconnects`);
  }

  // Everyone back and online; settle twice round so every replica has everyone's last changes.
  for (let r = 0; r < people.length; r++)
    if (workers[r]!.dead) await start(r);
    else if (offline.has(r)) send(workers[r]!, { op: 'online' });
  for (let round = 0; round < 2; round++) {
    for (const worker of workers) {
      send(worker, { op: 'settle' });
      await waitFor(worker, (l) => l === 'settled' || l === 'not-settled');
    }
  }
  await new Promise((ok) => setTimeout(ok, 1000));
  for (const worker of workers) {
    send(worker, { op: 'settle' });
    await waitFor(worker, (l) => l === 'settled' || l === 'not-settled');
  }
  for (const worker of workers) {
    send(worker, { op: 'quit' });
    await waitFor(worker, () => false, 20_000);
  }
  await new Promise<void>((ok) => {
    server.child.once('exit', () => ok());
    server.child.kill('SIGTERM');
  });

  const digests: string[] = [];
  const lost: string[] = [];
  for (const p of people) {
    const db = openWritable(join(p.folder, 'workspace.db'));
    const replica = new Replica(db, p.folder);
    digests.push(replica.rowDigest(), docDigest(replica.doc));
    for (const s of saved) {
      const note = db.prepare('SELECT note FROM items WHERE id = ?').pluck().get(s.item) as string;
      if (!note.includes(s.word)) lost.push(`${p.name}: ${s.word} in ${s.item} (saved by ${s.by})`);
    }
    replica.destroy();
    db.close();
  }
  digests.push(storedDigest(serverData, workspaceId) ?? 'none');
  const converged = new Set(digests).size === 1;
  const summary: SyncTrialSummary = {
    kind: 'sync-trials',
    seed: options.seed,
    operations: options.operations,
    saved: saved.length,
    refused,
    kills,
    disconnects,
    replicas: people.length,
    converged,
    digests: [...new Set(digests)],
    lost,
    durationMs: Date.now() - started,
  };
  if (converged && lost.length === 0 && !options.workDir) rmSync(dir, { recursive: true, force: true });
  else log(`sync trials: workspaces kept in ${dir}`);
  return summary;
}

export const syncSummaryLine = (s: SyncTrialSummary): string =>
  `sync trials: ${s.operations} operations over ${s.replicas} replicas (${s.saved} words saved, ${s.kills} SIGKILLs, ${s.disconnects} disconnects), ` +
  `${s.converged ? 'converged' : 'DID NOT converge'}, ${s.lost.length} lost (seed ${s.seed}) in ${(s.durationMs / 1000).toFixed(0)} s`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seed = Number(process.argv[2] ?? Math.floor(Math.random() * 2 ** 31));
  const operations = Number(process.argv[3] ?? 1000);
  void runSyncTrials({ operations, seed, log: (l) => console.log(l) }).then((s) => {
    for (const l of s.lost.slice(0, 20)) console.log(`lost: ${l}`);
    console.log(syncSummaryLine(s));
    process.exitCode = s.converged && s.lost.length === 0 ? 0 : 1;
  });
}
