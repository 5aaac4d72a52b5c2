import type { WritableDB } from '../store/database';
/**
 * The sample area's previous inspection (resources/sample/previous-inspection.json): its outcome and the plan that
 * followed, part-way through, recorded through the plan store as an officer's would be. Dates count from the day
 * the sample is made, so the plan is always part-way through: some actions complete, some on track, one behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EvaluationAreaSchema } from '../../shared/api/schemas';
import { FOLLOW_UP_MILESTONES, OUTCOMES, RAGS, followUpMilestones } from '../../shared/domain/follow-up';
import { addMonths, addWorkingDays, nextWorkingDayOnOrAfter } from '../../shared/domain/working-days';
import { workspaceCalendar } from '../inspection/calendar-settings';
import { addAction, addProgressUpdate, getOutcome, recordOutcome, setFollowUp } from '../plan/plan-repository';

const months = z.number().int().min(0).max(60);
const PreviousInspectionSchema = z.strictObject({
  comment: z.string().optional(),
  outcome: z.enum(OUTCOMES),
  siteWeekMonthsAgo: z.number().int().min(6).max(72),
  receivedWorkingDaysAfter: z.number().int().min(1).max(120),
  publishedWorkingDaysAfter: z.number().int().min(1).max(120),
  areasForPriorityAction: z.array(z.string().min(1)),
  areasForImprovement: z.array(z.string().min(1)),
  followUpDone: z.array(z.enum(FOLLOW_UP_MILESTONES)).default([]),
  actions: z.array(
    z.strictObject({
      action: z.string().min(1),
      area: EvaluationAreaSchema,
      respondsTo: z.string().nullable().default(null),
      lead: z.string().min(1),
      sro: z.string(),
      dueMonths: months,
      completedMonths: months.optional(),
      successCriteria: z.string(),
      expectedImpact: z.string(),
      items: z.array(z.string()),
      metrics: z.array(
        z.strictObject({ metricId: z.string(), baseline: z.number(), baselineDate: z.string(), target: z.number() }),
      ),
      milestones: z.array(
        z.strictObject({ text: z.string().min(1), dueMonths: months, doneMonths: months.nullable() }),
      ),
      updates: z.array(z.strictObject({ months, rag: z.enum(RAGS), text: z.string().min(1), by: z.string().min(1) })),
    }),
  ),
});

export function loadPreviousInspection(dir: string): z.output<typeof PreviousInspectionSchema> | null {
  const path = join(dir, 'previous-inspection.json');
  if (!existsSync(path)) return null;
  const parsed = PreviousInspectionSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `The sample's previous-inspection.json is not valid: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

/** Records the previous inspection and its plan; throws if the sample would date anything after `today`. */
export function recordPreviousInspection(db: WritableDB, dir: string, who: string, at: string, today: string): void {
  const previous = loadPreviousInspection(dir);
  if (!previous) return;
  const calendar = workspaceCalendar(db);
  const siteWeekStart = nextWorkingDayOnOrAfter(addMonths(today, -previous.siteWeekMonthsAgo), calendar);
  const lastDay = addWorkingDays(siteWeekStart, 4, calendar);
  const received = addWorkingDays(lastDay, previous.receivedWorkingDaysAfter, calendar);
  const published = addWorkingDays(lastDay, previous.publishedWorkingDaysAfter, calendar);
  recordOutcome(
    db,
    {
      outcome: previous.outcome,
      siteWeekStart,
      siteWeekEnd: null,
      reportReceived: received,
      reportPublished: published,
      areasForImprovement: previous.areasForImprovement,
      areasForPriorityAction: previous.areasForPriorityAction,
    },
    who,
    at,
  );
  const after = (m: number) => addMonths(received, m);
  const past = (date: string, what: string) => {
    if (date > today) throw new Error(`The sample's previous-inspection.json dates ${what} after today (${date}).`);
    return date;
  };
  for (const done of previous.followUpDone) {
    const step = followUpMilestones(getOutcome(db)!, calendar).find((m) => m.id === done);
    if (step) setFollowUp(db, done, { done: past(step.date, done) }, who, at);
  }
  for (const a of previous.actions) {
    const id = addAction(
      db,
      {
        action: a.action,
        area: a.area,
        reportArea: a.respondsTo,
        lead: a.lead,
        sro: a.sro,
        due: after(a.dueMonths),
        successCriteria: a.successCriteria,
        expectedImpact: a.expectedImpact,
        itemIds: a.items,
        metrics: a.metrics.map((m) => ({ ...m, targetDate: null })),
        milestones: a.milestones.map((m) => ({
          text: m.text,
          due: after(m.dueMonths),
          done: m.doneMonths === null ? null : past(after(m.doneMonths), m.text),
        })),
        completedOn: a.completedMonths === undefined ? null : past(after(a.completedMonths), a.action),
      },
      who,
      at,
    );
    for (const u of a.updates)
      addProgressUpdate(
        db,
        { actionId: id, rag: u.rag, text: u.text, date: past(after(u.months), u.text), by: u.by },
        who,
        at,
        today,
      );
  }
}
