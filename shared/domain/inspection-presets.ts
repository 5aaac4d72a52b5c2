/**
 * Inspection timeline presets: the milestones of each kind of inspection, placed in working days from working
 * day 0 (the notification date, or the next working day if notice came on a non-working day; see workingDayZero).
 *
 * The values live in one data table, INSPECTION_PRESETS, so they can be reviewed and changed in one place; the app
 * can also pass an edited copy of a preset, and every computed date can be overridden. `verified: false` marks
 * values not confirmed against a primary text (docs/domain/area-send-inspection.md §1 and §8 q3): show them
 * as defaults to check, not as facts. Source keys in the notes ([R4] etc.) are those of the docs/domain §7.
 */
import {
  addWorkingDays,
  nextWorkingDayOnOrAfter,
  parseIsoDate,
  workingDayZero,
  workingDaysBetween,
  type IsoDate,
  type WorkingDayCalendar,
} from './working-days';

export const INSPECTION_PRESET_IDS = ['full', 'monitoring', 'legacy5'] as const;
export type InspectionPresetId = (typeof INSPECTION_PRESET_IDS)[number];

export const MILESTONE_IDS = [
  'notification',
  'information-request',
  'set-up-call',
  'evidence-pack-due',
  'fieldwork-begins',
  'site-visit',
  'final-feedback',
] as const;
export type MilestoneId = (typeof MILESTONE_IDS)[number];

/** The milestone whose date is the evidence pack deadline. */
export const PACK_DUE_MILESTONE: MilestoneId = 'evidence-pack-due';

export interface MilestoneDefinition {
  id: MilestoneId;
  name: string;
  /** Working days after working day 0 (0 = working day 0 itself). */
  workingDay: number;
  /** For a span (the site visit): its length in working days, counting its first day. */
  durationWorkingDays?: number;
  note: string;
  /** True only when docs/domain confirms this timing from a source. */
  verified: boolean;
}

export interface InspectionPreset {
  id: InspectionPresetId;
  name: string;
  milestones: readonly MilestoneDefinition[];
}

export const INSPECTION_PRESETS: Readonly<Record<InspectionPresetId, InspectionPreset>> = {
  full: {
    id: 'full',
    name: 'Area SEND full inspection (2023 framework)',
    milestones: [
      {
        id: 'notification',
        name: 'Notification',
        workingDay: 0,
        verified: true,
        note: 'Call to leaders; the notification date is working day 0 [R4][R18]',
      },
      {
        id: 'information-request',
        name: 'Information request',
        workingDay: 0,
        verified: false,
        note:
          'Handbook Annex A request, made in week 1 [R4][R5]; the exact day, and which items are due when, ' +
          'are unverified (docs/domain §8 q1)',
      },
      {
        id: 'set-up-call',
        name: 'Set-up discussion',
        workingDay: 1,
        verified: false,
        note: 'Set-up discussion with the LANO in week 1 [R4][R18]; the day after notification is an assumption',
      },
      {
        id: 'evidence-pack-due',
        name: 'Evidence pack due',
        workingDay: 5,
        verified: false,
        note: 'Local planning deadline, by default 5 working days after notification; not an inspectorate deadline',
      },
      {
        id: 'fieldwork-begins',
        name: 'Fieldwork begins',
        workingDay: 8,
        verified: true,
        note: 'Tracking and case sampling can start before the site week [R4]',
      },
      {
        id: 'site-visit',
        name: 'Site week',
        workingDay: 10,
        durationWorkingDays: 5,
        verified: true,
        note: 'Five-day site week in week 3, from working day 10 [R4][R18][R19]',
      },
      {
        id: 'final-feedback',
        name: 'Final feedback',
        workingDay: 14,
        verified: false,
        note: 'Final feedback meeting in the site week [R4][R18]; placing it on the last day is an assumption',
      },
    ],
  },
  monitoring: {
    id: 'monitoring',
    name: 'Monitoring inspection (2023 framework)',
    milestones: [
      {
        id: 'notification',
        name: 'Notification',
        workingDay: 0,
        verified: false,
        note:
          'Monitoring-inspection notice length is unverified (docs/domain §8 q3); modelled on the full ' + 'inspection',
      },
      {
        id: 'information-request',
        name: 'Information request',
        workingDay: 0,
        verified: false,
        note: 'Assumed as for a full inspection (unverified)',
      },
      {
        id: 'set-up-call',
        name: 'Set-up discussion',
        workingDay: 1,
        verified: false,
        note: 'Assumed as for a full inspection (unverified)',
      },
      {
        id: 'evidence-pack-due',
        name: 'Evidence pack due',
        workingDay: 5,
        verified: false,
        note: 'Local planning deadline, by default 5 working days after notification (unverified)',
      },
      {
        id: 'fieldwork-begins',
        name: 'Fieldwork begins',
        workingDay: 8,
        verified: false,
        note: 'Assumed as for a full inspection (unverified)',
      },
      {
        id: 'site-visit',
        name: 'Site visit',
        workingDay: 10,
        durationWorkingDays: 3,
        verified: false,
        note: 'Start and length of a monitoring visit are unverified (docs/domain §8 q3); 3 days assumed',
      },
      {
        id: 'final-feedback',
        name: 'Final feedback',
        workingDay: 12,
        verified: false,
        note: 'Assumed on the last day of the site visit (unverified)',
      },
    ],
  },
  legacy5: {
    id: 'legacy5',
    name: "5 working days' notice (2016 framework)",
    milestones: [
      {
        id: 'notification',
        name: 'Notification',
        workingDay: 0,
        verified: true,
        note: "5 working days' notice to the DCS and CCG lead [S1][R6][R7]",
      },
      {
        id: 'evidence-pack-due',
        name: 'Evidence pack due',
        workingDay: 5,
        verified: false,
        note: "The app's default for every preset: 5 working days after notification, here the first day on site (unverified)",
      },
      {
        id: 'site-visit',
        name: 'Site visit',
        workingDay: 5,
        durationWorkingDays: 5,
        verified: true,
        note:
          'On site 5 working days after the call, e.g. call on a Monday, on site the next Monday [R8]; up to 5 ' +
          'days on site [S1][R7][R8], planned here as 5',
      },
      {
        id: 'final-feedback',
        name: 'Final feedback',
        workingDay: 9,
        verified: false,
        note: 'Assumed on the last day of the site visit (unverified)',
      },
    ],
  },
};

