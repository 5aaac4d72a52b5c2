import { body, fact, heading1, heading2, note, type PackBlock } from '../blocks';
import { formatDate, formatDateTime, plural } from '../format';
import { approvalSummary, groupLabel } from '../model';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';

/** Readiness per evaluation area (counts in words and numbers, never colour) and the notice-window dates. */
export function readinessSection(input: PackInput): PackBlock[] {
  const { applicable, approved, stale } = approvalSummary(input);
  const blocks: PackBlock[] = [
    heading1('Readiness summary'),
    body(
      `${approved} of ${applicable} applicable checklist items are approved. ` +
        `${stale === 0 ? 'No item has' : `${plural(stale, 'item')} ${stale === 1 ? 'has' : 'have'}`} out-of-date evidence.`,
    ),
    packTable({
      columns: [
        { header: 'Evaluation area (items)', weight: 22 },
        { header: 'Approved', weight: 13, align: 'right' },
        { header: 'Ready for review', weight: 13, align: 'right' },
        { header: 'In progress', weight: 13, align: 'right' },
        { header: 'Not started', weight: 13, align: 'right' },
        { header: 'Not applicable', weight: 13, align: 'right' },
        { header: 'Out of date', weight: 13, align: 'right' },
      ],
      rows: input.readiness.map((r) => [
        `${groupLabel(r.group)} (${r.total})`,
        String(r.approved),
        String(r.readyForReview),
        String(r.inProgress),
        String(r.notStarted),
        String(r.notApplicable),
        String(r.stale),
      ]),
    }),
    note(
      'An item that supports more than one evaluation area is counted under each of them. "Out of date" counts ' +
        'items whose newest evidence is older than their freshness rule allows, whatever their status.',
    ),
    heading2('Notice window'),
  ];
  const timeline = input.timeline;
  if (!timeline) {
    blocks.push(body('No inspection notification has been recorded yet, so there are no notice-window dates.'));
    return blocks;
  }
  blocks.push(
    fact('Inspection', timeline.presetName),
    fact('Notified', formatDateTime(timeline.notified)),
    fact('Evidence pack due', formatDate(timeline.packDue), { last: true, end: true }),
    packTable({
      columns: [
        { header: 'Milestone', weight: 50 },
        { header: 'Date', weight: 50 },
      ],
      rows: timeline.milestones.map((m) => [
        m.name,
        m.endDate && m.endDate !== m.date ? `${formatDate(m.date)} to ${formatDate(m.endDate)}` : formatDate(m.date),
      ]),
    }),
    note('Dates are working days from the notification, skipping weekends, bank holidays and local closures.'),
  );
  return blocks;
}
