import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace } from '../../helpers/workspace';
import { call, refused, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';
import { docxParts, partText, styledTexts, tables } from '../../fixtures/pack/docx-parts';

/** Issue 18, items 1 and 2: the self-evaluation grid, its ratings over time, and the sections built from it. */

const tempDir = useTempDirs();
const { workspace, backend: makeBackend } = useBackends();

function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cellTexts = (row: string) => [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => partText(m[0]).trim());

describe('the self-evaluation grid', () => {
  it('pre-fills what good looks like from the framework, keeps every dated rating, and records each change', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Dana Lead', area: 'Gridshire', laCode: '841' });
    const start = await call(backend, 'selfEvaluation.get', {});
    expect(start.scale).toEqual(['Secure', 'Developing', 'Weak']);
    expect(start.areas.map((a) => a.area)).toEqual(['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP']);
    expect(start.areas[0]!.whatGood).toBe(
      "Children and young people's needs are identified accurately and assessed in a timely and effective way",
    );

    await call(backend, 'selfEvaluation.save', {
      area: 'EC1',
      strengths: '- Timeliness up to 68%',
      impact: 'Families wait less.',
      nextSteps: 'Triage in every school (action A3).',
      evidence: [{ kind: 'item', id: 'ehcp-timeliness' }],
    });
    await call(backend, 'selfEvaluation.rate', { area: 'EC1', rating: 'weak', ratedOn: '2025-03-01' });
    const rated = await call(backend, 'selfEvaluation.rate', {
      area: 'EC1',
      rating: 'Secure',
      ratedOn: '2026-11-01',
      note: 'Board review',
    });
    expect(rated.areas[0]!.ratings.map((r) => [r.rating, r.ratedOn])).toEqual([
      ['Weak', '2025-03-01'],
      ['Secure', '2026-11-01'],
    ]);
    expect(rated.areas[0]!.whatGood).toContain('identified accurately'); // kept: only strengths, impact and next steps were given

    expect(
      await refused(backend, 'selfEvaluation.rate', { area: 'EC1', rating: 'Outstanding', ratedOn: '2026-11-02' }),
    ).toMatchObject({
      code: 'invalid-request',
      field: 'rating',
      message: expect.stringContaining('use Secure, Developing, Weak'),
    });
    expect(
      await refused(backend, 'selfEvaluation.rate', { area: 'EC9', rating: 'Secure', ratedOn: '2026-11-02' }),
    ).toMatchObject({ field: 'area' });
    expect(await refused(backend, 'selfEvaluation.setScale', { scale: ['Good', 'good'] })).toMatchObject({
      field: 'scale',
    });
    const scaled = await call(backend, 'selfEvaluation.setScale', {
      scale: ['Strong', 'Secure', 'Developing', 'Weak'],
    });
    expect(scaled.areas[0]!.ratings).toHaveLength(2); // earlier ratings outlive a change of scale

    const { events } = await call(backend, 'audit.list', {});
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['self-evaluation-edit', 'self-evaluation-rate', 'self-evaluation-scale']),
    );
  });

  it('builds the self-evaluation alone (sendpack build --kind self-evaluation): grid headed "What good looks like", trend, KPIs, case studies with consent', async () => {
    const dir = tempDir();
    const { backend } = await workspace(dir, { user: 'Dana Lead', area: 'Gridshire', laCode: '841' });
    await call(backend, 'selfEvaluation.save', {
      area: 'EC2',
      strengths: 'Co-production charter signed by every partner.',
      development: 'Section A voice.',
      evidence: [{ kind: 'item', id: 'coproduction-framework' }],
    });
    await call(backend, 'selfEvaluation.rate', { area: 'EC2', rating: 'Weak', ratedOn: '2025-06-01' });
    await call(backend, 'selfEvaluation.rate', { area: 'EC2', rating: 'Developing', ratedOn: '2026-11-01' });
    await call(backend, 'selfEvaluation.saveContext', {
      text: 'A coastal borough with 61,000 children and young people aged 0 to 25.',
    });
    await call(backend, 'checklist.update', {
      itemId: 'pcf-partnership',
      note: "The forum co-chairs the board's co-production group.",
    });
    await call(backend, 'selfEvaluation.saveCaseStudy', {
      title: 'A joined-up move to college',
      area: 'EC4',
      story: 'Planned from Year 10 with travel training.',
      consentRecorded: true,
      consentNote: 'young person and parent',
    });
    await call(backend, 'selfEvaluation.saveCaseStudy', {
      title: 'Planted unconsented story',
      area: 'EC3',
      story: 'Not to be printed.',
      consentRecorded: false,
    });
    const folder = backend.workspace!.folder;
    backend.close();

    const out = join(dir, 'se.docx');
    const run = sendpack(
      ['build', '--db', folder, '--kind', 'self-evaluation', '--out', out, '--user', 'Dana Lead'],
      join(dir, 'data'),
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built version 1 of the self-evaluation/);
    const parts = docxParts(readFileSync(out));
    const xml = parts['word/document.xml']!;
    expect(styledTexts(xml, 'Title')).toEqual(['Area SEND inspection: self-evaluation']);
    expect(styledTexts(xml, 'Heading1')).toEqual([
      'Document control',
      'Executive summary',
      'Local context',
      'Self-evaluation',
      'What it is like to be a child or young person with SEND in Gridshire',
      'Case studies',
      'Glossary',
    ]);
    const grid = tables(xml).find((rows) => partText(rows[0]!).includes('Where we are: strengths'))!;
    expect(cellTexts(grid[0]!)).toEqual([
      'What good looks like',
      'Where we are: strengths',
      'Areas for development',
      'Impact',
      'What we will do next',
    ]);
    expect(cellTexts(grid[1]!)[0]).toBe(
      'Children, young people and their families participate in decision-making about their individual plans and support',
    );
    const text = partText(xml);
    expect(text).toContain('Improved since 1 June 2025 (Weak)');
    expect(text).toContain('Checklist item: Co-production charter and evidence');
    expect(text).toContain('Consent: recorded (young person and parent)');
    expect(text).not.toContain('Planted unconsented story');
    expect(text).toContain('1 further case study is left out until consent is recorded.');
    expect(text).not.toContain('Gaps and actions'); // the evidence pack's sections are not in the self-evaluation
    // The self-evaluation grid is on landscape pages.
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);

    const refusedKind = sendpack(['build', '--db', folder, '--kind', 'memoir', '--out', out], join(dir, 'data'));
    expect(refusedKind.code).toBe(1);
    expect(refusedKind.stderr).toContain(
      '--kind: "memoir" is not a kind of document; use one of evidence-pack, self-evaluation, briefing',
    );
  }, 120_000);

  it('refuses a build while a case study holds personal data, naming it', async () => {
    const { backend } = await workspace(tempDir(), { user: 'Dana Lead', area: 'Gridshire', laCode: '841' });
    await call(backend, 'selfEvaluation.saveCaseStudy', {
      title: 'Transition',
      area: 'EC4',
      consentRecorded: true,
      story: 'Pupil Amelia Hart (UPN A123456789012) moved to college.',
    });
    const error = await refused(backend, 'pack.build', { bundle: false, kind: 'self-evaluation' });
    expect(error.message).toMatch(/The pack was not built/);
    expect(error.message).toContain('case study, Transition');
  });
});

