/**
 * Everything a recipient can recover from a Word, Excel or PDF file is scanned, with its place in the file: files
 * made here by LibreOffice (tracked deletion, comment, footnote, header, custom property; a PDF annotation),
 * python-docx (a moved-from run) and openpyxl (a note, a hidden sheet). Each planted identifier is found where it
 * is and stops the build; the clean copy that goes in the bundle holds none of the tracked or commented text and
 * opens in LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { BundleManifest } from '../../../main/pack/bundle/bundle-manifest';
import { cleanCopy } from '../../../main/pack/bundle/clean-copy';
import { verifyBundle } from '../../../main/pack/bundle/verify-bundle';
import { writeBundle } from '../../../main/pack/bundle/write-bundle';
import { blobPath, writeBlob } from '../../../main/store/blob-store';
import { attachFiles } from '../../../main/evidence/attachments-repository';
import { extractText, type ExtractResult } from '../../../main/formats/extract-text';
import { buildAndRecord } from '../../../main/pack/build-and-record';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import { groupNhsNumber, makeNhsNumber, makeUpn } from '../../../shared/domain/privacy/synthetic';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';
import { docx, p, zip } from '../../fixtures/extract/build';

const tempDir = useTempDirs();
const NHS = groupNhsNumber(makeNhsNumber(21));
const NOTE_UPN = makeUpn(22);
const HIDDEN_UPN = makeUpn(23);
const MTIME = new Date(2026, 10, 13, 16, 45, 30);

const FODT_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ' +
  'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"';

/** A Writer document that went through review: a tracked deletion, a comment, a footnote, a header, a custom property. */
const REVIEWED = `<?xml version="1.0" encoding="UTF-8"?><office:document ${FODT_NS}>
<office:meta><dc:title>Strategy review</dc:title><meta:user-defined meta:name="Case officer">Mrs Ellie Broadbent</meta:user-defined></office:meta>
<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Prepared about pupil Jayden Smith</text:p></style:header></style:master-page></office:master-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>
<office:change-info><dc:creator>Reviewer</dc:creator><dc:date>2026-10-01T10:00:00</dc:date></office:change-info>
<text:p>Her NHS number is ${NHS} on the referral.</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p>The strategy was agreed.<text:change text:change-id="ct1"/></text:p>
<text:p>Transport costs rose.<office:annotation><dc:creator>Reviewer</dc:creator><text:p>Is this about the boy called Tyler Moss?</text:p></office:annotation></text:p>
<text:p>Waiting times fell.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Seen at clinic; date of birth 03/04/2015 recorded.</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document>`;

const MINUTES = `<?xml version="1.0" encoding="UTF-8"?><office:document ${FODT_NS}><office:body><office:text>
<text:p>Board minutes, October.<office:annotation><dc:creator>Clerk</dc:creator><text:p>Family now at SW1A 1AA</text:p></office:annotation></text:p>
</office:text></office:body></office:document>`;

const PYTHON = String.raw`
import sys
from docx import Document
from docx.oxml import parse_xml
from openpyxl import Workbook
from openpyxl.comments import Comment
out, note_upn, hidden_upn = sys.argv[1], sys.argv[2], sys.argv[3]
d = Document()
d.add_paragraph('Plan agreed by the board.')
para = d.add_paragraph('Moved: ')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
para._p.append(parse_xml('<w:moveFrom %s w:id="1" w:author="A" w:date="2026-10-01T10:00:00Z"><w:r><w:t>Visit for the child named Poppy Harris</w:t></w:r></w:moveFrom>' % W))
d.save(out + '/moved.docx')
wb = Workbook(); ws = wb.active; ws.title = 'Budget'
ws.append(['Item', 'Cost']); ws.append(['Transport', 1200])
ws['B2'].comment = Comment('Query for UPN ' + note_upn, 'Finance')
hidden = wb.create_sheet('Pupils'); hidden['A1'] = 'UPN'; hidden['B1'] = hidden_upn; hidden.sheet_state = 'hidden'
wb.save(out + '/budget.xlsx')
`;

let dir = '';
const files: Record<string, Uint8Array> = {};

