import { AlignmentType, HeadingLevel, Paragraph, TextRun } from 'docx';
import type { PackBlock } from '../blocks';
import { formatDate, formatDateTime } from '../format';
import { approvalSummary } from '../model';
import type { PackInput } from '../pack-input';
import { COLOUR, STYLE } from '../styles';

/** The cover: area, title, DRAFT when not everything is approved, version, when built, by whom, marking. */
export function coverSection(input: PackInput): PackBlock[] {
  const { applicable, approved } = approvalSummary(input);
  const la = input.area.laName
    ? `${input.area.laName}${input.area.laCode ? ` (local authority code ${input.area.laCode})` : ''}`
    : null;
  const line = (label: string, value: string) => new Paragraph({
    style: STYLE.coverLine, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
  });
  return [
    new Paragraph({ style: STYLE.coverArea, children: [new TextRun(input.area.name)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Area SEND inspection: evidence pack')] }),
    input.draft
      ? new Paragraph({
        style: STYLE.coverLine, spacing: { after: 360 },
        children: [
          new TextRun({ text: 'DRAFT: ', bold: true, color: COLOUR.draft }),
          new TextRun(`not every applicable checklist item is approved yet (${approved} of ${applicable} are).`),
        ],
      })
      : new Paragraph({
        style: STYLE.coverLine, spacing: { after: 360 },
        children: [new TextRun(approved === applicable
          ? `All ${applicable} applicable checklist items are approved.`
          : `${approved} of ${applicable} applicable checklist items are approved.`)],
      }),
    ...(la ? [line('Local authority', la)] : []),
    line('Protective marking', input.marking),
    line('Version', String(input.version)),
    line('Built', formatDateTime(input.builtAt)),
    line('Prepared by', input.preparedBy),
    line('Contents', input.options.approvedOnly ? 'approved checklist items only' : 'every checklist item, approved or not'),
    ...(input.timeline ? [line('Evidence pack due', formatDate(input.timeline.packDue))] : []),
    new Paragraph({
      style: STYLE.note,
      alignment: AlignmentType.LEFT,
      spacing: { before: 1200 },
      children: [new TextRun(
        'This pack holds no information about individual children or young people. Person-level lists and case '
        + 'files go to the inspection team by secure transfer only.',
      )],
    }),
  ];
}
