import { ITEM_STATUS_LABELS, type ItemStatus } from '../../shared/domain/item-status';
import { MONTH_NAMES } from '../../shared/domain/dates';

/**
 * How the pack writes dates, sizes and statuses: GOV.UK style ("13 November 2026", "4:45pm"), always in words,
 * and the same on every machine (times are shown in UK time whatever the computer's time zone).
 */

const MONTHS = MONTH_NAMES;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  hasTime: boolean;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/**
 * The UK wall-clock time of an ISO date or date-time. An instant with a zone ("…Z", "+01:00") is converted to UK
 * time; a date-time without one is taken as UK time already; a date alone has no time. Null when unreadable.
 */
export function ukWallClock(value: string): WallClock | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  if (h === undefined)
    return { year: Number(y), month: Number(mo), day: Number(d), hour: 0, minute: 0, second: 0, hasTime: false };
  if (!zone) {
    return {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s ?? 0),
      hasTime: true,
    };
  }
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(LONDON.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    hasTime: true,
  };
}

/** "13 November 2026"; the text itself when it isn't a date. */
export function formatDate(value: string | null | undefined, empty = 'Not set'): string {
  if (!value) return empty;
  const t = ukWallClock(value);
  return t ? `${t.day} ${MONTHS[t.month - 1] ?? ''} ${t.year}` : value;
}

/** "13 Nov 2026", for narrow table columns. */
export function formatShortDate(value: string | null | undefined, empty = 'Not set'): string {
  if (!value) return empty;
  const t = ukWallClock(value);
  return t ? `${t.day} ${(MONTHS[t.month - 1] ?? '').slice(0, 3)} ${t.year}` : value;
}

/** "4:45pm", "12 noon", "midnight". */
export function formatTime(t: WallClock): string {
  if (t.hour === 12 && t.minute === 0) return 'midday';
  if (t.hour === 0 && t.minute === 0) return 'midnight';
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  return `${hour12}:${String(t.minute).padStart(2, '0')}${t.hour < 12 ? 'am' : 'pm'}`;
}

/** "13 November 2026 at 4:45pm" (UK time); a date alone when there is no time. */
export function formatDateTime(value: string | null | undefined, empty = 'Not set'): string {
  if (!value) return empty;
  const t = ukWallClock(value);
  if (!t) return value;
  const date = `${t.day} ${MONTHS[t.month - 1] ?? ''} ${t.year}`;
  return t.hasTime ? `${date} at ${formatTime(t)}` : date;
}

/** The UK date of a date or date-time as YYYY-MM-DD, for comparisons; null when unreadable. */
export function isoDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = ukWallClock(value);
  return t ? `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}` : null;
}

/** "850 bytes", "34 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** Statuses in the order the pack reports them: done first. */
export const REPORT_ORDER: readonly ItemStatus[] = [
  'approved',
  'ready-for-review',
  'in-progress',
  'not-started',
  'not-applicable',
];

export function statusLabel(status: ItemStatus): string {
  return ITEM_STATUS_LABELS[status];
}

/** "≤12m" → "12 months or less"; other catalogue rules are already words. */
export function describeFreshnessRule(rule: string): string {
  const trimmed = rule.trim();
  const atMost = /^≤\s*(\d+)\s*m$/.exec(trimmed);
  if (atMost) return `no more than ${atMost[1]} months old`;
  const months = /^(\d+)\s*m$/.exec(trimmed);
  if (months) return `covers the last ${months[1]} months`;
  return trimmed.replace(/≤\s*(\d+)\s*m\b/g, 'no more than $1 months').replace(/(\d+)m\b/g, '$1 months');
}

/** Non-breaking-free plain text joined as a list: "a, b and c". */
export function listInWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** "1 item", "3 items". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
