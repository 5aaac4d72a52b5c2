import { body, heading1, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import { formatDate, formatShortDate, plural } from '../format';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';

/**
 * Progress since the last inspection: what the last inspection found (its outcome, and the previous report item's
 * narrative), then the plan's actions area by area, each with its lead, due date, status, latest update and measures.
 */
export function progressSection(input: PackInput): PackBlock[] {
  const p = input.progress;
  if (!p) return [];
  const blocks: PackBlock[] = [heading1('Progress since the last inspection')];
  if (p.outcome) {
    blocks.push(
      body(
        `The last inspection's site week began on ${formatDate(p.outcome.siteWeekStart)} and ended on ${formatDate(p.outcome.siteWeekEnd)}. ` +
          `Its outcome was "${p.outcome.label.toLowerCase()}". ${p.outcome.received ? `The partnership received the final report on ${formatDate(p.outcome.received)}` : 'The final report has not yet been received'}` +
          `${p.outcome.published ? ` and it was published on ${formatDate(p.outcome.published)}.` : '.'}`,
      ),
    );
  }
  if (p.previousReport) {
    const cited = new Map(input.evidence.map((e) => [e.fileId, e]));
    blocks.push(heading2(p.previousReport.title));
    blocks.push(...narrativeParagraphs(p.previousReport.narrative, { evidence: (id) => cited.get(id) }));
    if (p.previousReport.evidenceRefs.length)
      blocks.push(note(`Evidence: ${p.previousReport.evidenceRefs.join(', ')}.`));
  }
  const c = p.counts;
  if (c.actions) {
    blocks.push(heading2('The plan at a glance'));
    blocks.push(
      body(
        `${plural(c.actions, 'action')}: ${c.complete} complete, ${c.green} green, ${c.amber} amber, ${c.red} red` +
          `${c.noUpdate ? `, ${c.noUpdate} with no update yet` : ''}. ${c.overdue} overdue; ${plural(c.away, 'measure')} moving away from ${c.away === 1 ? 'its' : 'their'} target.`,
      ),
    );
  }
  for (const group of p.groups) {
    blocks.push(heading2(group.title));
    if (group.text) blocks.push(body(group.text, { keepNext: group.actions.length > 0 }));
    if (group.actions.length === 0) {
      blocks.push(note('No action answers this area.'));
      continue;
    }
    blocks.push(
      packTable({
        columns: [
          // 7, not 5: at 5 "No." wraps to "N / o." in a template's wider serif body font (Georgia, 11 pt).
          { header: 'No.', weight: 7 },
          { header: 'Action', weight: 31 },
          { header: 'Lead', weight: 16 },
          { header: 'Due', weight: 11 },
          { header: 'Status', weight: 12 },
          { header: 'Latest update', weight: 23 },
        ],
        rows: group.actions.map((a) => [
          String(a.id),
          a.action,
          a.lead,
          formatShortDate(a.due),
          a.status,
          a.latestUpdate ? `${formatShortDate(a.latestUpdate.date)}: ${a.latestUpdate.text}` : 'None yet',
        ]),
      }),
    );
    const measures = group.actions.flatMap((a) => a.measures.map((m) => ({ id: a.id, ...m })));
    if (measures.length) {
      blocks.push(body('Measures', { keepNext: true }));
      blocks.push(
        packTable({
          columns: [
            { header: 'No.', weight: 7 },
            { header: 'Metric', weight: 33 },
            { header: 'Baseline', weight: 16 },
            { header: 'Target', weight: 12 },
            { header: 'Latest', weight: 16 },
            { header: 'Progress', weight: 16 },
          ],
          rows: measures.map((m) => [String(m.id), m.title, m.baseline, m.target, m.latest, m.trend]),
        }),
      );
    }
  }
  return blocks;
}
