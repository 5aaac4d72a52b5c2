import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../helpers/workspace';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { docxParts, libreOfficePdf, partText, styledTexts } from '../../fixtures/pack/docx-parts';

/** Issue 18, item 5: the briefing for schools and settings (sendpack build --kind briefing). */

const tempDir = useTempDirs();
const { backend: makeBackend } = useBackends();

describe('the briefing for schools and settings', () => {
  it('is a 2–4 page Word document with the summary, the timeline, what settings may be asked and contacts, and no item narratives', async () => {
    const dir = tempDir();
    const { folder } = await makeWorkspace(dir, { sample: true });
    const backend = makeBackend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    await call(backend, 'workspace.open', { path: folder });
    const built = await call(backend, 'pack.build', { kind: 'briefing', bundle: false });
    const docx = readFileSync(built.docxPath);
    const xml = docxParts(docx)['word/document.xml']!;
    expect(styledTexts(xml, 'Title')).toEqual(['Briefing for schools and settings']);
    expect(styledTexts(xml, 'Heading2')).toEqual([
      'Summary of our self-evaluation',
      'The inspection timeline',
      'What settings may be asked',
      'Contacts',
    ]);
    const text = partText(xml);
    // The summary is the sample's self-evaluation-summary narrative (catalogue 2026.2); without one, the ratings per area.
    expect(text).toMatch(
      /the partnership's view of its strengths and priorities|EC1: Identification and assessment: Secure/,
    );
    expect(text).toContain('Local area nominated officer: Assistant Director, Inclusion and SEND (LANO)');
    expect(text).toContain('Evidence pack due');
    // The checklist's narratives stay in the evidence pack.
    expect(text).not.toContain('374 of 548');
    const pdf = await libreOfficePdf(docx, 'briefing');
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.pages.length).toBeLessThanOrEqual(4);
    expect(pdf.all).toContain('What settings may be asked');

    // Privacy-checked like every build: a named child in the context stops it.
    await call(backend, 'selfEvaluation.saveContext', {
      text: 'Contact Mrs Jane Holloway on 07700 900123 about pupil Amelia Hart.',
    });
    const error = await refused(backend, 'pack.build', { kind: 'briefing', bundle: false });
    expect(error.message).toContain('local context');
  }, 180_000);
});
