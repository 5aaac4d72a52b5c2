import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import {
  INSPECTION_PRESETS,
  milestoneDates,
  PACK_DUE_MILESTONE,
  type InspectionPresetId,
  type MilestoneDate,
  type MilestoneId,
  type MilestoneOverrides,
} from '../../shared/domain/inspection-presets';
import { workingDayZero, workingDaysBetween } from '../../shared/domain/working-days';
import { appendEvent } from '../audit/audit-events';
import { WorkspaceError } from '../refusal/refusal';
import { todayIso, workspaceCalendar } from './calendar-settings';

export interface InspectionRecord {
  notifiedDate: string;
  notifiedTime: string | null;
  preset: InspectionPresetId;
  leadOfficer: string;
  milestoneOverrides: MilestoneOverrides;
  recordedAt: string;
  recordedBy: string;
}

export interface Timeline {
  inspection: InspectionRecord;
  presetName: string;
  milestones: MilestoneDate[];
  packDue: string;
  today: string;
  /** Working day number of today (0 = the notification's working day 0); negative before it. */
  workingDayToday: number;
  /** Working days from today to the pack deadline; 0 on the day, negative once it has passed. */
  workingDaysLeft: number;
  todayIsWorkingDay: boolean;
}

/** The one row (id 1) of the inspection table: the notification; milestone dates moved by hand as JSON text. */
interface InspectionRow {
  id: 1;
  notified_date: string;
  notified_time: string | null;
  preset: InspectionPresetId;
  lead_officer: string;
  milestone_overrides: string;
  recorded_at: string;
  recorded_by: string;
}

export function getInspection(db: Database): InspectionRecord | null {
  const row = db.prepare<[], InspectionRow>('SELECT * FROM inspection WHERE id = 1').get();
  if (!row) return null;
  return {
    notifiedDate: row.notified_date,
    notifiedTime: row.notified_time ?? null,
    preset: row.preset,
    leadOfficer: row.lead_officer ?? '',
    milestoneOverrides: JSON.parse(row.milestone_overrides ?? '{}') as MilestoneOverrides,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

export function timeline(db: Database, today = todayIso()): Timeline | null {
  const inspection = getInspection(db);
  if (!inspection) return null;
  const calendar = workspaceCalendar(db);
  const milestones = milestoneDates(
    inspection.preset,
    inspection.notifiedDate,
    calendar,
    inspection.milestoneOverrides,
  );
  const packDue = milestones.find((m) => m.id === PACK_DUE_MILESTONE)!.date;
  const dayZero = workingDayZero(inspection.notifiedDate, calendar);
  return {
    inspection,
    presetName: INSPECTION_PRESETS[inspection.preset].name,
    milestones,
    packDue,
    today,
    workingDayToday: workingDaysBetween(dayZero, today, calendar),
    workingDaysLeft: workingDaysBetween(today, packDue, calendar),
    todayIsWorkingDay: calendar.isWorkingDay(today),
  };
}

export interface NotificationInput {
  date: string;
  time: string | null;
  preset: InspectionPresetId;
  leadOfficer: string;
}

/** Records the notification; recording it again replaces the earlier one, and both are in the audit trail. */
export function recordNotification(
  db: WritableDB,
  input: NotificationInput,
  who: string,
  at = new Date().toISOString(),
): Timeline {
  return db.transaction(() => {
    const before = getInspection(db);
    db.prepare(
      `INSERT INTO inspection (id, notified_date, notified_time, preset, lead_officer, milestone_overrides, recorded_at, recorded_by)
        VALUES (1, ?, ?, ?, ?, '{}', ?, ?)
        ON CONFLICT (id) DO UPDATE SET notified_date = excluded.notified_date, notified_time = excluded.notified_time,
          preset = excluded.preset, lead_officer = excluded.lead_officer, milestone_overrides = '{}',
          recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
    ).run(input.date, input.time, input.preset, input.leadOfficer, at, who);
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: before ? 'notification-replaced' : 'notification',
      before: before ? JSON.stringify(before) : null,
      after: JSON.stringify(input),
    });
    return timeline(db)!;
  })();
}

export function setMilestoneDate(
  db: WritableDB,
  milestoneId: MilestoneId,
  date: string | null,
  who: string,
  at = new Date().toISOString(),
): Timeline {
  return db.transaction(() => {
    const inspection = getInspection(db);
    if (!inspection)
      throw new WorkspaceError('refused', 'Record the notification first; the milestones follow from it.');
    const current = timeline(db)!.milestones.find((m) => m.id === milestoneId);
    if (!current) {
      throw new WorkspaceError(
        'invalid-request',
        `The ${INSPECTION_PRESETS[inspection.preset].name} has no milestone "${milestoneId}".`,
        'milestoneId',
      );
    }
    const overrides: MilestoneOverrides = { ...inspection.milestoneOverrides };
    if (date === null) delete overrides[milestoneId];
    else overrides[milestoneId] = date;
    db.prepare('UPDATE inspection SET milestone_overrides = ? WHERE id = 1').run(JSON.stringify(overrides));
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'milestone-date',
      before: JSON.stringify({ milestoneId, date: current.date }),
      after: JSON.stringify({ milestoneId, date: date ?? '(computed)' }),
    });
    return timeline(db)!;
  })();
}
