import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { narrativeParagraphs } from '../../../main/pack/blocks';
import { buildPack } from '../../../main/pack/build-pack';
import type { PackInput } from '../../../main/pack/pack-input';
import { textOf } from '../../../main/pack/text-of';
import { docxParts, paragraphStyles } from '../../fixtures/pack/docx-parts';
import { samplePackInput } from '../../fixtures/pack/sample-input';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const { workspace } = useBackends();

/** A rich narrative (the Markdown subset of shared/domain/narrative) in a built pack, read back by mammoth. */

const RICH = [
  'Our self-evaluation was **signed off** by the board, with *every* partner.',
  '',
  '## Strengths',
  '- Early identification: see [[evidence:101]]',
  '- Co-production, in the [PCF report](https://example.org/pcf?year=2026)',
  '',
  '### In the early years',
  '1. Integrated reviews',
  '2. Outreach to settings',
  '',
  '## Areas to improve',
  '1. Timeliness of EHC plans',
  '',
  '4. Annual reviews',
  'Between lists.',
  '3. A list from three',
  'Another paragraph.',
  '1. A new list starts again',
  '',
  'Not in this pack: [[evidence:999]]. Refused: [click](javascript:alert(1)). Mail [the team](mailto:send@example.gov.uk).',
].join('\n');

let input: PackInput;
let docx: Buffer;
let html: string;
let itemHtml: string;

/** The sample input with file ids on its evidence (101, 102…) and the rich narrative on the self-evaluation item. */
async function richInput(options: Partial<PackInput['options']> = {}): Promise<PackInput> {
  const sample = await samplePackInput();
  return {
    ...sample,
    options: { ...sample.options, ...options },
    evidence: sample.evidence.map((e, i) => ({ ...e, fileId: 101 + i })),
    items: sample.items.map((i) => (i.id === 'self-evaluation' ? { ...i, narrative: RICH } : i)),
  };
}

beforeAll(async () => {
  input = await richInput();
  docx = await buildPack(input);
  html = (await mammoth.convertToHtml({ buffer: docx })).value;
  const title = input.items.find((i) => i.id === 'self-evaluation')!.title;
  const start = html.indexOf(`>${title}</h2>`);
  itemHtml = html.slice(start, html.indexOf('<h2', start + 1));
});

