import type { WritableDB } from '../store/database';
/**
 * The follow-up phase's store: the inspection's outcome (one per workspace, like the notification), the plan's
 * actions (numbered 1, 2, 3… in the order added, never reused) and their progress updates, kept as history. Every
 * change is in the audit trail, as item changes are, under the actions of PLAN_AUDIT_ACTIONS.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  followUpMilestones,
  OUTCOME_LABELS,
  PLAN_AUDIT_ACTIONS,
  siteWeekEnd,
  type FollowUpMilestone,
  type FollowUpMilestoneId,
  type OutcomeRecord,
  type Outcome,
  type Rag,
  type PlanAuditAction,
} from '../../shared/domain/follow-up';
import type { EvaluationAreaId } from '../../shared/domain/evaluation-areas';
import type {
  ActionFieldsSchema,
  ActionMetricSchema,
  ActionMilestoneSchema,
  OutcomeInputSchema,
  ProgressUpdateInputSchema,
} from '../../shared/api/plan-schemas';
import { appendEvent } from '../audit/audit-events';
import { listItems } from '../checklist/checklist-repository';
import { todayIso, workspaceCalendar } from '../inspection/calendar-settings';
import { getInspection } from '../inspection/inspection-repository';
import { WorkspaceError } from '../refusal/refusal';
import { metricById } from '../../shared/domain/metrics/index';
import { latestMetric, metricProgress, workspaceMetricResults } from './metric-progress';

export type OutcomeInput = z.output<typeof OutcomeInputSchema>;
export type ActionFields = z.output<typeof ActionFieldsSchema>;
export type ActionMetric = z.output<typeof ActionMetricSchema>;
export type ActionMilestone = z.output<typeof ActionMilestoneSchema>;
export type ProgressUpdateInput = z.output<typeof ProgressUpdateInputSchema>;

export interface StoredOutcome extends OutcomeRecord {
  recordedAt: string;
  recordedBy: string;
}

export interface ProgressUpdate {
  id: number;
  date: string;
  rag: Rag;
  text: string;
  by: string;
  recordedAt: string;
  recordedBy: string;
}

export interface StoredAction {
  id: number;
  action: string;
  area: EvaluationAreaId;
  reportArea: string | null;
  lead: string;
  sro: string;
  due: string;
  successCriteria: string;
  expectedImpact: string;
  itemIds: string[];
  metrics: ActionMetric[];
  milestones: ActionMilestone[];
  completedOn: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  updates: ProgressUpdate[];
}

function audit(
  db: WritableDB,
  action: PlanAuditAction,
  who: string,
  at: string,
  before: unknown,
  after: unknown,
  reason?: string,
): void {
  appendEvent(db, {
    at,
    who,
    itemId: null,
    action,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    reason: reason ?? null,
  });
}

/** The one row (id 1) of the inspection_outcome table; lists and follow-up dates as JSON text. */
interface OutcomeRow {
  id: 1;
  site_week_start: string;
  site_week_end: string | null;
  outcome: Outcome;
  report_received: string | null;
  report_published: string | null;
  /** JSON array of the report's areas for improvement. */
  areas_for_improvement: string;
  /** JSON array of the report's areas for priority action. */
  areas_for_priority_action: string;
  /** JSON object of follow-up milestone dates set by hand. */
  follow_up: string;
  recorded_at: string;
  recorded_by: string;
}

