/**
 * `npm run bench`: the import benchmark of issue 4, §8. Prints figures; asserts nothing about time (no test does).
 *
 *  1. A generated 200,000-row waiting-list CSV (NHS number, name, date of birth, postcode, service, referral and
 *     first-seen dates): read, previewed (parsed, mapped, aggregated per service) and committed into a fresh
 *     workspace, with time and peak memory; beside it, in the same run, the sqlite3 command-line tool's `.import`
 *     of the same CSV into a table, and the ratio. Aim: under 2 s, and within twice sqlite3's time.
 *  2. A generated 50,000-row XLSX waiting list, the same way.
 *
 * Each measurement runs in a fresh Node process (its peak RSS is then its own) and is repeated; the median time and
 * the highest peak are reported. Not run by .ci/run or `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitingList, waitingListRows } from '../tests/fixtures/imports/case-lists';
import { toCsv } from '../tests/fixtures/imports/csv-text';
import { buildXlsx, dateCell, type XCell } from '../tests/fixtures/imports/xlsx';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SNAPSHOT = '2025-03-31';
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 200_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 50_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

interface Measurement {
  rowsRead: number;
  rowsKept: number;
  bytes: number;
  readMs: number;
  previewMs: number;
  commitMs: number;
  totalMs: number;
  baselineRss: number;
  peakRss: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

function generateCsv(dir: string): string {
  const file = join(dir, `waiting-list-${CSV_ROWS}.csv`);
  writeFileSync(file, toCsv(waitingListRows(waitingList(CSV_ROWS, SNAPSHOT)), '\r\n'));
  return file;
}

function generateXlsx(dir: string): string {
  const file = join(dir, `waiting-list-${XLSX_ROWS}.xlsx`);
  const children = waitingList(XLSX_ROWS, SNAPSHOT, 23);
  // As Excel keeps an export: a title row, NHS numbers as numbers, dates as day serials formatted dd/mm/yyyy.
  const rows: XCell[][] = [
    ['Community health waiting list, extracted 31/03/2025'],
    [],
    ['NHS number', 'Child name', 'Date of birth', 'Postcode', 'Service', 'Referral date', 'First seen date'],
    ...children.map((c): XCell[] => [
      Number(c.nhs),
      c.name,
      dateCell(c.dob),
      c.postcode,
      c.serviceLabel,
      dateCell(c.referral),
      c.seen ? dateCell(c.seen) : null,
    ]),
  ];
  writeFileSync(file, buildXlsx([{ name: 'Waiting list', rows }]));
  return file;
}

/** One import in a fresh process. */
function measureImport(file: string, dir: string, run: number): Measurement {
  const parent = join(dir, `ws-${run}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(parent);
  try {
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/import-case.ts'), 'health-waits', file, parent, SNAPSHOT],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * MB },
    );
    if (child.status !== 0) throw new Error(`import-case failed (${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

function sqlite3Available(): string | null {
  const probe = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? null : (probe.stdout.trim().split(' ')[0] ?? 'unknown');
}

/** sqlite3's own CSV import of the same file into a fresh database, timed around the whole command. */
function measureSqlite3(file: string, dir: string, run: number): number {
  const db = join(dir, `sqlite3-import-${run}.db`);
  rmSync(db, { force: true });
  const start = performance.now();
  const result = spawnSync('sqlite3', [db, '.mode csv', `.import '${file.replace(/'/g, "''")}' t`], {
    encoding: 'utf8',
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`sqlite3 .import failed: ${result.stderr}`);
  const count = spawnSync('sqlite3', [db, 'SELECT count(*) FROM t'], { encoding: 'utf8' }).stdout.trim();
  if (Number(count) !== CSV_ROWS) throw new Error(`sqlite3 imported ${count} rows, not ${CSV_ROWS}`);
  rmSync(db, { force: true });
  return elapsed;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-'));
  try {
    console.log(
      `SEND Evidence Pack import benchmark — Node ${process.versions.node}, ${RUNS} run${RUNS === 1 ? '' : 's'} each (median time, highest peak memory)`,
    );
    let start = performance.now();
    const csv = generateCsv(dir);
    console.log(
      `Generated ${CSV_ROWS.toLocaleString('en-GB')}-row waiting-list CSV (${mb(statSync(csv).size)}) in ${ms(performance.now() - start)}`,
    );
    start = performance.now();
    const xlsx = generateXlsx(dir);
    console.log(
      `Generated ${XLSX_ROWS.toLocaleString('en-GB')}-row waiting-list XLSX (${mb(statSync(xlsx).size)}) in ${ms(performance.now() - start)}`,
    );

    // Interleaved, so that whatever else the machine is doing weighs on both sides of the comparison alike.
    const sqliteVersion = sqlite3Available();
    const csvRuns: Measurement[] = [];
    const xlsxRuns: Measurement[] = [];
    const sqliteRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      csvRuns.push(measureImport(csv, dir, i));
      if (sqliteVersion) sqliteRuns.push(measureSqlite3(csv, dir, i));
      xlsxRuns.push(measureImport(xlsx, dir, i));
    }

    const row = (label: string, runs: Measurement[]) => {
      const total = median(runs.map((r) => r.totalMs));
      return [
        label,
        runs[0]!.rowsRead.toLocaleString('en-GB'),
        ms(median(runs.map((r) => r.previewMs))),
        ms(median(runs.map((r) => r.commitMs))),
        ms(total),
        ms(Math.min(...runs.map((r) => r.totalMs))),
        mb(Math.max(...runs.map((r) => r.peakRss))),
        mb(Math.max(...runs.map((r) => r.peakRss - r.baselineRss))),
        runs.map((r) => r.totalMs.toFixed(0)).join(' / '),
      ];
    };
    const rows = [
      ['case', 'rows', 'preview', 'commit', 'total', 'best', 'peak RSS', 'over baseline', 'runs (ms)'],
      row('CSV waiting list → health-waits', csvRuns),
      row('XLSX waiting list → health-waits', xlsxRuns),
    ];
    if (sqliteRuns.length) {
      rows.push([
        `sqlite3 ${sqliteVersion} .import (same CSV)`,
        CSV_ROWS.toLocaleString('en-GB'),
        '',
        '',
        ms(median(sqliteRuns)),
        ms(Math.min(...sqliteRuns)),
        '',
        '',
        sqliteRuns.map((t) => t.toFixed(0)).join(' / '),
      ]);
    }
    console.log(`\n${table(rows)}\n`);

    const csvTotal = median(csvRuns.map((r) => r.totalMs));
    console.log(
      `CSV: ${ms(csvTotal)} to read, aggregate ${CSV_ROWS.toLocaleString('en-GB')} rows into ${csvRuns[0]!.rowsKept} and commit ` +
        `(aim: under 2000 ms — ${csvTotal < 2000 ? 'met' : 'NOT met'}).`,
    );
    if (sqliteRuns.length) {
      const ratio = csvTotal / median(sqliteRuns);
      const best = Math.min(...csvRuns.map((r) => r.totalMs)) / Math.min(...sqliteRuns);
      console.log(
        `Ratio to sqlite3 .import: ${ratio.toFixed(2)}× on medians, ${best.toFixed(2)}× on best runs (aim: within 2× — ` +
          `${ratio <= 2 ? 'met' : 'NOT met'}). sqlite3's time includes its process start; ours excludes Node's start-up and module loading.`,
      );
      console.log(
        'Times vary with what else the machine is doing; the runs are interleaved so both sides see the same load.',
      );
    } else {
      console.log(
        'sqlite3 command-line tool not found on PATH: the comparison with sqlite3 .import was skipped ' +
          '(install it, e.g. apt-get install sqlite3, to get the ratio).',
      );
    }
    console.log(
      "Peak RSS is the whole measuring process's maximum resident set (Node, modules, the workspace); " +
        '"over baseline" is the peak less the RSS just before the file was read.',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
