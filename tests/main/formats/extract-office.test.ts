import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../../main/evidence/extractor';
import { extractText, type ExtractResult } from '../../../main/formats/extract-text';
import { classifyFormat, formatSerial } from '../../../main/formats/xlsx';
import {
  DOCX_PACKAGE_PARTS,
  docx,
  p,
  sst,
  STYLES_WITH_DATES,
  worksheet,
  wordDocumentXml,
  xlsx,
  zip,
} from '../../fixtures/extract/build';

const FIXTURES = join(import.meta.dirname, '../../fixtures/extract');

// The app's Extractor contract accepts this module as it is.
const asExtractor: Extractor = extractText;

function ok(result: ExtractResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got not-scanned: ${result.reason}`);
  return result;
}

const at = (result: ExtractResult, location: string) => ok(result).segments.find((s) => s.location === location)?.text;

describe('extractText: Word (.docx)', () => {
  const body = [
    // 1: runs, entities and a tab between runs
    '<w:p><w:r><w:t>Child&apos;s name:</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Alex &amp; Sam </w:t></w:r>' +
      '<w:r><w:t>&quot;AJ&quot; &lt;Year 4&gt;</w:t></w:r></w:p>',
    // 2: empty paragraph (still counted)
    '<w:p/>',
    // 3: tab stops in the paragraph properties are not tabs; a line break; numeric references
    '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Cost &#163;20</w:t><w:br/>' +
      '<w:t>&#x20AC;5 &#8211; agreed</w:t></w:r></w:p>',
    // 4: tracked deletion and insertion: only what the document now says
    '<w:p><w:r><w:t xml:space="preserve">Meeting on </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>Monday</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="A"><w:r><w:t>Tuesday</w:t></w:r></w:ins></w:p>',
    // 5: a table cell's paragraph
    `<w:tbl><w:tr><w:tc>${p('EHCP number 123456')}</w:tc></w:tr></w:tbl>`,
    // 6 anchors a text box whose own paragraph is 7; the VML fallback copy of the text box is not read twice
    '<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>' +
      `<w:txbxContent>${p('Inside the box')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict><w:txbxContent>${p('Inside the box')}</w:txbxContent></w:pict></mc:Fallback>` +
      '</mc:AlternateContent></w:r></w:p>',
  ].join('');

  it('reads paragraphs with entities, tabs and breaks, numbered in document order', async () => {
    const result = ok(await asExtractor(docx(body), 'Plan.docx'));
    expect(result.kind).toBe('docx');
    expect(at(result, 'paragraph 1')).toBe('Child\'s name:\tAlex & Sam "AJ" <Year 4>');
    expect(at(result, 'paragraph 2')).toBeUndefined(); // empty, but counted
    expect(at(result, 'paragraph 3')).toBe('Cost £20\n€5 – agreed');
    expect(at(result, 'paragraph 4')).toBe('Meeting on Tuesday');
    expect(at(result, 'paragraph 5')).toBe('EHCP number 123456');
    expect(at(result, 'paragraph 6')).toBe('Anchor');
    expect(at(result, 'paragraph 7')).toBe('Inside the box');
    expect(result.segments.map((s) => s.location)).toEqual([
      'paragraph 1',
      'paragraph 3',
      'paragraph 4',
      'tracked deletion, paragraph 4',
      'paragraph 5',
      'paragraph 6',
      'paragraph 7',
    ]);
    expect(result.text).toBe(result.segments.map((s) => s.text).join('\n'));
    // The deleted word is not part of what the paragraph says, but it ships in the file: it is read on its own.
    expect(at(result, 'tracked deletion, paragraph 4')).toBe('Monday');
    expect(result.text.match(/Inside the box/g)).toHaveLength(1);
    expect(result.truncated).toBe(false);
  });

  it('reads headers after the body, with their own locations', async () => {
    const result = ok(await extractText(docx(p('Body text')), 'x.docx'));
    expect(result.segments).toEqual([{ location: 'paragraph 1', text: 'Body text' }]);
    const withHeader = ok(await extractText(docx(p('Body text'), { header: p('OFFICIAL-SENSITIVE') }), 'x.docx'));
    expect(withHeader.segments).toEqual([
      { location: 'paragraph 1', text: 'Body text' },
      { location: 'header 1, paragraph 1', text: 'OFFICIAL-SENSITIVE' },
    ]);
  });

  it('knows a Word document by its content, whatever its name', async () => {
    const result = ok(await extractText(docx(p('Named oddly')), 'attachment.bin'));
    expect(result.kind).toBe('docx');
    expect(result.text).toBe('Named oddly');
  });

  it('reads a document whose WordprocessingML namespace has another prefix', async () => {
    const xml =
      '<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<ns0:body><ns0:p><ns0:r><ns0:t>Prefixed</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>';
    expect(ok(await extractText(docx('', { documentXml: xml }), 'x.docx')).segments).toEqual([
      { location: 'paragraph 1', text: 'Prefixed' },
    ]);
  });

  it('refuses damaged XML with a reason instead of throwing', async () => {
    const broken = docx('', { documentXml: wordDocumentXml(p('unclosed')).replace('</w:body></w:document>', '') });
    expect(await extractText(broken, 'x.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The Word document is damaged and could not be read.',
    });
    const dtd = docx('', { documentXml: '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><w:document/>' });
    expect(await extractText(dtd, 'x.docx')).toMatchObject({ status: 'not-scanned', kind: 'docx' });
  });

  it('says a PowerPoint file is not supported', async () => {
    const pptx = zip({
      '[Content_Types].xml':
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override ' +
        'PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
      'ppt/presentation.xml': '<p:presentation xmlns:p="x"/>',
    });
    expect(await extractText(pptx, 'Slides.pptx')).toEqual({
      status: 'not-scanned',
      kind: 'pptx',
      reason: 'Unsupported file type .pptx',
    });
  });
});

describe('extractText: Excel (.xlsx)', () => {
  const shared = sst([
    '<t>Item</t>', // 0
    '<t>Cost</t>', // 1
    '<r><rPr><b/></rPr><t xml:space="preserve">Transport </t></r><r><t>costs</t></r>', // 2: rich text
    '<t>Tom &amp; Jerry</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh>', // 3: phonetic run left out
    '<t>Line_x000D_break</t>', // 4: OOXML escape
  ]);
  const budget = worksheet(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1234.5</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>Speech &amp; language therapy</t></is></c><c r="B3" t="n"><v>42</v></c>' +
      '<c r="C3" t="b"><v>1</v></c><c r="D3"><f>B3*2</f></c></row>' +
      '<row r="5"><c r="A5" s="1"><v>45000</v></c><c r="B5" s="2"><v>39148</v></c><c r="C5" s="3"><v>45000.75</v></c>' +
      '<c r="D5" t="str"><f>A1</f><v>Item</v></c><c r="E5" t="e"><v>#DIV/0!</v></c></row>' +
      '<row r="6"><c r="A6"/></row>',
  );
  // Written with an "x:" prefix, as the Open XML SDK does, and with rows lacking r attributes.
  const pupils = worksheet(
    '<x:row><x:c t="s"><x:v>3</x:v></x:c></x:row><x:row><x:c t="s"><x:v>4</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>',
    'x',
  );
  const hidden = worksheet(
    '<row r="14"><c r="A14" t="inlineStr"><is><r><t>Hidden </t></r><r><t>name</t></r></is></c></row>',
  );
  const workbook = xlsx(
    [
      { name: 'Budget', xml: budget },
      { name: 'Pupils & Staff', xml: pupils },
      { name: 'Old', xml: hidden, state: 'hidden' },
    ],
    shared,
    STYLES_WITH_DATES,
  );

  it('reads every sheet row by row: shared, rich and inline strings, numbers, booleans, dates', async () => {
    const result = ok(await extractText(workbook, 'Budget 2025.xlsx'));
    expect(result.kind).toBe('xlsx');
    expect(result.segments).toEqual([
      { location: 'sheet names', text: 'Budget\tPupils & Staff\tOld' },
      { location: 'sheet Budget, row 1', text: 'Item\tCost' },
      { location: 'sheet Budget, row 2', text: 'Transport costs\t1234.5' },
      { location: 'sheet Budget, row 3', text: 'Speech & language therapy\t42\tTRUE' },
      { location: 'sheet Budget, row 5', text: '15/03/2023\t07/03/2007\t15/03/2023 18:00\tItem\t#DIV/0!' },
      { location: 'sheet Pupils & Staff, row 1', text: 'Tom & Jerry' },
      { location: 'sheet Pupils & Staff, row 2', text: 'Line\rbreak\t7' },
      { location: 'sheet Old (hidden), row 14', text: 'Hidden name' },
    ]);
    expect(result.text).toBe(result.segments.map((s) => s.text).join('\n'));
    expect(result.text).not.toContain('PHONETIC');
  });

  it('finds a cell by its sheet and row', async () => {
    expect(at(await extractText(workbook, 'b.xlsx'), 'sheet Budget, row 3')).toContain('Speech & language therapy');
  });

  it('turns Excel serial numbers into UK dates only for date formats', () => {
    expect(classifyFormat('dd/mm/yyyy;@')).toBe('date');
    expect(classifyFormat('[$-809]dd mmmm yyyy')).toBe('date');
    expect(classifyFormat('h:mm AM/PM')).toBe('time');
    expect(classifyFormat('yyyy-mm-dd hh:mm')).toBe('datetime');
    expect(classifyFormat('"£"#,##0.00')).toBeNull();
    expect(classifyFormat('0.00%')).toBeNull();
    expect(classifyFormat('General')).toBeNull();
    expect(formatSerial(1, 'date', false)).toBe('01/01/1900');
    expect(formatSerial(60, 'date', false)).toBe('29/02/1900');
    expect(formatSerial(61, 'date', false)).toBe('01/03/1900');
    expect(formatSerial(0.5, 'time', false)).toBe('12:00');
    expect(formatSerial(0, 'date', true)).toBe('01/01/1904');
    expect(formatSerial(-1, 'date', false)).toBeNull();
  });
});

// Files from other writers (see tests/fixtures/extract/README.md), made with:
//   d = docx.Document(); d.add_heading('Annual review', 0); d.add_paragraph('Child’s name:\tAlex & Sam')
//   p = d.add_paragraph('Line one'); p.add_run().add_break(); p.add_run('line two')
//   t = d.add_table(rows=1, cols=2); t.cell(0,0).text = 'EHCP'; t.cell(0,1).text = '123456'
//   d.sections[0].header.paragraphs[0].text = 'OFFICIAL-SENSITIVE'
//   ws.append(['Item', 'Cost', 'When']); ws.append(['Transport & taxis', 1234.5, date(2024, 9, 3)])
//   ws.append(['Speech <therapy>', 42, datetime(2024, 1, 2, 14, 30)]); ws['A5'] = 'Row five'; ws['B5'] = True
//   ws['C5'] = '=B3*2'; ws2 = wb.create_sheet('Pupils'); ws2['B14'] = 'Alex Smith'; ws2['C14'] = 'DOB'
describe('extractText: Office files from other writers', () => {
  it("reads a python-docx document (Word's own template)", async () => {
    const result = ok(await extractText(readFileSync(join(FIXTURES, 'python-docx.docx')), 'Review.docx'));
    expect(result.segments).toEqual([
      { location: 'paragraph 1', text: 'Annual review' },
      { location: 'paragraph 2', text: 'Child’s name:\tAlex & Sam' },
      { location: 'paragraph 3', text: 'Line one\nline two' },
      { location: 'paragraph 4', text: 'EHCP' },
      { location: 'paragraph 5', text: '123456' },
      { location: 'header 1, paragraph 1', text: 'OFFICIAL-SENSITIVE' },
      { location: 'document properties, creator', text: 'python-docx' },
      { location: 'document properties, description', text: 'generated by python-docx' },
    ]);
  });

  it('reads an openpyxl workbook', async () => {
    const result = ok(await extractText(readFileSync(join(FIXTURES, 'openpyxl.xlsx')), 'Budget.xlsx'));
    expect(result.segments).toEqual([
      { location: 'sheet names', text: 'Budget\tPupils' },
      { location: 'sheet Budget, row 1', text: 'Item\tCost\tWhen' },
      { location: 'sheet Budget, row 2', text: 'Transport & taxis\t1234.5\t03/09/2024' },
      { location: 'sheet Budget, row 3', text: 'Speech <therapy>\t42\t02/01/2024 14:30' },
      { location: 'sheet Budget, row 5', text: 'Row five\tTRUE' },
      { location: 'sheet Pupils, row 14', text: 'Alex Smith\tDOB' },
      { location: 'document properties, creator', text: 'openpyxl' },
    ]);
  });

  it('finds the main part through the package relationships when [Content_Types].xml names none', async () => {
    const noOverrides = zip({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': DOCX_PACKAGE_PARTS['_rels/.rels']!,
      'word/document.xml': wordDocumentXml(p('Found through .rels')),
    });
    expect(ok(await extractText(noOverrides, 'x.docx')).text).toBe('Found through .rels');
  });
});
