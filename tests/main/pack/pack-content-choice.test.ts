import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { docxParts, partText, styledTexts, tables } from '../../fixtures/pack/docx-parts';

/** Issue 18, item 3: a pack prints what has content; the officer chooses sections and items, with a live outline. */

const tempDir = useTempDirs();
const { workspace } = useBackends();

const gapTitles = (documentXml: string) => {
  const table = tables(documentXml).find(
    (rows) => partText(rows[0]!).includes('Checklist item') && partText(rows[0]!).includes('Due'),
  )!;
  return table.slice(1).map((row) => partText(/<w:tc>[\s\S]*?<\/w:tc>/.exec(row)![0]).trim());
};

describe('a pack of what has content', () => {
  it('builds a workspace where half the items have content without empty item sections; the gaps table lists the rest', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Dana Lead', area: 'Halfshire', laCode: '841' });
    const { items } = await call(backend, 'checklist.list', {});
    const ordinary = items.filter((i) => !i.personLevel);
    const written = ordinary.filter((_, index) => index % 2 === 0);
    for (const item of written)
      await call(backend, 'checklist.update', {
        itemId: item.id,
        note: `What we know about ${item.title}.`,
        status: 'in-progress',
      });
    // An item approved with nothing in it: no longer a page that says "Approved" and nothing else.
    const emptyApproved = ordinary[1]!;
    await call(backend, 'checklist.update', { itemId: emptyApproved.id, status: 'approved' });

    const built = await call(backend, 'pack.build', { bundle: false });
    const documentXml = docxParts(readFileSync(built.docxPath))['word/document.xml']!;
    const headings = styledTexts(documentXml, 'Heading2');
    for (const item of written) expect(headings).toContain(item.title);
    const printedItems = new Set([...written, ...items.filter((i) => i.personLevel)].map((i) => i.title));
    for (const item of items) if (!printedItems.has(item.title)) expect(headings).not.toContain(item.title);
    expect(partText(documentXml)).not.toContain('No narrative has been written for this item yet');

    const gaps = gapTitles(documentXml);
    const rest = ordinary.filter((i) => !written.includes(i));
    for (const item of rest) expect(gaps).toContain(item.title);
    expect(partText(documentXml)).toContain('Approved; nothing written or attached');
    expect(partText(documentXml)).toMatch(
      /with no narrative or evidence in this pack (is|are) listed under Gaps and actions/,
    );
  });

  it('outlines the pack before it is built, and prints exactly the items the officer chose', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Dana Lead', area: 'Choiceshire', laCode: '841' });
    const { items } = await call(backend, 'checklist.list', {});
    const [a, b, c] = items.filter((i) => !i.personLevel);
    for (const item of [a!, b!])
      await call(backend, 'checklist.update', { itemId: item.id, note: `Narrative of ${item.title}.` });

    const outline = await call(backend, 'pack.outline', {});
    expect(
      outline.items
        .filter((i) => i.printed && !items.find((x) => x.id === i.id)!.personLevel)
        .map((i) => i.id)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());
    expect(outline.items.find((i) => i.id === c!.id)).toMatchObject({ hasContent: false, printed: false, gap: true });
    // The executive summary prints the narrative of the catalogue's self-evaluation-summary item, when it has one.
    const summary = [a!.id, b!.id].includes('self-evaluation-summary') ? ['executive-summary'] : [];
    expect(outline.sections.map((s) => s.id)).toEqual([
      'cover',
      'document-control',
      'contents',
      ...summary,
      'readiness',
      'metrics',
      'areas',
      'gaps',
      'evidence-index',
      'glossary',
    ]);
    expect(outline.pages).toBeGreaterThan(5);
    expect(outline.pages).toBe(outline.sections.reduce((n, s) => n + s.pages, 0));

    // The officer leaves out b, adds c (empty: printed with its details), and builds three sections only.
    const choice = { sections: ['cover', 'areas', 'gaps'] as ('cover' | 'areas' | 'gaps')[], items: [a!.id, c!.id] };
    const chosen = await call(backend, 'pack.outline', choice);
    expect(chosen.sections.map((s) => s.id)).toEqual(['cover', 'areas', 'gaps']);
    expect(chosen.pages).toBeLessThan(outline.pages);
    expect(
      chosen.items
        .filter((i) => i.printed)
        .map((i) => i.id)
        .sort(),
    ).toEqual([a!.id, c!.id].sort());
    const built = await call(backend, 'pack.build', { ...choice, bundle: false });
    const documentXml = docxParts(readFileSync(built.docxPath))['word/document.xml']!;
    expect(styledTexts(documentXml, 'Heading2').sort()).toEqual([a!.title, c!.title].sort());
    expect(gapTitles(documentXml)).toContain(b!.title);
    expect(partText(documentXml)).toContain('not chosen for this pack');
  });
});
