import type { Response } from '../../shared/api/contract';

type Timeline = NonNullable<Response<'inspection.get'>>;

/** "3 working days left", "due today" or "due 2 working days ago": the one phrase the header and dashboard share. */
export function countdownText(timeline: Timeline): { text: string; late: boolean } {
  const left = timeline.workingDaysLeft;
  // Compared as dates first: on a weekend after the deadline no working day has passed, but the deadline has.
  const late = timeline.today > timeline.packDue;
  const ago = Math.max(1, -left);
  const text = late
    ? `The evidence pack was due ${ago} working day${ago === 1 ? '' : 's'} ago`
    : timeline.today === timeline.packDue
      ? 'The evidence pack is due today'
      : left > 1
        ? `${left} working days left`
        : left === 1
          ? '1 working day left'
          : 'The evidence pack is due on the next working day';
  return { text, late };
}
