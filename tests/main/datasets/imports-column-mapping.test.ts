import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, importFile, metric, preview, useImportWorkspaces } from '../../fixtures/imports/api';
import { encode } from '../../fixtures/imports/api';
import { toCsv } from '../../fixtures/imports/csv-text';
import { handMadeAdviceWorkbook } from '../../fixtures/imports/hand-made';
import { useTempDirs } from '../../helpers/temp-dir';

// Spreadsheets officers make by hand: the preview says what each column was taken as, the officer changes or clears
// it, and the choice is remembered for the next file of the same layout.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);
const FILE = 'Advice timeliness 2024.xlsx';

describe('a hand-made workbook: title rows, a merged group heading, a percentage column and a Totals row', () => {
  it('is shown column by column, imported after the officer maps the unknown column, and the figures are right', async () => {
    const { backend } = await workspace();
    const bytes = handMadeAdviceWorkbook();

    const first = await preview(backend, 'advice-timeliness', FILE, bytes);
    expect(first.mappable).toBe(true);
    expect(first.mappingRemembered).toBeNull();
    // The header is row 5 under the merged "Advice (number of requests)" group; the title above it is not a group.
    expect(first.columns).toEqual([
      { header: 'Year', field: 'period', how: 'recognised' },
      { header: 'Agency', field: 'agency', how: 'recognised' },
      { header: 'Advice (number of requests) Requests for advice', field: 'advice_requests', how: 'recognised' },
      { header: 'Advice (number of requests) Returned on time', field: null, how: 'unused' },
      {
        header: 'Performance % within 6 weeks',
        field: null,
        how: 'unused',
        note: "'Performance % within 6 weeks' holds percentages, so it is not taken as Advice returned within 6 weeks (a count of requests)",
      },
    ]);
    expect(first.targets.map((t) => t.id)).toEqual([
      'period',
      'area',
      'geography',
      'agency',
      'advice_requests',
      'advice_within_6_weeks',
    ]);
    // The Totals row is skipped and said so; the three agency rows are kept.
    expect(first.notes).toContainEqual(expect.stringContaining("Skipped a total row (row 9 ('Totals'))"));
    expect(first.rows.map((r) => [r.period, r.breakdown, r.values])).toEqual([
      ['2024', 'ep', { advice_requests: 120 }],
      ['2024', 'health', { advice_requests: 110 }],
      ['2024', 'social-care', { advice_requests: 95 }],
    ]);

    // The officer says what "Returned on time" is.
    const mapping = [{ header: 'Advice (number of requests) Returned on time', field: 'advice_within_6_weeks' }];
    const { preview: mapped } = await importFile(backend, 'advice-timeliness', FILE, bytes, { mapping });
    expect(mapped.columns[3]).toEqual({
      header: 'Advice (number of requests) Returned on time',
      field: 'advice_within_6_weeks',
      how: 'chosen',
    });
    expect(mapped.rows).toHaveLength(3);

    const { metrics } = await call(backend, 'metrics.list', { dataset: 'advice-timeliness' });
    expect(metric(metrics, 'advice-6wk-ep', '2024')).toMatchObject({
      value: 75,
      numerator: 90,
      denominator: 120,
      status: 'ok',
    });
    expect(metric(metrics, 'advice-6wk-health', '2024')).toMatchObject({
      value: 54.5,
      numerator: 60,
      denominator: 110,
      status: 'ok',
    });
    expect(metric(metrics, 'advice-6wk-social-care', '2024')).toMatchObject({
      value: 84.2,
      numerator: 80,
      denominator: 95,
      status: 'ok',
    });
    // The Totals row was not taken as a fourth agency or as the all-agencies figure.
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'advice-timeliness' });
    expect(rows.map((r) => r.breakdown).sort()).toEqual(['ep', 'health', 'social-care']);

    // The next file of the same layout is read with the same choice, and the preview says whose choice it was.
    const again = await preview(backend, 'advice-timeliness', 'Advice timeliness 2024 (2).xlsx', bytes);
    expect(again.mappingRemembered).toMatchObject({ savedBy: 'Dana Analyst' });
    expect(again.columns[3]).toMatchObject({ field: 'advice_within_6_weeks', how: 'remembered' });
    expect(again.notes[0]).toMatch(
      /^The columns were read as Dana Analyst chose them on \d{1,2} [A-Z][a-z]{2} \d{4} for a file with the same headers/,
    );
    expect(again.problems).toEqual([]);
  });

  it('never takes a percentage column as a count, even when the officer chooses it', async () => {
    const { backend } = await workspace();
    const shown = await preview(backend, 'advice-timeliness', FILE, handMadeAdviceWorkbook(), {
      mapping: [{ header: 'Performance % within 6 weeks', field: 'advice_within_6_weeks' }],
    });
    expect(shown.canCommit).toBe(false);
    expect(shown.problems).toEqual([
      {
        row: 5,
        column: 'Performance % within 6 weeks',
        message:
          "'Performance % within 6 weeks' holds percentages, so it is not taken as Advice returned within 6 weeks (a count of requests): " +
          'choose the column that holds the count, or a percentage field',
      },
    ]);
  });

  it('lets the officer clear a column the app recognised, and forgets the choices when told to', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['period', 'Agency', 'Requests for advice', 'Within 6 weeks', 'Checked by'],
        [2024, 'EP', 10, 8, 'AB'],
        [2024, 'Health', 20, 5, 'CD'],
        ['Total', '', 30, 13, ''],
      ]),
    );
    const cleared = await importFile(backend, 'advice-timeliness', 'advice.csv', csv, {
      mapping: [{ header: 'Within 6 weeks', field: null }],
    });
    expect(cleared.preview.columns.find((c) => c.header === 'Within 6 weeks')).toEqual({
      header: 'Within 6 weeks',
      field: null,
      how: 'chosen',
    });
    expect(cleared.preview.rows.map((r) => r.values)).toEqual([{ advice_requests: 10 }, { advice_requests: 20 }]);
    expect(cleared.preview.notes).toContainEqual(expect.stringContaining("row 4 ('Total')"));
    // Remembered…
    expect((await preview(backend, 'advice-timeliness', 'advice.csv', csv)).columns[3]).toMatchObject({
      field: null,
      how: 'remembered',
    });
    // …until the officer goes back to what the app recognised (an empty list of choices), which is remembered too.
    await importFile(backend, 'advice-timeliness', 'advice.csv', csv, { mapping: [] });
    const back = await preview(backend, 'advice-timeliness', 'advice.csv', csv);
    expect(back.mappingRemembered).toBeNull();
    expect(back.columns[3]).toEqual({ header: 'Within 6 weeks', field: 'advice_within_6_weeks', how: 'recognised' });
    // Each change of the remembered choices is in the audit trail, with who, before and after.
    const events = (await call(backend, 'audit.list', {})).events.filter((e) => e.action === 'import-columns');
    expect(events.map((e) => [e.who, e.before && JSON.parse(e.before), JSON.parse(e.after!).choices])).toEqual([
      ['Dana Analyst', null, [{ header: 'Within 6 weeks', field: null }]],
      ['Dana Analyst', { dataset: 'advice-timeliness', choices: [{ header: 'Within 6 weeks', field: null }] }, []],
    ]);
  });

  it('reads a table whose headers the app does not know once the officer says what each column is', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['Calendar yr', 'Who', 'Asked', 'In time'],
        [2023, 'EP', 40, 30],
        [2023, 'Health', 50, 25],
      ]),
    );
    const unknown = await preview(backend, 'advice-timeliness', 'mine.csv', csv);
    expect(unknown.canCommit).toBe(false);
    expect(unknown.mappable).toBe(true);
    expect(unknown.columns.map((c) => [c.header, c.field])).toEqual([
      ['Calendar yr', null],
      ['Who', null],
      ['Asked', null],
      ['In time', null],
    ]);
    const mapping = [
      { header: 'Calendar yr', field: 'period' },
      { header: 'Who', field: 'agency' },
      { header: 'Asked', field: 'advice_requests' },
      { header: 'In time', field: 'advice_within_6_weeks' },
    ];
    await importFile(backend, 'advice-timeliness', 'mine.csv', csv, { mapping });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'advice-timeliness' });
    expect(metric(metrics, 'advice-6wk-ep', '2023')).toMatchObject({ value: 75, status: 'ok' });
    expect(metric(metrics, 'advice-6wk-health', '2023')).toMatchObject({ value: 50, status: 'ok' });
  });

  it('refuses a choice of a field the dataset does not have, naming the column', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['period', 'Agency', 'Requests for advice'],
        [2024, 'EP', 10],
      ]),
    );
    const shown = await preview(backend, 'advice-timeliness', 'a.csv', csv, {
      mapping: [{ header: 'Requests for advice', field: 'plans_issued_den' }],
    });
    expect(shown.canCommit).toBe(false);
    expect(shown.problems[0]).toMatchObject({
      column: 'Requests for advice',
      message: expect.stringContaining('has no field "plans_issued_den"'),
    });
  });
});

