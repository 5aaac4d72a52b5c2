import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  findHeaderRow,
  readTable,
  type TableReadOk,
  type TableReadResult,
} from '../../../main/datasets/import/tabular';
import { pdf, pdfText, utf16, windows1252 } from '../../fixtures/extract/build';

function ok(result: TableReadResult): TableReadOk {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

function problem(result: TableReadResult): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problem;
}

/** What a refusal of a file that is not a table, or a damaged workbook, tells the officer to do. */
const SAVE_AS = 'Save the figures as CSV or as an Excel Workbook (.xlsx) and import that.';
const DAMAGED_FIX = 'Open it in Excel and save it again (or export it again), then import the new copy.';

const raws = (table: TableReadOk) => table.rows.map((row) => row.map((c) => c.raw));

describe('readTable: CSV', () => {
  it('decodes Windows-1252 (£, é) when the bytes are not UTF-8', () => {
    const table = ok(
      readTable(windows1252('Service,Cost\r\nCafé club,"£1,234"\r\n"Café, après-school",£56.50\r\n'), 'costs.csv'),
    );
    expect(table.encoding).toBe('windows-1252');
    expect(raws(table)).toEqual([
      ['Service', 'Cost'],
      ['Café club', '£1,234'],
      ['Café, après-school', '£56.50'],
    ]);
    expect(table.rows[1]![1]).toEqual({ raw: '£1,234', kind: 'number', number: 1234 });
    expect(table.rows[2]![1]).toEqual({ raw: '£56.50', kind: 'number', number: 56.5 });
  });

  it('reads UTF-8 with a BOM and CRLF line ends, keeping neither in the cells', () => {
    const table = ok(
      readTable(
        new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('la_name,count\r\nDurham,344\r\nGateshead,133\r\n')]),
        'a.csv',
      ),
    );
    expect(table.encoding).toBe('utf-8-bom');
    expect(raws(table)).toEqual([
      ['la_name', 'count'],
      ['Durham', '344'],
      ['Gateshead', '133'],
    ]);
    expect(table.rows[0]![0]).toEqual({ raw: 'la_name', kind: 'text' });
  });

  it('reads UTF-16 with a BOM, and plain UTF-8', () => {
    expect(ok(readTable(utf16('a\tb\n1\t2\n', 'le'), 'export.txt'))).toMatchObject({
      encoding: 'utf-16le',
      delimiter: '\t',
    });
    expect(ok(readTable(utf16('a,b\n1,2\n', 'be'), 'export.csv')).encoding).toBe('utf-16be');
    const plain = ok(readTable(strToU8('name\nZoë\n'), 'names.csv'));
    expect(plain.encoding).toBe('utf-8');
    expect(plain.rows[1]![0]!.raw).toBe('Zoë');
  });

  it('keeps commas, doubled quotes and line breaks inside quotes, numbering rows as records', () => {
    const csv = 'id,note,count\n1,"first line\nsecond line",5\n2,"She said ""no"", then left",6\n3,"x",7\n';
    const table = ok(readTable(strToU8(csv), 'notes.csv'));
    expect(raws(table)).toEqual([
      ['id', 'note', 'count'],
      ['1', 'first line\nsecond line', '5'],
      ['2', 'She said "no", then left', '6'],
      ['3', 'x', '7'],
    ]);
    expect(table.rows[3]![1]).toEqual({ raw: 'x', kind: 'marker', marker: 'x' }); // quoting does not make it text
  });

  it('detects semicolons and tabs, and is not fooled by a title row', () => {
    const semi = ok(
      readTable(strToU8('Waiting list, March 2025\nservice;waiting;median\nSLT;1.234;12,5\nOT;56;7\n'), 'w.csv'),
    );
    expect(semi.delimiter).toBe(';');
    expect(raws(semi)).toEqual([
      ['Waiting list, March 2025'],
      ['service', 'waiting', 'median'],
      ['SLT', '1.234', '12,5'],
      ['OT', '56', '7'],
    ]);
    expect(semi.rows[2]![2]!.kind).toBe('text'); // a decimal comma is reported, not guessed
    const tabs = ok(readTable(strToU8('a\tb\tc\n1\t"2,5"\t3\n'), 'w.csv'));
    expect(tabs.delimiter).toBe('\t');
    expect(raws(tabs)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
    ]);
  });

  it('accepts CR, LF and CRLF line ends, trims trailing empty columns and keeps ragged rows and blank rows', () => {
    const table = ok(readTable(strToU8('a,b,,\r1,2,3,4\r\n\n5\n,,,\n6,,7,\n\n\n'), 'r.csv'));
    expect(raws(table)).toEqual([['a', 'b'], ['1', '2', '3', '4'], [], ['5'], [], ['6', '', '7']]);
    expect(table.rows[5]![1]).toEqual({ raw: '', kind: 'empty' });
  });

  it('reads a file without a final line end, and a single column', () => {
    expect(raws(ok(readTable(strToU8('count\n1\n2'), 'c.csv')))).toEqual([['count'], ['1'], ['2']]);
  });

  it('refuses a quote that is never closed, naming the row', () => {
    expect(problem(readTable(strToU8('a,b\n1,2\n3,"oops\n4,5\n'), 'broken.csv'))).toBe(
      'broken.csv has a quote (") opening a field in row 3 that is never closed, so the rest of the file would run into one cell; check that row.',
    );
  });

  it('refuses an empty file, binary content and too many cells', () => {
    expect(problem(readTable(new Uint8Array(0), 'empty.csv'))).toBe(
      'empty.csv is empty. Check that you chose the file that holds the figures, or export it again.',
    );
    expect(
      problem(
        readTable(
          Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256),
          'noise.csv',
        ),
      ),
    ).toBe(
      'noise.csv is named .csv but does not contain text; it may be damaged. Export it again, or check that you chose the file ' +
        'that holds the figures.',
    );
    expect(problem(readTable(strToU8('a,b\n1,2\n3,4\n'), 'big.csv', { maxCells: 5 }))).toBe(
      'big.csv has more than 5 cells, too many to import at once; split it into smaller files.',
    );
  });

  it('refuses files that are neither CSV nor Excel, saying what they are', () => {
    expect(problem(readTable(pdf([pdfText('Budget')]), 'budget.pdf'))).toBe(
      `budget.pdf is not a CSV or Excel (.xlsx) file. ${SAVE_AS}`,
    );
    expect(problem(readTable(pdf([pdfText('Budget')]), 'budget.csv'))).toBe(
      `budget.csv is not a CSV or Excel (.xlsx) file. ${SAVE_AS}`,
    );
    expect(problem(readTable(strToU8('plain words'), 'C:\\Users\\ann\\notes.docx'))).toBe(
      `notes.docx is not a CSV or Excel (.xlsx) file. ${SAVE_AS}`,
    );
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(problem(readTable(ole, 'old.xls'))).toBe(
      'old.xls is an older Excel file (.xls); open it in Excel, save it as an Excel Workbook (.xlsx) or CSV, and import that.',
    );
    expect(
      problem(readTable(strToU8('<html><body><table><tr><td>1</td></tr></table></body></html>'), 'report.xls')),
    ).toMatch(/^report\.xls is a web page \(HTML\), not a CSV file/);
    expect(problem(readTable(strToU8('a,b\n1,2\n'), 'data.xlsx'))).toBe(
      'data.xlsx is named .xlsx but is not an Excel workbook; it may be damaged. ' +
        'Open it in Excel, save it as an Excel Workbook (.xlsx) and import that.',
    );
  });

  it('reads tab-separated text named .xls, as case-management systems export it', () => {
    const table = ok(readTable(strToU8('Child\tService\nC1\tSLT\n'), 'export.xls'));
    expect(table).toMatchObject({ format: 'csv', delimiter: '\t' });
    expect(raws(table)).toEqual([
      ['Child', 'Service'],
      ['C1', 'SLT'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Workbooks, written part by part and zipped with fflate.

const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface Sheet {
  name: string;
  rows: string;
  merges?: string[];
  state?: 'hidden';
}

function workbook(
  sheets: Sheet[],
  options: { shared?: string[]; styles?: string; date1904?: boolean } = {},
): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '</Types>',
    '_rels/.rels': `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${DECL}<workbook xmlns="${S}" xmlns:r="${R}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>` +
      sheets
        .map(
          (s, i) =>
            `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`,
        )
        .join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${DECL}<Relationships xmlns="${PKG}">` +
      sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('') +
      `<Relationship Id="rIdS" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rIdT" Type="${R}/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `${DECL}<sst xmlns="${S}">${(options.shared ?? []).map((s) => `<si>${s.startsWith('<') ? s : `<t xml:space="preserve">${s}</t>`}</si>`).join('')}</sst>`,
    'xl/styles.xml': options.styles ?? STYLES,
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] =
      `${DECL}<worksheet xmlns="${S}" xmlns:r="${R}"><sheetData>${s.rows}</sheetData>` +
      (s.merges
        ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
        : '') +
      '</worksheet>';
  });
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6 });
}