describe('a narrative in the pack', () => {
  it('puts its headings below the item heading: ## as Heading 3, ### as Heading 4', () => {
    expect(itemHtml).toContain('<h3>Strengths</h3>');
    expect(itemHtml).toContain('<h4>In the early years</h4>');
    expect(itemHtml).toContain('<h3>Areas to improve</h3>');
  });

  it('prints bold, italic, bulleted and numbered lists', () => {
    expect(itemHtml).toContain('<strong>signed off</strong>');
    expect(itemHtml).toContain('<em>every</em>');
    expect(itemHtml).toMatch(
      /<ul><li>Early identification: see <strong>E001<\/strong> \(Northshire SEND partnership self-evaluation 2026\)<\/li><li>Co-production, in the <a href="https:\/\/example.org\/pcf\?year=2026">PCF report<\/a><\/li><\/ul>/,
    );
    expect(itemHtml).toContain('<ol><li>Integrated reviews</li><li>Outreach to settings</li></ol>');
    expect(itemHtml).toMatch(
      /<ol><li>Timeliness of EHC plans<\/li><li>Annual reviews<\/li><\/ol><p>Between lists.<\/p><ol><li>A list from three<\/li><\/ol><p>Another paragraph.<\/p><ol><li>A new list starts again<\/li><\/ol>/,
    );
  });

  it('links only http, https and mailto addresses, in the hyperlink style', () => {
    expect(itemHtml).toContain('<a href="mailto:send@example.gov.uk">the team</a>');
    expect(itemHtml).toContain('Refused: [click](javascript:alert(1)).');
    expect(html).not.toMatch(/href="javascript/i);
    const documentXml = docxParts(docx)['word/document.xml']!;
    const link = /<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/.exec(documentXml)!;
    expect(link[2]).toContain('<w:rStyle w:val="Hyperlink"/>');
    expect(docxParts(docx)['word/_rels/document.xml.rels']).toMatch(
      new RegExp(`Id="${link[1]}"[^>]*TargetMode="External"`),
    );
  });

  it('keeps a citation of a file the pack does not list as written', () => {
    expect(itemHtml).toContain('Not in this pack: [[evidence:999]].');
  });

  it('numbers each list from its own first number, restarting after other paragraphs', () => {
    const parts = docxParts(docx);
    const documentXml = parts['word/document.xml']!;
    const numIdOf = (text: string) => {
      const paragraph = documentXml.split('</w:p>').find((p) => p.includes(`>${text}</w:t>`))!;
      return /<w:numId w:val="(\d+)"\/>/.exec(paragraph)![1]!;
    };
    const lists = ['Integrated reviews', 'Timeliness of EHC plans', 'A list from three', 'A new list starts again'].map(
      numIdOf,
    );
    expect(new Set(lists).size).toBe(4);
    expect(numIdOf('Outreach to settings')).toBe(lists[0]);
    expect(numIdOf('Annual reviews')).toBe(lists[1]);
    const numbering = parts['word/numbering.xml']!;
    const startOf = (numId: string) => {
      const num = new RegExp(`<w:num w:numId="${numId}">([\\s\\S]*?)</w:num>`).exec(numbering)![1]!;
      const abstract = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num)![1]!;
      const override = /<w:lvlOverride w:ilvl="0">\s*<w:startOverride w:val="(\d+)"\/>/.exec(num)?.[1];
      const format = new RegExp(
        `<w:abstractNum [^>]*w:abstractNumId="${abstract}"[\\s\\S]*?<w:numFmt w:val="([^"]+)"`,
      ).exec(numbering)![1];
      return { override, format };
    };
    expect(startOf(lists[0]!)).toEqual({ override: '1', format: 'decimal' });
    expect(startOf(lists[2]!)).toEqual({ override: '3', format: 'decimal' });
    expect(startOf(lists[3]!)).toEqual({ override: '1', format: 'decimal' });
  });

  it('keeps the headings in order with the rest of the pack: none skips a level', () => {
    const levels = paragraphStyles(docxParts(docx)['word/document.xml']!).flatMap((s) =>
      /^Heading(\d)$/.exec(s) ? [Number(s.slice(7))] : [],
    );
    let previous = 1;
    for (const level of levels) {
      expect(level - previous).toBeLessThanOrEqual(1);
      previous = level;
    }
    expect(levels).toContain(4);
  });

  it('gives the same bytes for the same input, links and numbered lists included', async () => {
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(await buildPack(await richInput()))).toBe(sha(docx));
  });

  it('prints a citation only when the pack lists the file: not a file of an item left out of an approved-only pack', async () => {
    const onlyApproved = await richInput({ approvedOnly: true });
    // E006 (the JSNA chapter) belongs to an item that is ready for review, so an approved-only pack leaves it out.
    const items = onlyApproved.items.map((i) =>
      i.id === 'self-evaluation' ? { ...i, narrative: 'See [[evidence:106]] and [[evidence:101]].' } : i,
    );
    const evidence = onlyApproved.evidence.filter(
      (e) => onlyApproved.items.find((i) => i.id === e.itemId)!.status === 'approved',
    );
    const built = (await mammoth.convertToHtml({ buffer: await buildPack({ ...onlyApproved, items, evidence }) }))
      .value;
    expect(built).toContain(
      'See [[evidence:106]] and <strong>E001</strong> (Northshire SEND partnership self-evaluation 2026).',
    );
  });
});