/** A row of the plan_actions table; linked items, metrics and milestones as JSON text. */
interface ActionRow {
  id: number;
  action: string;
  evaluation_area: EvaluationAreaId;
  report_area: string | null;
  lead: string;
  sro: string;
  due_date: string;
  success_criteria: string;
  expected_impact: string;
  item_ids: string;
  metrics: string;
  milestones: string;
  completed_on: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** A row of the plan_updates table: one progress update of an action, kept as history. */
interface UpdateRow {
  id: number;
  action_id: number;
  update_date: string;
  rag: Rag;
  text: string;
  reported_by: string;
  recorded_at: string;
  recorded_by: string;
}

export function getOutcome(db: Database): StoredOutcome | null {
  const row = db.prepare<[], OutcomeRow>('SELECT * FROM inspection_outcome WHERE id = 1').get();
  if (!row) return null;
  return {
    siteWeekStart: row.site_week_start,
    siteWeekEnd: row.site_week_end ?? null,
    outcome: row.outcome,
    reportReceived: row.report_received ?? null,
    reportPublished: row.report_published ?? null,
    areasForImprovement: JSON.parse(row.areas_for_improvement) as string[],
    areasForPriorityAction: JSON.parse(row.areas_for_priority_action) as string[],
    followUp: JSON.parse(row.follow_up) as OutcomeRecord['followUp'],
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

/** "Area for priority action 2" from "priority:2". */
export function reportAreaLabel(ref: string): string {
  const [kind, n] = ref.split(':');
  return `${kind === 'priority' ? 'Area for priority action' : 'Area for improvement'} ${n}`;
}

/** The text of a report area an action refers to, or null if the report has no such area. */
export function reportAreaText(
  outcome: Pick<OutcomeRecord, 'areasForImprovement' | 'areasForPriorityAction'> | null,
  ref: string,
): string | null {
  const [kind, n] = ref.split(':');
  const list = kind === 'priority' ? outcome?.areasForPriorityAction : outcome?.areasForImprovement;
  return list?.[Number(n) - 1] ?? null;
}

function checkDates(input: {
  siteWeekStart: string;
  siteWeekEnd: string | null;
  reportReceived: string | null;
  reportPublished: string | null;
}): void {
  if (input.siteWeekEnd && input.siteWeekEnd < input.siteWeekStart) {
    throw new WorkspaceError(
      'invalid-request',
      `The site week cannot end (${input.siteWeekEnd}) before it starts (${input.siteWeekStart}).`,
      'siteWeekEnd',
    );
  }
  if (input.reportReceived && input.reportReceived < input.siteWeekStart) {
    throw new WorkspaceError(
      'invalid-request',
      `The report cannot be received (${input.reportReceived}) before the site week starts (${input.siteWeekStart}).`,
      'reportReceived',
    );
  }
  // The partnership receives the final report before it is published (the report is embargoed until then).
  if (input.reportPublished && input.reportReceived && input.reportPublished < input.reportReceived) {
    throw new WorkspaceError(
      'invalid-request',
      `The report cannot be published (${input.reportPublished}) before the partnership received it (${input.reportReceived}).`,
      'reportPublished',
    );
  }
  if (input.reportPublished && input.reportPublished < input.siteWeekStart) {
    throw new WorkspaceError(
      'invalid-request',
      `The report cannot be published (${input.reportPublished}) before the site week starts (${input.siteWeekStart}).`,
      'reportPublished',
    );
  }
}

/** What the officer set on one follow-up step: its date and the day it was done. */
type FollowUpEntry = NonNullable<OutcomeRecord['followUp'][FollowUpMilestoneId]>;

/**
 * Records the outcome, or changes it (both in the audit trail). Areas not given are kept. A report area that actions
 * answer cannot be removed from the end of its list until they are moved: they would point at nothing.
 */
export function recordOutcome(
  db: WritableDB,
  input: OutcomeInput,
  who: string,
  at = new Date().toISOString(),
): StoredOutcome {
  return db.transaction(() => {
    const before = getOutcome(db);
    checkDates(input);
    const improvement = input.areasForImprovement ?? before?.areasForImprovement ?? [];
    const priority = input.areasForPriorityAction ?? before?.areasForPriorityAction ?? [];
    for (const action of listStoredActions(db)) {
      if (!action.reportArea) continue;
      const [kind, n] = action.reportArea.split(':');
      const list = kind === 'priority' ? priority : improvement;
      if (Number(n) > list.length) {
        throw new WorkspaceError(
          'refused',
          `Action ${action.id} answers ${reportAreaLabel(action.reportArea)}, which the new list no longer has: ` +
            'link the action to another area (or none) first.',
          kind === 'priority' ? 'areasForPriorityAction' : 'areasForImprovement',
        );
      }
    }
    db.prepare(
      `INSERT INTO inspection_outcome (id, site_week_start, site_week_end, outcome, report_received, report_published,
        areas_for_improvement, areas_for_priority_action, follow_up, recorded_at, recorded_by)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)
        ON CONFLICT (id) DO UPDATE SET site_week_start = excluded.site_week_start, site_week_end = excluded.site_week_end,
          outcome = excluded.outcome, report_received = excluded.report_received, report_published = excluded.report_published,
          areas_for_improvement = excluded.areas_for_improvement, areas_for_priority_action = excluded.areas_for_priority_action,
          recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
    ).run(
      input.siteWeekStart,
      input.siteWeekEnd,
      input.outcome,
      input.reportReceived,
      input.reportPublished,
      JSON.stringify(improvement),
      JSON.stringify(priority),
      at,
      who,
    );
    // Every follow-up step comes after the site week: a date set or a step marked done before the (new) site week
    // began belongs to an earlier inspection (the next one's outcome recorded over the last), and would show the new
    // strategic plan as published years ago. Such marks are dropped, and the audit entry says which.
    const dropped: string[] = [];
    const followUp: OutcomeRecord['followUp'] = {};
    for (const [id, entry] of Object.entries(before?.followUp ?? {}) as [FollowUpMilestoneId, FollowUpEntry][]) {
      const kept: FollowUpEntry = {};
      if (entry.date !== undefined) {
        if (entry.date < input.siteWeekStart) dropped.push(`${id} date ${entry.date}`);
        else kept.date = entry.date;
      }
      if (entry.done !== undefined) {
        if (entry.done < input.siteWeekStart) dropped.push(`${id} done ${entry.done}`);
        else kept.done = entry.done;
      }
      if (Object.keys(kept).length) followUp[id] = kept;
    }
    if (dropped.length)
      db.prepare('UPDATE inspection_outcome SET follow_up = ? WHERE id = 1').run(JSON.stringify(followUp));
    const after = getOutcome(db)!;
    const { followUp: _f, recordedAt: _a, recordedBy: _b, ...shown } = after;
    const beforeShown = before ? (({ followUp: _x, recordedAt: _y, recordedBy: _z, ...rest }) => rest)(before) : null;
    audit(
      db,
      before ? PLAN_AUDIT_ACTIONS.outcomeChanged : PLAN_AUDIT_ACTIONS.outcomeRecorded,
      who,
      at,
      beforeShown,
      dropped.length ? { ...shown, followUpCleared: dropped } : shown,
    );
    return after;
  })();
}

/** Sets a follow-up milestone's date (null: back to the computed one) and/or the day it was done (null: not done). */
export function setFollowUp(
  db: WritableDB,
  milestoneId: FollowUpMilestoneId,
  change: { date?: string | null; done?: string | null },
  who: string,
  at = new Date().toISOString(),
): void {
  db.transaction(() => {
    const outcome = getOutcome(db);
    if (!outcome)
      throw new WorkspaceError('refused', 'Record the inspection outcome first; the follow-up dates follow from it.');
    const current = followUpMilestones(outcome, workspaceCalendar(db)).find((m) => m.id === milestoneId);
    if (!current)
      throw new WorkspaceError(
        'invalid-request',
        `After a "${OUTCOME_LABELS[outcome.outcome]}" outcome there is no "${milestoneId}" step.`,
        'milestoneId',
      );
    if ((milestoneId === 'report-received' || milestoneId === 'report-published') && change.date !== undefined) {
      throw new WorkspaceError(
        'invalid-request',
        "The report's dates are part of the outcome: change them there.",
        'milestoneId',
      );
    }
    const entry = { ...outcome.followUp[milestoneId] };
    if (change.date !== undefined) {
      if (change.date === null) delete entry.date;
      else entry.date = change.date;
    }
    if (change.done !== undefined) {
      if (change.done === null) delete entry.done;
      else entry.done = change.done;
    }
    const followUp = { ...outcome.followUp, [milestoneId]: entry };
    if (Object.keys(entry).length === 0) delete followUp[milestoneId];
    db.prepare('UPDATE inspection_outcome SET follow_up = ? WHERE id = 1').run(JSON.stringify(followUp));
    audit(
      db,
      PLAN_AUDIT_ACTIONS.followUpChanged,
      who,
      at,
      { milestone: milestoneId, date: current.date, done: current.done },
      {
        milestone: milestoneId,
        date: change.date === undefined ? current.date : (change.date ?? '(computed)'),
        done: change.done === undefined ? current.done : change.done,
      },
    );
  })();
}

function actionFromRow(row: ActionRow, updates: ProgressUpdate[]): StoredAction {
  return {
    id: row.id,
    action: row.action,
    area: row.evaluation_area,
    reportArea: row.report_area ?? null,
    lead: row.lead,
    sro: row.sro,
    due: row.due_date,
    successCriteria: row.success_criteria,
    expectedImpact: row.expected_impact,
    itemIds: JSON.parse(row.item_ids) as string[],
    metrics: JSON.parse(row.metrics) as ActionMetric[],
    milestones: JSON.parse(row.milestones) as ActionMilestone[],
    completedOn: row.completed_on ?? null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    updates,
  };
}

/** Every action, in number order, with its progress updates oldest first. */
export function listStoredActions(db: Database): StoredAction[] {
  const updates = new Map<number, ProgressUpdate[]>();
  for (const u of db.prepare<[], UpdateRow>('SELECT * FROM plan_updates ORDER BY update_date, id').all()) {
    const list = updates.get(u.action_id) ?? [];
    list.push({
      id: u.id,
      date: u.update_date,
      rag: u.rag,
      text: u.text,
      by: u.reported_by,
      recordedAt: u.recorded_at,
      recordedBy: u.recorded_by,
    });
    updates.set(u.action_id, list);
  }
  return db
    .prepare<[], ActionRow>('SELECT * FROM plan_actions ORDER BY id')
    .all()
    .map((row) => actionFromRow(row, updates.get(row.id) ?? []));
}

export function getStoredAction(db: Database, id: number): StoredAction {
  const action = listStoredActions(db).find((a) => a.id === id);
  if (!action) {
    const count = db.prepare<[], number>('SELECT COUNT(*) FROM plan_actions').pluck().get() ?? 0;
    throw new WorkspaceError(
      'not-found',
      `There is no action ${id}${count ? `: the plan's actions are numbered 1 to ${count}` : ': the plan has no actions yet'}.`,
      'id',
    );
  }
  return action;
}

function checkAction(db: Database, fields: ActionFields): void {
  if (fields.reportArea) {
    if (reportAreaText(getOutcome(db), fields.reportArea) === null) {
      throw new WorkspaceError(
        'invalid-request',
        `The report has no ${reportAreaLabel(fields.reportArea).toLowerCase()}: record the report's areas with the outcome first.`,
        'reportArea',
      );
    }
  }
  const unknownMetric = fields.metrics.find((m) => !metricById(m.metricId));
  if (unknownMetric) {
    throw new WorkspaceError(
      'not-found',
      `There is no metric "${unknownMetric.metricId}": use an id from the Data screen or sendpack metrics --json (e.g. ehcp-20wk-all).`,
      'metrics',
    );
  }
  const known = new Set(listItems(db).map((i) => i.id));
  const unknown = fields.itemIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new WorkspaceError('not-found', `No checklist item has the id ${unknown.join(', ')}.`, 'itemIds');
}

function storedFields(a: StoredAction): ActionFields {
  return {
    action: a.action,
    area: a.area,
    reportArea: a.reportArea,
    lead: a.lead,
    sro: a.sro,
    due: a.due,
    successCriteria: a.successCriteria,
    expectedImpact: a.expectedImpact,
    itemIds: a.itemIds,
    metrics: a.metrics,
    milestones: a.milestones,
    completedOn: a.completedOn,
  };
}

/**
 * A linked metric with no baseline takes the latest figure held for it, with its period, when it is linked: the
 * point the action starts from. Metrics already linked keep theirs.
 */
function withBaselines(db: Database, fields: ActionFields, already: readonly ActionMetric[] = []): ActionFields {
  if (fields.metrics.every((m) => m.baseline !== null || already.some((a) => a.metricId === m.metricId))) return fields;
  const results = workspaceMetricResults(db);
  return {
    ...fields,
    metrics: fields.metrics.map((m) => {
      if (m.baseline !== null || already.some((a) => a.metricId === m.metricId)) return m;
      const latest = latestMetric(results, m.metricId);
      return latest ? { ...m, baseline: latest.value, baselineDate: m.baselineDate || latest.period } : m;
    }),
  };
}

/**
 * An action's fields as the plan_actions columns hold them, in the order both the insert and the update name them
 * (action … completed_on).
 */
function actionColumns(fields: ActionFields) {
  return [
    fields.action,
    fields.area,
    fields.reportArea,
    fields.lead,
    fields.sro,
    fields.due,
    fields.successCriteria,
    fields.expectedImpact,
    JSON.stringify(fields.itemIds),
    JSON.stringify(fields.metrics),
    JSON.stringify(fields.milestones),
    fields.completedOn,
  ] as const;
}

/** Adds an action to the plan and answers its number. */
export function addAction(db: WritableDB, given: ActionFields, who: string, at = new Date().toISOString()): number {
  return db.transaction(() => {
    checkAction(db, given);
    const fields = withBaselines(db, given);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO plan_actions (action, evaluation_area, report_area, lead, sro, due_date,
        success_criteria, expected_impact, item_ids, metrics, milestones, completed_on, created_at, created_by, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...actionColumns(fields), at, who, at, who);
    const id = Number(lastInsertRowid);
    audit(db, PLAN_AUDIT_ACTIONS.actionAdded, who, at, null, { actionId: id, ...fields });
    return id;
  })();
}

/** Replaces an action's fields; the audit trail records the fields that changed, before and after. */
export function updateAction(
  db: WritableDB,
  id: number,
  given: ActionFields,
  who: string,
  at = new Date().toISOString(),
): void {
  db.transaction(() => {
    const current = storedFields(getStoredAction(db, id));
    checkAction(db, given);
    const fields = withBaselines(db, given, current.metrics);
    const changed = (Object.keys(fields) as (keyof ActionFields)[]).filter(
      (k) => JSON.stringify(fields[k]) !== JSON.stringify(current[k]),
    );
    if (changed.length === 0) return;
    db.prepare(
      `UPDATE plan_actions SET action = ?, evaluation_area = ?, report_area = ?, lead = ?, sro = ?, due_date = ?,
        success_criteria = ?, expected_impact = ?, item_ids = ?, metrics = ?, milestones = ?, completed_on = ?, updated_at = ?, updated_by = ?
        WHERE id = ?`,
    ).run(...actionColumns(fields), at, who, id);
    audit(
      db,
      PLAN_AUDIT_ACTIONS.actionChanged,
      who,
      at,
      { actionId: id, ...Object.fromEntries(changed.map((k) => [k, current[k]])) },
      { actionId: id, ...Object.fromEntries(changed.map((k) => [k, fields[k]])) },
    );
  })();
}

/** Adds a progress update to an action's history; the earlier ones stay as they were. */
export function addProgressUpdate(
  db: WritableDB,
  input: ProgressUpdateInput,
  who: string,
  at = new Date().toISOString(),
  today = todayIso(),
): ProgressUpdate {
  return db.transaction(() => {
    getStoredAction(db, input.actionId);
    const date = input.date ?? today;
    const by = input.by?.trim() || who;
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO plan_updates (action_id, update_date, rag, text, reported_by, recorded_at, recorded_by)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.actionId, date, input.rag, input.text, by, at, who);
    const update = {
      id: Number(lastInsertRowid),
      date,
      rag: input.rag,
      text: input.text,
      by,
      recordedAt: at,
      recordedBy: who,
    };
    audit(db, PLAN_AUDIT_ACTIONS.updateAdded, who, at, null, {
      actionId: input.actionId,
      updateId: update.id,
      date,
      rag: input.rag,
      text: input.text,
      by,
    });
    return update;
  })();
}

/** Corrects a progress update that was recorded wrongly (a slip, or personal data the privacy check found). */
export function correctProgressUpdate(
  db: WritableDB,
  updateId: number,
  change: { rag: Rag; text: string; date: string; by: string },
  who: string,
  reason: string,
  at = new Date().toISOString(),
): void {
  db.transaction(() => {
    const row = db.prepare<[number], UpdateRow>('SELECT * FROM plan_updates WHERE id = ?').get(updateId);
    if (!row) throw new WorkspaceError('not-found', `There is no progress update ${updateId}.`, 'updateId');
    db.prepare('UPDATE plan_updates SET rag = ?, text = ?, update_date = ?, reported_by = ? WHERE id = ?').run(
      change.rag,
      change.text,
      change.date,
      change.by,
      updateId,
    );
    // The earlier text is not copied into the audit trail: a correction may be removing personal data from it.
    audit(
      db,
      PLAN_AUDIT_ACTIONS.updateCorrected,
      who,
      at,
      { actionId: row.action_id, updateId, date: row.update_date, rag: row.rag },
      { actionId: row.action_id, updateId, date: change.date, rag: change.rag, text: change.text, by: change.by },
      reason,
    );
  })();
}

export interface PlanView {
  outcome:
    | (Omit<StoredOutcome, 'followUp' | 'siteWeekEnd'> & {
        outcomeLabel: string;
        siteWeekEnd: string;
        siteWeekEndRecorded: boolean;
      })
    | null;
  followUp: FollowUpMilestone[];
  actions: (Omit<StoredAction, 'metrics'> & {
    metrics: ReturnType<typeof metricProgress>[];
    rag: Rag | null;
    overdue: boolean;
  })[];
  today: string;
  current: boolean;
}

/**
 * The follow-up phase as the app shows it. It is the current phase when an outcome is recorded and no notification
 * came after its site week began (a later notification starts the next inspection's notice window).
 */
export function planView(db: Database, today = todayIso()): PlanView {
  const outcome = getOutcome(db);
  const calendar = workspaceCalendar(db);
  const results = workspaceMetricResults(db);
  const actions = listStoredActions(db).map((a) => ({
    ...a,
    metrics: a.metrics.map((m) => metricProgress(m, results)),
    rag: a.updates.at(-1)?.rag ?? null,
    overdue: a.completedOn === null && a.due < today,
  }));
  const notified = getInspection(db)?.notifiedDate ?? null;
  return {
    outcome: outcome
      ? (({ followUp: _f, siteWeekEnd: recordedEnd, ...rest }) => ({
          ...rest,
          outcomeLabel: OUTCOME_LABELS[rest.outcome],
          siteWeekEnd: siteWeekEnd(outcome, calendar),
          siteWeekEndRecorded: recordedEnd !== null,
        }))(outcome)
      : null,
    followUp: outcome ? followUpMilestones(outcome, calendar) : [],
    actions,
    today,
    current: outcome !== null && (notified === null || notified <= outcome.siteWeekStart),
  };
}
