import { describe, expect, it } from 'vitest';
import { attachFiles } from '../../../main/evidence/attachments-repository';
import { updateItem } from '../../../main/review/update-item';
import { extractText } from '../../../main/formats/extract-text';
import { scanWorkspace } from '../../../main/privacy/scan-workspace';
import { decideFile, markFalsePositive } from '../../../main/privacy/decisions';
import { listEvents } from '../../../main/audit/audit-events';
import { groupNhsNumber, makeNhsNumber, makeUln, makeUpn } from '../../../shared/domain/privacy/synthetic';
import type { FindingKind } from '../../../shared/domain/privacy/findings';
import { docx, p, pdf, pdfText, sst, worksheet, xlsx, STYLES_WITH_DATES } from '../../fixtures/extract/build';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();

const NHS = groupNhsNumber(makeNhsNumber(11));
const PLANTED: [FindingKind, string][] = [
  ['nhs-number', `Her NHS number is ${NHS} on the referral.`],
  ['uln', `Learner ULN ${makeUln(12)} is on the college roll.`],
  ['upn', `Pupil UPN ${makeUpn(13)} transferred in May.`],
  ['date-of-birth', 'Date of birth 03/04/2015 was checked.'],
  ['postcode', 'The family moved to SW1A 1AA last year.'],
  ['email', 'Mum wrote from j.bloggs1987@gmail.com about the plan.'],
  ['person-name', 'The review for pupil Jayden Smith was late.'],
  ['phone', 'Call the family on 07700 900123 after school.'],
  ['address', 'They live at 14 Acacia Avenue, Sheffield S1 2AB now.'],
  ['case-reference', 'Social care case ref: 4471902 was closed.'],
  ['former-upn', `Her former UPN ${makeUpn(14)} was replaced.`],
];
const EXPECTED = new Set(PLANTED.map(([kind]) => kind));
const lines = PLANTED.map(([, line]) => line);

describe('the workspace privacy check', () => {
  it('finds every kind of identifier in narratives and in txt, csv, docx, xlsx and pdf files, with its location', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(workspace.db, { itemId: 'self-evaluation', note: lines.join('\n\n') }, 'A');
    const files = [
      { name: 'notes.txt', bytes: new TextEncoder().encode(lines.join('\n')), where: /^line \d+$/ },
      {
        name: 'list.csv',
        bytes: new TextEncoder().encode(`note\n${lines.map((l) => `"${l}"`).join('\n')}\n`),
        where: /^row \d+$/,
      },
      { name: 'minutes.docx', bytes: docx(lines.map((l) => p(l)).join('')), where: /paragraph \d+$/ },
      {
        name: 'tracker.xlsx',
        bytes: xlsx(
          [
            {
              name: 'Cases',
              xml: worksheet(
                lines.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join(''),
              ),
            },
          ],
          sst(lines.map((l) => `<t>${l}</t>`)),
          STYLES_WITH_DATES,
        ),
        where: /^sheet Cases, row \d+$/,
      },
      { name: 'letter.pdf', bytes: pdf([pdfText(...lines)]), where: /^page 1$/ },
    ];
    for (const file of files)
      await attachFiles(
        workspace,
        'strategy-action-plan',
        [{ name: file.name, bytes: file.bytes }],
        {},
        'A',
        extractText,
      );
    const scan = scanWorkspace(workspace.db, { today: '2026-11-22' });

    const kindsIn = (filter: (l: (typeof scan.findings)[number]['location']) => boolean) =>
      new Set(scan.findings.filter((f) => filter(f.location)).map((f) => f.kind));
    expect(kindsIn((l) => l.field === 'narrative' && l.itemId === 'self-evaluation')).toEqual(
      expect.objectContaining({ size: EXPECTED.size }),
    );
    for (const kind of EXPECTED)
      expect(kindsIn((l) => l.field === 'narrative').has(kind), `narrative: ${kind}`).toBe(true);
    for (const file of files) {
      const inFile = scan.findings.filter((f) => f.location.fileName === file.name && f.location.field === 'file text');
      for (const kind of EXPECTED)
        expect(
          inFile.some((f) => f.kind === kind),
          `${file.name}: ${kind}`,
        ).toBe(true);
      for (const f of inFile) expect(f.location.detail, file.name).toMatch(file.where);
    }
    // No snippet anywhere shows a full identifier.
    for (const f of scan.findings) {
      expect(f.snippet.replace(/\s/g, '')).not.toContain(NHS.replace(/\s/g, ''));
      expect(f.snippet).not.toContain('j.bloggs1987@gmail.com');
      expect(f.snippet).not.toContain('Jayden');
    }
    expect(scan.blocking).toBeGreaterThan(0);
    workspace.close();
  });

  it('records a false positive and a left-out file in the audit trail, and then nothing blocks', async () => {
    const workspace = makeWorkspace(tempDir(), { open: 'writable' }).workspace;
    updateItem(workspace.db, { itemId: 'governance-map', note: `Paper ${NHS} agreed.` }, 'A');
    const [file] = await attachFiles(
      workspace,
      'send-strategy',
      [{ name: 'scan.pdf', bytes: pdf([' ']) }],
      {},
      'A',
      extractText,
    );
    let scan = scanWorkspace(workspace.db);
    expect(scan.unscanned.map((u) => u.fileName)).toEqual(['scan.pdf']);
    expect(scan.blocking).toBe(2);
    markFalsePositive(
      workspace.db,
      scan.findings.find((f) => f.kind === 'nhs-number')!.key,
      'A board paper number',
      'B',
    );
    decideFile(workspace.db, file!.id, 'excluded', 'Scanned letter, sent securely instead', 'B');
    scan = scanWorkspace(workspace.db);
    expect(scan.blocking).toBe(0);
    const events = listEvents(workspace.db).filter((e) => e.action.startsWith('privacy'));
    expect(events.map((e) => [e.action, e.reason, e.who])).toEqual([
      ['privacy-false-positive', 'A board paper number', 'B'],
      ['privacy-file-decision', 'Scanned letter, sent securely instead', 'B'],
    ]);
    expect(events[0]!.after).not.toContain(NHS);
    workspace.close();
  });
});
