import { workingDaysBetween, type WorkingDayCalendar } from './working-days';
import { formatDisplayDate } from './dates';

/** A notification date further than this from today, in working days, is asked about before it is recorded. */
export const NOTIFICATION_DATE_TOLERANCE = 5;

/**
 * Why a notification date looks mistyped (issue 16 §6): more than five working days before or after today. A
 * notice window is five working days, so a call further back or ahead is almost always a slip (the wrong year, the
 * day and month swapped). Answers null for a date that looks right.
 */
export function notificationDateConcern(date: string, today: string, calendar: WorkingDayCalendar): string | null {
  const days = workingDaysBetween(today, date, calendar);
  if (Math.abs(days) <= NOTIFICATION_DATE_TOLERANCE) return null;
  const span = `${Math.abs(days)} working days`;
  return days < 0
    ? `${formatDisplayDate(date)} is ${span} before today (${formatDisplayDate(today)}). A notice window lasts five working days, so check the date of the call.`
    : `${formatDisplayDate(date)} is ${span} after today (${formatDisplayDate(today)}). The notification is recorded when the call has come, so check the date.`;
}
