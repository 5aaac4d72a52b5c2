/**
 * `npm run bench`: the partnership's sync (issue 17).
 * 1. 40 replicas (each its own workspace folder and database, continuously synced as the desktop app is, in this
 *    process) against one sync server (its own process); one officer edits a narrative, and the time until every
 *    other replica's database holds the edit is measured, over many edits across 63 items: median and 95th percentile.
 *    Aim: median under 1 s on this machine. CPU and memory printed beside it.
 * 2. A cold replica joining a workspace with 400 evidence files (every file fetched and checked by SHA-256), beside
 *    `rsync -a` of the same files between two local folders (the fastest a copy of those bytes gets), and the ratio.
 * Prints figures; asserts nothing about time.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_CATALOGUE } from '../main/catalogue/shipped-catalogue';
import { Workspace } from '../main/workspace/workspace';
import { openWorkspace } from '../main/workspace/open-workspace';
import { updateItem } from '../main/checklist/checklist-repository';
import { attachFiles } from '../main/evidence/attachments-repository';
import { invitePerson } from '../main/sync/people';
import { syncOnce } from '../main/sync/client';
import { LiveSync } from '../main/sync/live-sync';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REPLICAS = Number(process.env.BENCH_SYNC_REPLICAS ?? 40);
const EDITS = Number(process.env.BENCH_SYNC_EDITS ?? 63);
const FILES = Number(process.env.BENCH_SYNC_FILES ?? 400);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
const noExtract = async () => ({
  status: 'ok' as const,
  kind: 'pdf' as const,
  text: '',
  segments: [],
  truncated: false,
  notes: [],
  unread: [],
});

const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-sync-'));
const data = join(dir, 'server');
const server = await new Promise<{ url: string; pid: number; stop(): Promise<void> }>((ok, fail) => {
  const child = spawn(process.execPath, ['bin/sendpack.mjs', 'sync-server', '--data', data, '--port', '0'], {
    cwd: ROOT,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /listening on (ws:\/\/\S+)/.exec(out);
    if (m)
      ok({
        url: m[1]!,
        pid: child.pid!,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
  });
  child.on('exit', (code) => fail(new Error(`sync server exited ${code}`)));
});

try {
  // ---- 1. 40 replicas, narrative edits ----
  const people = Array.from({ length: REPLICAS }, (_, i) => ({
    name: `Officer ${i + 1}`,
    role: i === 0 ? ('coordinator' as const) : ('contributor' as const),
  })).map((p) => ({ ...p, token: invitePerson(data, p.name, p.role).token }));
  const items = SHIPPED_CATALOGUE.items
    .filter((i) => !i.personLevel)
    .slice(0, EDITS)
    .map((i) => i.id);
  let workspaceId: string | undefined;
  const replicas: { live: LiveSync; workspace: Workspace }[] = [];
  const setupStart = performance.now();
  for (const [index, p] of people.entries()) {
    const folder = join(dir, `replica-${index}.sendpack`);
    Workspace.create({ folder, areaName: 'Northshire', laCode: null, user: p.name, catalogue: SHIPPED_CATALOGUE });
    const workspace = await openWorkspace(folder, { user: p.name, catalogue: SHIPPED_CATALOGUE });
    workspaceId = (
      await syncOnce(workspace, { server: server.url, token: p.token, extract: noExtract, joinWorkspace: workspaceId })
    ).workspace;
    replicas.push({
      workspace,
      live: new LiveSync(workspace, { server: server.url, token: p.token, person: p, extract: noExtract }),
    });
  }
  const until = async (test: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!test()) {
      if (Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, 2));
    }
    return true;
  };
  await until(() => replicas.every((r) => r.live.inStep), 60_000);
  console.log(
    `sync bench: ${REPLICAS} replicas joined and connected in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`,
  );
  const noteOf = (r: { workspace: Workspace }, item: string) =>
    r.workspace.db.prepare('SELECT note FROM items WHERE id = ?').pluck().get(item) as string;
  const times: number[] = [];
  let missed = 0;
  for (let n = 0; n < EDITS; n++) {
    const editor = replicas[n % replicas.length]!;
    const item = items[n % items.length]!;
    const text = `${noteOf(editor, item)} Edit ${n} by ${editor.live.options.person.name}.`.trim();
    const start = performance.now();
    updateItem(editor.workspace.db, { itemId: item, note: text }, editor.live.options.person.name);
    editor.live.localChanged();
    const arrived = await until(() => replicas.every((r) => noteOf(r, item) === text), 30_000);
    if (!arrived) missed++;
    times.push(performance.now() - start);
  }
  const cpu = cpus();
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim().split(' ').slice(0, 3).join(' ');
  console.log(
    `sync bench: a narrative edit reached all ${REPLICAS - 1} other replicas in ${median(times).toFixed(0)} ms median, ` +
      `${p95(times).toFixed(0)} ms 95th percentile, ${Math.max(...times).toFixed(0)} ms slowest (${EDITS} edits over ${items.length} items; ${missed} not arrived in 30 s); aim: median under 1000 ms`,
  );
  console.log(
    `sync bench: machine ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, load ${load}, memory ${(totalmem() / 2 ** 30).toFixed(1)} GB (${(freemem() / 2 ** 30).toFixed(1)} GB free); ` +
      `this process (40 replicas) ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, server ${rssOf(server.pid).toFixed(0)} MB`,
  );
  for (const r of replicas) {
    await r.live.close();
    r.workspace.close();
  }

  // ---- 2. a cold replica with 400 evidence files, beside rsync ----
  const coordinator = people[0]!;
  const sourceFolder = join(dir, 'with-files.sendpack');
  Workspace.create({
    folder: sourceFolder,
    areaName: 'Northshire',
    laCode: null,
    user: coordinator.name,
    catalogue: SHIPPED_CATALOGUE,
  });
  const source = await openWorkspace(sourceFolder, { user: coordinator.name, catalogue: SHIPPED_CATALOGUE });
  const files = Array.from({ length: FILES }, (_, i) => ({
    name: `evidence-${String(i + 1).padStart(3, '0')}.pdf`,
    bytes: randomBytes(20_000 + (i % 20) * 5_000),
  }));
  for (let i = 0; i < files.length; i += 50)
    await attachFiles(source, items[(i / 50) % items.length]!, files.slice(i, i + 50), {}, coordinator.name, noExtract);
  const published = await syncOnce(source, { server: server.url, token: coordinator.token, extract: noExtract });
  source.close();
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const joinTimes: number[] = [];
  const rsyncTimes: number[] = [];
  for (let run = 0; run < 3; run++) {
    const folder = join(dir, `cold-${run}.sendpack`);
    Workspace.create({ folder, areaName: 'Joining', laCode: null, user: 'Officer 2', catalogue: SHIPPED_CATALOGUE });
    const cold = await openWorkspace(folder, { user: 'Officer 2', catalogue: SHIPPED_CATALOGUE });
    const start = performance.now();
    const report = await syncOnce(cold, {
      server: server.url,
      token: people[1]!.token,
      extract: noExtract,
      joinWorkspace: published.workspace,
    });
    joinTimes.push(performance.now() - start);
    if (report.filesReceived !== FILES || !report.inStep)
      throw new Error(`cold replica received ${report.filesReceived} of ${FILES} files (in step: ${report.inStep})`);
    cold.close();
    const target = join(dir, `rsync-${run}`);
    mkdirSync(target);
    const rsyncStart = performance.now();
    const rsync = spawnSync('rsync', ['-a', `${join(sourceFolder, 'files')}/`, `${target}/`]);
    rsyncTimes.push(performance.now() - rsyncStart);
    if (rsync.status !== 0)
      throw new Error(
        `rsync failed: ${rsync.stderr?.toString() ?? rsync.error?.message}. Install rsync (apt-get install rsync).`,
      );
  }
  console.log(
    `sync bench: a cold replica joined with ${FILES} evidence files (${(bytes / 2 ** 20).toFixed(1)} MB, each SHA-256 checked) in ` +
      `${median(joinTimes).toFixed(0)} ms median; rsync -a of the same files ${median(rsyncTimes).toFixed(0)} ms (${(median(joinTimes) / median(rsyncTimes)).toFixed(1)}×)`,
  );
  writeFileSync(join(dir, 'done'), '');
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
