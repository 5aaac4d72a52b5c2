import { describe, expect, it } from 'vitest';
import { buildPack } from '../../../main/pack/build-pack';
import type { PackInput, PackSelfEvaluationInput } from '../../../main/pack/pack-input';
import { docxParts, partText, styledTexts } from '../../fixtures/pack/docx-parts';
import { samplePackInput } from '../../fixtures/pack/sample-input';

/** Issue 18, item 2: the executive summary is the catalogue item self-evaluation-summary where the catalogue has it. */

const SUMMARY = 'Planted summary: the partnership knows itself well and acts on what it finds.';

const selfEvaluation: PackSelfEvaluationInput = {
  summary: '',
  headlines: [{ label: 'New EHC plans issued within 20 weeks (2025)', value: '68.2%', note: 'England 47.2%' }],
  context: { text: '', figures: [] },
  scale: ['Secure', 'Developing', 'Weak'],
  areas: [],
  voice: [],
  caseStudies: [],
  caseStudiesWithoutConsent: 0,
  kpis: [],
  contacts: [],
};

async function build(input: PackInput) {
  const xml = docxParts(await buildPack(input))['word/document.xml']!;
  return { headings: styledTexts(xml, 'Heading1'), text: partText(xml) };
}

describe('the executive summary', () => {
  it('prints the narrative of self-evaluation-summary with the headline figures, and leaves it out of an approved-only pack until approved', async () => {
    const base = await samplePackInput();
    const item = {
      ...base.items[0]!,
      id: 'self-evaluation-summary',
      title: 'Self-evaluation summary',
      narrative: SUMMARY,
      status: 'ready-for-review' as const,
    };
    const input: PackInput = {
      ...base,
      options: { ...base.options, sections: [] },
      items: [...base.items, item],
      selfEvaluation,
    };
    const full = await build(input);
    expect(full.headings.indexOf('Executive summary')).toBe(full.headings.indexOf('Document control') + 1);
    expect(full.text).toContain(SUMMARY);
    expect(full.text).toContain('England 47.2%');

    const approvedOnly = await build({ ...input, options: { ...input.options, approvedOnly: true } });
    expect(approvedOnly.text).not.toContain(SUMMARY);
    expect(approvedOnly.headings).toContain('Executive summary'); // the figures still print

    const withoutItem = await build({
      ...base,
      options: { ...base.options, sections: [] },
      selfEvaluation,
      items: base.items.filter((i) => i.id !== 'self-evaluation-summary'),
    });
    expect(withoutItem.text).toContain('The figures and ratings below are drawn from this workspace.');
  });

  it('leaves out every self-evaluation section that has nothing to say', async () => {
    const base = await samplePackInput();
    const empty = await build({
      ...base,
      options: { ...base.options, sections: [] },
      selfEvaluation: { ...selfEvaluation, headlines: [] },
    });
    for (const h of [
      'Executive summary',
      'Local context',
      'Self-evaluation',
      'Case studies',
      'Key performance indicators',
    ])
      expect(empty.headings).not.toContain(h);
  });
});
