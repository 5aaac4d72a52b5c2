import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../main/formats/decode';
import { extractText, type ExtractResult } from '../../../main/formats/extract-text';
import { enc, PNG_SIGNATURE, utf16, windows1252 } from '../../fixtures/extract/build';

function ok(result: ExtractResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got not-scanned: ${result.reason}`);
  return result;
}

const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...enc(s)]);

describe('extractText: CSV', () => {
  it('reads UTF-8 with a BOM, one segment per row, quoted commas, quotes and newlines kept', async () => {
    const csv = withBom('Name,Cost,Note\r\n"Smith, Jo",£5,"said ""hi"""\r\n\r\nLee,é,"two\nlines"\r\n');
    const result = ok(await extractText(csv, 'costs.csv'));
    expect(result.kind).toBe('csv');
    expect(result.segments).toEqual([
      { location: 'row 1', text: 'Name\tCost\tNote' },
      { location: 'row 2', text: 'Smith, Jo\t£5\tsaid "hi"' },
      // row 3 is blank: counted, not kept
      { location: 'row 4', text: 'Lee\té\ttwo\nlines' },
    ]);
    expect(result.text.startsWith('\ufeff')).toBe(false);
  });

  it('reads Windows-1252 when the bytes are not UTF-8 (£, é, €)', async () => {
    const bytes = windows1252('Pupil,Fee\r\nRenée,£10 or €12\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = ok(await extractText(bytes, 'fees.csv'));
    expect(result.segments).toEqual([
      { location: 'row 1', text: 'Pupil\tFee' },
      { location: 'row 2', text: 'Renée\t£10 or €12' },
    ]);
  });

  it('uses semicolons when the header row does, and tabs for .tsv', async () => {
    expect(ok(await extractText(enc('a;b;c\n1,5;2;3\n'), 'eu.csv')).segments[1]).toEqual({
      location: 'row 2',
      text: '1,5\t2\t3',
    });
    expect(ok(await extractText(enc('a\tb\n"x\ty"\tz'), 't.tsv')).segments[1]).toEqual({
      location: 'row 2',
      text: 'x\ty\tz',
    });
  });
});

describe('extractText: plain text', () => {
  it('reads UTF-16 LE and BE with a BOM, line by line', async () => {
    for (const endian of ['le', 'be'] as const) {
      const result = ok(await extractText(utf16('First line\r\nSecond – café\n\nFourth', endian), 'notes.txt'));
      expect(result.kind).toBe('txt');
      expect(result.segments).toEqual([
        { location: 'line 1', text: 'First line' },
        { location: 'line 2', text: 'Second – café' },
        { location: 'line 4', text: 'Fourth' },
      ]);
    }
  });

  it('recognises UTF-16 LE without a BOM', async () => {
    expect(ok(await extractText(utf16('No BOM here\nat all', 'le', false), 'a.txt')).text).toBe('No BOM here\nat all');
  });

  it('reads Markdown and text-looking files of any name as text', async () => {
    expect(ok(await extractText(enc('# Title\nbody'), 'README.md')).segments).toEqual([
      { location: 'line 1', text: '# Title' },
      { location: 'line 2', text: 'body' },
    ]);
    expect(ok(await extractText(enc('{"name":"Alex"}'), 'export.json'))).toMatchObject({
      kind: 'txt',
      text: '{"name":"Alex"}',
    });
  });

  it('numbers lines as an editor does, whatever the line endings', async () => {
    const text = Array.from({ length: 45 }, (_, i) => `row ${i + 1}`).join('\r\n');
    expect(ok(await extractText(enc(text), 'log.txt')).segments[39]).toEqual({ location: 'line 40', text: 'row 40' });
    expect(ok(await extractText(enc('a\rb\r\nc\nd'), 'x.txt')).segments.map((s) => s.location)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
    ]);
  });

  it('gives an empty text file an empty result', async () => {
    expect(await extractText(new Uint8Array(0), 'empty.txt')).toEqual({
      status: 'ok',
      kind: 'txt',
      text: '',
      segments: [],
      truncated: false,
      notes: [],
      unread: [],
    });
  });
});

describe('extractText: what is not read', () => {
  it('does not read images, whatever they are called', async () => {
    const expected = { status: 'not-scanned', kind: 'image', reason: 'Images are not read.' };
    expect(await extractText(PNG_SIGNATURE, 'scan.png')).toEqual(expected);
    expect(await extractText(PNG_SIGNATURE, 'scan.txt')).toEqual(expected);
    expect(await extractText(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'photo.jpg')).toEqual(expected);
    expect(await extractText(enc('GIF89a\x01\x00'), 'a.gif')).toEqual(expected);
    expect(await extractText(Uint8Array.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), 'a.tif')).toEqual(expected);
    expect(await extractText(Uint8Array.from([0, 0, 0, 24, ...enc('ftypheic'), 0, 0, 0, 0]), 'IMG_0001.HEIC')).toEqual(
      expected,
    );
  });

  it('names the file type it does not support', async () => {
    const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
    expect(await extractText(binary, 'setup.exe')).toEqual({
      status: 'not-scanned',
      kind: 'unknown',
      reason: 'Unsupported file type .exe',
    });
    expect(await extractText(enc('{\\rtf1\\ansi Hello}'), 'letter.rtf')).toEqual({
      status: 'not-scanned',
      kind: 'rtf',
      reason: 'Unsupported file type .rtf',
    });
    expect(await extractText(binary, 'data.csv')).toMatchObject({ status: 'not-scanned', kind: 'csv' });
  });

  it('tells apart old Office files and password-protected new ones (OLE containers)', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await extractText(ole, 'Minutes.doc')).toMatchObject({
      status: 'not-scanned',
      kind: 'office-legacy',
      reason: expect.stringContaining('.doc'),
    });
    const encrypted = ole.slice();
    encrypted.set(Buffer.from('EncryptedPackage', 'utf16le'), 600);
    expect(await extractText(encrypted, 'Plan.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The document is password-protected.',
    });
  });

  it('says when a file named .docx or .pdf is not one', async () => {
    expect(await extractText(enc('just some text'), 'Plan.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The file is named .docx but is not a Word document; it may be damaged.',
    });
    expect(await extractText(new Uint8Array(0), 'Report.pdf')).toEqual({
      status: 'not-scanned',
      kind: 'pdf',
      reason: 'The file is empty.',
    });
  });
});

describe('decodeText', () => {
  it('keeps strict UTF-8, falls back to Windows-1252, and cuts on a character boundary', () => {
    expect(decodeText(enc('café'))).toEqual({ text: 'café', encoding: 'utf-8' });
    expect(decodeText(windows1252('caf\xe9 €'))).toEqual({ text: 'café €', encoding: 'windows-1252' });
    // "é" is two bytes: a cut after its first byte steps back rather than turning UTF-8 into Windows-1252.
    expect(decodeText(enc('abcé'), 4)).toEqual({ text: 'abc', encoding: 'utf-8' });
  });
});