describe("the sample area's self-evaluation", () => {
  it('carries a filled grid with a rating trend, context, voice, a case study and targets into the pack', async () => {
    const dir = tempDir();
    const { folder } = await makeWorkspace(dir, { sample: true });
    const backend = makeBackend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Dana Lead' });
    await call(backend, 'workspace.open', { path: folder });
    const state = await call(backend, 'selfEvaluation.get', {});
    expect(state.areas.find((a) => a.area === 'EC1')!.ratings.map((r) => r.rating)).toEqual([
      'Weak',
      'Developing',
      'Secure',
    ]);
    expect(state.context.text).toContain('Kestrelmouth');
    expect(state.caseStudies).toHaveLength(1);
    const built = await call(backend, 'pack.build', { bundle: false });
    const xml = docxParts(readFileSync(built.docxPath))['word/document.xml']!;
    const headings = styledTexts(xml, 'Heading1');
    for (const h of [
      'Executive summary',
      'Local context',
      'Self-evaluation',
      'Case studies',
      'Key performance indicators',
      'Key metrics',
    ])
      expect(headings).toContain(h);
    expect(
      headings.some((h) => h.startsWith('What it is like to be a child or young person with SEND in Kestrelmouth')),
    ).toBe(true);
    expect(headings.indexOf('Self-evaluation')).toBeLessThan(headings.indexOf('Key metrics'));
    const kpi = tables(xml).find(
      (rows) => partText(rows[0]!).startsWith('Measure') && partText(rows[0]!).includes('Baseline'),
    )!;
    expect(cellTexts(kpi[1]!).slice(0, 4)).toEqual([
      'New EHC plans issued within 20 weeks',
      '38.4% (2022)',
      '75.0% by 2026',
      '68.2% (2025)',
    ]);
    expect(cellTexts(kpi[1]!)[4]).toBe('Up from 41.2% (2021) to 68.2% (2025): improving');
    // The local context's figures come from the imported data, beside England, under the officers' own words.
    const context = tables(xml).find((rows) => cellTexts(rows[0]!).join('|') === 'Figure|Value|England')!;
    expect(context.slice(1).map((row) => cellTexts(row)[0])).toEqual([
      'EHC plans held at the January census (0\u201325) (2025/26)',
      'Pupils with an EHC plan (2025/26)',
      'Pupils on SEN support (2025/26)',
    ]);
    expect(context.slice(1).map((row) => cellTexts(row).slice(1))).toEqual([
      ['3,395', 'England 706,400'],
      ['5.8%', 'England 5.9%'],
      ['14.9%', expect.stringMatching(/^England \d+\.\d%$/)],
    ]);
  }, 120_000);
});
