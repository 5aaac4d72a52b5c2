/**
 * `npm run bench` (issue 12): DfE's full national 20-week timeliness file of the 2025 release (12,212 rows: every
 * authority, region and England, 2019–2024, with breakdown rows) imported into a fresh workspace and every comparator
 * computed, beside the sqlite3 command-line tool's `.import` of the same file in the same run, with the machine's CPU
 * and memory. Prints figures; asserts nothing about time.
 *
 * "import + comparators" is what an officer waits for: read, preview (total rows picked out, every area's figure
 * of record computed for benchmarking), commit (the area's rows and every area's figures, one transaction), then the
 * workspace's metrics with England, region, neighbours, rank, quartile and trend. "every authority" then computes
 * the same for each of the file's authorities in turn (what a Data screen comparing authorities would need).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const LA = process.env.BENCH_LA ?? '352'; // Manchester
const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Measurement {
  rowsRead: number;
  benchmarkFigures: number;
  authorities: number;
  ownRanked: number;
  allRanked: number;
  previewMs: number;
  commitMs: number;
  ownMetricsMs: number;
  importAndOwnMs: number;
  everyAuthorityMs: number;
  baselineRss: number;
  peakRss: number;
}

function measure(file: string, dir: string, run: number): Measurement {
  const parent = join(dir, `ws-${run}`);
  mkdirSync(parent);
  try {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/import-national.ts'), 'ehcp-timeliness', file, parent, LA],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * MB },
    );
    if (child.status !== 0) throw new Error(`import-national failed (${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

/** sqlite3's `.import` of the same file into a fresh database, timed around the whole command (process start included). */
function measureSqlite3(file: string, dir: string, run: number, rows: number): number | null {
  const db = join(dir, `sqlite3-${run}.db`);
  const start = performance.now();
  const result = spawnSync('sqlite3', [db, '.mode csv', `.import '${file.replace(/'/g, "''")}' t`], {
    encoding: 'utf8',
  });
  const elapsed = performance.now() - start;
  if (result.error || result.status !== 0) return null;
  const count = Number(spawnSync('sqlite3', [db, 'SELECT count(*) FROM t'], { encoding: 'utf8' }).stdout.trim());
  if (count !== rows) throw new Error(`sqlite3 imported ${count} rows, not ${rows}`);
  rmSync(db, { force: true });
  return elapsed;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-national-'));
  try {
    const file = join(dir, 'timeliness_20_week.csv');
    writeFileSync(file, gunzipSync(readFileSync(join(ROOT, 'tests/fixtures/dfe-2025/timeliness_20_week.csv.gz'))));
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
    const cpu = cpus();
    console.log(
      `\nSEND Evidence Pack national-file benchmark — Node ${process.versions.node}, ${RUNS} run${RUNS === 1 ? '' : 's'} each (median time, highest peak memory)`,
    );
    console.log(
      `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} logical CPUs; memory ${(totalmem() / 1024 ** 3).toFixed(1)} GB (${(freemem() / 1024 ** 3).toFixed(1)} GB free at the start)`,
    );
    console.log(
      `File: DfE timeliness_20_week.csv, 2025 release, ${lines.toLocaleString('en-GB')} data rows; the workspace's authority: LA ${LA}`,
    );
    const runs: Measurement[] = [];
    const sqlite: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(measure(file, dir, i));
      const t = measureSqlite3(file, dir, i, lines);
      if (t !== null) sqlite.push(t);
    }
    const m = (pick: (r: Measurement) => number) => median(runs.map(pick));
    const first = runs[0]!;
    console.log(
      `\n  import + comparators (read, preview, commit, metrics): ${ms(m((r) => r.importAndOwnMs))}` +
        ` (preview ${ms(m((r) => r.previewMs))}, commit ${ms(m((r) => r.commitMs))}, metrics ${ms(m((r) => r.ownMetricsMs))}); runs ${runs.map((r) => r.importAndOwnMs.toFixed(0)).join(' / ')} ms`,
    );
    console.log(
      `  ${first.rowsRead.toLocaleString('en-GB')} rows read; ${first.benchmarkFigures.toLocaleString('en-GB')} benchmark figures kept; ${first.ownRanked} ranked results for the workspace's authority`,
    );
    console.log(
      `  every authority's comparators for every metric and period (${first.authorities} authorities, ${first.allRanked.toLocaleString('en-GB')} ranked figures): ${ms(m((r) => r.everyAuthorityMs))}`,
    );
    console.log(
      `  peak RSS ${mb(Math.max(...runs.map((r) => r.peakRss)))} (${mb(Math.max(...runs.map((r) => r.peakRss - r.baselineRss)))} over the process's baseline)`,
    );
    if (sqlite.length) {
      const ratio = m((r) => r.importAndOwnMs) / median(sqlite);
      console.log(
        `  sqlite3 .import of the same file: ${ms(median(sqlite))}; runs ${sqlite.map((t) => t.toFixed(0)).join(' / ')} ms`,
      );
      console.log(
        `  ratio: ${ratio.toFixed(2)}× sqlite3 .import (ours excludes Node's start-up; sqlite3's includes its process start)`,
      );
    } else {
      console.log(
        '  sqlite3 command-line tool not found on PATH: the comparison was skipped (apt-get install sqlite3).',
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