/**
 * cellXfs: 0 General; 1 built-in 9 (0%); 2 built-in 14 (date); 3 custom 164 "0.0%"; 4 custom 165 "dd/mm/yyyy";
 * 5 built-in 10 (0.00%); 6 built-in 22 (date and time); 7 built-in 20 (h:mm); 8 custom 166 "#,##0"; 9 custom 167
 * with "%" only inside quotes.
 */
const STYLES =
  `${DECL}<styleSheet xmlns="${S}"><numFmts count="4">` +
  '<numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy;@"/>' +
  '<numFmt numFmtId="166" formatCode="#,##0"/><numFmt numFmtId="167" formatCode="0&quot; %&quot;"/></numFmts>' +
  '<cellXfs count="10"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>' +
  '<xf numFmtId="10"/><xf numFmtId="22"/><xf numFmtId="20"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs></styleSheet>';

const num = (ref: string, v: number | string, s?: number) =>
  `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ''}><v>${v}</v></c>`;
const str = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join('')}</row>`;

/** A published-style table: title and source rows, a blank row, years merged over their columns, then the header. */
const SHARED = [
  'EHC plan timeliness, 2024 and 2025',
  'Source: SEN2',
  'Local authority',
  'Plans issued',
  'Within 20 weeks',
  '2024',
  '2025',
  '<r><rPr><b/></rPr><t>North</t></r><r><t>shire</t></r>',
  ' x ',
  '12.7%',
  '01/02/2024',
  'n/a',
];
const PUBLISHED = workbook(
  [
    {
      name: 'Table 1',
      rows:
        row(1, str('A1', 0)) +
        row(2, str('A2', 1)) +
        row(4, str('B4', 5), str('D4', 6)) +
        row(5, str('A5', 2), str('B5', 3), str('C5', 4), str('D5', 3), str('E5', 4)) +
        row(6, str('A6', 7), num('B6', 120), num('C6', 0.127, 1), num('D6', '1234', 8), num('E6', 0.5, 3)) +
        row(7, inline('A7', 'Southshire'), str('B7', 8), str('C7', 9), num('D7', 0), num('E7', 0.0625, 5)) +
        row(
          9,
          '<c r="A9" t="str"><f>A7&amp;"!"</f><v>Southshire!</v></c>',
          '<c r="B9" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
          '<c r="C9" t="b"><v>1</v></c>',
          str('D9', 11),
          '<c r="E9" s="2"/>',
        ),
      merges: ['B4:C4', 'D4:E4'],
    },
  ],
  { shared: SHARED },
);

describe('readTable: XLSX', () => {
  it('reads shared strings (rich text too), inline strings, numbers, booleans and errors in their places', () => {
    const table = ok(readTable(PUBLISHED, 'timeliness.xlsx'));
    expect(table).toMatchObject({
      format: 'xlsx',
      sheets: ['Table 1'],
      sheet: 'Table 1',
      encoding: null,
      delimiter: null,
    });
    expect(table.rows.map((r) => r.length)).toEqual([1, 1, 0, 4, 5, 5, 5, 0, 4]);
    expect(table.rows[3]![0]).toEqual({ raw: '', kind: 'empty' });
    expect(table.rows[5]![0]).toEqual({ raw: 'Northshire', kind: 'text' });
    expect(table.rows[5]![1]).toEqual({ raw: '120', kind: 'number', number: 120 });
    expect(table.rows[5]![3]).toEqual({ raw: '1234', kind: 'number', number: 1234 });
    expect(table.rows[6]![0]).toEqual({ raw: 'Southshire', kind: 'text' });
    expect(table.rows[6]![1]).toEqual({ raw: ' x ', kind: 'marker', marker: 'x' });
    expect(table.rows[6]![2]).toEqual({ raw: '12.7%', kind: 'percent', number: 12.7 }); // a string "12.7%"
    expect(table.rows[8]).toEqual([
      // E9 is formatted but empty
      { raw: 'Southshire!', kind: 'text' },
      { raw: '#DIV/0!', kind: 'marker', marker: '#DIV/0!' },
      { raw: 'TRUE', kind: 'text' },
      { raw: 'n/a', kind: 'text' },
    ]);
  });

  it('reads cells formatted as percentages as 0–100, whatever the number of decimals shown', () => {
    const table = ok(readTable(PUBLISHED, 'timeliness.xlsx'));
    expect(table.rows[5]![2]).toEqual({ raw: '12.7%', kind: 'percent', number: 12.7 }); // 0.127, built-in 9 (0%)
    expect(table.rows[5]![4]).toEqual({ raw: '50%', kind: 'percent', number: 50 }); // 0.5, custom 0.0%
    expect(table.rows[6]![4]).toEqual({ raw: '6.25%', kind: 'percent', number: 6.25 }); // 0.0625, built-in 10
  });

  it('finds the header below the title rows and fills the merged years across their columns', () => {
    const table = ok(readTable(PUBLISHED, 'timeliness.xlsx'));
    expect(table.merges).toEqual([
      { ref: 'B4:C4', firstRow: 4, lastRow: 4, firstCol: 1, lastCol: 2 },
      { ref: 'D4:E4', firstRow: 4, lastRow: 4, firstCol: 3, lastCol: 4 },
    ]);
    const header = findHeaderRow(table.rows, [['local authority', 'la_name'], ['plans issued'], ['within 20 weeks']], {
      merges: table.merges,
    });
    expect(header).toMatchObject({ headerRow: 5, headerRows: 2, missing: [] });
    expect(header!.columns.map((c) => [c.header, c.year ?? null, c.expected ?? null])).toEqual([
      ['Local authority', null, 0],
      ['2024 Plans issued', '2024', 1],
      ['2024 Within 20 weeks', '2024', 2],
      ['2025 Plans issued', '2025', 1],
      ['2025 Within 20 weeks', '2025', 2],
    ]);
  });

  it('reads dates in the 1900 date system, with its 29 February 1900, and times', () => {
    const table = ok(
      readTable(
        workbook([
          {
            name: 'Dates',
            rows: row(
              1,
              num('A1', 45292, 2),
              num('B1', 45292, 4),
              num('C1', '45292.75', 6),
              num('D1', 0.5, 7),
              num('E1', 59, 2),
              num('F1', 60, 2),
              num('G1', 61, 2),
              num('H1', 45292),
            ),
          },
        ]),
        'dates.xlsx',
      ),
    );
    expect(table.rows[0]).toEqual([
      { raw: '01/01/2024', kind: 'date', date: '2024-01-01' },
      { raw: '01/01/2024', kind: 'date', date: '2024-01-01' },
      { raw: '01/01/2024 18:00', kind: 'date', date: '2024-01-01' },
      { raw: '12:00', kind: 'text' },
      { raw: '28/02/1900', kind: 'date', date: '1900-02-28' },
      { raw: '29/02/1900', kind: 'text' }, // Excel's day that never was
      { raw: '01/03/1900', kind: 'date', date: '1900-03-01' },
      { raw: '45292', kind: 'number', number: 45292 },
    ]);
  });

  it('reads dates in the 1904 date system when the workbook says so', () => {
    const table = ok(
      readTable(
        workbook([{ name: 'Mac', rows: row(1, num('A1', 0, 2), num('B1', 43830, 2)) }], { date1904: true }),
        'mac.xlsx',
      ),
    );
    expect(table.rows[0]!.map((c) => c.date)).toEqual(['1904-01-01', '2024-01-01']);
  });

  it('shows numbers as Excel does: 15 significant digits, no format from a quoted "%"', () => {
    const table = ok(
      readTable(
        workbook([
          {
            name: 'N',
            rows: row(
              1,
              num('A1', '0.30000000000000004'),
              num('B1', '1.2345678901234567E+19'),
              num('C1', 7, 9),
              num('D1', '-0.25'),
            ),
          },
        ]),
        'n.xlsx',
      ),
    );
    expect(table.rows[0]).toEqual([
      { raw: '0.3', kind: 'number', number: 0.3 },
      { raw: '12345678901234600000', kind: 'number', number: 12345678901234600000 },
      { raw: '7', kind: 'number', number: 7 },
      { raw: '-0.25', kind: 'number', number: -0.25 },
    ]);
  });

  it('lists the sheets and reads the first visible one that holds anything, or the one asked for', () => {
    const book = workbook([
      { name: 'Hidden', rows: row(1, inline('A1', 'secret')), state: 'hidden' },
      { name: 'Cover', rows: '<row r="1"><c r="A1" s="2"/></row>' },
      { name: 'LA data', rows: row(1, inline('A1', 'la_name')) + row(2, inline('A2', 'Durham')) },
      { name: 'Notes', rows: row(1, inline('A1', 'Notes')) },
    ]);
    const first = ok(readTable(book, 'book.xlsx'));
    expect(first).toMatchObject({
      sheets: ['Hidden', 'Cover', 'LA data', 'Notes'],
      hiddenSheets: ['Hidden'],
      sheet: 'LA data',
    });
    expect(raws(first)).toEqual([['la_name'], ['Durham']]);
    expect(ok(readTable(book, 'book.xlsx', { sheet: 'notes ' })).sheet).toBe('Notes');
    expect(ok(readTable(book, 'book.xlsx', { sheet: 'Hidden' })).rows[0]![0]!.raw).toBe('secret');
    expect(ok(readTable(book, 'book.xlsx', { sheet: 'Cover' })).rows).toEqual([]);
    expect(problem(readTable(book, 'book.xlsx', { sheet: 'Data' }))).toBe(
      "The workbook book.xlsx has no sheet called 'Data'; its sheets are 'Hidden', 'Cover', 'LA data' and 'Notes'. Choose one of those.",
    );
  });

  it('reads a workbook written by openpyxl', () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/extract/openpyxl.xlsx', import.meta.url)));
    const table = ok(readTable(bytes, 'Budget.xlsx'));
    expect(table.sheets).toEqual(['Budget', 'Pupils']);
    expect(table.rows[1]).toEqual([
      { raw: 'Transport & taxis', kind: 'text' },
      { raw: '1234.5', kind: 'number', number: 1234.5 },
      { raw: '03/09/2024', kind: 'date', date: '2024-09-03' },
    ]);
    expect(raws(ok(readTable(bytes, 'Budget.xlsx', { sheet: 'Pupils' })))[13]).toEqual(['', 'Alex Smith', 'DOB']);
  });

  it('reads a workbook whatever its name says', () => {
    expect(ok(readTable(PUBLISHED, 'download.csv')).format).toBe('xlsx');
  });

  it('refuses a damaged workbook with a plain reason', () => {
    expect(problem(readTable(PUBLISHED.subarray(0, PUBLISHED.length - 200), 'cut.xlsx'))).toBe(
      `cut.xlsx is damaged and could not be read as an Excel workbook. ${DAMAGED_FIX}`,
    );
    const badXml = workbook([{ name: 'S', rows: '<row r="1"><c r="A1"><v>1</v></row>' }]);
    expect(problem(readTable(badXml, 'bad.xlsx'))).toBe(
      `bad.xlsx is damaged and could not be read as an Excel workbook. ${DAMAGED_FIX}`,
    );
    const badRef = workbook([{ name: 'S', rows: '<row r="1"><c r="1A"><v>1</v></c></row>' }]);
    expect(problem(readTable(badRef, 'ref.xlsx'))).toBe(
      `ref.xlsx is damaged and could not be read as an Excel workbook. ${DAMAGED_FIX}`,
    );
    const flipped = PUBLISHED.slice();
    flipped[200] = flipped[200]! ^ 0xff; // inside the first entry's compressed data
    expect(problem(readTable(flipped, 'flipped.xlsx'))).toBe(
      `flipped.xlsx is damaged and could not be read as an Excel workbook. ${DAMAGED_FIX}`,
    );
  });

  it('refuses zips that are not workbooks, and workbooks that unpack past the budget', () => {
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8('<w:document xmlns:w="x"/>'),
    });
    expect(problem(readTable(docx, 'minutes.docx'))).toBe(
      `minutes.docx is a Word document, not a CSV or Excel (.xlsx) file. ${SAVE_AS}`,
    );
    expect(problem(readTable(zipSync({ 'a.csv': strToU8('a,b') }), 'bundle.zip'))).toBe(
      `bundle.zip is a zip archive, not a CSV or Excel (.xlsx) file. ${SAVE_AS}`,
    );
    expect(problem(readTable(PUBLISHED, 'big.xlsx', { maxUnzippedBytes: 2000 }))).toBe(
      'big.xlsx expands to more than 2 KB when unpacked, so it was not read (it may be a "zip bomb"). ' +
        'If it is a genuine workbook, save its figures as CSV and import that.',
    );
    expect(problem(readTable(PUBLISHED, 'big.xlsx', { maxCells: 10 }))).toMatch(/^big\.xlsx has more than 10 cells/);
  });
});

describe('findHeaderRow', () => {
  const rows = (csv: string) => ok(readTable(strToU8(csv), 't.csv')).rows;

  it('takes years written below the names', () => {
    const header = findHeaderRow(rows('Area,Appeals,,Decisions,\n,2024,2025,2024,2025\nDurham,1,2,3,4\n'), [
      ['area'],
      ['appeals'],
      ['decisions'],
    ]);
    expect(header).toMatchObject({ headerRow: 2, headerRows: 2 });
    expect(header!.columns.map((c) => [c.header, c.name, c.year ?? null])).toEqual([
      ['Area', 'Area', null],
      ['Appeals 2024', 'Appeals', '2024'],
      ['Appeals 2025', 'Appeals', '2025'],
      ['Decisions 2024', 'Decisions', '2024'],
      ['Decisions 2025', 'Decisions', '2025'],
    ]);
  });

  it('keeps a one-row header when the row above is a title', () => {
    const header = findHeaderRow(rows('Table 1: plans\nla_name,plans_issued_den\nDurham,5\n'), [
      ['la_name'],
      ['plans_issued_den'],
      ['time_period'],
    ]);
    expect(header).toMatchObject({ headerRow: 2, headerRows: 1, missing: [2] });
  });

  it('reads academic-year periods above the columns', () => {
    const header = findHeaderRow(rows(',2023/24,,2024/25\nArea,Count,Rate,Count\nX,1,2,3\n'), [['count']]);
    expect(header!.columns.map((c) => c.year ?? null)).toEqual([null, '2023/24', '2023/24', '2024/25']);
  });

  it('without expected names, takes the first wide row of text', () => {
    const header = findHeaderRow(rows('Title\nSource: x,\n\nA,B,C,D\n1,2,3,4\n'), []);
    expect(header).toMatchObject({ headerRow: 4, headerRows: 1 });
    expect(header!.columns.map((c) => c.name)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('returns null when no row has the expected columns', () => {
    expect(findHeaderRow(rows('a,b\n1,2\n'), [['la_name']])).toBeNull();
  });
});
