/**
 * The action plan as a Word document, with the pack's machinery: its styles, accessible tables (header rows that
 * repeat, fixed DXA widths), the protective marking on every page, en-GB language and the same finalising. After a
 * "widespread and/or systemic failings" outcome it is the priority action plan (area SEND); after the others, the
 * actions the updated strategic plan takes against the report's recommendations.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { OUTCOME_LABELS, RAG_LABELS, type Rag } from '../../../shared/domain/follow-up';
import { areaGroupOf } from '../../../shared/domain/evaluation-areas';
import { body, fact, heading2, note, type PackBlock } from '../blocks';
import { finaliseDocx } from '../finalise';
import { formatDate, formatDateTime, formatShortDate, plural } from '../format';
import { formatMetricValue } from '../format-figure';
import { packFooter, packHeader } from '../header-footer';
import { packTable } from '../tables';
import { PACK_NUMBERING, PACK_STYLES, PAGE, STYLE } from '../styles';
import { buildContentIntoTemplate, templateMarking } from '../template/build-into-template';
import type { CouncilTemplate } from '../template/council-template';
import type { PlanView } from '../../plan/plan-repository';
import { reportAreaLabel, reportAreaText } from '../../plan/plan-repository';

export interface ActionPlanInput {
  area: { name: string; laCode: string | null; laName: string | null };
  marking: string;
  /** A draft until the plan is signed off (the priority action plan) or the strategic plan is published. */
  draft: boolean;
  version: number;
  builtAt: string;
  preparedBy: string;
  plan: PlanView;
  /** Checklist item titles, by id, for the items actions link to. */
  itemTitles: Record<string, string>;
  smallNumberThreshold: number;
}

type Action = PlanView['actions'][number];
type Outcome = NonNullable<PlanView['outcome']>;

/** A sub-heading under an action (its Heading 2), kept with the table that follows: headings never skip a level. */
const heading3 = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, children: [new TextRun(text)] });

export function actionPlanTitle(outcome: Outcome | null): string {
  return outcome?.outcome === 'widespread'
    ? 'Priority action plan (area SEND)'
    : 'Improvement plan: response to the area SEND inspection';
}

const ragText = (rag: Rag | null) => (rag ? RAG_LABELS[rag] : 'No update yet');

function figure(value: number | null, unit: string, threshold: number): string {
  if (value === null) return 'not set';
  return formatMetricValue({ value, unit: unit as never, numerator: null, denominator: null }, threshold);
}

const TREND_WORDS = {
  met: 'Target met',
  towards: 'Moving towards the target',
  away: 'Moving away from the target',
  unchanged: 'No change since the baseline',
  unknown: 'Not yet known',
} as const;

function actionStatus(a: Action): string {
  if (a.completedOn) return `Complete (${formatShortDate(a.completedOn)})`;
  return `${ragText(a.rag)}${a.overdue ? '; overdue' : ''}`;
}

function overviewTable(actions: readonly Action[]): PackBlock {
  return packTable({
    columns: [
      { header: 'No.', weight: 7 },
      { header: 'Action', weight: 38 },
      { header: 'Lead', weight: 20 },
      { header: 'Due', weight: 13 },
      { header: 'Status', weight: 22 },
    ],
    rows: actions.map((a) => [String(a.id), a.action, a.lead, formatShortDate(a.due), actionStatus(a)]),
  });
}

