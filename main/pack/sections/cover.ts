import { AlignmentType, HeadingLevel, Paragraph, TextRun } from 'docx';
import type { PackBlock } from '../blocks';
import { formatDate, formatDateTime } from '../format';
import { approvalSummary } from '../model';
import { packKind } from '../pack-kinds';
import type { PackInput } from '../pack-input';
import { COLOUR, STYLE } from '../styles';

/** What the pack prints of the checklist, in words, for the cover and document control. */
export function contentsWords(input: PackInput): string {
  if (input.options.approvedOnly) return 'approved checklist items only; other items are listed as gaps';
  if (input.options.items) return 'the checklist items chosen for this pack; the others are listed as gaps';
  return 'every checklist item with a narrative or evidence, approved or not; the others are listed as gaps';
}

/** The cover: area, title, DRAFT when not everything is approved, version, when built, by whom, marking. */
export function coverSection(input: PackInput): PackBlock[] {
  const { applicable, approved } = approvalSummary(input);
  const la = input.area.laName
    ? `${input.area.laName}${input.area.laCode ? ` (local authority code ${input.area.laCode})` : ''}`
    : null;
  const line = (label: string, value: string) =>
    new Paragraph({
      style: STYLE.coverLine,
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
    });
  return [
    new Paragraph({ style: STYLE.coverArea, children: [new TextRun(input.area.name)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(packKind(input).title)] }),
    input.draft
      ? new Paragraph({
          style: STYLE.coverLine,
          spacing: { after: 360 },
          children: [
            new TextRun({ text: 'DRAFT: ', bold: true, color: COLOUR.draft }),
            new TextRun(`not every applicable checklist item is approved yet (${approved} of ${applicable} are).`),
          ],
        })
      : new Paragraph({
          style: STYLE.coverLine,
          spacing: { after: 360 },
          children: [
            new TextRun(
              approved === applicable
                ? `All ${applicable} applicable checklist items are approved.`
                : `${approved} of ${applicable} applicable checklist items are approved.`,
            ),
          ],
        }),
    ...(la ? [line('Local authority', la)] : []),
    line('Protective marking', input.marking),
    line('Version', String(input.version)),
    line('Built', formatDateTime(input.builtAt)),
    line('Prepared by', input.preparedBy),
    line('Contents', contentsWords(input)),
    ...(input.timeline ? [line('Evidence pack due', formatDate(input.timeline.packDue))] : []),
    new Paragraph({
      style: STYLE.note,
      alignment: AlignmentType.LEFT,
      spacing: { before: 1200 },
      children: [
        new TextRun(
          'This pack holds no information about individual children or young people. Person-level lists and case ' +
            'files go to the inspection team by secure transfer only.',
        ),
      ],
    }),
  ];
}
