/**
 * `npm run bench`: the Annex A list check of issue 19. A generated List 1 of 20,000 rows with faults of every rule
 * planted (tests/fixtures/annex-a/list-generator.ts) is read and checked exactly as `lists.check` does it (file
 * bytes → typed grid → header match → every rule), in a fresh Node process per run so a warm JIT from one run does
 * not flatter the next; beside it, in the same run, the sqlite3 command-line tool's `.import` of the same CSV into a
 * fresh database, and the ratio. Aim: under 2 s. It also says whether the counts and row numbers were exact.
 * Prints figures; asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkListFile } from '../main/annex-a/check-list';
import { AS_OF, generateList, listGrid } from '../tests/fixtures/annex-a/list-generator';
import { toCsv } from '../tests/fixtures/imports/csv-text';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ROWS = Number(process.env.BENCH_LIST_ROWS ?? 20_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/** Child mode: check FILE once and print {ms, exact} as JSON. */
if (process.argv[2] === '--child') {
  const file = process.argv[3]!;
  const start = performance.now();
  const result = checkListFile(readFileSync(file), file, { list: 1, asOf: AS_OF });
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(result.problem);
  const generated = generateList(ROWS, 1);
  const fieldOf = new Map(Object.entries(result.columns).map(([field, header]) => [header, field]));
  const got = Object.fromEntries(
    result.rules
      .filter((r) => r.count > 0)
      .map((r) => [r.id === 'date-format' ? `date-format:${fieldOf.get(r.column!)}` : r.id, r.rows]),
  );
  const exact =
    Object.keys(got).length === generated.expected.size &&
    [...generated.expected].every(([rule, rows]) => JSON.stringify(got[rule]) === JSON.stringify(rows));
  process.stdout.write(`${JSON.stringify({ ms, exact, rows: result.rows, fired: Object.keys(got).length })}\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sendpack-bench-list-'));
try {
  const file = join(dir, `list-1-${ROWS}.csv`);
  writeFileSync(file, toCsv(listGrid(generateList(ROWS, 1)), '\r\n'));
  const checks: { ms: number; exact: boolean; rows: number; fired: number }[] = [];
  const sqlite: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`the check failed: ${child.stderr}`);
    checks.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!));
    const db = join(dir, `sqlite3-${i}.db`);
    const start = performance.now();
    const imported = spawnSync('sqlite3', [db, '.mode csv', `.import '${file.replace(/'/g, "''")}' t`], {
      encoding: 'utf8',
    });
    const elapsed = performance.now() - start;
    if (imported.error || imported.status !== 0) {
      process.stdout.write(`sqlite3 not usable: ${imported.stderr ?? imported.error}\n`);
      break;
    }
    sqlite.push(elapsed);
    rmSync(db, { force: true });
  }
  const ms = median(checks.map((c) => c.ms));
  const base = sqlite.length ? median(sqlite) : null;
  process.stdout.write(
    `\nAnnex A list check: List 1, ${ROWS.toLocaleString('en-GB')} rows, every rule planted (median of ${RUNS})\n`,
  );
  process.stdout.write(
    `  check (read + match + every rule)  ${ms.toFixed(0)} ms   aim < 2000 ms   counts and rows exact: ${checks.every((c) => c.exact) ? 'yes' : 'NO'} (${checks[0]!.fired} rules fired)\n`,
  );
  if (base !== null)
    process.stdout.write(
      `  sqlite3 .import of the same CSV    ${base.toFixed(0)} ms   ratio ${(ms / base).toFixed(2)}×\n`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
