import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../shared/domain/datasets/index';
import type { PeriodType } from '../../../shared/domain/datasets/types';
import { call, encode, importFile, metric, preview, useImportWorkspaces } from '../../fixtures/imports/api';
import { buildXlsx, dateCell, fillTemplateRow, percentCell, STYLE } from '../../fixtures/imports/xlsx';
import { useTempDirs } from '../../helpers/temp-dir';

// Encodings and layouts through the whole import path (upload, preview, commit, metrics): Windows-1252 text,
// UTF-8 with a BOM and CRLF, an .xlsx with title rows above the header and fractions shown as percentages, and the
// app's own templates, saved and filled in.

const tempDir = useTempDirs();
const newWorkspace = useImportWorkspaces(tempDir);
const workspace = () => newWorkspace('841', 'Darlington');

/** Text as Windows-1252 bytes (the characters used here: ASCII, Latin-1, and the curly apostrophe 0x92). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((ch) => {
      if (ch === '\u2019') return 0x92;
      if (ch === '\u2013') return 0x96;
      const code = ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in this encoder: ${ch}`);
      return code;
    }),
  );
}

describe('text files as they come', () => {
  it('reads a Windows-1252 CSV: accented names, £ and curly apostrophes survive, thousands separators and % are read', async () => {
    const { backend } = await workspace();
    const text =
      'Snapshot date,Service,Waiting,Over 18 weeks,Over 52 weeks,Percentage over 18 weeks,Provider note\r\n' +
      '31/03/2025,Children’s physiotherapy,"1,204",301,12,25.0%,Renée Brontë – £1.2m contract\r\n' +
      '31/03/2025,SALT,846,"1,000",40,118.2%,x\r\n';
    const bytes = windows1252(text);
    expect(bytes.includes(0xe9) && bytes.includes(0xa3) && bytes.includes(0x92)).toBe(true);
    let shown = await preview(backend, 'health-waits', 'waits.csv', bytes);
    // The second row's percentage is over 100, so the file is refused with the row and column…
    expect(shown.problems).toEqual([
      { row: 3, column: 'Percentage over 18 weeks', message: "'118.2%' is not a percentage between 0 and 100" },
    ]);
    // …and what the preview shows was decoded correctly.
    expect(shown.firstRows[1]).toContain('Renée Brontë – £1.2m contract');
    expect(shown.firstRows[1]).toContain('Children’s physiotherapy');
    expect(shown.columns.find((c) => c.header === 'Provider note')).toEqual({
      header: 'Provider note',
      field: null,
      how: 'unused',
    });

    const fixed = windows1252(text.replace('118.2%', '12.5%').replace('"1,000"', '106'));
    ({ preview: shown } = await importFile(backend, 'health-waits', 'waits.csv', fixed));
    const { rows } = await call(backend, 'datasets.rows', { dataset: 'health-waits' });
    expect(
      rows.map((r) => [
        r.breakdown,
        r.values.waiting_total,
        r.values.waiting_over_18_weeks,
        r.values.pc_waiting_over_18_weeks,
      ]),
    ).toEqual([
      ['physio', 1204, 301, 25],
      ['slt', 846, 106, 12.5],
    ]);
  });

  it('reads UTF-8 with a BOM and CRLF line ends (the app’s own CSV template, filled in)', async () => {
    const { backend } = await workspace();
    const template = await call(backend, 'datasets.template', { dataset: 'ehcp-timeliness', format: 'csv' });
    const head = new TextDecoder('utf-8', { ignoreBOM: true }).decode(template.bytes);
    expect(head.startsWith('\uFEFFperiod,plans_issued_den,')).toBe(true);
    expect(head.endsWith('\r\n')).toBe(true);
    const filled = encode(`${head}2019,"53,327","49,519","31,313","29,895",58.7%,60.4%\r\n`);
    const { preview: shown } = await importFile(backend, 'ehcp-timeliness', template.fileName, filled);
    expect(shown.layout).toBe('template');
    expect(shown.columns[0]).toEqual({ header: 'period', field: 'period', how: 'recognised' });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-excl', '2019')).toMatchObject({
      status: 'ok',
      value: 60.4,
      numerator: 29895,
      denominator: 49519,
    });
    expect(metric(metrics, 'ehcp-20wk-all', '2019')).toMatchObject({ status: 'ok', value: 58.7 });
  });
});

describe('Excel workbooks', () => {
  it('finds the header below title rows and stores fractions shown as percentages as 0–100', async () => {
    const { backend } = await workspace();
    const xlsx = buildXlsx([
      { name: 'Cover', rows: [['About this workbook'], ['Prepared by the SEND team']] },
      {
        name: 'Timeliness',
        rows: [
          ['Darlington: EHC plans issued within 20 weeks'],
          ['Source: EHC hub, extracted 03/02/2025'],
          [],
          ['Year', 'Plans issued', 'Issued within 20 weeks', 'Percentage within 20 weeks', 'Comment'],
          [2023, { n: 1000, style: STYLE.thousands }, 127, percentCell(0.127), 'Recovery plan started'],
          [2024, { n: 1250, style: STYLE.thousands }, 625, percentCell(0.5), null],
        ],
      },
    ]);
    const shown = await preview(backend, 'ehcp-timeliness', 'timeliness.xlsx', xlsx, { sheet: 'Timeliness' });
    expect(shown.problems).toEqual([]);
    expect(shown.layout).toBe('template');
    expect(shown.columns.map((c) => c.field)).toEqual([
      'period',
      'plans_issued_den',
      'plans_issued_within_20_weeks',
      'pc_plans_issued_within_20_weeks',
      null,
    ]);
    expect(shown.firstRows[0]).toEqual([
      'Year',
      'Plans issued',
      'Issued within 20 weeks',
      'Percentage within 20 weeks',
      'Comment',
    ]);
    expect(shown.rows.map((r) => r.values)).toEqual([
      { plans_issued_den: 1000, plans_issued_within_20_weeks: 127, pc_plans_issued_within_20_weeks: 12.7 },
      { plans_issued_den: 1250, plans_issued_within_20_weeks: 625, pc_plans_issued_within_20_weeks: 50 },
    ]);
    await call(backend, 'imports.commit', { previewId: shown.previewId });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    expect(metric(metrics, 'ehcp-20wk-all', '2023')).toMatchObject({ status: 'ok', value: 12.7 });
    expect(metric(metrics, 'ehcp-20wk-all', '2024')).toMatchObject({ status: 'ok', value: 50 });
  });

  it('reads the first sheet with data when none is named, and dates stored as serials', async () => {
    const { backend } = await workspace();
    const xlsx = buildXlsx([
      {
        name: 'Waits',
        rows: [
          ['Community health waiting times'],
          [],
          ['Snapshot date', 'Service', 'Waiting', 'Over 18 weeks', 'Over 52 weeks', 'Percentage over 18 weeks'],
          [dateCell('2025-03-31'), 'CAMHS', 410, 205, 31, percentCell(0.5)],
          [dateCell('2025-03-31'), 'Community paediatrics', 188, 47, 3, percentCell(0.25)],
        ],
      },
    ]);
    await importFile(backend, 'health-waits', 'waits.xlsx', xlsx);
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'health-waits' });
    expect(metric(metrics, 'chs-waits-camhs-over-18wk', '2025-03-31')).toMatchObject({
      status: 'ok',
      value: 50,
      numerator: 205,
      denominator: 410,
    });
    expect(metric(metrics, 'chs-waits-community-paediatrics-over-52wk', '2025-03-31')).toMatchObject({
      status: 'ok',
      value: 3,
    });
  });

  it('refuses a sheet that does not exist, naming the sheets there are', async () => {
    const { backend } = await workspace();
    const xlsx = buildXlsx([
      {
        name: 'Data',
        rows: [
          ['period', 'plans_issued_den'],
          [2024, 10],
        ],
      },
    ]);
    const shown = await preview(backend, 'ehcp-timeliness', 'book.xlsx', xlsx, { sheet: 'Summary' });
    expect(shown.problems).toEqual([
      {
        row: null,
        column: null,
        message: "The workbook book.xlsx has no sheet called 'Summary'; its sheets are 'Data'. Choose one of those.",
      },
    ]);
  });
});

describe('the app’s templates read back through the preview', () => {
  const PERIOD: Record<PeriodType, string> = {
    'calendar-year': '2024',
    'academic-year': '2023/24',
    'financial-year': '2024/25',
    snapshot: '2025-03-31',
  };

  /** One row for a dataset: its period, its first breakdown, and a figure for every column. */
  function oneRow(dataset: (typeof DATASETS)[number]) {
    const values = dataset.columns.map((c, i) => (c.type === 'percent' ? 50 : c.type === 'count' ? 100 + i : 5));
    return { period: PERIOD[dataset.periodType], breakdown: dataset.breakdown?.values[0]!.id, values };
  }

  it.each(DATASETS.map((d) => [d.id, d] as const))(
    '%s: csv and xlsx templates, filled in, are recognised column for column',
    async (_id, dataset) => {
      const { backend } = await workspace();
      const row = oneRow(dataset);
      const cells: (string | number)[] = [row.period, ...(row.breakdown ? [row.breakdown] : []), ...row.values];
      const expected = Object.fromEntries(dataset.columns.map((c, i) => [c.name, row.values[i]]));

      const csv = await call(backend, 'datasets.template', { dataset: dataset.id, format: 'csv' });
      expect(csv.fileName).toBe(`${dataset.id} template.csv`);
      const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes);
      const xlsx = await call(backend, 'datasets.template', { dataset: dataset.id, format: 'xlsx' });
      expect(xlsx.fileName).toBe(`${dataset.id} template.xlsx`);

      for (const [name, bytes] of [
        [csv.fileName, encode(`${csvText}${cells.join(',')}\r\n`)],
        [xlsx.fileName, fillTemplateRow(xlsx.bytes, cells)],
      ] as const) {
        const shown = await preview(backend, dataset.id, name, bytes);
        expect(shown.problems, name).toEqual([]);
        expect(shown.layout, name).toBe('template');
        expect(
          shown.columns.filter((c) => c.field === null),
          name,
        ).toEqual([]);
        for (const column of dataset.columns)
          expect(shown.columns.find((c) => c.header === column.name)?.field, `${name} ${column.name}`).toBe(
            column.name,
          );
        expect(shown.rows, name).toHaveLength(1);
        expect(shown.rows[0], name).toMatchObject({
          period: row.period,
          breakdown: row.breakdown ?? '',
          geography: 'local',
          areaCode: '841',
          values: expected,
        });
        expect(shown.canCommit, name).toBe(true);
      }
    },
  );
});