function actionBlocks(a: Action, input: ActionPlanInput): PackBlock[] {
  const outcome = input.plan.outcome;
  const blocks: PackBlock[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      keepNext: true,
      children: [new TextRun(`Action ${a.id}: ${a.action}`)],
    }),
    fact('Lead', a.lead),
    fact('Senior responsible officer', a.sro || 'Not named'),
    fact('Due', formatDate(a.due)),
    fact('Evaluation area', `${a.area} ${areaGroupOf(a.area).shortName}`),
  ];
  if (a.reportArea) {
    blocks.push(
      fact('Responds to', `${reportAreaLabel(a.reportArea)}: ${reportAreaText(outcome, a.reportArea) ?? ''}`),
    );
  }
  if (a.itemIds.length)
    blocks.push(fact('Checklist items', a.itemIds.map((id) => input.itemTitles[id] ?? id).join('; ')));
  blocks.push(fact('Success criteria', a.successCriteria || 'Not set'));
  blocks.push(fact('Expected impact', a.expectedImpact || 'Not set'));
  blocks.push(fact('Status', actionStatus(a), { last: true, end: true }));
  if (a.metrics.length) {
    blocks.push(heading3('Measures'));
    blocks.push(
      packTable({
        columns: [
          { header: 'Metric', weight: 30 },
          { header: 'Baseline', weight: 16 },
          { header: 'Target', weight: 16 },
          { header: 'Latest', weight: 16 },
          { header: 'Progress', weight: 22 },
        ],
        rows: a.metrics.map((m) => [
          m.title,
          `${figure(m.baseline, m.unit, input.smallNumberThreshold)}${m.baselineDate ? ` (${m.baselineDate})` : ''}`,
          `${figure(m.target, m.unit, input.smallNumberThreshold)}${m.targetDate ? ` by ${formatShortDate(m.targetDate)}` : ''}`,
          m.latest === null
            ? 'No figure yet'
            : `${figure(m.latest, m.unit, input.smallNumberThreshold)} (${m.latestPeriod})`,
          TREND_WORDS[m.trend],
        ]),
      }),
    );
  }
  if (a.milestones.length) {
    blocks.push(heading3('Milestones'));
    blocks.push(
      packTable({
        columns: [
          { header: 'Milestone', weight: 56 },
          { header: 'Due', weight: 22 },
          { header: 'Done', weight: 22 },
        ],
        rows: a.milestones.map((m) => [
          m.text,
          formatShortDate(m.due, 'No date'),
          m.done ? formatShortDate(m.done) : 'Not yet',
        ]),
      }),
    );
  }
  blocks.push(heading3('Progress updates'));
  if (a.updates.length === 0) blocks.push(note('No progress update has been recorded yet.'));
  else {
    blocks.push(
      packTable({
        columns: [
          { header: 'Date', weight: 15 },
          { header: 'RAG', weight: 11 },
          { header: 'Update', weight: 54 },
          { header: 'By', weight: 20 },
        ],
        rows: [...a.updates].reverse().map((u) => [formatShortDate(u.date), RAG_LABELS[u.rag], u.text, u.by]),
      }),
    );
  }
  return blocks;
}

/** The actions grouped as the report set them out: each area for priority action, each area for improvement, then the rest. */
export function actionGroups(plan: PlanView): { title: string; text: string | null; actions: Action[] }[] {
  const outcome = plan.outcome;
  const groups: { title: string; text: string | null; actions: Action[] }[] = [];
  const add = (kind: 'priority' | 'improvement', list: readonly string[]) =>
    list.forEach((text, i) => {
      const ref = `${kind}:${i + 1}`;
      groups.push({ title: reportAreaLabel(ref), text, actions: plan.actions.filter((a) => a.reportArea === ref) });
    });
  add('priority', outcome?.areasForPriorityAction ?? []);
  add('improvement', outcome?.areasForImprovement ?? []);
  const linked = new Set(groups.flatMap((g) => g.actions.map((a) => a.id)));
  const others = plan.actions.filter((a) => !linked.has(a.id));
  if (others.length) groups.push({ title: groups.length ? 'Other actions' : 'Actions', text: null, actions: others });
  return groups;
}