describe('narrativeParagraphs', () => {
  it('starts at Heading 3 whatever the first heading asks for, and cites through the given lookup', () => {
    const paragraphs = narrativeParagraphs('### Sub first\n## Then a heading\n### Then a sub\n\nSee [[evidence:3]].', {
      evidence: (id) => (id === 3 ? { ref: 'E042', title: 'Minutes' } : undefined),
    });
    expect(paragraphs.map((p) => textOf([p]))).toEqual([
      'Sub first',
      'Then a heading',
      'Then a sub',
      'See  E042  (Minutes) .',
    ]);
  });

  it('reads an old plain note as before', () => {
    const paragraphs = narrativeParagraphs(
      'First paragraph\nwraps here.\n\nIt has:\n- one\n- two\n  continued\n\n\nLast.',
    );
    expect(paragraphs.map((p) => textOf([p]))).toEqual([
      'First paragraph wraps here.',
      'It has:',
      'one',
      'two continued',
      'Last.',
    ]);
    expect(narrativeParagraphs('  \n\n ')).toEqual([]);
  });

  it('gives the glossary the text of a link too, so an abbreviation used only there is explained', () => {
    const [paragraph] = narrativeParagraphs('Read [the SENCO survey](https://example.org/survey).');
    expect(textOf([paragraph!])).toContain('the SENCO survey');
  });
});

describe('citations from a workspace', () => {
  it('cite a file by its attachment chain id, which a new version keeps, as the reference this build gave it', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Dana Lead', area: 'Testshire', laCode: '841' });
    const upload = async (name: string, text: string) => ({
      handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) })).handle,
    });
    await call(backend, 'attachments.add', {
      itemId: 'send-strategy',
      files: [await upload('strategy.txt', 'Strategy')],
      metadata: { title: 'SEND strategy' },
    });
    const [minutes] = (
      await call(backend, 'attachments.add', {
        itemId: 'self-evaluation',
        files: [await upload('minutes.txt', 'Minutes v1')],
        metadata: { title: 'Board minutes' },
      })
    ).attachments;
    const replaced = await call(backend, 'attachments.replace', {
      attachmentId: minutes!.id,
      file: await upload('minutes-v2.txt', 'Minutes v2'),
      metadata: { title: 'Board minutes, final' },
    });
    expect(replaced.chainId).toBe(minutes!.chainId);
    expect(replaced.id).not.toBe(minutes!.id);
    await call(backend, 'checklist.update', {
      itemId: 'self-evaluation',
      note: `## Evidence\nThe board signed it off: see [[evidence:${minutes!.chainId}]]. Not cited: [[evidence:9999]].`,
    });
    const built = await call(backend, 'pack.build', { bundle: false });
    const { bytes } = await call(backend, 'pack.file', { version: built.version, kind: 'docx' });
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toContain('<h3>Evidence</h3>');
    // Files are numbered in checklist order: the self-evaluation's come first, then the strategy's.
    expect(html).toContain(
      'The board signed it off: see <strong>E001</strong> (Board minutes, final). Not cited: [[evidence:9999]].',
    );
  });
});

describe("an item's last paragraph and its evidence line", () => {
  /** The paragraph of document.xml holding the text. */
  const paragraphWith = (xml: string, text: string) =>
    [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(text))!;

  it('keeps the last paragraph (or list item) on the page of "Evidence: …", so that line never starts a page alone', async () => {
    const sample = await samplePackInput();
    const [prose, listed] = sample.items.filter((i) => !i.personLevel && i.evidenceRefs.length === 0);
    const input: PackInput = {
      ...sample,
      items: sample.items.map((i) =>
        i.id === prose!.id
          ? { ...i, narrative: 'First paragraph of the prose item.\n\nLast paragraph of the prose item.' }
          : i.id === listed!.id
            ? {
                ...i,
                narrative: 'Lead-in of the list item.\n\n- First point of the list item\n- Last point of the list item',
              }
            : i,
      ),
    };
    const xml = docxParts(await buildPack(input))['word/document.xml']!;
    expect(paragraphWith(xml, 'Last paragraph of the prose item.')).toContain('<w:keepNext/>');
    expect(paragraphWith(xml, 'First paragraph of the prose item.')).not.toContain('<w:keepNext/>');
    expect(paragraphWith(xml, 'Last point of the list item')).toContain('<w:keepNext/>');
    expect(paragraphWith(xml, 'First point of the list item')).not.toContain('<w:keepNext/>');
    // Narratives elsewhere (no evidence line follows) are not tied to what comes next.
    expect(narrativeParagraphs('One.\n\nTwo.').map((p) => JSON.stringify(p))).not.toContain('keepNext');
  });
});
