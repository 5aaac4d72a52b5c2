/**
 * The pack benchmark of issue 5, §9: a generated large area (all 78 items, 400 attachments, every dataset with five
 * periods, up to 30 charts) built into the Word pack and the share bundle, with time and peak memory, measured in a
 * fresh process; beside it, in the same run, Pandoc turning the same text and tables from Markdown into docx.
 * Aim: the docx in under 2 s and 400 MB. Prints figures; asserts nothing. After the runs, one more build phase by
 * phase (bench/pack-memory-profile.ts) shows where the peak comes from.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLargeArea } from './pack-large-area';
import { PACK_PROCESS_NODE_FLAGS } from '../main/pack/pack-process-flags';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const AIM_BYTES = 400 * 1048576;
/** The measured processes run with the app's flags; BENCH_NODE_FLAGS replaces them (BENCH_NODE_FLAGS=' ' for none). */
const NODE_FLAGS =
  process.env.BENCH_NODE_FLAGS !== undefined
    ? process.env.BENCH_NODE_FLAGS.split(/\s+/).filter(Boolean)
    : [...PACK_PROCESS_NODE_FLAGS];
const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-pack-'));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)]!;
try {
  process.stderr.write('Generating the large area…\n');
  const folder = await makeLargeArea(dir);
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(
      process.execPath,
      [...NODE_FLAGS, '--import', 'tsx', join(ROOT, 'bench/pack-child.ts'), folder, dir],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`the build failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout) as Record<string, number>);
  }
  const first = runs[0]!;
  const timesBeside: { template?: number } = {};
  const row = (label: string, value: string) => process.stdout.write(`${label.padEnd(38)} ${value}\n`);
  process.stdout.write(
    `\nPack benchmark: ${first.items} items, ${first.evidence} evidence files, ${first.charts} charts (${RUNS} runs, median)${NODE_FLAGS.length ? `, Node flags ${NODE_FLAGS.join(' ')}` : ''}\n`,
  );
  row('read the workspace (incl. charts)', `${median(runs.map((r) => r.readMs!)).toFixed(0)} ms`);
  row(
    'build the docx',
    `${median(runs.map((r) => r.docxMs!)).toFixed(0)} ms (${(first.docxBytes! / 1048576).toFixed(1)} MB)`,
  );
  const checkMs = median(runs.map((r) => r.checkMs!));
  row(
    'check every XML part is well-formed',
    `${checkMs.toFixed(0)} ms (${(checkMs / median(runs.map((r) => r.docxMs!))).toFixed(2)} x building the docx)`,
  );
  row('write the bundle', `${median(runs.map((r) => r.bundleMs!)).toFixed(0)} ms`);
  const docxTotal = median(runs.map((r) => r.readMs! + r.docxMs!));
  row('docx total (read + build)', `${docxTotal.toFixed(0)} ms   aim < 2000 ms`);
  const MB = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  const peaks = runs.map((r) => r.peakRss!);
  const peak = Math.max(...peaks);
  const margin = Math.round(Math.abs(AIM_BYTES - peak) / 1048576);
  row(
    'PEAK MEMORY (process, highest run)',
    `${MB(peak)}   aim < ${MB(AIM_BYTES)}: ${peak < AIM_BYTES ? `MET, ${margin} MB to spare` : `NOT MET, ${margin} MB over`}` +
      `   (runs: ${peaks.map((p) => (p / 1048576).toFixed(0)).join(', ')} MB)`,
  );
  row('  RSS of the loaded app, before work', MB(first.baselineRss!));
  row('  RSS after reading (charts drawn)', MB(first.afterReadRss!));
  row('  RSS after building the docx', MB(first.afterDocxRss!));
  // One more run, phase by phase, with RSS sampled every 2 ms: where the peak comes from.
  const profile = spawnSync(
    process.execPath,
    [...NODE_FLAGS, '--import', 'tsx', join(ROOT, 'bench/pack-memory-profile.ts'), folder],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (profile.status !== 0) throw new Error(`the memory profile failed: ${profile.stderr}`);
  process.stdout.write(
    `\nWhere the memory goes (one more build, RSS sampled every 2 ms; MB; the sampler adds a few MB):\n`,
  );
  process.stdout.write(profile.stdout.replace(/^/gm, '  ').trimEnd() + '\n\n');
  // The same pack built into a council template (made by python-docx, as a council's IT might), in fresh processes.
  const template = join(dir, 'council.docx');
  const made = spawnSync(
    '/usr/bin/python3',
    [join(ROOT, 'tests/fixtures/pack/council_template.py'), 'make', template],
    { encoding: 'utf8' },
  );
  if (made.status === 0) {
    const templateRuns: Record<string, number>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const child = spawnSync(
        process.execPath,
        [...NODE_FLAGS, '--import', 'tsx', join(ROOT, 'bench/pack-child.ts'), folder, dir, template],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`the template build failed: ${child.stderr}`);
      templateRuns.push(JSON.parse(child.stdout) as Record<string, number>);
    }
    const templateTotal = median(templateRuns.map((r) => r.readMs! + r.docxMs!));
    row(
      'into a council template (read + build)',
      `${templateTotal.toFixed(0)} ms (${(templateRuns[0]!.docxBytes! / 1048576).toFixed(1)} MB), ` +
        `peak ${MB(Math.max(...templateRuns.map((r) => r.peakRss!)))}; ratio to the pack's own look ${(templateTotal / docxTotal).toFixed(2)}×`,
    );
    timesBeside.template = templateTotal;
  } else {
    row('into a council template', 'not measured: python3-docx is needed to make the template');
  }
  const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  if (pandoc.status === 0) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const run = spawnSync('pandoc', [
        '-f',
        'markdown',
        '-t',
        'docx',
        '-o',
        join(dir, 'pandoc.docx'),
        join(dir, 'pack.md'),
      ]);
      if (run.status !== 0) throw new Error(`pandoc failed: ${run.stderr}`);
      times.push(performance.now() - t0);
    }
    const pandocPeak = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', 'pandoc', '-f', 'markdown', '-t', 'docx', '-o', join(dir, 'pandoc.docx'), join(dir, 'pack.md')],
      { encoding: 'utf8' },
    );
    const pandocKb = pandocPeak.status === 0 ? Number(pandocPeak.stderr.trim().split('\n').at(-1)) : NaN;
    row(
      `pandoc ${pandoc.stdout.split('\n')[0]!.split(' ')[1]} (same text, Markdown → docx)`,
      `${median(times).toFixed(0)} ms${Number.isFinite(pandocKb) ? `, peak ${MB(pandocKb * 1024)}` : ''}   ` +
        `ratio ${(docxTotal / median(times)).toFixed(2)}×${timesBeside.template ? `, template build ${(timesBeside.template / median(times)).toFixed(2)}×` : ''}`,
    );
  } else {
    row('pandoc', 'not installed: apt-get install pandoc for the comparison');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