describe('sendpack import with --map', () => {
  const sendpack = (args: string[], dataDir: string) => {
    const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
      encoding: 'utf8',
      env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('prints what each column was taken as in a dry run, and imports the hand-made workbook with the officer’s mapping', () => {
    const dir = tempDir();
    const db = join(dir, 'Testshire.sendpack');
    expect(
      sendpack(['init', '--db', db, '--area', 'Testshire', '--la-code', '841', '--user', 'Ann Officer'], dir).code,
    ).toBe(0);
    const file = join(dir, 'advice.xlsx');
    writeFileSync(file, handMadeAdviceWorkbook());

    const dry = sendpack(['import', '--db', db, '--dataset', 'advice-timeliness', file, '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('Columns (change with --map "HEADER=FIELD"):');
    expect(dry.stderr).toContain('  Year → period\n');
    expect(dry.stderr).toContain('  Advice (number of requests) Returned on time → not used\n');
    expect(dry.stderr).toContain(
      "  Performance % within 6 weeks → not used ('Performance % within 6 weeks' holds percentages",
    );
    expect(dry.stderr).toContain("Skipped a total row (row 9 ('Totals'))");

    const run = sendpack(
      [
        'import',
        '--db',
        db,
        '--dataset',
        'advice-timeliness',
        file,
        '--map',
        'Advice (number of requests) Returned on time=advice_within_6_weeks',
      ],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      '  Advice (number of requests) Returned on time → advice_within_6_weeks (your choice)\n',
    );
    expect(run.stdout).toContain('Imported 3 rows into advice-timeliness for 2024');
    const metrics = (
      JSON.parse(sendpack(['metrics', '--db', db, '--json'], dir).stdout) as {
        metrics: { id: string; period: string; value: number | null }[];
      }
    ).metrics;
    expect(metrics.find((m) => m.id === 'advice-6wk-health' && m.period === '2024')?.value).toBe(54.5);

    const bad = sendpack(
      ['import', '--db', db, '--dataset', 'advice-timeliness', file, '--map', 'no equals sign'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--map "no equals sign" should be "HEADER=FIELD"');
  });
});

describe('cells merged down', () => {
  it('reads "Year" and "Agency" merged over both header rows, and a year merged down beside its agencies’ rows', async () => {
    const { backend } = await workspace();
    const mapping = [{ header: 'Advice (number of requests) Returned on time', field: 'advice_within_6_weeks' }];
    const { preview: shown } = await importFile(
      backend,
      'advice-timeliness',
      FILE,
      handMadeAdviceWorkbook({ mergedDown: true }),
      { mapping },
    );
    expect(shown.columns.map((c) => [c.header, c.field])).toEqual([
      ['Year', 'period'],
      ['Agency', 'agency'],
      ['Advice (number of requests) Requests for advice', 'advice_requests'],
      ['Advice (number of requests) Returned on time', 'advice_within_6_weeks'],
      ['Performance % within 6 weeks', null],
    ]);
    expect(shown.rows.map((r) => [r.period, r.breakdown, r.values])).toEqual([
      ['2024', 'ep', { advice_requests: 120, advice_within_6_weeks: 90 }],
      ['2024', 'health', { advice_requests: 110, advice_within_6_weeks: 60 }],
      ['2024', 'social-care', { advice_requests: 95, advice_within_6_weeks: 80 }],
    ]);
    expect(shown.notes).toContainEqual(expect.stringContaining("row 9 ('Totals')"));
  });
});

describe('total rows', () => {
  it('are skipped wherever their label is, except in the breakdown column, where "Total" is the all-agencies row', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['period', 'Team', 'New EHC plans issued', 'Issued within 20 weeks'],
        [2023, 'North', 40, 20],
        [2023, 'South', 60, 30],
        [2023, 'Grand total', 100, 50],
        [2024, 'TOTAL', 90, 45],
      ]),
    );
    const shown = await preview(backend, 'ehcp-timeliness', 'teams.csv', csv);
    expect(shown.notes).toContainEqual(
      expect.stringContaining("Skipped 2 total rows (row 4 ('Grand total'), row 5 ('TOTAL'))"),
    );
    // The two teams' rows remain, and are refused as two rows for one area and year: the app never adds them up.
    expect(shown.problems.map((p) => p.row)).toEqual([3]);
  });
});

describe('years above the columns', () => {
  it('reads each year group as its own period, never the first year’s figures under another period', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['Advice timeliness by agency'],
        ['', '2023', '', '2024', ''],
        ['Agency', 'Requests for advice', 'Within 6 weeks', 'Requests for advice', 'Within 6 weeks'],
        ['EP', 10, 8, 12, 9],
        ['Health', 20, 5, 22, 11],
        ['Total', 30, 13, 34, 20],
      ]),
    );
    const { preview: shown } = await importFile(backend, 'advice-timeliness', 'wide.csv', csv);
    expect(shown.columns.map((c) => [c.header, c.field])).toEqual([
      ['Agency', 'agency'],
      ['2023 Requests for advice', 'advice_requests'],
      ['2023 Within 6 weeks', 'advice_within_6_weeks'],
      ['2024 Requests for advice', 'advice_requests'],
      ['2024 Within 6 weeks', 'advice_within_6_weeks'],
    ]);
    expect(shown.periods).toEqual(['2023', '2024']);
    // "Total" in the agency column is the all-agencies row of the dataset, not a total row to skip.
    expect(
      shown.rows.map((r) => [r.period, r.breakdown, r.values.advice_requests, r.values.advice_within_6_weeks]),
    ).toEqual([
      ['2023', 'ep', 10, 8],
      ['2024', 'ep', 12, 9],
      ['2023', 'health', 20, 5],
      ['2024', 'health', 22, 11],
      ['2023', 'all', 30, 13],
      ['2024', 'all', 34, 20],
    ]);
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'advice-timeliness' });
    expect(metric(metrics, 'advice-6wk', '2024')).toMatchObject({ value: 58.8, numerator: 20, denominator: 34 });
  });
});

describe('column choices for a published layout', () => {
  it('are not used, and the preview says so', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        [
          'time_period',
          'time_identifier',
          'geographic_level',
          'country_code',
          'country_name',
          'plans_issued_den',
          'plans_issued_within_20_weeks',
        ],
        ['2023', 'Calendar year', 'National', 'E92000001', 'England', '1000', '500'],
      ]),
    );
    const shown = await preview(backend, 'ehcp-timeliness', 'national.csv', csv, {
      mapping: [{ header: 'plans_issued_den', field: null }],
    });
    expect(shown.mappable).toBe(false);
    expect(shown.notes[0]).toBe(
      'Your column choices were not used: this file is read as a published or case-level layout, whose columns are fixed.',
    );
    expect(shown.columns.find((c) => c.header === 'plans_issued_den')?.field).toBe('plans_issued_den');
  });
});
