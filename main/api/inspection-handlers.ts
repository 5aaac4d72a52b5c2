import type { ReadableDB } from '../store/database';
import { notificationDateConcern } from '../../shared/domain/notification-date';
import type { Handlers } from './handler-types';
import { recordNotification, setMilestoneDate, timeline } from '../inspection/inspection-repository';
import { holidayOverrides, saveHolidayOverrides, todayIso, workspaceCalendar } from '../inspection/calendar-settings';
import { dashboard } from '../dashboard/dashboard';

function calendarView(db: ReadableDB, year: number) {
  const calendar = workspaceCalendar(db);
  return { overrides: holidayOverrides(db), holidays: [...calendar.holidays(year), ...calendar.holidays(year + 1)] };
}

export const inspectionHandlers: Handlers<
  | 'inspection.get'
  | 'inspection.record'
  | 'inspection.checkDate'
  | 'inspection.setMilestone'
  | 'calendar.get'
  | 'calendar.setOverrides'
  | 'dashboard.get'
> = {
  'inspection.get': (_req, { backend }) => timeline(backend.openWorkspace().db),
  'inspection.record': (req, { backend }) =>
    recordNotification(backend.writableWorkspace().db, req, backend.userName()),
  'inspection.checkDate': (req, { backend }) => {
    const db = backend.openWorkspace().db;
    return { concern: notificationDateConcern(req.date, todayIso(), workspaceCalendar(db)) };
  },
  'inspection.setMilestone': (req, { backend }) =>
    setMilestoneDate(backend.writableWorkspace().db, req.milestoneId, req.date, backend.userName()),
  'calendar.get': (req, { backend }) =>
    calendarView(backend.openWorkspace().db, req.year ?? Number(todayIso().slice(0, 4))),
  'calendar.setOverrides': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    saveHolidayOverrides(db, req, backend.userName());
    return calendarView(db, Number(todayIso().slice(0, 4)));
  },
  'dashboard.get': (_req, { backend }) => dashboard(backend.openWorkspace().db, backend.userName()),
};
