import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extractText, type ExtractResult } from '../../../main/formats/extract-text';
import { enc, pdf, pdfText } from '../../fixtures/extract/build';

function ok(result: ExtractResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got not-scanned: ${result.reason}`);
  return result;
}

const RECTANGLE = '0 0 1 rg 100 100 200 200 re f';

describe('extractText: PDF', () => {
  it('reads the text layer page by page', async () => {
    const bytes = pdf([
      pdfText('Annual review for (Alex)', 'Date of birth 01/02/2015'),
      pdfText('Second page: caf\xe9 \xa35'),
    ]);
    const before = bytes.slice();
    const result = ok(await extractText(bytes, 'Review.pdf'));
    expect(result.kind).toBe('pdf');
    expect(result.segments).toEqual([
      { location: 'page 1', text: 'Annual review for (Alex)\nDate of birth 01/02/2015' },
      { location: 'page 2', text: 'Second page: café £5' },
    ]);
    expect(result.segments.find((s) => s.text.includes('café'))?.location).toBe('page 2');
    expect(result.text).toBe(result.segments.map((s) => s.text).join('\n'));
    expect(result.notes).toEqual([]);
    expect(bytes).toEqual(before); // the caller's buffer is neither detached nor changed
  });

  it('says a PDF without any text layer was not read (a scan)', async () => {
    expect(await extractText(pdf([RECTANGLE, RECTANGLE]), 'Scan.pdf')).toEqual({
      status: 'not-scanned',
      kind: 'pdf',
      reason: 'This PDF has no text layer (it may be a scan); it could not be read.',
    });
  });

  it('reads the pages that have text and notes those that do not', async () => {
    const result = ok(
      await extractText(pdf([pdfText('Typed page'), RECTANGLE, pdfText('Another typed page')]), 'Mixed.pdf'),
    );
    expect(result.segments.map((s) => s.location)).toEqual(['page 1', 'page 3']);
    expect(result.notes).toEqual(['Page 2 of 3 has no text (perhaps scanned images or blank pages) and was not read.']);
  });

  it('says a password-protected PDF was not read', async () => {
    expect(await extractText(pdf([pdfText('Secret')], { encrypt: true }), 'Locked.pdf')).toEqual({
      status: 'not-scanned',
      kind: 'pdf',
      reason: 'The PDF is password-protected.',
    });
  });

  it('says a damaged PDF was not read, and never throws', async () => {
    const damaged = await extractText(enc('%PDF-1.7\n1 0 obj << /Type /Catalog'), 'Broken.pdf');
    expect(damaged.status).toBe('not-scanned');
    expect(damaged).toMatchObject({ kind: 'pdf' });
    const whole = pdf([pdfText('Cut short')]);
    const cut = await extractText(whole.subarray(0, 40), 'Cut.pdf');
    expect(cut.status).toBe('not-scanned');
  });

  it('finds the header after a little junk, by content rather than name', async () => {
    const bytes = new Uint8Array([...enc('junk before\n'), ...pdf([pdfText('Found it')])]);
    expect(ok(await extractText(bytes, 'download')).text).toBe('Found it');
  });

  it('stops at the text cap and says so', async () => {
    const pages = Array.from({ length: 5 }, (_, i) => pdfText(`Page ${i + 1} ${'x'.repeat(40)}`));
    const result = ok(await extractText(pdf(pages), 'Long.pdf', { ...DEFAULT_LIMITS, maxTextChars: 100 }));
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(100);
    expect(result.segments.map((s) => s.location)).toEqual(['page 1', 'page 2', 'page 3']);
    expect(result.notes.join(' ')).toContain('only the start of the file was read');
  });
});
