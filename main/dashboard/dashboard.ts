import type { WritableDB } from '../store/database';
import { readMeta, writeMeta } from '../store/meta';
import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { AREA_GROUPS, type AreaGroupId } from '../../shared/domain/evaluation-areas';
import { listItems } from '../checklist/checklist-repository';
import { timeline, type Timeline } from '../inspection/inspection-repository';

export interface Dashboard {
  timeline: Timeline | null;
  readiness: { group: AreaGroupId; name: string; total: number; done: number; percent: number }[];
  overall: { total: number; done: number; percent: number };
  overdue: ChecklistItem[];
  stale: ChecklistItem[];
  /** Items whose evidence carries no document date: "date unknown", never counted as current. */
  undated: ChecklistItem[];
  /** What a new workspace needs next, each ticked off when done (issue 16 §10). */
  nextSteps: { id: NextStepId; label: string; done: boolean; detail: string }[];
  mine: ChecklistItem[];
  byOwner: { owner: string; remaining: number; overdue: number }[];
}

export type NextStepId = 'notification' | 'owners' | 'data' | 'evidence' | 'privacy';

/** The last privacy check's outcome, kept so the dashboard can tick "run the privacy check" off. */
export const PRIVACY_LAST_RUN_KEY = 'privacy_last_run';

/** Remembers when the privacy check last ran and what blocked, for the dashboard's next steps. */
export function rememberPrivacyCheck(db: WritableDB, blocking: number, at = new Date().toISOString()): void {
  writeMeta(db, PRIVACY_LAST_RUN_KEY, JSON.stringify({ at, blocking }));
}

function nextSteps(db: Database, items: ChecklistItem[], hasTimeline: boolean): Dashboard['nextSteps'] {
  const open = items.filter((i) => !isDone(i));
  const withoutOwner = open.filter((i) => !i.owner).length;
  const imports = db.prepare<[], number>('SELECT COUNT(*) FROM dataset_imports').pluck().get() ?? 0;
  const takesEvidence = items.filter((i) => !i.personLevel && i.status !== 'not-applicable');
  const withEvidence = takesEvidence.filter((i) => i.attachments > 0).length;
  let privacy: { at: string; blocking: number } | null = null;
  try {
    const raw = readMeta(db, PRIVACY_LAST_RUN_KEY);
    privacy = raw ? (JSON.parse(raw) as { at: string; blocking: number }) : null;
  } catch {
    privacy = null;
  }
  return [
    {
      id: 'notification',
      label: 'Record the notification',
      done: hasTimeline,
      detail: hasTimeline
        ? 'Recorded: every deadline is worked out from it.'
        : 'When the call comes, record it: every deadline is worked out from it.',
    },
    {
      id: 'owners',
      label: 'Assign owners',
      done: withoutOwner === 0,
      detail:
        withoutOwner === 0
          ? 'Every open item has an owner.'
          : `${withoutOwner} open item${withoutOwner === 1 ? ' has' : 's have'} no owner yet.`,
    },
    {
      id: 'data',
      label: 'Import DfE data',
      done: imports > 0,
      detail:
        imports > 0
          ? `${imports} file${imports === 1 ? '' : 's'} imported.`
          : 'Import the published figures inspectors look at first.',
    },
    {
      id: 'evidence',
      label: 'Attach evidence',
      done: takesEvidence.length > 0 && withEvidence === takesEvidence.length,
      detail: `${withEvidence} of ${takesEvidence.length} items have evidence files.`,
    },
    {
      id: 'privacy',
      label: 'Run the privacy check',
      done: privacy !== null && privacy.blocking === 0,
      detail:
        privacy === null
          ? 'Not run yet.'
          : privacy.blocking === 0
            ? 'Nothing blocks the pack.'
            : `${privacy.blocking} thing${privacy.blocking === 1 ? '' : 's'} to resolve.`,
    },
  ];
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
    const inGroup = counted.filter((i) =>
      group.id === 'other' ? i.areas.length === 0 : i.areas.includes(group.id as never),
    );
    const done = inGroup.filter(isDone).length;
    return {
      group: group.id,
      name: group.shortName,
      total: inGroup.length,
      done,
      percent: percent(done, inGroup.length),
    };
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
  const timelineNow = timeline(db);
  return {
    timeline: timelineNow,
    readiness,
    overall: { total: counted.length, done, percent: percent(done, counted.length) },
    overdue: open.filter((i) => i.overdue),
    stale: all.filter((i) => i.stale),
    undated: all.filter(
      (i) => !i.personLevel && i.status !== 'not-applicable' && i.attachments > 0 && i.latestDocumentDate === null,
    ),
    nextSteps: nextSteps(db, all, timelineNow !== null),
    mine: open.filter((i) => i.owner.trim().toLowerCase() === userName.trim().toLowerCase()),
    byOwner: [...owners.entries()]
      .map(([owner, v]) => ({ owner, ...v }))
      .sort((a, b) => b.overdue - a.overdue || b.remaining - a.remaining || a.owner.localeCompare(b.owner)),
  };
}
