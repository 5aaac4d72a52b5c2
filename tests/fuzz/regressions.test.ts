import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../main/datasets/import/tabular';
import { STYLES_WITH_DATES, sst, worksheet, xlsx } from '../fixtures/extract/build';
import { dfeFile, encode, importTablesDigest, preview, useImportWorkspaces } from '../fixtures/imports/api';
import { toCsv } from '../fixtures/imports/csv-text';
import { useTempDirs } from '../helpers/temp-dir';

// What the importer fuzzing found, each pinned by a small example: workbooks that made the reader throw an
// unexpected error (shown to the officer as "could not be read (Cannot read properties of undefined …)"),
// refusals of a whole file that did not say what would fix them, and previews that could not be imported
// without naming any problem.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);

const DAMAGED =
  /^book\.xlsx is damaged and could not be read as an Excel workbook\. Open it in Excel and save it again/;

function problem(bytes: Uint8Array, name = 'book.xlsx'): string {
  const result = readTable(bytes, name);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problem;
}

describe('workbooks that crashed the reader are refused as damaged', () => {
  it('a shared-string cell whose index is not a whole number (5e-324, 1.5)', () => {
    for (const index of ['5e-324', '1.5', '-0.5']) {
      const book = xlsx(
        [{ name: 'Data', xml: worksheet(`<row r="1"><c r="A1" t="s"><v>${index}</v></c></row>`) }],
        sst(['<t>a</t>', '<t>b</t>']),
        STYLES_WITH_DATES,
      );
      expect(problem(book), index).toMatch(DAMAGED);
    }
    // A whole index still reads.
    const good = xlsx(
      [{ name: 'Data', xml: worksheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>') }],
      sst(['<t>a</t>', '<t>b</t>']),
      STYLES_WITH_DATES,
    );
    const table = readTable(good, 'book.xlsx');
    expect(table.ok && table.rows[0]![0]!.raw).toBe('b');
  });

  it('[Content_Types].xml naming a workbook part the zip does not hold', () => {
    const parts = unzipSync(
      xlsx([{ name: 'Data', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>') }], sst([]), STYLES_WITH_DATES),
    );
    parts['yl/workbook.xml'] = parts['xl/workbook.xml']!;
    delete parts['xl/workbook.xml'];
    expect(problem(zipSync(parts))).toMatch(DAMAGED);
  });
});

describe('every refusal of a whole file names it and says what would fix it', () => {
  it('an empty file, a file that is no table, a zip that is no workbook', () => {
    expect(problem(new Uint8Array(0), 'figures.csv')).toBe(
      'figures.csv is empty. Check that you chose the file that holds the figures, or export it again.',
    );
    expect(problem(strToU8('%PDF-1.7\n'), 'figures.pdf')).toBe(
      'figures.pdf is not a CSV or Excel (.xlsx) file. ' +
        'Save the figures as CSV or as an Excel Workbook (.xlsx) and import that.',
    );
    expect(problem(zipSync({ 'a.txt': strToU8('a') }), 'figures.zip')).toMatch(
      /^figures\.zip is a zip archive, not a CSV or Excel \(\.xlsx\) file\. Save the figures/,
    );
    expect(problem(strToU8('a,b\n'), 'figures.xlsx')).toMatch(
      /^figures\.xlsx is named \.xlsx but is not an Excel workbook; it may be damaged\. Open it in Excel/,
    );
  });

  it("a table of authorities without the workspace's, and a period option that is no calendar year for a list of plans", async () => {
    const ws = await workspace();
    const appeals = strFromU8(dfeFile('send_appeal_rate_2024_2025.csv'))
      .split('\n')
      .filter((line) => !line.startsWith('Darlington'))
      .join('\n');
    const shown = await preview(ws.backend, 'appeal-rate', 'appeals.csv', encode(appeals));
    expect(shown.problems).toEqual([
      {
        row: null,
        column: null,
        message:
          'The table has no row for Darlington (LA 841). Check the authority chosen, or that this is the table that lists every local authority.',
      },
    ]);
    const plans = encode(
      toCsv([
        ['Request date', 'Issue date'],
        ['01/02/2024', '01/05/2024'],
      ]),
    );
    const withPeriod = await preview(ws.backend, 'ehcp-timeliness', 'plans.csv', plans, { period: '2023/24' });
    expect(withPeriod.problems).toEqual([
      {
        row: null,
        column: null,
        message: expect.stringMatching(
          /^Give the period as a calendar year \(e\.g\. 2024\): '2023\/24' looks like an academic or financial year/,
        ),
      },
    ]);
  });
});

describe('a preview with nothing to import says why, naming the file', () => {
  it('a header without rows, rows only for other areas, a waiting list with nobody waiting, no plan issued in the period', async () => {
    const ws = await workspace();
    const before = importTablesDigest(ws.dbFile);
    const cases: [string, string, string[][], Record<string, string>, RegExp][] = [
      [
        'ehcp-timeliness',
        'header.csv',
        [['period', 'plans_issued_den', 'plans_issued_within_20_weeks']],
        {},
        /^header\.csv has no rows of figures below its header: add them, or choose the file that holds them\.$/,
      ],
      [
        'ehcp-timeliness',
        'others.csv',
        [
          ['period', 'area', 'plans_issued_den', 'plans_issued_within_20_weeks'],
          ['2024', 'Durham', '10', '5'],
          ['2024', 'Gateshead', '8', '4'],
        ],
        {},
        /^others\.csv has no rows for Darlington among its 2 rows: check the authority chosen/,
      ],
      [
        'health-waits',
        'waits.csv',
        [
          ['Service', 'Referral date', 'First seen date'],
          ['SALT', '02/01/2025', '03/02/2025'],
        ],
        { snapshot: '2025-03-31' },
        /^waits\.csv has no child still waiting on 2025-03-31: check the snapshot date/,
      ],
      [
        'ehcp-timeliness',
        'plans.csv',
        [
          ['Request date', 'Issue date'],
          ['01/02/2024', '01/05/2024'],
        ],
        { period: '2019' },
        /^plans\.csv has no plan issued in 2019: check the period, or leave it out/,
      ],
      [
        'ehcp-timeliness',
        'pending.csv',
        [
          ['Request date', 'Issue date'],
          ['01/02/2024', ''],
        ],
        {},
        /^pending\.csv has no plan with an issue date \(plans not yet issued are not counted\): check the issue date column\.$/,
      ],
    ];
    for (const [dataset, name, rows, options, message] of cases) {
      const shown = await preview(ws.backend, dataset, name, encode(toCsv(rows)), options);
      expect(shown.canCommit, name).toBe(false);
      expect(shown.rows, name).toEqual([]);
      expect(shown.problems, name).toEqual([{ row: null, column: null, message: expect.stringMatching(message) }]);
    }
    expect(importTablesDigest(ws.dbFile)).toBe(before);
  });
});

describe('a figure too large for toFixed', () => {
  it('is written out in a rule’s message instead of crashing the preview (1e+308 keyworkers)', async () => {
    const { backend } = await workspace();
    const csv = encode(
      toCsv([
        ['period', 'Local authority', 'On the DSR', 'Keyworker'],
        ['2025-01-31', 'England', '1143', '1e+308'],
      ]),
    );
    const shown = await preview(backend, 'dsr', 'dsr.csv', csv);
    expect(shown.notes.join(' ')).toMatch(
      /with a keyworker \(100,000,000,000,000,000,000,000,0[\d,]+\) must not exceed/i,
    );
  });
});
