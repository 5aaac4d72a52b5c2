import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { AREA_GROUPS, type AreaGroupId } from '../../shared/domain/evaluation-areas';
import { listItems } from '../checklist/checklist-repository';
import { timeline, type Timeline } from './inspection-repository';

export interface Dashboard {
  timeline: Timeline | null;
  readiness: { group: AreaGroupId; name: string; total: number; done: number; percent: number }[];
  overall: { total: number; done: number; percent: number };
  overdue: ChecklistItem[];
  stale: ChecklistItem[];
  mine: ChecklistItem[];
  byOwner: { owner: string; remaining: number; overdue: number }[];
}

const isDone = (item: ChecklistItem) => item.status === 'approved' || item.status === 'not-applicable';
const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

/**
 * What the lead officer looks at first: the countdown, readiness per evaluation area (approved or not applicable
 * over all items, an item counted under each area it supports), what is overdue or stale, and who has what left.
 */
export function dashboard(db: Database, userName: string): Dashboard {
  const all = listItems(db);
  // Background items (published material inspectors can find themselves) are kept, and stay on owners' lists, but
  // never count towards readiness.
  const counted = all.filter((i) => !i.background);
  const readiness = AREA_GROUPS.map((group) => {
    const inGroup = counted.filter((i) => (group.id === 'other' ? i.areas.length === 0 : i.areas.includes(group.id as never)));
    const done = inGroup.filter(isDone).length;
    return { group: group.id, name: group.shortName, total: inGroup.length, done, percent: percent(done, inGroup.length) };
  });
  const open = all.filter((i) => !isDone(i));
  const owners = new Map<string, { remaining: number; overdue: number }>();
  for (const item of open) {
    const key = item.owner || '(no owner)';
    const entry = owners.get(key) ?? { remaining: 0, overdue: 0 };
    entry.remaining++;
    if (item.overdue) entry.overdue++;
    owners.set(key, entry);
  }
  const done = counted.filter(isDone).length;
  return {
    timeline: timeline(db),
    readiness,
    overall: { total: counted.length, done, percent: percent(done, counted.length) },
    overdue: open.filter((i) => i.overdue),
    stale: all.filter((i) => i.stale),
    mine: open.filter((i) => i.owner.trim().toLowerCase() === userName.trim().toLowerCase()),
    byOwner: [...owners.entries()].map(([owner, v]) => ({ owner, ...v }))
      .sort((a, b) => b.overdue - a.overdue || b.remaining - a.remaining || a.owner.localeCompare(b.owner)),
  };
}
