import { z } from 'zod';
import { INSPECTION_PRESET_IDS, MILESTONE_IDS } from '../domain/inspection-presets';
import { AREA_GROUP_IDS } from '../domain/evaluation-areas';
import { ChecklistItemSchema, IsoDateSchema } from './schemas';

export const PresetIdSchema = z.enum(INSPECTION_PRESET_IDS);
export const MilestoneIdSchema = z.enum(MILESTONE_IDS);
export const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');

export const MilestoneSchema = z.object({
  id: MilestoneIdSchema,
  name: z.string(),
  date: z.string(),
  workingDay: z.number(),
  endDate: z.string().optional(),
  durationWorkingDays: z.number().optional(),
  overridden: z.boolean(),
  verified: z.boolean(),
  note: z.string(),
});

export const TimelineSchema = z.object({
  inspection: z.object({
    notifiedDate: z.string(),
    notifiedTime: z.string().nullable(),
    preset: PresetIdSchema,
    leadOfficer: z.string(),
    milestoneOverrides: z.record(z.string(), z.string()),
    recordedAt: z.string(),
    recordedBy: z.string(),
  }),
  presetName: z.string(),
  milestones: z.array(MilestoneSchema),
  packDue: z.string(),
  today: z.string(),
  workingDayToday: z.number(),
  workingDaysLeft: z.number(),
  todayIsWorkingDay: z.boolean(),
});

export const DashboardSchema = z.object({
  timeline: TimelineSchema.nullable(),
  readiness: z.array(
    z.object({
      group: z.enum(AREA_GROUP_IDS),
      name: z.string(),
      total: z.number(),
      done: z.number(),
      percent: z.number(),
    }),
  ),
  overall: z.object({ total: z.number(), done: z.number(), percent: z.number() }),
  overdue: z.array(ChecklistItemSchema),
  stale: z.array(ChecklistItemSchema),
  undated: z.array(ChecklistItemSchema),
  nextSteps: z.array(
    z.object({
      id: z.enum(['notification', 'owners', 'data', 'evidence', 'privacy']),
      label: z.string(),
      done: z.boolean(),
      detail: z.string(),
    }),
  ),
  mine: z.array(ChecklistItemSchema),
  byOwner: z.array(z.object({ owner: z.string(), remaining: z.number(), overdue: z.number() })),
});

export const HolidaySchema = z.strictObject({
  date: IsoDateSchema,
  name: z.string().trim().min(1, 'must not be empty').max(100),
});
export const HolidayOverridesSchema = z.strictObject({
  add: z.array(HolidaySchema).max(200),
  remove: z.array(IsoDateSchema).max(200),
});

export const NotificationSchema = z.strictObject({
  date: IsoDateSchema,
  time: TimeSchema.nullable().default(null),
  preset: PresetIdSchema.default('full'),
  leadOfficer: z.string().trim().max(200, 'must be at most 200 characters').default(''),
});
