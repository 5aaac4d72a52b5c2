/**
 * Where a pack build's memory goes: one build (and bundle) in this process, phase by phase, as buildPack does it,
 * with a worker thread sampling the process's RSS every 2 ms (it keeps sampling while the main thread is busy in
 * synchronous work, such as docx's Packer; it adds a few MB of its own).
 *
 *   node --import tsx bench/pack-memory-profile.ts WORKSPACE_FOLDER
 *
 * bench/pack.ts runs it on its generated area and prints the table. For each phase: RSS at its end and the highest
 * sampled during it, V8's heap (used, and held from the system: young generation, old generation, large objects),
 * external memory and ArrayBuffers (MB). Run with --expose-gc to see each figure after a full collection too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { Packer } from 'docx';
import { writeBundle } from '../main/pack/bundle/write-bundle';
import { packDocument, PACK_LANGUAGE } from '../main/pack/build-pack';
import { finaliseDocx } from '../main/pack/finalise';
import { readPackInput } from '../main/pack/read-pack-input';
import { Workspace } from '../main/workspace/workspace';

interface PhaseMemory {
  phase: string;
  /** MB: RSS at the end of the phase, and the highest sampled during it. */
  rss: number;
  peakRss: number;
  /** MB: V8's heap in use, and held from the system: in all, and by its young generation, old generation and large objects. */
  heapUsed: number;
  heapHeld: number;
  young: number;
  old: number;
  large: number;
  external: number;
  arrayBuffers: number;
  afterGc?: { rss: number; heapUsed: number; external: number };
}

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: bench/pack-memory-profile.ts WORKSPACE_FOLDER');

const highest = new Int32Array(new SharedArrayBuffer(4));
const sampler = new Worker(
  `
  const { workerData } = require('node:worker_threads');
  setInterval(() => { Atomics.store(workerData, 0, Math.max(Atomics.load(workerData, 0), Math.round(process.memoryUsage.rss() / 1048576))); }, 2);
`,
  { eval: true, workerData: highest },
);
sampler.unref();
await new Promise((resolve) => {
  setTimeout(resolve, 50);
});

const mb = (n: number) => Math.round(n / 1048576);
const gc = (globalThis as { gc?: () => void }).gc;
const turn = () =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
const phases: PhaseMemory[] = [];
function mark(phase: string): void {
  const m = process.memoryUsage();
  const space = new Map(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  const held = (...names: string[]) => mb(names.reduce((sum, n) => sum + (space.get(n) ?? 0), 0));
  const row: PhaseMemory = {
    phase,
    rss: mb(m.rss),
    peakRss: Math.max(mb(m.rss), Atomics.exchange(highest, 0, 0)),
    heapUsed: mb(m.heapUsed),
    heapHeld: mb(getHeapStatistics().total_physical_size),
    young: held('new_space'),
    old: held('old_space'),
    large: held('large_object_space', 'new_large_object_space'),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
  if (gc) {
    gc();
    const g = process.memoryUsage();
    row.afterGc = { rss: mb(g.rss), heapUsed: mb(g.heapUsed), external: mb(g.external) };
  }
  phases.push(row);
  Atomics.store(highest, 0, 0);
}

mark('loaded (before work)');
const workspace = Workspace.open(folder, { user: 'Benchmark' });
const input = await readPackInput(workspace, { sections: [], approvedOnly: false }, 'Benchmark');
mark(`read the workspace, ${input.charts.length} charts drawn`);
// The steps of buildPack, one by one.
let document: ReturnType<typeof packDocument> | undefined = packDocument(input);
mark('docx Document built');
await turn();
const packed = await Packer.toBuffer(document);
document = undefined;
mark('Packer.toBuffer');
await turn();
const docx = finaliseDocx(packed, { builtAt: input.builtAt, language: PACK_LANGUAGE });
mark(`finalised (${(docx.length / 1048576).toFixed(1)} MB docx)`);
const out = mkdtempSync(join(tmpdir(), 'sendpack-profile-'));
try {
  await writeBundle(
    {
      workspaceFolder: folder,
      packDocx: docx,
      packPdf: null,
      evidence: input.evidence,
      area: input.area.name,
      builtAt: input.builtAt,
      version: input.version,
    },
    join(out, 'bundle.zip'),
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
mark('bundle written');
workspace.close();
const maxRss = mb(process.resourceUsage().maxRSS * 1024);

process.stdout.write(formatPhases(phases, maxRss));

function formatPhases(rows: readonly PhaseMemory[], peak: number): string {
  const n = (v: number, w = 6) => String(v).padStart(w);
  const lines = [
    `${'phase'.padEnd(40)}${'RSS'.padStart(6)}${'peak'.padStart(6)}   V8 heap used/held (young, old, large)   external (ArrayBuffers)`,
  ];
  for (const r of rows) {
    lines.push(
      `${r.phase.padEnd(40)}${n(r.rss)}${n(r.peakRss)}   ${n(r.heapUsed, 4)} /${n(r.heapHeld, 4)} (${r.young}, ${r.old}, ${r.large})`.padEnd(
        92,
      ) +
        `${n(r.external, 4)} (${r.arrayBuffers})${r.afterGc ? `   after a full GC: RSS ${r.afterGc.rss}, heap ${r.afterGc.heapUsed}, external ${r.afterGc.external}` : ''}`,
    );
  }
  lines.push(`highest RSS of the process: ${peak} MB`);
  return `${lines.join('\n')}\n`;
}