export function isInspectionPresetId(value: unknown): value is InspectionPresetId {
  return typeof value === 'string' && (INSPECTION_PRESET_IDS as readonly string[]).includes(value);
}

export interface MilestoneDate {
  id: MilestoneId;
  name: string;
  /** The milestone's date: the override if there is one, otherwise computed from working day 0. */
  date: IsoDate;
  /**
   * Its working-day number counted from working day 0 (for an overridden date, recomputed: a date on a
   * non-working day gets the number of the last working day before it).
   */
  workingDay: number;
  /** Last working day of a span (the site visit), counted from `date` (or the first working day after it). */
  endDate?: IsoDate;
  durationWorkingDays?: number;
  /** True when the date came from the overrides. */
  overridden: boolean;
  verified: boolean;
  note: string;
}

export type MilestoneOverrides = Partial<Record<MilestoneId, IsoDate>>;

function resolvePreset(preset: InspectionPresetId | InspectionPreset): InspectionPreset {
  if (typeof preset !== 'string') return preset;
  if (!isInspectionPresetId(preset)) throw new RangeError(`Unknown inspection preset: ${String(preset)}`);
  return INSPECTION_PRESETS[preset];
}

/**
 * The dates of a preset's milestones, in the preset's order, for a notification on `notificationDate`.
 * An overridden date wins ("every date is editable") and its working-day number is recomputed from working day 0;
 * a span's end date follows its (possibly overridden) start. Overrides for milestones the preset does not have,
 * and invalid dates, throw a RangeError.
 */
export function milestoneDates(
  preset: InspectionPresetId | InspectionPreset,
  notificationDate: IsoDate,
  calendar: WorkingDayCalendar,
  overrides?: MilestoneOverrides,
): MilestoneDate[] {
  const definition = resolvePreset(preset);
  const dayZero = workingDayZero(notificationDate, calendar);
  const known = new Set<string>(definition.milestones.map((m) => m.id));
  for (const [id, date] of Object.entries(overrides ?? {})) {
    if (!known.has(id)) throw new RangeError(`Preset ${definition.id} has no milestone ${id}`);
    if (date !== undefined) parseIsoDate(date);
  }
  return definition.milestones.map((milestone) => {
    const override = overrides?.[milestone.id];
    const date = override ?? addWorkingDays(dayZero, milestone.workingDay, calendar);
    const result: MilestoneDate = {
      id: milestone.id,
      name: milestone.name,
      date,
      workingDay: override === undefined ? milestone.workingDay : workingDaysBetween(dayZero, override, calendar),
      overridden: override !== undefined,
      verified: milestone.verified,
      note: milestone.note,
    };
    if (milestone.durationWorkingDays !== undefined) {
      result.durationWorkingDays = milestone.durationWorkingDays;
      const firstDay = nextWorkingDayOnOrAfter(date, calendar);
      result.endDate = addWorkingDays(firstDay, Math.max(milestone.durationWorkingDays - 1, 0), calendar);
    }
    return result;
  });
}

/** The evidence pack deadline: the 'evidence-pack-due' milestone of milestoneDates. */
export function packDueDate(
  preset: InspectionPresetId | InspectionPreset,
  notificationDate: IsoDate,
  calendar: WorkingDayCalendar,
  overrides?: MilestoneOverrides,
): IsoDate {
  const due = milestoneDates(preset, notificationDate, calendar, overrides).find((m) => m.id === PACK_DUE_MILESTONE);
  if (!due) throw new RangeError(`Preset has no ${PACK_DUE_MILESTONE} milestone`);
  return due.date;
}
