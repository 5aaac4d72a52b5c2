import { notificationDateConcern } from '../../shared/domain/notification-date';
import type { Database } from 'better-sqlite3';
import type { Handlers } from './handler-types';
import { recordNotification, setMilestoneDate, timeline } from '../inspection/inspection-repository';
import { holidayOverrides, todayIso, workspaceCalendar } from '../inspection/calendar-settings';
import { dashboard } from '../dashboard/dashboard';
import { appendEvent } from '../audit/audit-events';

function calendarView(db: Database, year: number) {
  const calendar = workspaceCalendar(db);
  return { overrides: holidayOverrides(db), holidays: [...calendar.holidays(year), ...calendar.holidays(year + 1)] };
}

export const inspectionHandlers: Handlers<'inspection.get' | 'inspection.record' | 'inspection.checkDate' | 'inspection.setMilestone' |
  'calendar.get' | 'calendar.setOverrides' | 'dashboard.get'> = {
  'inspection.get': (_req, { backend }) => timeline(backend.openWorkspace().db),
  'inspection.record': (req, { backend }) => recordNotification(backend.writableWorkspace().db, req, backend.userName()),
  'inspection.checkDate': (req, { backend }) => {
    const db = backend.openWorkspace().db;
    return { concern: notificationDateConcern(req.date, todayIso(), workspaceCalendar(db)) };
  },
  'inspection.setMilestone': (req, { backend }) =>
    setMilestoneDate(backend.writableWorkspace().db, req.milestoneId, req.date, backend.userName()),
  'calendar.get': (req, { backend }) => calendarView(backend.openWorkspace().db, req.year ?? Number(todayIso().slice(0, 4))),
  'calendar.setOverrides': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    db.transaction(() => {
      const before = holidayOverrides(db);
      db.prepare("INSERT INTO meta (key, value) VALUES ('holiday_overrides', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .run(JSON.stringify(req));
      appendEvent(db, { at: new Date().toISOString(), who: backend.userName(), itemId: null, action: 'holiday-overrides',
        before: JSON.stringify(before), after: JSON.stringify(req) });
    })();
    return calendarView(db, Number(todayIso().slice(0, 4)));
  },
  'dashboard.get': (_req, { backend }) => dashboard(backend.openWorkspace().db, backend.userName()),
};
