import { describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend';
import { commitImport } from '../../../main/datasets/dataset-store';
import {
  call,
  dfeFile,
  encode,
  importFile,
  importTablesDigest,
  preview,
  refused,
  tableCounts,
  useImportWorkspaces,
} from '../../fixtures/imports/api';
import { toCsv } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// A malformed file is refused before anything is written: every problem names the file's own row (as a
// spreadsheet numbers it, title rows included) and the column as headed in the file, and the database is
// unchanged — checked by a digest of the dataset tables and the audit trail read from the file on disk.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

async function workspaceWithData() {
  const ws = await workspace();
  // Something to lose: the DfE file for Darlington.
  await importFile(
    ws.backend,
    'ehcp-timeliness',
    'timeliness_20_week_excerpt.csv',
    dfeFile('timeliness_20_week_excerpt.csv'),
  );
  expect(tableCounts(ws.dbFile)).toEqual({ imports: 1, rows: 6 });
  return ws;
}

const HEADER = [
  'period',
  'plans_issued_den',
  'plans_issued_within_20_weeks',
  'plans_issued_den_ex',
  'plans_issued_20_weeks_ex',
  'pc_plans_issued_within_20_weeks',
];

/** An officer's sheet: two title rows and a blank row above the header (row 4), good rows for 2005–2014 on rows 5–14. */
function timelinessSheet(change: (rows: (string | number)[][]) => void): Uint8Array {
  const rows: (string | number)[][] = [['Darlington EHC plan timeliness'], ['Source: case management system'], []];
  rows.push(HEADER);
  for (let year = 2005; year <= 2014; year++) rows.push([year, 100, 60, 90, 55, 60]);
  change(rows);
  return encode(toCsv(rows));
}

/** The file row (1-based) of a year in timelinessSheet. */
const rowOf = (year: number) => year - 2005 + 5;

async function expectRefused(
  backend: Backend,
  dbFile: string,
  dataset: string,
  fileName: string,
  bytes: Uint8Array,
  options = {},
) {
  const before = importTablesDigest(dbFile);
  const shown = await preview(backend, dataset, fileName, bytes, options);
  expect(shown.canCommit).toBe(false);
  expect(shown.problems.length).toBeGreaterThan(0);
  // Nothing to commit: the preview was never held.
  const error = await refused(backend, 'imports.commit', { previewId: shown.previewId });
  expect(error.code).toBe('not-found');
  expect(importTablesDigest(dbFile)).toBe(before);
  return shown;
}

describe('a malformed file is refused with its row and column, and nothing is written', () => {
  it("'n/a' in a count column: row 14, column plans_issued_den, is not a number", async () => {
    const { backend, dbFile } = await workspaceWithData();
    const bytes = timelinessSheet((rows) => {
      rows[13]![1] = 'n/a';
    });
    const shown = await expectRefused(backend, dbFile, 'ehcp-timeliness', 'timeliness.csv', bytes);
    expect(shown.problems).toEqual([
      { row: 14, column: 'plans_issued_den', message: expect.stringMatching(/^'n\/a' is not a number/) },
    ]);
    expect(rowOf(2014)).toBe(14);
  });

  it('lists every problem at once: a negative count, a percentage over 100, a bad period, a spreadsheet error', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const bytes = timelinessSheet((rows) => {
      rows[rowOf(2006) - 1]![2] = -3;
      rows[rowOf(2008) - 1]![5] = '112%';
      rows[rowOf(2010) - 1]![0] = '2010/11';
      rows[rowOf(2012) - 1]![4] = '#DIV/0!';
      rows[rowOf(2013) - 1]![3] = '12.5';
    });
    const shown = await expectRefused(backend, dbFile, 'ehcp-timeliness', 'timeliness.csv', bytes);
    expect(shown.problems).toEqual([
      { row: 6, column: 'plans_issued_within_20_weeks', message: "'-3' is not a count (a whole number, 0 or more)" },
      { row: 8, column: 'pc_plans_issued_within_20_weeks', message: "'112%' is not a percentage between 0 and 100" },
      {
        row: 10,
        column: 'period',
        message: expect.stringMatching(/'2010\/11' looks like an academic or financial year/),
      },
      {
        row: 12,
        column: 'plans_issued_20_weeks_ex',
        message: expect.stringMatching(/'#DIV\/0!' is a spreadsheet error/),
      },
      { row: 13, column: 'plans_issued_den_ex', message: "'12.5' is not a count (a whole number, 0 or more)" },
    ]);
  });

  it('two rows for the same period: the second is named', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const bytes = timelinessSheet((rows) => {
      rows[rowOf(2011) - 1]![0] = 2009;
    });
    const shown = await expectRefused(backend, dbFile, 'ehcp-timeliness', 'timeliness.csv', bytes);
    expect(shown.problems).toEqual([
      { row: rowOf(2011), column: null, message: expect.stringMatching(/a second row for Darlington 2009/) },
    ]);
  });

  it('an unknown service in health waits, in the aggregate layout and in a waiting list', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const aggregate = encode(
      toCsv([
        ['Snapshot date', 'Service', 'Waiting', 'Over 18 weeks'],
        ['31/03/2025', 'SALT', 120, 40],
        ['31/03/2025', 'Dentistry', 12, 2],
        ['31/03/2025', 'CAMHS', 80, 30],
      ]),
    );
    let shown = await expectRefused(backend, dbFile, 'health-waits', 'waits.csv', aggregate);
    expect(shown.layout).toBe('template');
    expect(shown.problems).toEqual([
      {
        row: 3,
        column: 'Service',
        message: expect.stringMatching(/^'Dentistry' is not a service this dataset takes: use one of camhs, slt/),
      },
    ]);

    const list = encode(
      toCsv([
        ['Service', 'Referral date', 'First seen date'],
        ['OT', '02/01/2025', ''],
        ['Podiatry', '03/01/2025', ''],
        ['Physio', '32/01/2025', ''],
        ['SLT', '04/01/2025', '01/01/2025'],
      ]),
    );
    shown = await expectRefused(backend, dbFile, 'health-waits', 'list.csv', list, { snapshot: '2025-03-31' });
    expect(shown.layout).toBe('waiting-list');
    expect(shown.problems).toEqual([
      { row: 3, column: 'Service', message: expect.stringMatching(/^'Podiatry' is not a service/) },
      { row: 4, column: 'Referral date', message: "'32/01/2025' is not a date: write it as dd/mm/yyyy or yyyy-mm-dd" },
      { row: 5, column: 'First seen date', message: 'the first-seen date is before the referral date' },
    ]);
  });

  it('a waiting list without a snapshot date, and a file that belongs to another dataset', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const list = encode(
      toCsv([
        ['Service', 'Referral date'],
        ['OT', '02/01/2025'],
      ]),
    );
    let shown = await expectRefused(backend, dbFile, 'health-waits', 'list.csv', list);
    expect(shown.problems[0]!.message).toMatch(/give the snapshot date/);
    shown = await expectRefused(
      backend,
      dbFile,
      'ehcp-timeliness',
      'appeals.csv',
      dfeFile('send_appeal_rate_2024_2025.csv'),
    );
    expect(shown.problems).toEqual([
      {
        row: null,
        column: null,
        message: expect.stringMatching(/appeals\.csv has no column that belongs to EHC plans issued within 20 weeks/),
      },
    ]);
  });

  it('a file that is not a table at all', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const shown = await expectRefused(backend, dbFile, 'ehcp-timeliness', 'notes.pdf', encode('%PDF-1.7\n%âãÏÓ\n'));
    expect(shown.problems).toEqual([
      {
        row: null,
        column: null,
        message:
          'notes.pdf is not a CSV or Excel (.xlsx) file. Save the figures as CSV or as an Excel Workbook (.xlsx) and import that.',
      },
    ]);
  });
});