function soffice(args: string[], cwd: string): void {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(cwd, 'lo-profile')}`, ...args], {
    cwd,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sendpack-office-'));
  writeFileSync(join(dir, 'strategy.fodt'), REVIEWED);
  writeFileSync(join(dir, 'minutes.fodt'), MINUTES);
  soffice(['--convert-to', 'docx:MS Word 2007 XML', 'strategy.fodt'], dir);
  soffice(
    ['--convert-to', 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', 'minutes.fodt'],
    dir,
  );
  execFileSync('/usr/bin/python3', ['-c', PYTHON, dir, NOTE_UPN, HIDDEN_UPN], { stdio: 'pipe' });
  for (const name of ['strategy.docx', 'minutes.pdf', 'moved.docx', 'budget.xlsx'])
    files[name] = readFileSync(join(dir, name));
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function segments(result: ExtractResult): Map<string, string> {
  if (result.status !== 'ok') throw new Error(`not scanned: ${result.reason}`);
  return new Map(result.segments.map((s) => [s.location, s.text]));
}

const textOf = async (bytes: Uint8Array, name: string) => {
  const r = await extractText(bytes, name);
  return r.status === 'ok' ? r.text : '';
};

describe('scanning what leaves, in files made by LibreOffice, python-docx and openpyxl', { timeout: 240_000 }, () => {
  it('reads every part of a reviewed Word file with its place', async () => {
    const s = segments(await extractText(files['strategy.docx']!, 'strategy.docx'));
    expect(s.get('paragraph 1')).toBe('The strategy was agreed.');
    expect(s.get('tracked deletion, paragraph 1')).toBe(`Her NHS number is ${NHS} on the referral.`);
    expect([...s].find(([k]) => k.startsWith('comments, paragraph'))?.[1]).toBe(
      'Is this about the boy called Tyler Moss?',
    );
    expect([...s].find(([k]) => k.startsWith('footnotes, paragraph'))?.[1]?.trim()).toBe(
      'Seen at clinic; date of birth 03/04/2015 recorded.',
    );
    expect(s.get('header 1, paragraph 1')).toBe('Prepared about pupil Jayden Smith');
    expect(s.get('custom property Case officer')).toBe('Mrs Ellie Broadbent');
    expect(s.get('document properties, title')).toBe('Strategy review');
    const moved = segments(await extractText(files['moved.docx']!, 'moved.docx'));
    expect(moved.get('moved text (still at its old place), paragraph 2')).toBe(
      'Visit for the child named Poppy Harris',
    );
  });

  it('reads notes and hidden sheets in a workbook and annotations in a PDF', async () => {
    const x = segments(await extractText(files['budget.xlsx']!, 'budget.xlsx'));
    expect(x.get('sheet Budget, note at B2')).toContain(NOTE_UPN);
    expect(x.get('sheet Pupils (hidden), row 1')).toBe(`UPN\t${HIDDEN_UPN}`);
    expect(x.get('sheet names')).toBe('Budget\tPupils');
    const pdf = segments(await extractText(files['minutes.pdf']!, 'minutes.pdf'));
    expect(pdf.get('page 1')).toContain('Board minutes');
    expect(pdf.get('page 1, text annotation')).toBe('Family now at SW1A 1AA');
  });

  it('finds each identifier where it is, and the build is refused', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'readable' }).workspace;
    try {
      for (const name of Object.keys(files)) {
        await attachFiles(workspace, 'strategy-action-plan', [{ name, bytes: files[name]! }], {}, 'A', extractText);
      }
      const scan = scanWorkspace(workspace.db, { today: '2026-11-22' });
      const found = (file: string, kind: string, where: RegExp) =>
        scan.findings.some(
          (f) =>
            f.location.fileName === file &&
            f.location.field === 'file text' &&
            f.kind === kind &&
            where.test(f.location.detail) &&
            f.severity === 'block',
        );
      expect(found('strategy.docx', 'nhs-number', /^tracked deletion, paragraph 1$/)).toBe(true);
      expect(found('strategy.docx', 'person-name', /^comments, paragraph \d+$/)).toBe(true);
      expect(found('strategy.docx', 'date-of-birth', /^footnotes, paragraph \d+$/)).toBe(true);
      expect(found('strategy.docx', 'person-name', /^header 1, paragraph 1$/)).toBe(true);
      expect(found('strategy.docx', 'person-name', /^custom property Case officer$/)).toBe(true);
      expect(found('moved.docx', 'person-name', /^moved text \(still at its old place\), paragraph 2$/)).toBe(true);
      expect(found('budget.xlsx', 'upn', /^sheet Budget, note at B2$/)).toBe(true);
      expect(found('budget.xlsx', 'upn', /^sheet Pupils \(hidden\), row 1$/)).toBe(true);
      expect(found('minutes.pdf', 'postcode', /^page 1, text annotation$/)).toBe(true);
      expect(scan.unscanned).toEqual([]);
      await expect(
        buildAndRecord(workspace, { options: {} as never, docxPath: join(dir, 'pack.docx') }, 'A'),
      ).rejects.toMatchObject({ code: 'privacy-blocked', message: expect.stringMatching(/must be resolved first/) });
    } finally {
      workspace.close();
    }
  });

  it('makes clean copies without the tracked, moved or commented text, which LibreOffice opens', async () => {
    const word = cleanCopy(files['strategy.docx']!, 'strategy.docx', MTIME)!;
    expect(word.changes).toEqual(['comments removed', 'tracked changes accepted']);
    const moved = cleanCopy(files['moved.docx']!, 'moved.docx', MTIME)!;
    expect(moved.changes).toEqual(['tracked changes accepted']);
    const excel = cleanCopy(files['budget.xlsx']!, 'budget.xlsx', MTIME)!;
    expect(excel.changes).toEqual(['notes and comments removed']);
    // The same file gives the same copy.
    expect(cleanCopy(files['strategy.docx']!, 'strategy.docx', MTIME)!.bytes).toEqual(word.bytes);

    const wordText = await textOf(word.bytes, 'strategy.docx');
    expect(wordText).toContain('The strategy was agreed.');
    expect(wordText).toContain('Transport costs rose.');
    expect(wordText).not.toContain(NHS);
    expect(wordText).not.toContain('Tyler Moss');
    expect(Object.keys(unzipSync(word.bytes)).filter((n) => /comments/i.test(n))).toEqual([]);
    const movedText = await textOf(moved.bytes, 'moved.docx');
    expect(movedText).toContain('Plan agreed by the board.');
    expect(movedText).not.toContain('Poppy Harris');
    const excelParts = Object.keys(unzipSync(excel.bytes));
    expect(excelParts.filter((n) => /comment|vml/i.test(n))).toEqual([]);
    expect(await textOf(excel.bytes, 'budget.xlsx')).not.toContain(NOTE_UPN);

    // LibreOffice opens each copy: Word to text, Excel to CSV (the first sheet).
    const out = join(dir, 'clean');
    mkdirSync(out);
    writeFileSync(join(out, 'strategy.docx'), word.bytes);
    writeFileSync(join(out, 'moved.docx'), moved.bytes);
    writeFileSync(join(out, 'budget.xlsx'), excel.bytes);
    soffice(['--convert-to', 'txt:Text', 'strategy.docx', 'moved.docx'], out);
    soffice(['--convert-to', 'csv', 'budget.xlsx'], out);
    const strategy = readFileSync(join(out, 'strategy.txt'), 'utf8');
    expect(strategy).toContain('The strategy was agreed.');
    expect(strategy).not.toContain(NHS);
    expect(strategy).not.toContain('Tyler');
    expect(readFileSync(join(out, 'moved.txt'), 'utf8')).not.toContain('Poppy Harris');
    expect(readFileSync(join(out, 'budget.csv'), 'utf8')).toContain('Transport,1200');
  });
});

describe('the clean copy in the bundle', { timeout: 120_000 }, () => {
  it('goes in place of the original, marked in the manifest beside the original SHA-256, and verifies', async () => {
    const folder = makeWorkspace(tempDir()).folder;
    const original = files['strategy.docx']!;
    const { sha256 } = writeBlob(folder, original);
    const out = join(tempDir(), 'bundle.zip');
    await writeBundle(
      {
        workspaceFolder: folder,
        packDocx: docx(p('Pack')),
        area: 'Testshire',
        builtAt: '2026-11-13T16:45:30.000Z',
        version: 1,
        evidence: [
          {
            ref: 'E001',
            title: 'Strategy',
            itemId: 'strategy-action-plan',
            itemTitle: 'Strategy',
            group: 'L',
            documentDate: null,
            version: '1',
            owner: 'A',
            fileName: 'strategy.docx',
            bytes: original.length,
            sha256,
          },
        ],
      },
      out,
    );
    const entries = unzipSync(readFileSync(out));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as BundleManifest;
    const record = manifest.files.find((f) => f.reference === 'E001')!;
    expect(record.cleanCopy).toEqual({
      changes: ['comments removed', 'tracked changes accepted'],
      originalBytes: original.length,
      originalSha256: sha256,
    });
    expect(record.sha256).not.toBe(sha256);
    const shipped = entries[record.path]!;
    expect(createHash('sha256').update(shipped).digest('hex')).toBe(record.sha256);
    expect(await textOf(shipped, 'strategy.docx')).not.toContain(NHS);
    expect(readFileSync(blobPath(folder, sha256))).toEqual(Buffer.from(original)); // the original is untouched
    expect(new TextDecoder().decode(entries['manifest.csv'])).toContain(
      `comments removed; tracked changes accepted,${sha256}`,
    );
    expect((await verifyBundle(out)).ok).toBe(true);
  });
});

describe('minimal files with only the required parts', () => {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

  it('reads a Word comments part with no styles, settings or properties parts', async () => {
    const base = unzipSync(docx(p('Body')));
    base['word/_rels/document.xml.rels'] = new TextEncoder().encode(
      `<Relationships xmlns="${PKG}">` +
        `<Relationship Id="rId1" Type="${REL}/comments" Target="comments.xml"/></Relationships>`,
    );
    base['word/comments.xml'] = new TextEncoder().encode(
      `<w:comments xmlns:w="${W}"><w:comment w:id="0" w:author="R">` +
        '<w:p><w:r><w:t>About the pupil Ava Jones</w:t></w:r></w:p></w:comment></w:comments>',
    );
    const s = segments(await extractText(zip(base), 'minimal.docx'));
    expect(s.get('comments, paragraph 1')).toBe('About the pupil Ava Jones');
    expect(cleanCopy(zip(base), 'minimal.docx', MTIME)?.changes).toEqual(['comments removed']);
  });

  it('reads an Excel note with no VML drawing, styles or shared strings', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const book = zip({
      '[Content_Types].xml': text(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
      '_rels/.rels': text(
        `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': text(
        `<workbook xmlns="${S}" xmlns:r="${REL}"><sheets><sheet name="Data" sheetId="1" r:id="r1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': text(
        `<Relationships xmlns="${PKG}"><Relationship Id="r1" Type="${REL}/worksheet" Target="sheet.xml"/></Relationships>`,
      ),
      'xl/sheet.xml': text(
        `<worksheet xmlns="${S}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c></row></sheetData></worksheet>`,
      ),
      'xl/_rels/sheet.xml.rels': text(
        `<Relationships xmlns="${PKG}"><Relationship Id="c1" Type="${REL}/comments" Target="notes.xml"/></Relationships>`,
      ),
      'xl/notes.xml': text(
        `<comments xmlns="${S}"><authors><author>F</author></authors><commentList>` +
          `<comment ref="A1" authorId="0"><text><t>UPN ${NOTE_UPN}</t></text></comment></commentList></comments>`,
      ),
    });
    const s = segments(await extractText(book, 'minimal.xlsx'));
    expect(s.get('sheet Data, row 1')).toBe('Total');
    expect(s.get('sheet Data, note at A1')).toBe(`UPN ${NOTE_UPN}`);
    const copy = cleanCopy(book, 'minimal.xlsx', MTIME)!;
    expect(Object.keys(unzipSync(copy.bytes))).not.toContain('xl/notes.xml');
    expect(await textOf(copy.bytes, 'minimal.xlsx')).not.toContain(NOTE_UPN);
  });
});
