import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../main/formats/extract-text';
import {
  buildDocx,
  buildEvidenceFile,
  buildPdf,
  parseBlocks,
  renderTemplate,
} from '../../../main/sample/evidence-documents';
import { loadSampleContent } from '../../../main/sample/sample-content';

const INFO = { title: 'Joint strategy: a “test” – draft', author: 'Sample team', date: '2021-06-30' };
const MARKUP =
  '# A title\n\nIntro line one\ncontinues here.\n\n## A heading\n\n- first point\n- second point, with £5 and “quotes”\n\n1. numbered one\n2. numbered two';

async function pdfText(bytes: Uint8Array): Promise<{ text: string; title: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const parts: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
  return { text: parts.join('\n'), title: info.Title ?? '', pages: doc.numPages };
}

describe('sample evidence templates', () => {
  it('fill in dates counted from the document date', () => {
    const text = 'On {{date}} ({{month}}); due {{date+365}}; for {{year}} to {{year+3}}, after {{year-1}}.';
    expect(renderTemplate(text, '2024-02-29')).toBe(
      'On 29 February 2024 (February 2024); due 28 February 2025; for 2024 to 2027, after 2023.',
    );
    expect(() => renderTemplate('{{author}}', '2024-02-29')).toThrow(/Unknown placeholder/);
  });

  it('read headings, paragraphs and lists', () => {
    expect(parseBlocks(MARKUP)).toEqual([
      { kind: 'title', text: 'A title' },
      { kind: 'paragraph', text: 'Intro line one continues here.' },
      { kind: 'heading', text: 'A heading' },
      { kind: 'bullet', text: 'first point', marker: '•' },
      { kind: 'bullet', text: 'second point, with £5 and “quotes”', marker: '•' },
      { kind: 'numbered', text: 'numbered one', marker: '1.' },
      { kind: 'numbered', text: 'numbered two', marker: '2.' },
    ]);
  });
});

describe('sample Word documents', () => {
  it('open in another reader (mammoth) with their text, title, author and language', async () => {
    const bytes = buildDocx(parseBlocks(MARKUP), INFO);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    for (const text of [
      'A title',
      'Intro line one continues here.',
      'A heading',
      'first point',
      'second point, with £5 and “quotes”',
      'numbered two',
    ]) {
      expect(value).toContain(text);
    }
    const parts = unzipSync(bytes);
    const core = strFromU8(parts['docProps/core.xml']!);
    expect(core).toContain('<dc:title>Joint strategy: a “test” – draft</dc:title>');
    expect(core).toContain('<dc:creator>Sample team</dc:creator>');
    expect(core).toContain('2021-06-30T12:00:00Z');
    expect(strFromU8(parts['word/styles.xml']!)).toContain('w:lang w:val="en-GB"');
    expect(strFromU8(parts['word/document.xml']!)).toContain('<w:pStyle w:val="Heading1"/>');
  });

  it('are the same bytes for the same date', () => {
    expect(buildDocx(parseBlocks(MARKUP), INFO)).toEqual(buildDocx(parseBlocks(MARKUP), INFO));
  });
});

describe('sample PDFs', () => {
  it('open in a PDF reader with their text and title, over several pages when long', async () => {
    const long = `${MARKUP}\n\n${Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a long document with enough words to wrap onto a second line of the page, at least once.`).join('\n\n')}`;
    const { text, title, pages } = await pdfText(buildPdf(parseBlocks(long), INFO));
    expect(title).toBe('Joint strategy: a “test” – draft');
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('A title');
    expect(text).toContain('£5');
    expect(text).toContain('“quotes”');
    expect(text).toContain('Paragraph 60 of a long document');
  });
});

describe('every shipped sample evidence file', () => {
  it("is built and read back by the app's own extractor", async () => {
    const content = loadSampleContent();
    for (const file of content.evidence) {
      const template = readFileSync(join(content.dir, file.template), 'utf8');
      const bytes = buildEvidenceFile(file.format, template, {
        title: file.title,
        author: file.author,
        date: '2025-05-01',
      });
      const result = await extractText(bytes, file.fileName);
      expect(result.status, file.fileName).toBe('ok');
      expect(result.kind, file.fileName).toBe(file.format);
      if (result.status === 'ok') {
        expect(result.text.length, file.fileName).toBeGreaterThan(300);
        expect(result.text, file.fileName).not.toContain('{{');
      }
    }
  });
});
