/**
 * After the inspection (2023 framework): the three outcomes and the follow-up timeline each one brings, from the
 * docs/domain §5 and §5.1. As with the notice window (inspection-presets.ts), every date is a default the officer
 * can change, and `verified: false` marks timings not confirmed against a primary text: shown as "typical; check
 * with the inspection team", never as facts.
 */
import {
  addMonths,
  addWorkingDays,
  nextWorkingDayOnOrAfter,
  type IsoDate,
  type WorkingDayCalendar,
} from './working-days';

export const OUTCOMES = ['positive', 'inconsistent', 'widespread'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The report's own wording, short. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  positive: 'Positive experiences and outcomes',
  inconsistent: 'Inconsistent experiences and outcomes',
  widespread: 'Widespread and/or systemic failings',
};

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];
export const RAG_LABELS: Readonly<Record<Rag, string>> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const FOLLOW_UP_MILESTONES = [
  'report-received',
  'report-published',
  'pap-drafted',
  'pap-signed-off',
  'pap-submitted',
  'strategic-plan-published',
  'monitoring-inspection',
  'next-full-inspection',
] as const;
export type FollowUpMilestoneId = (typeof FOLLOW_UP_MILESTONES)[number];

/** Months after receipt of the final report that the monitoring inspection is usually due (handbook para 21). */
export const MONITORING_MONTHS = 18;
/** Median working days from the last site day to publication (69 post-2023 reports; docs/domain §5.1). */
export const PUBLICATION_WORKING_DAYS = 42;
/** Priority action plan submitted ~35 working days after the final report: consistent with examples, unverified. */
export const PAP_SUBMIT_WORKING_DAYS = 35;
/** Lancashire's plan was approved by the ICB board and cabinet 29 working days after publication. */
export const PAP_SIGN_OFF_WORKING_DAYS = 29;
/** Our assumption: a first draft about four weeks after receipt, leaving time for sign-off. */
export const PAP_DRAFT_WORKING_DAYS = 20;
/** Next full inspection: within about 5 years after a positive outcome, about 3 years after the others. */
export const NEXT_FULL_INSPECTION_MONTHS: Readonly<Record<Outcome, number>> = {
  positive: 60,
  inconsistent: 36,
  widespread: 36,
};

export interface OutcomeRecord {
  /** The first day of the site week. */
  siteWeekStart: IsoDate;
  /** Its last day, if recorded; otherwise five working days from the first are assumed. */
  siteWeekEnd: IsoDate | null;
  outcome: Outcome;
  reportReceived: IsoDate | null;
  reportPublished: IsoDate | null;
  areasForImprovement: string[];
  areasForPriorityAction: string[];
  /** Per milestone: a date the officer set (wins over the computed one) and the day it was done. */
  followUp: Partial<Record<FollowUpMilestoneId, { date?: IsoDate; done?: IsoDate }>>;
}

export interface FollowUpMilestone {
  id: FollowUpMilestoneId;
  name: string;
  date: IsoDate;
  /** True when the officer set the date (or, for the report, recorded it). */
  overridden: boolean;
  verified: boolean;
  /** The day it was done, if recorded. */
  done: IsoDate | null;
  note: string;
}

/** The last day of the site week: as recorded, else the fifth working day from its first. */
export function siteWeekEnd(
  record: Pick<OutcomeRecord, 'siteWeekStart' | 'siteWeekEnd'>,
  calendar: WorkingDayCalendar,
): IsoDate {
  return record.siteWeekEnd ?? addWorkingDays(nextWorkingDayOnOrAfter(record.siteWeekStart, calendar), 4, calendar);
}

/** The monitoring inspection: receipt + 18 calendar months, same day of the month (clamped), not moved to a working day. */
export function monitoringInspectionDate(received: IsoDate): IsoDate {
  return addMonths(received, MONITORING_MONTHS);
}

/**
 * The follow-up timeline of an outcome, in date order of the steps: the report, the plans it requires and the next
 * inspections. Milestones that only follow the lowest outcome (the priority action plan and the monitoring
 * inspection) are left out for the others.
 */