export function actionPlanBlocks(input: ActionPlanInput): PackBlock[] {
  const { plan } = input;
  const outcome = plan.outcome;
  const title = actionPlanTitle(outcome);
  const blocks: PackBlock[] = [
    new Paragraph({ style: STYLE.coverArea, children: [new TextRun(input.area.name)] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
  ];
  if (input.draft) {
    blocks.push(
      note(
        outcome?.outcome === 'widespread'
          ? 'DRAFT: not yet signed off by the ICB board, cabinet or equivalent.'
          : 'DRAFT: the updated strategic plan is not yet published.',
      ),
    );
  }
  blocks.push(
    fact('Version', String(input.version)),
    fact('Built', formatDateTime(input.builtAt)),
    fact('Prepared by', input.preparedBy),
  );
  blocks.push(fact('Protective marking', input.marking, { last: true, end: true }));

  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('The inspection')] }));
  if (!outcome) blocks.push(body('No inspection outcome has been recorded in this workspace.'));
  else {
    blocks.push(fact('Outcome', OUTCOME_LABELS[outcome.outcome]));
    blocks.push(fact('Site week', `${formatDate(outcome.siteWeekStart)} to ${formatDate(outcome.siteWeekEnd)}`));
    blocks.push(fact('Final report received', formatDate(outcome.reportReceived, 'Not yet')));
    blocks.push(fact('Report published', formatDate(outcome.reportPublished, 'Not yet'), { last: true, end: true }));
    for (const [label, list] of [
      ['Areas for priority action', outcome.areasForPriorityAction],
      ['Areas for improvement', outcome.areasForImprovement],
    ] as const) {
      if (!list.length) continue;
      blocks.push(heading2(label));
      list.forEach((text, i) => blocks.push(body(`${i + 1}. ${text}`)));
    }
    blocks.push(heading2('Follow-up timeline'));
    blocks.push(
      packTable({
        columns: [
          { header: 'Step', weight: 46 },
          { header: 'Date', weight: 18 },
          { header: 'Status', weight: 36 },
        ],
        rows: plan.followUp.map((m) => [
          m.name,
          formatShortDate(m.date),
          m.done
            ? `Done ${formatShortDate(m.done)}`
            : m.verified || m.overridden
              ? m.date < plan.today
                ? 'Date passed'
                : 'Planned'
              : 'Typical; check with the inspection team',
        ]),
      }),
    );
  }

  blocks.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new TextRun('Summary of actions')],
    }),
  );
  const count = (rag: Rag) => plan.actions.filter((a) => !a.completedOn && a.rag === rag).length;
  const complete = plan.actions.filter((a) => a.completedOn).length;
  const overdue = plan.actions.filter((a) => a.overdue).length;
  const away = plan.actions.flatMap((a) => a.metrics).filter((m) => m.trend === 'away').length;
  blocks.push(
    body(
      plan.actions.length === 0
        ? 'The plan has no actions yet.'
        : `${plural(plan.actions.length, 'action')}: ${complete} complete, ${count('green')} green, ${count('amber')} amber, ${count('red')} red, ` +
            `${plan.actions.filter((a) => !a.completedOn && !a.rag).length} with no update yet; ${overdue} overdue. ` +
            `${plural(away, 'measure')} moving away from ${away === 1 ? 'its' : 'their'} target.`,
    ),
  );
  if (plan.actions.length) blocks.push(overviewTable(plan.actions));

  for (const group of actionGroups(plan)) {
    blocks.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(group.title)] }),
    );
    if (group.text) blocks.push(body(group.text, { keepNext: true }));
    if (group.actions.length === 0) blocks.push(note('No action answers this area yet.'));
    for (const a of group.actions) blocks.push(...actionBlocks(a, input));
  }
  return blocks;
}

export function actionPlanDocumentTitle(input: ActionPlanInput): string {
  return `${actionPlanTitle(input.plan.outcome)} \u2014 ${input.area.name}`;
}

/** The document's properties (File > Info in Word): its title, subject, author, version and marking. */
export function actionPlanProperties(input: ActionPlanInput) {
  return {
    title: actionPlanDocumentTitle(input),
    subject: `The ${input.area.name} local area partnership's actions after its area SEND inspection`,
    creator: input.preparedBy,
    lastModifiedBy: input.preparedBy,
    description: `Version ${input.version}, built ${formatDateTime(input.builtAt)}. ${input.marking}.${input.draft ? ' Draft.' : ''}`,
    keywords: 'SEND; area SEND inspection; action plan',
    revision: Math.max(1, input.version),
  };
}

/** The .docx bytes: a pure function of its input. */
export async function buildActionPlanDocument(input: ActionPlanInput): Promise<Buffer> {
  const document = new Document({
    ...actionPlanProperties(input),
    styles: PACK_STYLES,
    numbering: PACK_NUMBERING,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.marginTop,
              bottom: PAGE.marginBottom,
              left: PAGE.marginSide,
              right: PAGE.marginSide,
              header: PAGE.header,
              footer: PAGE.footer,
            },
          },
        },
        headers: { default: packHeader(input) },
        footers: { default: packFooter(input) },
        children: actionPlanBlocks(input),
      },
    ],
  });
  return finaliseDocx(await Packer.toBuffer(document), { builtAt: input.builtAt, language: 'en-GB' });
}

/**
 * The action plan built into the council's Word template, as the pack is (the same code): `{{pack}}` takes its body,
 * `{{title}}` is the plan's title, `{{marking}}` says DRAFT until the plan is signed off.
 */
export function buildActionPlanIntoTemplate(input: ActionPlanInput, template: CouncilTemplate): Promise<Buffer> {
  return buildContentIntoTemplate(
    {
      blocks: () => actionPlanBlocks(input),
      texts: {
        area: input.area.name,
        title: actionPlanDocumentTitle(input),
        version: String(input.version),
        date: formatDate(input.builtAt),
        marking: templateMarking(input),
      },
      properties: actionPlanProperties(input),
      builtAt: input.builtAt,
    },
    template,
  );
}
