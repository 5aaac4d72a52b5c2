import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../../main/pack/build-pack';
import type { PackInput } from '../../../main/pack/pack-input';
import { AREA_GROUPS } from '../../../shared/domain/evaluation-areas';
import { decodeXml, docxParts, paragraphStyles, partText, styledTexts, tables } from '../../fixtures/pack/docx-parts';
import { PLANTED, samplePackInput } from '../../fixtures/pack/sample-input';

/** The built document's XML, read directly: structure, accessibility, privacy, options and reproducibility. */

let input: PackInput;
let docx: Buffer;
let parts: Record<string, string>;
let documentXml: string;
let bodyText: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const allXml = (p: Record<string, string>) => Object.values(p).join('\n');

beforeAll(async () => {
  input = await samplePackInput();
  docx = await buildPack(input);
  parts = docxParts(docx);
  documentXml = parts['word/document.xml']!;
  bodyText = partText(documentXml);
});

describe('buildPack: structure', () => {
  it('writes a docx holding every section, in order, each under its heading', () => {
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(styledTexts(documentXml, 'Title')).toEqual(['Area SEND inspection: evidence pack']);
    expect(styledTexts(documentXml, 'TOCHeading')).toEqual(['Contents']);
    expect(styledTexts(documentXml, 'Heading1')).toEqual([
      'Document control',
      'Readiness summary',
      'Key metrics',
      ...AREA_GROUPS.map((g) => g.heading),
      'Gaps and actions',
      'Evidence index',
      'Glossary',
    ]);
    expect(bodyText.indexOf('\nContents\n')).toBeGreaterThan(bodyText.indexOf('\nDocument control\n'));
    expect(bodyText.indexOf('\nContents\n')).toBeLessThan(bodyText.indexOf('\nReadiness summary\n'));
  });

  it('heads one section per evaluation area group in the framework wording, and each item as Heading 2', () => {
    expect(styledTexts(documentXml, 'Heading1')).toContain(
      "Children and young people's needs are identified accurately and assessed in a timely and effective way",
    );
    const items = styledTexts(documentXml, 'Heading2');
    for (const item of input.items) {
      const hasContent = item.personLevel || item.narrative.trim() !== '' || item.evidenceRefs.length > 0;
      if (hasContent) expect(items).toContain(item.title);
      else expect(items).not.toContain(item.title);
    }
  });

  it('uses real heading styles in order: Title first, then headings that never skip a level', () => {
    const levels = paragraphStyles(documentXml).flatMap((s) =>
      s === 'Title' ? [0] : /^Heading(\d)$/.exec(s) ? [Number(s.slice(7))] : [],
    );
    expect(levels[0]).toBe(0);
    expect(levels.filter((l) => l === 0)).toHaveLength(1);
    let previous = 0;
    for (const level of levels.slice(1)) {
      expect(level).toBeGreaterThanOrEqual(1);
      expect(level - previous).toBeLessThanOrEqual(1);
      previous = level;
    }
    expect(levels.filter((l) => l === 1).length).toBe(8 + 6); // area groups + the other sections with headings
  });

  it('pre-fills the contents under a visible heading, linked to bookmarked headings, with no field to update', () => {
    expect(documentXml).toContain('<w:pStyle w:val="TOCHeading"/>');
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(documentXml)![0];
    const anchors = [...toc.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]!);
    expect(anchors).toHaveLength(14);
    const bookmarks = [...documentXml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(bookmarks).size).toBe(bookmarks.length);
    for (const anchor of new Set([...documentXml.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]!)))
      expect(bookmarks).toContain(anchor);
    for (const group of AREA_GROUPS) expect(partText(toc)).toContain(group.heading);
    expect(toc).not.toContain('w:dirty="true"');
    expect(documentXml).not.toContain('w:dirty="true"');
    expect(parts['word/settings.xml']).not.toContain('updateFields');
  });

  it("puts the area name, marking and page X of Y in every section's header and footer", () => {
    const sections = [...documentXml.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => m[1]!);
    expect(sections.length).toBe(3); // portrait, the landscape evidence index, portrait
    const rels = parts['word/_rels/document.xml.rels']!;
    for (const section of sections) {
      const headerId = /<w:headerReference w:type="default" r:id="([^"]+)"/.exec(section)![1]!;
      const footerId = /<w:footerReference w:type="default" r:id="([^"]+)"/.exec(section)![1]!;
      const target = (id: string) =>
        `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]}`;
      const header = partText(parts[target(headerId)]!);
      const footer = parts[target(footerId)]!;
      expect(header).toContain('Northshire');
      expect(header).toContain('OFFICIAL-SENSITIVE');
      expect(header).toContain('DRAFT');
      expect(partText(footer)).toContain('OFFICIAL-SENSITIVE');
      expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
    }
    expect(sections[1]).toContain('w:orient="landscape"');
  });
});

