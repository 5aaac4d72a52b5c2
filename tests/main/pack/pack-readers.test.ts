import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../../main/pack/build-pack';
import type { PackInput } from '../../../main/pack/pack-input';
import { AREA_GROUPS } from '../../../shared/domain/evaluation-areas';
import { libreOfficePdf, squash } from '../../fixtures/pack/docx-parts';
import { PLANTED, samplePackInput } from '../../fixtures/pack/sample-input';

/**
 * Generated packs read by real readers: LibreOffice (headless, to PDF, then pdftotext page by page) and mammoth.
 * LibreOffice, poppler and pandoc are installed by .ci/run; nothing here is skipped when they are missing.
 */

const LO_TIMEOUT = 120_000;
const SECTION_HEADINGS = [
  'Document control',
  'Readiness summary',
  'Key metrics',
  ...AREA_GROUPS.map((g) => g.heading),
  'Gaps and actions',
  'Evidence index',
  'Glossary',
];

let input: PackInput;
let docx: Buffer;
const citedEvidence = () => input.evidence.filter((e) => e.title !== PLANTED.personLevelEvidenceTitle);

beforeAll(async () => {
  input = await samplePackInput();
  docx = await buildPack(input);
});

describe('the pack in LibreOffice', () => {
  it(
    'converts to PDF with every area heading, metric, evidence reference, the contents, DRAFT and page X of N on every page',
    async () => {
      const { pages, all } = await libreOfficePdf(docx);
      expect(pages.length).toBeGreaterThan(20);
      const text = squash(all);
      for (const heading of SECTION_HEADINGS) expect(text).toContain(heading);
      for (const metric of input.metrics) expect(text).toContain(metric.title);
      for (const e of citedEvidence()) expect(text).toMatch(new RegExp(`\\b${e.ref}\\b`));

      const contentsPage = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
      expect(contentsPage).toBeGreaterThan(0);
      const contents = squash(pages[contentsPage]!);
      for (const heading of SECTION_HEADINGS) expect(contents).toContain(heading);

      pages.forEach((page, i) => {
        expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(page).toContain('DRAFT');
        expect(page).toContain('OFFICIAL-SENSITIVE');
        expect(page).toContain('Northshire');
      });
      expect(text).not.toContain('Amelia Hart');
      expect(text).not.toContain(PLANTED.personLevelEvidenceTitle);
    },
    LO_TIMEOUT,
  );

  it(
    'prints approved items only, with no DRAFT, when asked',
    async () => {
      const final = await samplePackInput();
      final.options.approvedOnly = true;
      final.draft = false;
      const { pages, all } = await libreOfficePdf(await buildPack(final), 'approved-only');
      const text = squash(all);
      expect(text).not.toContain(PLANTED.inProgressNarrative);
      expect(text).toContain('Mainstream inclusion / graduated approach');
      expect(text).not.toContain('DRAFT');
      expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    },
    LO_TIMEOUT,
  );
});

describe('the pack in mammoth', () => {
  it('reads the headings, contents, metrics, evidence references and alt text', async () => {
    const { value: raw } = await mammoth.extractRawText({ buffer: docx });
    const text = squash(raw);
    for (const heading of SECTION_HEADINGS) expect(text).toContain(heading);
    expect(text).toMatch(/\bContents\b/);
    for (const metric of input.metrics) expect(text).toContain(metric.title);
    for (const e of citedEvidence()) expect(text).toMatch(new RegExp(`\\b${e.ref}\\b`));
    expect(text).not.toContain(PLANTED.personLevelNarrative);

    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    expect(html.match(/<h1>/g)).toHaveLength(SECTION_HEADINGS.length);
    const alts = [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]!);
    expect(alts).toHaveLength(input.charts.length);
    for (const alt of alts) expect(alt.length).toBeGreaterThan(40);
    // Each table has its header row (and only that) in <thead>.
    const tablesHtml = html.match(/<table>[\s\S]*?<\/table>/g)!;
    for (const table of tablesHtml) {
      expect(table).toMatch(/^<table><thead><tr>(?:(?!<\/tr>).)*<\/tr><\/thead><tbody>/);
    }
  });
});
