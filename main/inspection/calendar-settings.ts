import type { Database } from 'better-sqlite3';
import { createHolidayCalendar, type HolidayCalendar, type HolidayOverrides } from '../../shared/domain/bank-holidays';
import { appendEvent } from '../audit/audit-events';
import type { WritableDB } from '../store/database';
import { readMeta, writeMeta } from '../store/meta';

/** A workspace's bank-holiday overrides (local closures, or holidays worked), shared by everyone who opens it. */
export function holidayOverrides(db: Database): HolidayOverrides {
  const raw = readMeta(db, 'holiday_overrides');
  if (!raw) return { add: [], remove: [] };
  const parsed = JSON.parse(raw) as Partial<HolidayOverrides>;
  return { add: parsed.add ?? [], remove: parsed.remove ?? [] };
}

/** Replaces the workspace's bank-holiday overrides, with an audit event holding the old and new lists. */
export function saveHolidayOverrides(
  db: WritableDB,
  overrides: HolidayOverrides,
  who: string,
  at = new Date().toISOString(),
): void {
  db.transaction(() => {
    const before = holidayOverrides(db);
    writeMeta(db, 'holiday_overrides', JSON.stringify(overrides));
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'holiday-overrides',
      before: JSON.stringify(before),
      after: JSON.stringify(overrides),
    });
  })();
}

export function workspaceCalendar(db: Database): HolidayCalendar {
  return createHolidayCalendar(holidayOverrides(db));
}

/** Today as YYYY-MM-DD on this computer's clock and time zone (officers work in UK time). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