describe('commit is one transaction', () => {
  it('writes all rows or none: a commit that fails part-way leaves the tables as they were', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const before = importTablesDigest(dbFile);
    const row = (period: string) => ({
      period,
      geography: 'local' as const,
      areaCode: '841',
      areaName: 'Darlington',
      breakdown: '',
      values: { plans_issued_den: 10, plans_issued_within_20_weeks: 5 },
      missing: {},
    });
    // The third row repeats the first: the table's primary key refuses it after two rows were written.
    expect(() =>
      commitImport(
        backend.writableWorkspace().db,
        {
          dataset: 'ehcp-timeliness',
          sourceName: 'bad.csv',
          sourceSha256: 'b'.repeat(64),
          layout: 'template',
          rowsRead: 3,
          discardedColumns: [],
          rows: [row('2019'), row('2021'), row('2019')],
        },
        'Dana Analyst',
      ),
    ).toThrow(/UNIQUE/);
    expect(importTablesDigest(dbFile)).toBe(before);
    expect(tableCounts(dbFile)).toEqual({ imports: 1, rows: 6 });
  });

  it('a preview is committed once; a second commit of it is refused', async () => {
    const { backend, dbFile } = await workspaceWithData();
    const shown = await preview(
      backend,
      'ehcp-timeliness',
      'timeliness.csv',
      timelinessSheet(() => {}),
    );
    expect(shown.canCommit).toBe(true);
    await call(backend, 'imports.commit', { previewId: shown.previewId });
    const after = importTablesDigest(dbFile);
    expect(await refused(backend, 'imports.commit', { previewId: shown.previewId })).toMatchObject({
      code: 'not-found',
    });
    expect(importTablesDigest(dbFile)).toBe(after);
  });
});
