import type { Request } from '../../shared/api/contract';
import type { OperationName } from '../../shared/api/operation-names';

/**
 * The renderer's cache of what main holds, keyed by the read that answered it: `[operation, request]`, e.g.
 * `['audit.list', { itemId: 'jsna' }]`. After a write, only the keys it touches are reloaded (and only those a view
 * on screen is showing; the rest are dropped, so the next view to open reads afresh). Every operation of the
 * contract is one of three kinds below, and a unit test fails if a new one is left out, so a new write cannot
 * forget to say what it changes.
 */

/** Reads views keep in the cache. */
export const READS = [
  'checklist.list',
  'privateNotes.get',
  'review.settings',
  'attachments.list',
  'audit.list',
  'inspection.get',
  'calendar.get',
  'dashboard.get',
  'datasets.list',
  'imports.list',
  'metrics.list',
  'metrics.chart',
  'pack.outline',
  'pack.template',
  'pack.builds',
  'selfEvaluation.get',
  'privacy.check',
  'privacy.settings',
  'lists.checks',
  'plan.get',
  'sync.status',
  'benchmarks.neighbours',
] as const satisfies readonly OperationName[];
export type ReadOperation = (typeof READS)[number];

/** Calls made for their answer or effect alone, never cached and changing nothing a view shows. */
export const UNCACHED = [
  'app.info',
  'settings.get',
  'localAuthorities.list',
  'workspace.recent',
  'workspace.current',
  'checklist.approvalCheck',
  'tracker.export',
  'files.upload',
  'attachments.open',
  'audit.exportCsv',
  'search.query',
  'inspection.checkDate',
  'backups.list',
  'datasets.template',
  'datasets.rows',
  'imports.preview',
  'pack.file',
  'pack.open',
  'work.cancel',
  'lists.profile',
  'lists.preview',
  'plan.documentFile',
  'plan.openDocument',
  'plan.tracker',
  'settings.setUserName',
  'sync.workingOn',
] as const satisfies readonly OperationName[];

/** Opening, closing or restoring a workspace: everything cached belongs to the workspace that was open, and goes. */
export const SWITCHES_WORKSPACE = [
  'workspace.create',
  'workspace.open',
  'workspace.breakLock',
  'workspace.close',
  'workspace.openSample',
  'backups.restore',
] as const satisfies readonly OperationName[];

export type WriteOperation = Exclude<
  OperationName,
  ReadOperation | (typeof UNCACHED)[number] | (typeof SWITCHES_WORKSPACE)[number]
>;

/** A cache key: the read and its request. */
type QueryKey<K extends ReadOperation = ReadOperation> = readonly [K, Request<K>];

export function queryKey<K extends ReadOperation>(operation: K, request: Request<K>): QueryKey<K> {
  return [operation, request];
}

/**
 * What a write touches: a whole read (`'audit.list'`: every request of it) or the reads of one request and those
 * it is part of (`['attachments.list', { itemId }]`, matched as a subset of each key's request).
 */
export type Touch = ReadOperation | readonly [ReadOperation, Record<string, unknown>];

/**
 * Views derived from the items' content: the dashboard's counts and readiness, the pack's outline, the privacy scan
 * (it reads narratives and evidence) and the audit trail (every write records itself there).
 */
const ITEM_DERIVED: Touch[] = ['audit.list', 'dashboard.get', 'pack.outline', 'privacy.check'];
/** The stored figures and what is computed from them; the items too, whose "out of date" tags follow the data. */
const FIGURES: Touch[] = [
  'datasets.list',
  'imports.list',
  'metrics.list',
  'metrics.chart',
  'selfEvaluation.get',
  'checklist.list',
  ...ITEM_DERIVED,
];
/** Dates: the notice window and its milestones move items' due dates, the countdown and the follow-up steps. */
const DATES: Touch[] = ['inspection.get', 'calendar.get', 'plan.get', 'checklist.list', ...ITEM_DERIVED];
const PLAN: Touch[] = ['plan.get', 'audit.list', 'dashboard.get', 'pack.outline'];
const SELF_EVALUATION: Touch[] = ['selfEvaluation.get', 'audit.list', 'pack.outline', 'privacy.check'];
const PRIVACY: Touch[] = [
  'privacy.check',
  'privacy.settings',
  'attachments.list',
  'metrics.list',
  'metrics.chart',
  'audit.list',
  'pack.outline',
  'dashboard.get',
];
const EVIDENCE: Touch[] = ['attachments.list', 'checklist.list', ...ITEM_DERIVED];

