import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extractText, type ExtractResult } from '../../../main/formats/extract-text';
import {
  docx,
  DOCX_PACKAGE_PARTS,
  enc,
  p,
  pdf,
  pdfText,
  rawZip,
  sst,
  STYLES_WITH_DATES,
  worksheet,
  xlsx,
  zip,
  type RawZipEntry,
} from '../../fixtures/extract/build';

const BOMB = 'The file expands to more than 200 MB when unpacked, so it was not read (it may be a "zip bomb").';
const DAMAGED_DOCX = {
  status: 'not-scanned',
  kind: 'docx',
  reason: 'The Word document is damaged and could not be read.',
};

function stored(name: string, text: string): RawZipEntry {
  const data = enc(text);
  return { name, data, method: 0, crc: crc32(data), size: data.length };
}

const packageParts = () => Object.entries(DOCX_PACKAGE_PARTS).map(([name, text]) => stored(name, text));

function documentEntry(xml: Uint8Array, claims: { size?: number; crc?: number } = {}): RawZipEntry {
  return {
    name: 'word/document.xml',
    data: deflateRawSync(xml),
    method: 8,
    crc: claims.crc ?? crc32(xml),
    size: claims.size ?? xml.length,
  };
}

const DOCUMENT = enc(
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    '<w:p><w:r><w:t>Hand-made zip</w:t></w:r></w:p></w:body></w:document>',
);

