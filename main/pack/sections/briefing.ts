import { HeadingLevel, Paragraph, TextRun } from 'docx';
import { body, bullet, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import { formatDate } from '../format';
import { showsContent } from '../model';
import type { PackInput } from '../pack-input';
import { packKind } from '../pack-kinds';
import { SUMMARY_ITEM_ID } from '../read-self-evaluation-input';
import { STYLE } from '../styles';
import { packTable } from '../tables';
import { latestRatings } from './executive-summary';

/**
 * What settings may be asked, in the framework's terms: the evaluation criteria say what inspectors look at, and the
 * handbook's case sampling and visits are how they meet settings. Kept general: the handbook does not list questions.
 */
const QUESTIONS = [
  "How you identify children's and young people's needs, and how quickly they are assessed (EC1).",
  'How children, young people and families take part in decisions about their plans and support (EC2).',
  'Whether children and young people get the right help at the right time, and how you work with health and care (EC3).',
  'How you prepare them for their next steps, and their outcomes (EC4).',
  'How they are valued, visible and included in your setting and the community (EC5).',
  'How you work with the local authority and health partners, and what has changed for your pupils recently.',
];

/**
 * The briefing for schools and settings: a short document (two to four pages) sent on the day of notification, with
 * the executive summary, the inspection timeline, what settings may be asked, and who to contact. No item narratives
 * beyond the summary; the whole workspace has passed the privacy check before it is built.
 */
export function briefingSection(input: PackInput): PackBlock[] {
  const blocks: PackBlock[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [new TextRun(`${packKind(input).title.replace(/^Area SEND inspection: b/, 'B')}`)],
    }),
    new Paragraph({
      style: STYLE.coverLine,
      children: [
        new TextRun({ text: input.area.name, bold: true }),
        new TextRun(` \u2014 area SEND inspection, ${formatDate(input.builtAt)}. ${input.marking}.`),
      ],
    }),
    body(
      'Ofsted and the Care Quality Commission are inspecting how the local area partnership (the council, the integrated care board and ' +
        'their partners) improves the experiences and outcomes of children and young people with special educational needs and ' +
        'disabilities (SEND). This briefing tells schools and settings what to expect.',
    ),
  ];
  const item = input.items.find((i) => i.id === SUMMARY_ITEM_ID);
  const summary = item && showsContent(item, input) ? narrativeParagraphs(item.narrative) : [];
  const ratings = latestRatings(input);
  blocks.push(heading2('Summary of our self-evaluation'));
  if (summary.length) blocks.push(...summary);
  else if (ratings.length)
    blocks.push(
      body('How we evaluate ourselves in each area of the framework:'),
      ...ratings.map((r, i) => bullet(`${r.label}: ${r.rating}`, { last: i === ratings.length - 1 })),
    );
  else blocks.push(body('Our self-evaluation will be shared with you separately.'));

  blocks.push(heading2('The inspection timeline'));
  const t = input.timeline;
  if (t) {
    blocks.push(
      body(`The partnership was notified on ${formatDate(t.notified)}.`),
      packTable({
        columns: [
          { header: 'What happens', weight: 60 },
          { header: 'When', weight: 40 },
        ],
        rows: t.milestones.map((m) => [
          m.name,
          m.endDate && m.endDate !== m.date ? `${formatDate(m.date)} to ${formatDate(m.endDate)}` : formatDate(m.date),
        ]),
      }),
    );
  } else {
    blocks.push(body('The dates will follow once the partnership has been notified of the inspection.'));
  }
  blocks.push(
    heading2('What settings may be asked'),
    body(
      'Inspectors may visit settings, talk to leaders, special educational needs coordinators (SENCOs) and staff, and meet children, young people and families. They may ask about:',
    ),
    ...QUESTIONS.map((q, i) => bullet(q, { last: i === QUESTIONS.length - 1 })),
    note(
      'Please do not share information about individual children with anyone other than the inspection team; case files go to them by secure transfer only.',
    ),
  );
  blocks.push(heading2('Contacts'));
  const contacts = input.selfEvaluation?.contacts ?? [];
  if (contacts.length)
    blocks.push(...contacts.map((c, i) => bullet(`${c.role}: ${c.name}`, { last: i === contacts.length - 1 })));
  else blocks.push(body("Contact the local authority's SEND service with any questions."));
  return blocks;
}
