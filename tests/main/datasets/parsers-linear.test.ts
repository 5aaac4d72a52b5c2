/**
 * Every parser stays linear on adversarial input: each shape is parsed at size n and 4n, and the time ratio must
 * stay near 4 (under 8; a quadratic parser gives 16). Times are the least CPU time of several runs, so a busy
 * machine does not decide the ratio. Each attack from the list in "Nothing gets in, and
 * nothing breaks, through a file someone else made" is also run at its reported size, with the outcome it must have.
 */
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../main/formats/extract-text';
import { DEFAULT_LIMITS } from '../../../main/formats/types';
import { readWordParagraphs } from '../../../main/formats/docx';
import { parseAttributes, prefixFor } from '../../../main/formats/xml';
import { findHeaderRow, normaliseHeader } from '../../../main/datasets/import/tabular/header';
import { readTable } from '../../../main/datasets/import/tabular/read-table';
import {
  docxLongAttributeName,
  docxManyHeaderParagraphs,
  docxUnclosedRoot,
  pdfRepeatedPage,
  xlsxManyMerges,
  xlsxUnclosedWorkbookRoot,
} from '../../fixtures/extract/hostile';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The least CPU time (ms) of several runs: CPU time, not the wall clock, which other processes stretch. */
async function fastest(run: () => unknown, times = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/**
 * The time ratio of size 4n to size n (inputs made beforehand, outside the timing). n is first doubled until one
 * parse takes at least 80 ms, so timer resolution, a stray pause or the garbage collector's early growth do not decide
 * the ratio.
 */
async function growth<T>(make: (n: number) => T, parse: (input: T) => unknown, start: number): Promise<number> {
  let n = start;
  let small = make(n);
  await parse(small); // warm up the code paths
  for (let i = 0; i < 10 && (await fastest(() => parse(small), 1)) < 80; i++) {
    n *= 2;
    small = make(n);
  }
  const large = make(4 * n);
  const a = await fastest(() => parse(small), 3);
  const b = await fastest(() => parse(large), 3);
  return b / a;
}

const LINEAR = 8;

describe('parsers grow linearly on adversarial input', { timeout: 240_000 }, () => {
  it('root tags with no ">" and long attribute names (prefixFor, parseAttributes, scanXml)', async () => {
    expect(
      await growth(
        (n) => `<w:document xmlns:w="${W}" ${'a="1" b '.repeat(n)}`,
        (xml) => prefixFor(xml, [W]),
        20_000,
      ),
    ).toBeLessThan(LINEAR);
    expect(
      await growth(
        (n) => `<w:document${'x'.repeat(n)}`,
        (xml) => prefixFor(xml, [W]),
        200_000,
      ),
    ).toBeLessThan(LINEAR);
    expect(await growth((n) => ` ${'x'.repeat(n)}`, parseAttributes, 200_000)).toBeLessThan(LINEAR);
    expect(await growth((n) => ` ${'a="'.repeat(n)}`, parseAttributes, 100_000)).toBeLessThan(LINEAR);
    expect(await growth(docxUnclosedRoot, (b) => extractText(b, 'x.docx'), 20_000)).toBeLessThan(LINEAR);
    expect(await growth(docxLongAttributeName, (b) => extractText(b, 'x.docx'), 200_000)).toBeLessThan(LINEAR);
    expect(await growth(xlsxUnclosedWorkbookRoot, (b) => readTable(b, 'x.xlsx'), 20_000)).toBeLessThan(LINEAR);
  });

  it('paragraphs, empty or not, in a Word part', async () => {
    const part = (n: number) => `<w:hdr xmlns:w="${W}">${'<w:p><w:r><w:t>a</w:t></w:r></w:p>'.repeat(n)}</w:hdr>`;
    expect(await growth(part, (xml) => readWordParagraphs(xml, 1e9), 20_000)).toBeLessThan(LINEAR);
    expect(
      await growth(
        (n) => `<w:hdr xmlns:w="${W}">${'<w:p/>'.repeat(n)}</w:hdr>`,
        (xml) => readWordParagraphs(xml, 1e9),
        50_000,
      ),
    ).toBeLessThan(LINEAR);
  });

  it('merged ranges in a sheet read for import', async () => {
    const importHeader = (bytes: Uint8Array) => {
      // Import tries each layout of each dataset against the sheet: the header is looked for many times.
      const table = readTable(bytes, 'x.xlsx');
      if (!table.ok) throw new Error('refused');
      for (let i = 0; i < 20; i++)
        findHeaderRow(table.rows, [['la_name'], ['time_period'], ['geographic_level']], {
          minMatches: 3,
          merges: table.merges,
        });
    };
    expect(await growth((n) => xlsxManyMerges(n, n), importHeader, 500)).toBeLessThan(LINEAR);
  });

  it('header names with unclosed "[note" marks and runs of superscript digits', async () => {
    expect(await growth((n) => '[note '.repeat(n), normaliseHeader, 20)).toBeLessThan(LINEAR);
    const cells = (n: number) => Array.from({ length: 200 }, () => `${'¹'.repeat(n)}a`);
    expect(await growth(cells, (list) => list.map(normaliseHeader), 100)).toBeLessThan(LINEAR);
  });
});

describe('the attack list: each at its reported size, handled in bounded work', { timeout: 240_000 }, () => {
  it('a 622-byte .docx whose root tag has no ">" is refused as damaged', async () => {
    const bytes = docxUnclosedRoot(60);
    expect(bytes.length).toBeLessThan(1024);
    expect(await extractText(bytes, 'hostile.docx')).toEqual({
      status: 'not-scanned',
      kind: 'docx',
      reason: 'The Word document is damaged and could not be read.',
    });
  });

  it('a workbook.xml whose root tag has no ">" is refused by import with a plain reason', () => {
    const result = readTable(xlsxUnclosedWorkbookRoot(60), 'hostile.xlsx');
    expect(result.ok).toBe(false);
  });

  it('millions of paragraphs in a header stop at the paragraph budget, and the file needs a decision', async () => {
    for (const empty of [false, true]) {
      const bytes = docxManyHeaderParagraphs(3_000_000, empty);
      const result = await extractText(bytes, 'hostile.docx');
      if (result.status !== 'ok') throw new Error(result.reason);
      expect(result.segments.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxSegments);
      expect(result.unread).toHaveLength(1);
      expect(result.unread[0]).toMatch(/after (the first )?(paragraph )?500,000/);
      expect(result.segments[0]).toEqual({ location: 'paragraph 1', text: 'Body' });
    }
  });

  it('a PDF listing one page 40,000 times is read to its page budget, in bounded work, and names the pages left unread', async () => {
    // At the default limits, as an attached file is read: stopped by the page budget, never the worker's time budget.
    const bytes = pdfRepeatedPage(40_000);
    expect(bytes.length).toBeLessThan(250_000);
    await extractText(pdfRepeatedPage(1), 'warm.pdf'); // PDF.js loads once, outside the timing
    let result: Awaited<ReturnType<typeof extractText>> | undefined;
    const cpu = await fastest(async () => {
      result = await extractText(bytes, 'hostile.pdf');
    }, 1);
    if (result?.status !== 'ok') throw new Error(result?.reason);
    expect(result.segments.filter((s) => s.location.startsWith('page '))).toHaveLength(1_250);
    expect(result.segments[0]).toEqual({ location: 'page 1', text: 'Minutes' });
    expect(result.unread).toEqual(['pages 1,251 to 40,000']);
    // Ten times the tree (400,000 entries, 2.4 MB) costs about what the first did: pages read shrink as the tree
    // grows (125 of them), where each page once cost ten times as much (5,000 pages: over a minute of CPU).
    const larger = pdfRepeatedPage(400_000);
    let largerResult: Awaited<ReturnType<typeof extractText>> | undefined;
    const largerCpu = await fastest(async () => {
      largerResult = await extractText(larger, 'hostile.pdf');
    }, 1);
    if (largerResult?.status !== 'ok') throw new Error(largerResult?.reason);
    expect(largerResult.unread).toEqual(['pages 126 to 400,000']);
    console.log(`PDF page tree: 40,000 entries ${Math.round(cpu)} ms CPU, 400,000 entries ${Math.round(largerCpu)} ms`);
    expect(largerCpu / cpu).toBeLessThan(LINEAR);
  });

  it('an .xlsx with more merged ranges than the budget is refused by import', () => {
    const result = readTable(xlsxManyMerges(100_001, 3), 'merges.xlsx');
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain('more than 100,000 merged ranges on one sheet');
  });
});