describe('buildPack: accessibility', () => {
  it("gives every image non-empty alt text stating the chart's figures", () => {
    const drawings = [...documentXml.matchAll(/<w:drawing>[\s\S]*?<\/w:drawing>/g)].map((m) => m[0]);
    expect(drawings).toHaveLength(input.charts.length);
    drawings.forEach((drawing, i) => {
      const descr = [...drawing.matchAll(/<(?:wp:docPr|pic:cNvPr)\b[^>]*\bdescr="([^"]*)"/g)].map((m) =>
        decodeXml(m[1]!),
      );
      expect(descr).toHaveLength(2);
      for (const d of descr) expect(d).toBe(input.charts[i]!.altText);
      expect(descr[0]).toMatch(/\d/);
      expect(drawing).toMatch(/<wp:docPr [^>]*title="[^"]+"/);
    });
    const ids = [...documentXml.matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("marks each table's first row, and only that row, as a repeating header; rows never split", () => {
    const all = tables(documentXml);
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const rows of all) {
      expect(rows[0]).toMatch(/<w:tblHeader\/>/);
      for (const row of rows.slice(1)) expect(row).not.toContain('tblHeader');
      for (const row of rows) expect(row).toContain('<w:cantSplit/>');
    }
  });

  it("fixes every table's widths in DXA: table, grid and each cell", () => {
    for (const table of documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      const width = Number(
        /<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(table)?.[1] ??
          /<w:tblW w:w="(\d+)" w:type="dxa"\/>/.exec(table)?.[1],
      );
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(width);
      const cells = table.match(/<w:tc>/g)!.length;
      expect(table.match(/<w:tcW (?:w:type="dxa" w:w="\d+"|w:w="\d+" w:type="dxa")\/>/g)).toHaveLength(cells);
      expect(table).not.toMatch(/w:type="pct"/);
    }
  });

  it('sets the title, subject, author and language (en-GB) of the document', () => {
    const core = decodeXml(parts['docProps/core.xml']!);
    expect(core).toContain('<dc:title>Area SEND inspection: evidence pack \u2014 Northshire</dc:title>');
    expect(core).toMatch(/<dc:subject>[^<]*Northshire[^<]*<\/dc:subject>/);
    expect(core).toContain('<dc:creator>Ann Officer</dc:creator>');
    expect(core).toContain('<dc:language>en-GB</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-17T09:30:00Z</dcterms:created>');
    expect(parts['word/styles.xml']).toMatch(
      /<w:rPrDefault><w:rPr>[\s\S]*<w:lang w:val="en-GB"\/>[\s\S]*<\/w:rPrDefault>/,
    );
    expect(parts['word/settings.xml']).toContain('<w:themeFontLang w:val="en-GB"/>');
  });

  it('writes statuses and comparisons as words', () => {
    expect(bodyText).toMatch(/Status: Approved/);
    expect(bodyText).toMatch(/Status: In progress/);
    expect(bodyText).toMatch(/Status: Ready for review; evidence out of date/);
    expect(bodyText).toMatch(/Out of date: the newest evidence went out of date on 31 March 2025/);
    for (const word of ['Better', 'Worse', 'No national figure', 'fewer than 5']) expect(bodyText).toContain(word);
  });
});

describe('buildPack: what it may print', () => {
  it('never prints a person-level item beyond its status, nor its files', () => {
    const everything = decodeXml(allXml(parts));
    expect(everything).not.toContain(PLANTED.personLevelNarrative);
    expect(everything).not.toContain('Amelia Hart');
    expect(everything).not.toContain(PLANTED.personLevelEvidenceTitle);
    expect(everything).not.toContain('planted-named-children.xlsx');
    const planted = input.evidence.find((e) => e.title === PLANTED.personLevelEvidenceTitle)!;
    expect(bodyText).not.toMatch(new RegExp(`\\b${planted.ref}\\b`));
    const section = bodyText.slice(
      bodyText.indexOf('\nAnnex A List 1: children and young people with an EHC plan\n'),
      bodyText.indexOf('\nAnnex A List 2: children and young people at SEN support\n'),
    );
    expect(section.length).toBeGreaterThan(0);
    expect(section).toMatch(/Status: In progress/);
    expect(section).toContain('secure transfer');
    expect(section).not.toMatch(/Owner:|Due:|Evidence:/);
  });

  it('cites every other evidence file by reference in its item and in the index, with a short SHA-256', () => {
    const listed = input.evidence.filter((e) => e.title !== PLANTED.personLevelEvidenceTitle);
    expect(listed.length).toBeGreaterThanOrEqual(20);
    for (const e of listed) {
      expect(bodyText.split(e.ref).length - 1).toBeGreaterThanOrEqual(2);
      expect(bodyText).toContain(e.sha256.slice(0, 12));
      expect(bodyText).not.toContain(e.sha256.slice(0, 13));
      expect(bodyText).toContain(e.fileName);
    }
  });

  it('lists every gap (not approved, not applicable excepted, or stale) and no other item in gaps and actions', () => {
    const table = tables(documentXml).find(
      (rows) => partText(rows[0]!).includes('Checklist item') && partText(rows[0]!).includes('Due'),
    )!;
    const titles = table.slice(1).map((row) => partText(/<w:tc>[\s\S]*?<\/w:tc>/.exec(row)![0]).trim());
    const empty = (i: PackInput['items'][number]) =>
      !i.personLevel && !i.narrative.trim() && i.evidenceRefs.length === 0;
    const gaps = input.items.filter(
      (i) =>
        (i.status !== 'approved' && i.status !== 'not-applicable') ||
        i.stale ||
        (empty(i) && i.status !== 'not-applicable'),
    );
    expect(titles.sort()).toEqual(gaps.map((i) => i.title).sort());
    expect(titles).not.toContain('DfE/NHSE support-and-challenge notes'); // not applicable
    expect(titles).toContain('JSNA (SEND/CYP chapter)'); // stale
  });

  it('lists in the glossary only the abbreviations the rest of the pack uses', () => {
    const glossary = bodyText.slice(bodyText.lastIndexOf('Glossary'));
    const rest = bodyText.slice(0, bodyText.lastIndexOf('Glossary'));
    expect(glossary).toContain('JSNA');
    expect(glossary).toContain('Joint strategic needs assessment');
    expect(glossary).not.toContain(PLANTED.unusedTerm);
    for (const { term } of input.glossary) {
      if (glossary.includes(`\n${term}\n`)) expect(rest).toContain(term);
    }
  });

  it("with approved items only, prints other items' status but not their narrative or files", async () => {
    expect(bodyText).toContain(PLANTED.inProgressNarrative);
    const approvedOnly = await samplePackInput();
    approvedOnly.options.approvedOnly = true;
    const text = partText(docxParts(await buildPack(approvedOnly))['word/document.xml']!);
    expect(text).not.toContain(PLANTED.inProgressNarrative);
    expect(text).toContain('Mainstream inclusion / graduated approach');
    expect(text).toContain('includes approved items only');
    const notApproved = new Set(approvedOnly.items.filter((i) => i.status !== 'approved').map((i) => i.id));
    for (const e of approvedOnly.evidence) {
      if (notApproved.has(e.itemId)) expect(text).not.toContain(e.fileName);
      else expect(text).toContain(e.fileName);
    }
  });

  it('says DRAFT on every page only while the pack is a draft', async () => {
    const final = await samplePackInput();
    final.draft = false;
    const finalParts = docxParts(await buildPack(final));
    expect(allXml(finalParts)).not.toContain('DRAFT');
    for (const [name, xml] of Object.entries(parts))
      if (/^word\/header\d+\.xml$/.test(name)) expect(partText(xml)).toContain('DRAFT');
  });

  it('builds only the chosen sections', async () => {
    const some = await samplePackInput();
    some.options.sections = ['cover', 'metrics', 'glossary'];
    const text = partText(docxParts(await buildPack(some))['word/document.xml']!);
    expect(text).toContain('Key metrics');
    expect(text).toContain('Glossary');
    for (const absent of [
      'Document control',
      'Contents',
      'Readiness summary',
      'Evidence index',
      AREA_GROUPS[0]!.heading,
    ]) {
      expect(text.split('\n')).not.toContain(absent);
    }
    expect(text).not.toContain('LANO'); // used only in sections left out, so not in this glossary
  });

  it('copies alt text holding "$&" and other replacement patterns to the picture as it is', async () => {
    const dollars = await samplePackInput();
    dollars.charts[0]!.altText = "Costs $& $' $` $1 rose: 60% in 2024";
    const xml = docxParts(await buildPack(dollars))['word/document.xml']!;
    const [drawing] = xml.match(/<w:drawing>[\s\S]*?<\/w:drawing>/)!;
    const descr = [...drawing.matchAll(/<(?:wp:docPr|pic:cNvPr)\b[^>]*\bdescr="([^"]*)"/g)].map((m) =>
      decodeXml(m[1]!),
    );
    expect(descr).toEqual([dollars.charts[0]!.altText, dollars.charts[0]!.altText]);
  });

  it('gives a chart that has no image in words only', async () => {
    const noImage = await samplePackInput();
    noImage.charts[0]!.png = new Uint8Array();
    const xml = docxParts(await buildPack(noImage))['word/document.xml']!;
    expect(xml.match(/<w:drawing>/g)).toHaveLength(1);
    expect(partText(xml)).toContain(`Figure 1 in words: ${noImage.charts[0]!.altText}`);
  });
});

describe('buildPack: reproducible', () => {
  it('gives the same bytes for the same input (word/document.xml and the whole file)', async () => {
    const again = await buildPack(await samplePackInput());
    expect(docxParts(again)['word/document.xml']).toBe(documentXml);
    expect(sha(again)).toBe(sha(docx));
  });
});