function ok(result: ExtractResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got not-scanned: ${result.reason}`);
  return result;
}

describe('extractText: zip guard rails', () => {
  it('reads a zip written field by field (the baseline for the cases below)', async () => {
    expect(ok(await extractText(rawZip([...packageParts(), documentEntry(DOCUMENT)]), 'a.docx')).text).toBe(
      'Hand-made zip',
    );
  });

  it('refuses an entry that claims more than the cap, before inflating anything', async () => {
    const bomb = rawZip([...packageParts(), documentEntry(DOCUMENT, { size: 0xfffffff0 })]);
    expect(await extractText(bomb, 'bomb.docx')).toEqual({ status: 'not-scanned', kind: 'docx', reason: BOMB });
  });

  it('stops inflating at the cap when the headers lie about the size (200 MB of spaces claiming 1 kB)', async () => {
    const huge = Buffer.alloc(DEFAULT_LIMITS.maxUnzippedBytes + 8 * 1024 * 1024, 0x20);
    huge.write('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">');
    const entry: RawZipEntry = {
      name: 'word/document.xml',
      data: deflateRawSync(huge, { level: 1 }),
      method: 8,
      crc: 0,
      size: 1000,
    };
    expect(entry.data.length).toBeLessThan(2 * 1024 * 1024);
    expect(await extractText(rawZip([...packageParts(), entry]), 'bomb.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: BOMB,
    });
  });

  it('counts every entry read against one budget', async () => {
    const limits = { ...DEFAULT_LIMITS, maxUnzippedBytes: 4096 };
    const filler = `${'<w:p><w:r><w:t>Paragraph of text</w:t></w:r></w:p>'.repeat(100)}`;
    const result = await extractText(docx(filler), 'x.docx', limits);
    expect(result).toEqual({ status: 'not-scanned', kind: 'docx', reason: expect.stringContaining('zip bomb') });
  });

  it('refuses a zip with more entries than the cap', async () => {
    const files: Record<string, string> = {
      ...DOCX_PACKAGE_PARTS,
      'word/document.xml': new TextDecoder().decode(DOCUMENT),
    };
    for (let i = 0; i < DEFAULT_LIMITS.maxZipEntries; i++) files[`junk/${i}.txt`] = '';
    expect(await extractText(zip(files), 'many.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The file holds more than 10,000 parts, so it was not read (it may be a "zip bomb").',
    });
  });

  it('says a truncated zip is damaged', async () => {
    const whole = docx(p('Complete'));
    expect(await extractText(whole.subarray(0, Math.floor(whole.length / 2)), 'Cut.docx')).toEqual(DAMAGED_DOCX);
    expect(await extractText(whole.subarray(0, 10), 'Cut.docx')).toEqual(DAMAGED_DOCX);
  });

  it('says a zip whose data does not match its checksum is damaged', async () => {
    expect(await extractText(rawZip([...packageParts(), documentEntry(DOCUMENT, { crc: 12345 })]), 'x.docx')).toEqual(
      DAMAGED_DOCX,
    );
    const entry = documentEntry(DOCUMENT);
    const garbled = entry.data.slice();
    for (let i = 4; i < garbled.length - 4; i += 3) garbled[i] = garbled[i]! ^ 0x5a;
    expect(await extractText(rawZip([...packageParts(), { ...entry, data: garbled }]), 'x.docx')).toEqual(DAMAGED_DOCX);
  });

  it('says an encrypted zip entry is password-protected', async () => {
    const entry = { ...documentEntry(DOCUMENT), flags: 1 };
    expect(await extractText(rawZip([...packageParts(), entry]), 'x.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The Word document is password-protected.',
    });
  });

  it('does not open plain zip archives', async () => {
    expect(await extractText(zip({ 'a.txt': 'hello' }), 'Evidence.zip')).toEqual({
      status: 'not-scanned',
      kind: 'zip',
      reason: 'Zip archives are not opened; attach the files inside it instead.',
    });
  });

  it('never throws on damaged Office files or PDFs', async () => {
    const samples: [string, Uint8Array][] = [
      ['a.docx', docx(p('One') + p('Two &amp; three'), { header: p('Head') })],
      [
        'a.xlsx',
        xlsx(
          [{ name: 'S', xml: worksheet('<row r="1"><c t="s"><v>0</v></c><c><v>5</v></c></row>') }],
          sst(['<t>x</t>']),
          STYLES_WITH_DATES,
        ),
      ],
      ['a.pdf', pdf([pdfText('Hello'), pdfText('World')])],
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [name, original] of samples) {
      const rounds = name.endsWith('.pdf') ? 40 : 150;
      for (let round = 0; round < rounds; round++) {
        const bytes = original.slice();
        const flips = 1 + Math.floor(random() * 6);
        for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        const cut = random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
        const result = await extractText(cut, name);
        expect(['ok', 'not-scanned']).toContain(result.status);
        if (result.status === 'not-scanned') expect(result.reason).toMatch(/\S/);
      }
    }
  });
});

describe('extractText: text length cap', () => {
  const limits = { ...DEFAULT_LIMITS, maxTextChars: 50 };

  it('cuts plain text at the cap and says so', async () => {
    const text = Array.from({ length: 100 }, (_, i) => `line number ${i + 1}`).join('\n');
    const result = ok(await extractText(enc(text), 'long.txt', limits));
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBe(50);
    expect(result.text).toBe(text.slice(0, 50));
    expect(result.notes).toEqual([
      'The text is longer than 50 characters; only the start of the file was read for search and scanning.',
    ]);
  });

  it('cuts Word and Excel text at the cap', async () => {
    const word = ok(
      await extractText(docx(p('a'.repeat(30)) + p('b'.repeat(30)) + p('c'.repeat(30))), 'x.docx', limits),
    );
    expect(word).toMatchObject({ truncated: true, text: `${'a'.repeat(30)}\n${'b'.repeat(19)}` });
    expect(word.segments.map((s) => s.location)).toEqual(['paragraph 1', 'paragraph 2']);
    const rows = Array.from(
      { length: 20 },
      (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>Row ${i + 1} text</t></is></c></row>`,
    ).join('');
    const excel = ok(
      await extractText(xlsx([{ name: 'S', xml: worksheet(rows) }], sst([]), STYLES_WITH_DATES), 'x.xlsx', limits),
    );
    expect(excel.truncated).toBe(true);
    expect(excel.text.length).toBeLessThanOrEqual(50);
    expect(excel.segments[1]).toEqual({ location: 'sheet S, row 1', text: 'Row 1 text' });
    expect(excel.unread).toEqual(['the text after the first 50 characters']);
  });

  it('says the text was cut even when the bytes beyond the decoded part never became text', async () => {
    const result = ok(await extractText(enc(`${'\n'.repeat(300)}hidden at the end`), 'x.txt', limits));
    expect(result).toMatchObject({ truncated: true, text: '' });
  });

  it('never splits a surrogate pair at the cut', async () => {
    const result = ok(await extractText(enc(`${'a'.repeat(49)}😀 tail`), 'x.txt', limits));
    expect(result.text).toBe('a'.repeat(49));
  });
});