export function followUpMilestones(record: OutcomeRecord, calendar: WorkingDayCalendar): FollowUpMilestone[] {
  const lastDay = siteWeekEnd(record, calendar);
  const estimatedPublication = addWorkingDays(lastDay, PUBLICATION_WORKING_DAYS, calendar);
  const out: FollowUpMilestone[] = [];
  const add = (
    id: FollowUpMilestoneId,
    name: string,
    computed: IsoDate,
    verified: boolean,
    note: string,
    recorded?: IsoDate | null,
  ) => {
    const set = record.followUp[id];
    const date = recorded ?? set?.date ?? computed;
    // A report date recorded with the outcome is a fact, and done on that day.
    out.push({
      id,
      name,
      date,
      overridden: Boolean(recorded ?? set?.date),
      verified: Boolean(recorded) || verified,
      done: recorded ?? set?.done ?? null,
      note: recorded ? 'As recorded with the outcome' : note,
    });
    return date;
  };
  const received = add(
    'report-received',
    'Final report received',
    estimatedPublication,
    false,
    'Not yet recorded: estimated as the median 42 working days after the last site day (derived from published reports)',
    record.reportReceived,
  );
  const published = add(
    'report-published',
    'Report published',
    record.reportReceived && !record.reportPublished ? received : estimatedPublication,
    false,
    'Median 42 working days after the last site day (derived from published reports); findings are embargoed until then',
    record.reportPublished,
  );
  if (record.outcome === 'widespread') {
    const drafted = add(
      'pap-drafted',
      'Priority action plan drafted',
      addWorkingDays(received, PAP_DRAFT_WORKING_DAYS, calendar),
      false,
      'A local planning date: about four weeks after receipt, to leave time for sign-off (our assumption)',
    );
    // Sign-off comes between the draft and the submission whatever the report's dates: a report published well after
    // its receipt would otherwise put "29 working days after publication" after the submission it must precede.
    const submitted =
      record.followUp['pap-submitted']?.date ?? addWorkingDays(received, PAP_SUBMIT_WORKING_DAYS, calendar);
    const afterPublication = addWorkingDays(published, PAP_SIGN_OFF_WORKING_DAYS, calendar);
    const signOff = afterPublication > submitted ? submitted : afterPublication < drafted ? drafted : afterPublication;
    add(
      'pap-signed-off',
      'Priority action plan signed off (ICB board, cabinet or equivalent)',
      signOff,
      false,
      "Lancashire's was approved by its ICB board and cabinet 29 working days after publication; no deadline is published",
    );
    add(
      'pap-submitted',
      'Priority action plan submitted (DfE and NHS England)',
      submitted,
      false,
      'The deadline is unverified; about 35 working days from the final report is consistent with examples. Reviewed by DfE and NHS England since June 2025',
    );
  }
  add(
    'strategic-plan-published',
    'Strategic plan updated and published',
    addWorkingDays(received, PAP_SUBMIT_WORKING_DAYS, calendar),
    false,
    'Every outcome requires it; no deadline is published, so it is planned here alongside the priority action plan',
  );
  if (record.outcome === 'widespread') {
    add(
      'monitoring-inspection',
      'Monitoring inspection (expected)',
      monitoringInspectionDate(received),
      true,
      'Usually 18 months from the date the partnership received its final report (handbook para 21); in practice up to about 23 months',
    );
  }
  add(
    'next-full-inspection',
    `Next full inspection (within about ${NEXT_FULL_INSPECTION_MONTHS[record.outcome] / 12} years)`,
    addMonths(lastDay, NEXT_FULL_INSPECTION_MONTHS[record.outcome]),
    true,
    record.outcome === 'positive'
      ? 'Within about 5 years after a positive outcome'
      : 'Within about 3 years after this outcome',
  );
  return out;
}

/** The audit trail's actions for the follow-up phase (typed, so the store and the audit screen name the same ones). */
export const PLAN_AUDIT_ACTIONS = {
  outcomeRecorded: 'outcome-recorded',
  outcomeChanged: 'outcome-changed',
  followUpChanged: 'follow-up-date',
  actionAdded: 'plan-action-added',
  actionChanged: 'plan-action-changed',
  updateAdded: 'plan-update-added',
  updateCorrected: 'plan-update-corrected',
  actionPlanBuilt: 'build-action-plan',
} as const;
export type PlanAuditAction = (typeof PLAN_AUDIT_ACTIONS)[keyof typeof PLAN_AUDIT_ACTIONS];

/** How the audit trail names each of them. */
export const PLAN_AUDIT_LABELS: Readonly<Record<PlanAuditAction, string>> = {
  'outcome-recorded': 'Recorded the inspection outcome',
  'outcome-changed': 'Changed the inspection outcome',
  'follow-up-date': 'Follow-up date',
  'plan-action-added': 'Added a plan action',
  'plan-action-changed': 'Changed a plan action',
  'plan-update-added': 'Progress update',
  'plan-update-corrected': 'Corrected a progress update',
  'build-action-plan': 'Built the action plan document',
};

/** Where the privacy check places what it finds in the outcome and the plan (FindingLocation.field). */
export const PLAN_PRIVACY_FIELDS = ['report areas', 'plan action', 'progress update'] as const;
export const isPlanPrivacyField = (field: string): boolean =>
  (PLAN_PRIVACY_FIELDS as readonly string[]).includes(field);
