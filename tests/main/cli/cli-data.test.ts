import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DFE_DIR, importTablesDigest, tableCounts } from '../../fixtures/imports/api';
import { planList, planListRows, waitingList, waitingListRows } from '../../fixtures/imports/case-lists';
import { toCsv } from '../../fixtures/imports/csv-text';
import { fillTemplateRow } from '../../fixtures/imports/xlsx';
import { useTempDirs } from '../../helpers/temp-dir';

// The data commands of the real CLI entry (bin/sendpack.mjs), as `npm run sendpack -- …` runs them: datasets,
// template, import and metrics, on real workspaces.

const tempDir = useTempDirs();

function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function succeed(args: string[], dataDir: string): string {
  const run = sendpack(args, dataDir);
  expect(run.code, `sendpack ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

/** A workspace for a made-up area that uses Darlington's LA code. */
function newWorkspace(area = 'Exampleshire', laCode = '841'): { dir: string; db: string; dbFile: string } {
  const dir = tempDir();
  const db = join(dir, `${area}.sendpack`);
  succeed(['init', '--db', db, '--area', area, '--la-code', laCode, '--user', 'Ann Officer'], dir);
  return { dir, db, dbFile: join(db, 'workspace.db') };
}

const REQUIRED_IDS = [
  'ehcp-timeliness',
  'ehcna-requests',
  'annual-reviews',
  'appeal-rate',
  'mediation',
  'health-waits',
  'absence',
  'exclusions',
  'neet',
  'attainment',
  'lgsco',
  'dsr',
];

interface MetricJson {
  id: string;
  period: string;
  value: number | null;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  comparator: { value: number; period: string; source: string } | null;
  status: 'ok' | 'invalid' | 'missing';
  problems: string[];
}

const metricsJson = (db: string, dir: string) =>
  JSON.parse(succeed(['metrics', '--db', db, '--json'], dir)) as { metrics: MetricJson[] };
const find = (metrics: MetricJson[], id: string, period: string) => {
  const found = metrics.filter((m) => m.id === id && m.period === period);
  expect(found, `${id} ${period}`).toHaveLength(1);
  return found[0]!;
};

describe('sendpack CLI: datasets and templates', { timeout: 90_000 }, () => {
  it('datasets --json lists every dataset with its columns: {"datasets": [{"name", "title", "columns": [{"name", "type", "unit"}]}]}', () => {
    const dir = tempDir();
    const out = succeed(['datasets', '--json'], dir);
    const parsed = JSON.parse(out) as {
      datasets: { name: string; title: string; columns: Record<string, unknown>[] }[];
    };
    expect(Object.keys(parsed)).toEqual(['datasets']);
    const names = parsed.datasets.map((d) => d.name);
    for (const id of REQUIRED_IDS) expect(names).toContain(id);
    for (const d of parsed.datasets) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.title).toEqual(expect.any(String));
      expect(d.columns.length).toBeGreaterThan(0);
      for (const c of d.columns) {
        expect(Object.keys(c).sort()).toEqual(['name', 'type', 'unit']);
        expect(c).toEqual({
          name: expect.stringMatching(/^[a-z0-9_]+$/),
          type: expect.stringMatching(/^(count|percent|number|date|text)$/),
          unit: expect.any(String),
        });
      }
    }
    const timeliness = parsed.datasets.find((d) => d.name === 'ehcp-timeliness')!;
    expect(timeliness.columns).toContainEqual({ name: 'plans_issued_20_weeks_ex', type: 'count', unit: 'plans' });
    expect(timeliness.columns).toContainEqual({ name: 'pc_plans_issued_20_weeks_ex', type: 'percent', unit: '%' });
    // Without --json: one line per dataset.
    const text = succeed(['datasets'], dir);
    expect(text.trim().split('\n')).toHaveLength(parsed.datasets.length);
    expect(text).toMatch(/^health-waits\s+Health waiting times/m);
  });

  it('template --dataset X --out f.csv | f.xlsx saves blank templates that import once filled in', () => {
    const { dir, db } = newWorkspace();
    const csv = join(dir, 'timeliness.csv');
    const xlsx = join(dir, 'waits.xlsx');
    expect(succeed(['template', '--dataset', 'ehcp-timeliness', '--out', csv], dir)).toMatch(
      /Saved a blank ehcp-timeliness template/,
    );
    expect(succeed(['template', '--dataset', 'health-waits', '--out', xlsx], dir)).toMatch(
      /Saved a blank health-waits template/,
    );
    const header = readFileSync(csv, 'utf8');
    expect(header).toMatch(
      /^\uFEFFperiod,plans_issued_den,plans_issued_den_ex,plans_issued_within_20_weeks,plans_issued_20_weeks_ex,/,
    );
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');

    writeFileSync(csv, `${header}2019,53327,49519,31313,29895\r\n`);
    expect(succeed(['import', '--db', db, '--dataset', 'ehcp-timeliness', csv], dir)).toMatch(
      /Imported 1 rows into ehcp-timeliness for 2019/,
    );
    writeFileSync(xlsx, fillTemplateRow(readFileSync(xlsx), ['2025-03-31', 'SALT', 120, 30, 5]));
    succeed(['import', '--db', db, '--dataset', 'health-waits', xlsx], dir);
    const { metrics } = metricsJson(db, dir);
    expect(find(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({ value: 60.4, status: 'ok' });
    expect(find(metrics, 'chs-waits-slt-over-18wk', '2025-03-31')).toMatchObject({
      value: 25,
      numerator: 30,
      denominator: 120,
      status: 'ok',
    });
  });

  it('refuses a template for an unknown dataset or file type (exit 1) and a missing option (exit 2)', () => {
    const dir = tempDir();
    const unknown = sendpack(['template', '--dataset', 'no-such', '--out', join(dir, 'x.csv')], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is no dataset "no-such"/);
    expect(sendpack(['template', '--dataset', 'dsr', '--out', join(dir, 'x.ods')], dir).code).toBe(1);
    expect(sendpack(['template', '--out', join(dir, 'x.csv')], dir).code).toBe(2);
  });
});

describe('sendpack CLI: import and metrics', { timeout: 90_000 }, () => {
  it('metrics --json gives the §4 example: 29,895 of 49,519 → 60.4 for ehcp-20wk-excl, in the documented shape', () => {
    const { dir, db } = newWorkspace();
    const file = join(dir, 'Exampleshire 2019.csv');
    writeFileSync(
      file,
      toCsv([
        [
          'period',
          'plans_issued_den_ex',
          'plans_issued_20_weeks_ex',
          'plans_issued_den',
          'plans_issued_within_20_weeks',
        ],
        ['2019', '49,519', '29,895', '53,327', '31,313'],
      ]),
    );
    succeed(['import', '--db', db, '--dataset', 'ehcp-timeliness', file], dir);
    const out = succeed(['metrics', '--db', db, '--json'], dir);
    const parsed = JSON.parse(out) as { metrics: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['metrics']);
    for (const m of parsed.metrics) {
      for (const key of [
        'id',
        'period',
        'value',
        'unit',
        'numerator',
        'denominator',
        'comparator',
        'status',
        'problems',
      ])
        expect(m, key).toHaveProperty(key);
      expect(['ok', 'invalid', 'missing']).toContain(m.status);
      expect(m.period).toMatch(/^\d{4}(\/\d{2}|-\d{2}-\d{2})?$/);
    }
    const excl = find(parsed.metrics as unknown as MetricJson[], 'ehcp-20wk-excl', '2019');
    expect(excl).toMatchObject({
      id: 'ehcp-20wk-excl',
      period: '2019',
      value: 60.4,
      unit: '%',
      numerator: 29895,
      denominator: 49519,
      status: 'ok',
      problems: [],
    });
    expect(excl.comparator).toEqual({
      value: 60.4,
      period: '2019',
      source: expect.stringMatching(/29,895 of 49,519.*\[R35\]/),
    });
    expect(find(parsed.metrics as unknown as MetricJson[], 'ehcp-20wk-all', '2019')).toMatchObject({
      value: 58.7,
      comparator: { value: 58.7 },
    });
    // A metric whose inputs the file did not give is missing, with the reason.
    const avg = find(parsed.metrics as unknown as MetricJson[], 'ehcp-avg-weeks', '2019');
    expect(avg).toMatchObject({ value: null, status: 'missing', comparator: null });
    expect(avg.problems.join(' ')).toMatch(/avg_weeks_issue_plan is not available/);
  });

  it('import --la 841 picks the authority out of DfE’s national file; the national rows are the comparator', () => {
    const { dir, db } = newWorkspace();
    const file = new URL('timeliness_20_week_excerpt.csv', DFE_DIR).pathname;
    const run = sendpack(['import', '--db', db, '--dataset', 'ehcp-timeliness', file, '--la', '841'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /timeliness_20_week_excerpt\.csv: 55 rows read, 6 to import for 2019, 2020 \(Darlington\)\./,
    );
    expect(run.stdout).toMatch(/Imported 6 rows into ehcp-timeliness for 2019, 2020\./);
    const appeals = new URL('send_appeal_rate_2024_2025.csv', DFE_DIR).pathname;
    succeed(['import', '--db', db, '--dataset', 'appeal-rate', appeals, '--la', 'E06000005'], dir);
    const { metrics } = metricsJson(db, dir);
    expect(find(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({
      value: 93.8,
      status: 'ok',
      comparator: { value: 58.7, period: '2019', source: expect.stringMatching(/imported file/) },
    });
    expect(find(metrics, 'ehcp-20wk-excl', '2020')).toMatchObject({
      value: 85.3,
      status: 'ok',
      comparator: { value: 58, period: '2020' },
    });
    expect(find(metrics, 'appeal-rate', '2024')).toMatchObject({
      value: 1.1,
      comparator: { value: 6.1, source: expect.stringMatching(/imported file/) },
    });
    expect(find(metrics, 'appeal-rate', '2025')).toMatchObject({ value: 0.9, comparator: { value: 6.6 } });
    // Readable without --json too.
    expect(succeed(['metrics', '--db', db], dir)).toMatch(
      /^ehcp-20wk-all\s+2019\s+93\.8%; England 58\.7% \(better\); North East 67\.3%; neighbours 79\.0% \(3 with data\); rank 6 of 23 \(1 = best\), quartile 1$/m,
    );
  });

  it('import exits 1 listing every problem with its row and column, and writes nothing', () => {
    const { dir, db, dbFile } = newWorkspace();
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      toCsv([
        ['period', 'plans_issued_den', 'plans_issued_within_20_weeks'],
        [2018, 40, 20],
      ]),
    );
    succeed(['import', '--db', db, '--dataset', 'ehcp-timeliness', good], dir);
    const before = importTablesDigest(dbFile);

    const rows: (string | number)[][] = [
      ['period', 'plans_issued_den', 'plans_issued_within_20_weeks', 'pc_plans_issued_within_20_weeks'],
    ];
    for (let year = 2008; year <= 2020; year++) rows.push([year, 100, 50, 50]);
    rows[13]![1] = 'n/a'; // file row 14
    rows[5]![2] = '-4'; // file row 6
    rows[9]![3] = '101%'; // file row 10
    rows[11]![0] = '2018-19'; // file row 12
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, toCsv(rows));
    const run = sendpack(['import', '--db', db, '--dataset', 'ehcp-timeliness', bad], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toContain(
      "row 6, column plans_issued_within_20_weeks: '-4' is not a count (a whole number, 0 or more)",
    );
    expect(lines).toContain(
      "row 10, column pc_plans_issued_within_20_weeks: '101%' is not a percentage between 0 and 100",
    );
    expect(
      lines.some((l) => /^row 12, column period: '2018-19' looks like an academic or financial year/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith("row 14, column plans_issued_den: 'n/a' is not a number"))).toBe(true);
    expect(run.stderr).toMatch(/Nothing was imported: 4 problems to fix first\./);
    expect(importTablesDigest(dbFile)).toBe(before);
    expect(tableCounts(dbFile)).toEqual({ imports: 1, rows: 1 });
  });

  it('--dry-run checks a good file, exits 0 and writes nothing', () => {
    const { dir, db, dbFile } = newWorkspace();
    const before = importTablesDigest(dbFile);
    const file = new URL('send_appeal_rate_2024_2025.csv', DFE_DIR).pathname;
    const run = sendpack(
      ['import', '--db', db, '--dataset', 'appeal-rate', file, '--la', 'Darlington', '--dry-run'],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Dry run: 4 rows would be imported; nothing was written.\n');
    expect(importTablesDigest(dbFile)).toBe(before);
    expect(tableCounts(dbFile)).toEqual({ imports: 0, rows: 0 });
    expect(JSON.parse(succeed(['metrics', '--db', db, '--json'], dir))).toEqual({ metrics: [] });
  });

  it('imports case-level lists with --snapshot, saying which columns were not kept', () => {
    const { dir, db } = newWorkspace();
    const list = join(dir, 'waiting list.csv');
    writeFileSync(list, toCsv(waitingListRows(waitingList(60, '2025-03-31'))));
    const noSnapshot = sendpack(['import', '--db', db, '--dataset', 'health-waits', list], dir);
    expect(noSnapshot.code).toBe(1);
    expect(noSnapshot.stderr).toMatch(/give the snapshot date/);
    const run = sendpack(['import', '--db', db, '--dataset', 'health-waits', list, '--snapshot', '2025-03-31'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Not kept \(personal data\): NHS number; Child name; Date of birth; Postcode/);
    const plans = join(dir, 'plans.csv');
    writeFileSync(plans, toCsv(planListRows(planList(80))));
    succeed(['import', '--db', db, '--dataset', 'ehcp-timeliness', plans, '--period', '2024'], dir);
    const { metrics } = metricsJson(db, dir);
    expect(metrics.filter((m) => m.id.startsWith('chs-waits-') && m.period === '2025-03-31').length).toBeGreaterThan(0);
    expect(find(metrics, 'ehcp-20wk-all', '2024').status).toBe('ok');
  });
});

describe("sendpack CLI: benchmarking from DfE's full national file", { timeout: 120_000 }, () => {
  interface Benchmarked extends MetricJson {
    region: { name: string; value: number; period: string } | null;
    neighbours: { value: number; count: number; period: string } | null;
    rank: { position: number; of: number; quartile: number } | null;
    trend: { period: string; value: number | null }[];
    notes: string[];
  }

  it('metrics --json adds region, neighbours, rank, trend and notes to every metric and period; neighbours shows and replaces the list', () => {
    const { dir, db } = newWorkspace('Manchester', '352');
    const file = join(dir, 'timeliness_20_week.csv');
    writeFileSync(
      file,
      gunzipSync(readFileSync(new URL('../../fixtures/dfe-2025/timeliness_20_week.csv.gz', import.meta.url))),
    );
    const run = sendpack(['import', '--db', db, '--dataset', 'ehcp-timeliness', file], dir);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(succeed(['metrics', '--db', db, '--json'], dir)) as { metrics: Benchmarked[] };
    for (const m of parsed.metrics) {
      for (const key of [
        'id',
        'period',
        'value',
        'unit',
        'numerator',
        'denominator',
        'comparator',
        'region',
        'neighbours',
        'rank',
        'trend',
        'status',
        'problems',
        'notes',
      ]) {
        expect(m, `${m.id} ${m.period} ${key}`).toHaveProperty(key);
      }
      expect(m.status, `${m.id} ${m.period}: ${m.problems.join('; ')}`).not.toBe('invalid');
      // A published figure with a note is ok; problems are errors only.
      if (m.status === 'ok') expect(m.problems).toEqual([]);
    }
    const manchester = find(parsed.metrics, 'ehcp-20wk-all', '2023') as Benchmarked;
    expect(manchester).toMatchObject({
      value: 51,
      status: 'ok',
      comparator: { value: 49.1 },
      region: { name: 'North West', period: '2023' },
    });
    expect(manchester.neighbours).toMatchObject({ count: 10, period: '2023' });
    expect(manchester.rank).toMatchObject({ of: 150 }); // 151 authority rows in 2023, one without a published figure
    expect(manchester.rank!.quartile).toBe(1 + Math.floor((4 * (manchester.rank!.position - 1)) / 150));
    const latest = find(parsed.metrics, 'ehcp-20wk-all', '2024') as Benchmarked;
    expect(latest.trend.map((t) => t.period)).toEqual(['2020', '2021', '2022', '2023', '2024']);
    expect(latest.trend.at(-1)).toEqual({ period: '2024', value: 63.5 });

    const text = succeed(['metrics', '--db', db], dir);
    expect(text).toMatch(
      /ehcp-20wk-all\s+2024\s+63\.5%; England 45\.9% \(better\); North West [\d.]+%; neighbours [\d.]+% \(10 with data\); rank \d+ of 152 \(1 = best\), quartile \d; (up|down) from [\d.]+% in 2020/,
    );

    const shown = JSON.parse(succeed(['neighbours', '--db', db, '--json'], dir)) as {
      source: string;
      authorities: number;
      neighbours: { code: string; name: string }[];
    };
    expect(shown).toMatchObject({ source: 'shipped', authorities: 153 });
    expect(shown.neighbours).toHaveLength(10);
    // A replacement list (here: Manchester's neighbours are Liverpool and Salford alone) changes the neighbour mean.
    const list = join(dir, 'my neighbours.csv');
    writeFileSync(
      list,
      toCsv([
        ['Manchester', 'Liverpool'],
        ['Liverpool', 'Manchester'],
        ['Salford', 'Manchester'],
      ]),
    );
    expect(succeed(['neighbours', '--db', db, '--file', list], dir)).toMatch(
      /my neighbours\.csv \(2 authorities\)[\s\S]*1\. Liverpool \(341\)[\s\S]*2\. Salford \(355\)/,
    );
    const replaced = find(
      (JSON.parse(succeed(['metrics', '--db', db, '--json'], dir)) as { metrics: Benchmarked[] }).metrics,
      'ehcp-20wk-all',
      '2023',
    ) as Benchmarked;
    expect(replaced.neighbours?.count).toBe(2);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      toCsv([
        ['Manchester', 'Gotham'],
        ['Nowhere', 'Salford'],
      ]),
    );
    const refused = sendpack(['neighbours', '--db', db, '--file', bad], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"Gotham" \(a column heading\) is not an English local authority/);
    expect(refused.stderr).toMatch(/"Nowhere" \(a neighbour of Manchester\) is not an English local authority/);
    expect(succeed(['neighbours', '--db', db, '--reset'], dir)).toMatch(/shipped with the app \(153 authorities\)/);
  });
});