type TouchMap = { [K in WriteOperation]: (request: Request<K>) => Touch[] };

/**
 * What each write changes. `checklist.update` answers with the item, which replaces the cached one, so the list is
 * not read again: editing a narrative, owner or due date reloads that item's history; a status change (approving…)
 * also moves the dashboard's summary and readiness. Static data (the catalogue, datasets, the calendar) is untouched.
 */
export const TOUCHES: TouchMap = {
  'checklist.update': () => ITEM_DERIVED,
  'checklist.sendBack': () => ITEM_DERIVED,
  'checklist.addItem': () => ITEM_DERIVED,
  'checklist.bulkUpdate': () => ['checklist.list', ...ITEM_DERIVED],
  // The answer replaces the panel's copy, the one view that shows it (and it is never in the audit trail or pack).
  'privateNotes.save': () => [],
  'review.saveSettings': () => ['review.settings', 'audit.list'],
  'attachments.add': ({ itemId }) => [['attachments.list', { itemId }], 'checklist.list', ...ITEM_DERIVED],
  'attachments.replace': () => EVIDENCE,
  'attachments.update': () => EVIDENCE,
  'attachments.remove': () => EVIDENCE,
  'attachments.restore': () => EVIDENCE,
  'attachments.purge': () => EVIDENCE,
  'inspection.record': () => DATES,
  'inspection.setMilestone': () => DATES,
  'calendar.setOverrides': () => DATES,
  'backups.create': () => ['audit.list'],
  'datasets.enter': () => FIGURES,
  'imports.commit': () => FIGURES,
  'benchmarks.setNeighbours': () => [...FIGURES, 'benchmarks.neighbours'],
  'pack.build': () => ['pack.builds', 'checklist.list', ...ITEM_DERIVED],
  'pack.setTemplate': () => ['pack.template', 'pack.outline', 'audit.list'],
  'selfEvaluation.save': () => SELF_EVALUATION,
  'selfEvaluation.rate': () => SELF_EVALUATION,
  'selfEvaluation.setScale': () => SELF_EVALUATION,
  'selfEvaluation.saveContext': () => SELF_EVALUATION,
  'selfEvaluation.saveCaseStudy': () => SELF_EVALUATION,
  'selfEvaluation.removeCaseStudy': () => SELF_EVALUATION,
  'selfEvaluation.setTarget': () => [...SELF_EVALUATION, 'metrics.list'],
  'privacy.markFalsePositive': () => PRIVACY,
  'privacy.decideFile': () => PRIVACY,
  'privacy.saveSettings': () => PRIVACY,
  // A list check records its counts and moves the list's item to follow it (main/annex-a/list-check-store.ts).
  'lists.check': () => ['lists.checks', 'checklist.list', ...ITEM_DERIVED],
  'lists.saveProfile': () => ['lists.checks', 'pack.outline', 'audit.list'],
  'plan.recordOutcome': () => PLAN,
  'plan.setFollowUp': () => PLAN,
  'plan.addAction': () => PLAN,
  'plan.updateAction': () => PLAN,
  'plan.addUpdate': () => PLAN,
  'plan.correctUpdate': () => PLAN,
  'plan.buildDocument': () => ['audit.list'],
  'sync.configure': () => ['sync.status'],
};

/**
 * Partners' changes arriving through the sync server can touch anything the workspace shares (items, evidence,
 * dates, review settings), so every read goes, the imported figures included (cheap beside a missed change).
 */
export const REMOTE_CHANGE: readonly Touch[] = [...READS];

export function touchedBy<K extends WriteOperation>(operation: K, request: Request<K>): Touch[] {
  return [...new Set(TOUCHES[operation](request))];
}

/** Whether a cache key is one a touch names: the same read, and (for a request-level touch) a request holding it. */
export function touches(touch: Touch, key: readonly unknown[]): boolean {
  const [operation, part] = typeof touch === 'string' ? [touch, undefined] : touch;
  if (key[0] !== operation) return false;
  if (!part) return true;
  const request = key[1] as Record<string, unknown> | undefined;
  return Object.entries(part).every(([name, value]) => request?.[name] === value);
}

export function isWrite(operation: OperationName): operation is WriteOperation {
  return Object.hasOwn(TOUCHES, operation);
}
