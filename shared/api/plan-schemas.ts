import { z } from 'zod';
import { FOLLOW_UP_MILESTONES, OUTCOMES, RAGS } from '../domain/follow-up';
import { EvaluationAreaSchema, IsoDateSchema } from './schemas';

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
      message: 'must not contain control characters',
    })
    .trim();
const required = (max: number) => text(max).pipe(z.string().min(1, 'must not be empty'));

export const OutcomeIdSchema = z.enum(OUTCOMES);
export const RagSchema = z.enum(RAGS);
export const FollowUpMilestoneIdSchema = z.enum(FOLLOW_UP_MILESTONES);
/** Which of the report's areas an action answers: "priority:2" is area for priority action 2, "improvement:1" … */
export const ReportAreaRefSchema = z
  .string()
  .regex(/^(priority|improvement):[1-9]\d{0,2}$/, 'must be priority:N or improvement:N');

/** The areas the report lists, one per line as typed or pasted: blank lines dropped. */
export const ReportAreasSchema = z.array(required(2_000)).max(50, 'must be at most 50 areas');

export const OutcomeInputSchema = z.strictObject({
  outcome: OutcomeIdSchema,
  siteWeekStart: IsoDateSchema,
  siteWeekEnd: IsoDateSchema.nullable().default(null),
  reportReceived: IsoDateSchema.nullable().default(null),
  reportPublished: IsoDateSchema.nullable().default(null),
  /** Absent: keep the areas already recorded. */
  areasForImprovement: ReportAreasSchema.optional(),
  areasForPriorityAction: ReportAreasSchema.optional(),
});

export const FollowUpMilestoneSchema = z.object({
  id: FollowUpMilestoneIdSchema,
  name: z.string(),
  date: z.string(),
  overridden: z.boolean(),
  verified: z.boolean(),
  done: z.string().nullable(),
  note: z.string(),
});

export const ActionMetricSchema = z.strictObject({
  metricId: z.string().trim().min(1, 'must name a metric').max(100),
  baseline: z.number().finite().nullable().default(null),
  /** The period or date the baseline is for, e.g. "2024" or "2024-03-31". */
  baselineDate: text(40).default(''),
  target: z.number().finite().nullable().default(null),
  targetDate: IsoDateSchema.nullable().default(null),
});

export const ActionMilestoneSchema = z.strictObject({
  text: required(500),
  due: IsoDateSchema.nullable().default(null),
  done: IsoDateSchema.nullable().default(null),
});

export const ActionFieldsSchema = z.strictObject({
  action: required(2_000),
  area: EvaluationAreaSchema,
  reportArea: ReportAreaRefSchema.nullable().default(null),
  lead: required(200),
  sro: text(200).default(''),
  due: IsoDateSchema,
  successCriteria: text(4_000).default(''),
  expectedImpact: text(4_000).default(''),
  itemIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  metrics: z.array(ActionMetricSchema).max(20).default([]),
  milestones: z.array(ActionMilestoneSchema).max(50).default([]),
  completedOn: IsoDateSchema.nullable().default(null),
});

export const ProgressUpdateInputSchema = z.strictObject({
  actionId: z.number().int().positive(),
  rag: RagSchema,
  text: required(4_000),
  date: IsoDateSchema.optional(),
  /** Who gave the update; the officer recording it by default. */
  by: text(200).optional(),
});

export const MetricProgressSchema = z.object({
  metricId: z.string(),
  title: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  baselineDate: z.string(),
  target: z.number().nullable(),
  targetDate: z.string().nullable(),
  latest: z.number().nullable(),
  latestPeriod: z.string().nullable(),
  /** 'met': at or past the target; 'towards' / 'away': closer to or further from it than the baseline. */
  trend: z.enum(['met', 'towards', 'away', 'unchanged', 'unknown']),
});

export const ProgressUpdateSchema = z.object({
  id: z.number(),
  date: z.string(),
  rag: RagSchema,
  text: z.string(),
  by: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const PlanActionSchema = z.object({
  id: z.number(),
  action: z.string(),
  area: EvaluationAreaSchema,
  reportArea: z.string().nullable(),
  lead: z.string(),
  sro: z.string(),
  due: z.string(),
  successCriteria: z.string(),
  expectedImpact: z.string(),
  itemIds: z.array(z.string()),
  metrics: z.array(MetricProgressSchema),
  milestones: z.array(z.object({ text: z.string(), due: z.string().nullable(), done: z.string().nullable() })),
  completedOn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  updates: z.array(ProgressUpdateSchema),
  rag: RagSchema.nullable(),
  overdue: z.boolean(),
});

export const OutcomeViewSchema = z.object({
  outcome: OutcomeIdSchema,
  outcomeLabel: z.string(),
  siteWeekStart: z.string(),
  siteWeekEnd: z.string(),
  siteWeekEndRecorded: z.boolean(),
  reportReceived: z.string().nullable(),
  reportPublished: z.string().nullable(),
  areasForImprovement: z.array(z.string()),
  areasForPriorityAction: z.array(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const PlanViewSchema = z.object({
  outcome: OutcomeViewSchema.nullable(),
  followUp: z.array(FollowUpMilestoneSchema),
  actions: z.array(PlanActionSchema),
  today: z.string(),
  /** True when the follow-up phase is the current one: an outcome is recorded and no later notification. */
  current: z.boolean(),
});
