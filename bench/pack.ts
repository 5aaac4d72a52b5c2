/**
 * The pack benchmark of issue 5, §9: a generated large area (all 63 items, 400 attachments, every dataset with five
 * periods, up to 30 charts) built into the Word pack and the share bundle, with time and peak memory, measured in a
 * fresh process; beside it, in the same run, Pandoc turning the same text and tables from Markdown into docx.
 * Aim: the docx in under 2 s and 400 MB. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLargeArea } from './pack-large-area';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-pack-'));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;
try {
  process.stderr.write('Generating the large area…\n');
  const folder = await makeLargeArea(dir);
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/pack-child.ts'), folder, dir], { cwd: ROOT, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the build failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout) as Record<string, number>);
  }
  const first = runs[0]!;
  const row = (label: string, value: string) => process.stdout.write(`${label.padEnd(38)} ${value}\n`);
  process.stdout.write(`\nPack benchmark: ${first.items} items, ${first.evidence} evidence files, ${first.charts} charts (${RUNS} runs, median)\n`);
  row('read the workspace (incl. charts)', `${median(runs.map((r) => r.readMs!)).toFixed(0)} ms`);
  row('build the docx', `${median(runs.map((r) => r.docxMs!)).toFixed(0)} ms (${(first.docxBytes! / 1048576).toFixed(1)} MB)`);
  row('write the bundle', `${median(runs.map((r) => r.bundleMs!)).toFixed(0)} ms`);
  const docxTotal = median(runs.map((r) => r.readMs! + r.docxMs!));
  row('docx total (read + build)', `${docxTotal.toFixed(0)} ms   aim < 2000 ms`);
  const MB = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  row('peak memory (whole process)', `${MB(Math.max(...runs.map((r) => r.peakRss!)))}   aim < 400 MB`);
  row('  of which the loaded app, before work', MB(first.baselineRss!));
  row('  after reading (charts drawn)', MB(first.afterReadRss!));
  row('  after building the docx', MB(first.afterDocxRss!));
  const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (pandoc.status === 0) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', join(dir, 'pandoc.docx'), join(dir, 'pack.md')]);
      if (run.status !== 0) throw new Error(`pandoc failed: ${run.stderr}`);
      times.push(performance.now() - t0);
    }
    row(`pandoc ${pandoc.stdout.split('\n')[0]!.split(' ')[1]} (same text, Markdown → docx)`, `${median(times).toFixed(0)} ms   ratio ${(docxTotal / median(times)).toFixed(2)}×`);
  } else {
    row('pandoc', 'not installed: apt-get install pandoc for the comparison');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
