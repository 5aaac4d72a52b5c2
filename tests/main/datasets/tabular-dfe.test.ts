import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Cell,
  findHeaderRow,
  readTable,
  stripFootnoteDigits,
  type TableReadOk,
} from '../../../main/datasets/import/tabular';

/** The real DfE files, as officers download them. */
function dfe(name: string): TableReadOk {
  const bytes = new Uint8Array(readFileSync(new URL(`../../fixtures/dfe/${name}`, import.meta.url)));
  const result = readTable(bytes, name);
  if (!result.ok) throw new Error(result.problem);
  return result;
}

const filled = (row: readonly Cell[]) => row.filter((c) => c.kind !== 'empty');

describe('the SEND appeal-rate table (a spreadsheet saved as CSV)', () => {
  const table = dfe('send_appeal_rate_2024_2025.csv');
  const { rows } = table;
  const rowNamed = (name: string) => {
    const i = rows.findIndex((r) => r[0]?.raw === name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return { number: i + 1, cells: rows[i]! };
  };

  it('is read as UTF-8 comma-separated, one row per record', () => {
    expect(table.format).toBe('csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.delimiter).toBe(',');
    expect(table.sheet).toBeNull();
    expect(rows[0]).toEqual([{ raw: 'SEND tribunal appealable decisions rate 2024 - 2025', kind: 'text' }]);
    expect(rows[2]).toEqual([]); // ",,,,,,," is a blank row
    expect(rows[3]!.map((c) => c.raw)).toEqual([
      'Sources:',
      "Appeals - His Majesty's Courts Service (HMCTS) GAPS2 case management system",
    ]);
    expect(rowNamed('Darlington').number).toBe(10);
    // Footnote 1 runs over six lines inside its quotes: it is one row.
    const footnote = rows.find((r) => r[0]?.raw.startsWith('1. Total Appealable Decisions'))!;
    expect(footnote).toHaveLength(1);
    expect(footnote[0]!.raw).toContain('\n- Number of initial requests');
    expect(filled(rows[rows.length - 1]!)[0]!.raw).toMatch(/^5\. The methodology/);
  });

  it('finds the header at row 8, two rows deep, with the years over the right columns', () => {
    const header = findHeaderRow(rows, [
      ['Old LA code', 'old_la_code'],
      ['Appeals registered', 'Appeals'],
      ['Total appealable decisions'],
      ['SEND Tribunal Appeal Rate'],
    ]);
    expect(header).not.toBeNull();
    expect(header!.headerRow).toBe(8);
    expect(header!.headerRows).toBe(2);
    expect(header!.missing).toEqual([]);
    expect(header!.columns.map((c) => [c.index, c.year ?? null, c.header, c.expected ?? null])).toEqual([
      [0, null, '', null],
      [1, null, 'Old LA code', 0],
      [2, '2024', '2024 Appeals registered', 1],
      [3, '2024', '2024 Total Appealable Decisions', 2],
      [4, '2024', '2024 SEND Tribunal Appeal Rate2', 3],
      [5, '2025', '2025 Appeals', 1],
      [6, '2025', '2025 Total Appealable decisions', 2],
      [7, '2025', '2025 SEND Tribunal Appeal Rate', 3],
    ]);
    expect(header!.columns[4]!.normalised).toBe('send tribunal appeal rate');
  });

  it('reads " x " and " - " as markers, keeping what was written', () => {
    const blackpool = rowNamed('Blackpool').cells;
    expect(blackpool[3]).toEqual({ raw: ' x ', kind: 'marker', marker: 'x' }); // 2024 Total Appealable Decisions
    expect(blackpool[4]).toEqual({ raw: 'x', kind: 'marker', marker: 'x' });
    expect(blackpool[2]).toEqual({ raw: '21', kind: 'number', number: 21 });
    const scilly = rowNamed('Isles of Scilly').cells;
    expect(scilly[2]).toEqual({ raw: ' - ', kind: 'marker', marker: '-' });
    expect(scilly[4]).toEqual({ raw: '0.00%', kind: 'percent', number: 0 });
    expect(rowNamed('Milton Keynes').cells[6]).toEqual({ raw: 'x', kind: 'marker', marker: 'x' });
  });

  it('reads percentages with % as 0–100 and names with footnote digits', () => {
    const durham = rowNamed('Durham').cells;
    expect(durham[4]).toEqual({ raw: '11.00%', kind: 'percent', number: 11 });
    expect(durham[7]).toEqual({ raw: '11.50%', kind: 'percent', number: 11.5 });
    const north = rowNamed('North Northamptonshire7');
    expect(stripFootnoteDigits(north.cells[0]!.raw)).toBe('North Northamptonshire');
    expect(stripFootnoteDigits(rowNamed('Bournemouth, Christchurch and Poole5').cells[0]!.raw)).toBe(
      'Bournemouth, Christchurch and Poole',
    );
    expect(rowNamed('England Total').cells.map((c) => c.number ?? c.raw)).toEqual([
      'England Total',
      '',
      22276,
      364912,
      6.1,
      26977,
      405735,
      6.6,
    ]);
  });

  it('has region separator rows that hold one text cell and nothing else', () => {
    const separators = rows.filter(
      (r) => r.length === 1 && r[0]!.kind === 'text' && r[0]!.raw === r[0]!.raw.toUpperCase(),
    );
    expect(separators.map((r) => r[0]!.raw)).toEqual([
      'NORTH EAST',
      'NORTH WEST',
      'YORKSHIRE AND THE HUMBER',
      'EAST MIDLANDS',
      'WEST MIDLANDS',
      'EAST OF ENGLAND',
      'LONDON',
      'INNER LONDON',
      'OUTER LONDON',
      'SOUTH EAST',
      'SOUTH WEST',
    ]);
    // "NORTH WEST,,,  ,,,,": the blank "  " is an empty cell, trimmed with the rest of the row's end.
    expect(rowNamed('NORTH WEST').cells).toHaveLength(1);
  });

  it('gives figures that agree with the published rates (appeals ÷ decisions × 100, to one decimal place)', () => {
    let checked = 0;
    for (const row of rows.slice(8)) {
      if (row[1]?.kind !== 'number') continue;
      for (const [count, den, rate] of [
        [2, 3, 4],
        [5, 6, 7],
      ] as const) {
        const a = row[count]!,
          b = row[den]!,
          p = row[rate]!;
        if (a.kind !== 'number' || b.kind !== 'number' || p.kind !== 'percent') continue;
        expect(Math.round((a.number! / b.number!) * 1000) / 10, `${row[0]!.raw} ${count}`).toBeCloseTo(p.number!, 5);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(250);
  });
});

describe('the tidy explore-education-statistics files', () => {
  it('reads the 20-week timeliness file: header on row 1, x as a marker, quoted names with commas', () => {
    const { rows } = dfe('timeliness_20_week_excerpt.csv');
    const header = findHeaderRow(rows, [
      ['time_period'],
      ['la_name'],
      ['old_la_code'],
      ['new_la_code'],
      ['plans_issued_within_20_weeks'],
      ['plans_issued_den'],
      ['plans_issued_20_weeks_ex'],
      ['plans_issued_den_ex'],
    ]);
    expect(header).toMatchObject({ headerRow: 1, headerRows: 1, missing: [] });
    const col = (name: string) => header!.columns.find((c) => c.name === name)!.index;
    const england = rows[1]!;
    expect(england[col('geographic_level')]!.raw).toBe('National');
    expect(england[col('plans_issued_20_weeks_ex')]).toEqual({ raw: '29895', kind: 'number', number: 29895 });
    expect(england[col('plans_issued_den_ex')]!.number).toBe(49519);
    expect(england[col('pc_plans_issued_20_weeks_ex')]!.number).toBe(60.4);
    expect(england[col('plans_issued_gt_1_year')]).toEqual({ raw: 'x', kind: 'marker', marker: 'x' });
    const hull = rows.find((r) => r[col('old_la_code')]?.raw === '810')!;
    expect(hull[col('la_name')]).toEqual({ raw: 'Kingston upon Hull, City of', kind: 'text' });
    expect(hull).toHaveLength(rows[0]!.length);
  });

  it('reads the annual reviews file, where only the "All reviews" row is an area total', () => {
    const { rows } = dfe('annual_reviews_excerpt.csv');
    const header = findHeaderRow(rows, [['breakdown'], ['decision_4_weeks'], ['review_completed_2025']]);
    expect(header).toMatchObject({ headerRow: 1, headerRows: 1 });
    const breakdown = header!.columns.find((c) => c.normalised === 'breakdown')!.index;
    const decisions = header!.columns.find((c) => c.normalised === 'decision 4 weeks')!.index;
    const totals = rows.slice(1).filter((r) => r[breakdown]!.raw === 'All reviews of EHC plans');
    expect(totals.map((r) => r[decisions]!.number)).toEqual([161396, 6269]);
  });
});
