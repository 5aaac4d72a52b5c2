import { readMeta, writeMeta } from '../store/meta';
import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { areaGroupOf } from '../../shared/domain/evaluation-areas';
import {
  SELF_EVALUATION_AREAS,
  type CaseStudyInputSchema,
  type EvidenceLinkSchema,
  type GridFieldsSchema,
  type RatingInputSchema,
  type SelfEvaluationStateSchema,
  type TargetInputSchema,
} from '../../shared/api/self-evaluation-schemas';
import { appendEvent } from '../audit/audit-events';
import { WorkspaceError } from '../refusal/refusal';

/**
 * The self-evaluation's store: the grid per evaluation area (what good looks like, strengths, areas for development,
 * impact, next steps, evidence links), its ratings (each dated and kept: a new rating never replaces an old one, so
 * the pack shows the trend), the rating scale, the local context, case studies and metric targets. Every change is
 * an audit event.
 */

export type SelfEvaluationState = z.output<typeof SelfEvaluationStateSchema>;
export type SelfEvaluationAreaId = (typeof SELF_EVALUATION_AREAS)[number];
export type EvidenceLink = z.output<typeof EvidenceLinkSchema>;

/** A row of the self_evaluation table: one area's grid, its evidence links as JSON text. */
interface SelfEvaluationRow {
  area: SelfEvaluationAreaId;
  what_good: string;
  strengths: string;
  development: string;
  impact: string;
  next_steps: string;
  /** JSON array of evidence links. */
  evidence: string;
  updated_at: string;
  updated_by: string;
}

/** A row of the self_evaluation_ratings table: one dated rating of an area (never replaced). */
interface RatingRow {
  id: number;
  area: SelfEvaluationAreaId;
  rating: string;
  rated_on: string;
  note: string;
  recorded_at: string;
  recorded_by: string;
}

/** A row of the case_studies table (removed ones are kept, flagged). */
interface CaseStudyRow {
  id: number;
  title: string;
  area: SelfEvaluationAreaId;
  story: string;
  consent_recorded: number;
  consent_note: string;
  removed: number;
  updated_at: string;
  updated_by: string;
}

/** A row of the metric_targets table. */
interface MetricTargetRow {
  metric_id: string;
  breakdown: string;
  baseline_period: string | null;
  target: number | null;
  target_period: string;
  updated_at: string;
  updated_by: string;
}

export const DEFAULT_RATING_SCALE = ['Secure', 'Developing', 'Weak'] as const;
const SCALE_KEY = 'self_evaluation_scale';
const CONTEXT_KEY = 'local_context';

const meta = (db: Database, key: string) => readMeta(db, key) ?? null;

/** The grid's text fields, as the pack and the privacy check name them. */
const FIELD_LABELS = {
  whatGood: 'what good looks like',
  strengths: 'strengths',
  development: 'areas for development',
  impact: 'impact',
  nextSteps: 'next steps',
} as const;

export function ratingScale(db: Database): string[] {
  const stored = meta(db, SCALE_KEY);
  return stored ? (JSON.parse(stored) as string[]) : [...DEFAULT_RATING_SCALE];
}

export function readSelfEvaluation(db: Database): SelfEvaluationState {
  const rows = new Map(
    db
      .prepare<[], SelfEvaluationRow>('SELECT * FROM self_evaluation')
      .all()
      .map((r) => [r.area, r]),
  );
  const ratings = db
    .prepare<[], Omit<RatingRow, 'recorded_at'>>(
      'SELECT id, area, rating, rated_on, note, recorded_by FROM self_evaluation_ratings ORDER BY rated_on, id',
    )
    .all();
  const context = meta(db, CONTEXT_KEY);
  const parsedContext = context
    ? (JSON.parse(context) as { text: string; updatedAt: string; updatedBy: string })
    : null;
  return {
    scale: ratingScale(db),
    areas: SELF_EVALUATION_AREAS.map((area) => {
      const row = rows.get(area);
      const wording = areaGroupOf(area).heading;
      return {
        area,
        heading: areaGroupOf(area).shortName,
        frameworkWording: wording,
        // Pre-filled from the framework's wording until the officers write their own.
        whatGood: row ? row.what_good : wording,
        strengths: row?.strengths ?? '',
        development: row?.development ?? '',
        impact: row?.impact ?? '',
        nextSteps: row?.next_steps ?? '',
        evidence: row ? (JSON.parse(row.evidence) as EvidenceLink[]) : [],
        updatedAt: row?.updated_at ?? null,
        updatedBy: row?.updated_by ?? null,
        ratings: ratings
          .filter((r) => r.area === area)
          .map((r) => ({ id: r.id, rating: r.rating, ratedOn: r.rated_on, note: r.note, recordedBy: r.recorded_by })),
      };
    }),
    context: {
      text: parsedContext?.text ?? '',
      updatedAt: parsedContext?.updatedAt ?? null,
      updatedBy: parsedContext?.updatedBy ?? null,
    },
    caseStudies: db
      .prepare<[], CaseStudyRow>('SELECT * FROM case_studies WHERE removed = 0 ORDER BY id')
      .all()
      .map((r) => ({
        id: r.id,
        title: r.title,
        area: r.area,
        story: r.story,
        consentRecorded: r.consent_recorded === 1,
        consentNote: r.consent_note,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      })),
    targets: db
      .prepare<[], MetricTargetRow>('SELECT * FROM metric_targets ORDER BY metric_id, breakdown')
      .all()
      .map((r) => ({
        metricId: r.metric_id,
        breakdown: r.breakdown,
        baselinePeriod: r.baseline_period,
        target: r.target,
        targetPeriod: r.target_period,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
      })),
  };
}

const now = () => new Date().toISOString();

/** Saves some of an area's grid; fields not given keep what they held (or the framework's wording). */
export function saveGrid(
  db: WritableDB,
  area: SelfEvaluationAreaId,
  fields: z.output<typeof GridFieldsSchema>,
  who: string,
  at = now(),
): void {
  db.transaction(() => {
    const before = readSelfEvaluation(db).areas.find((a) => a.area === area)!;
    const next = {
      whatGood: fields.whatGood ?? before.whatGood,
      strengths: fields.strengths ?? before.strengths,
      development: fields.development ?? before.development,
      impact: fields.impact ?? before.impact,
      nextSteps: fields.nextSteps ?? before.nextSteps,
      evidence: fields.evidence ?? before.evidence,
    };
    db.prepare(
      `INSERT INTO self_evaluation (area, what_good, strengths, development, impact, next_steps, evidence, updated_at, updated_by)
      VALUES (@area, @whatGood, @strengths, @development, @impact, @nextSteps, @evidence, @at, @who)
      ON CONFLICT (area) DO UPDATE SET what_good = excluded.what_good, strengths = excluded.strengths, development = excluded.development,
        impact = excluded.impact, next_steps = excluded.next_steps, evidence = excluded.evidence, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run({ area, ...next, evidence: JSON.stringify(next.evidence), at, who });
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length) {
      appendEvent(db, {
        at,
        who,
        itemId: null,
        action: 'self-evaluation-edit',
        before: JSON.stringify({ area, ...Object.fromEntries(changed.map((k) => [k, before[k]])) }),
        after: JSON.stringify({ area, ...Object.fromEntries(changed.map((k) => [k, next[k]])) }),
      });
    }
  })();
}

export function addRating(db: WritableDB, input: z.output<typeof RatingInputSchema>, who: string, at = now()): void {
  const scale = ratingScale(db);
  const rating = scale.find((r) => r.toLowerCase() === input.rating.toLowerCase());
  if (!rating)
    throw new WorkspaceError(
      'invalid-request',
      `"${input.rating}" is not on the rating scale: use ${scale.join(', ')} (or change the scale).`,
      'rating',
    );
  db.transaction(() => {
    db.prepare(
      'INSERT INTO self_evaluation_ratings (area, rating, rated_on, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(input.area, rating, input.ratedOn, input.note, at, who);
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'self-evaluation-rate',
      before: null,
      after: JSON.stringify({ area: input.area, rating, ratedOn: input.ratedOn, note: input.note }),
    });
  })();
}

export function setRatingScale(db: WritableDB, scale: string[], who: string, at = now()): void {
  db.transaction(() => {
    const before = ratingScale(db);
    writeMeta(db, SCALE_KEY, JSON.stringify(scale));
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'self-evaluation-scale',
      before: JSON.stringify(before),
      after: JSON.stringify(scale),
    });
  })();
}

export function saveContext(db: WritableDB, text: string, who: string, at = now()): void {
  db.transaction(() => {
    const before = readSelfEvaluation(db).context.text;
    if (before === text) return;
    writeMeta(db, CONTEXT_KEY, JSON.stringify({ text, updatedAt: at, updatedBy: who }));
    appendEvent(db, { at, who, itemId: null, action: 'local-context-edit', before, after: text });
  })();
}

export function saveCaseStudy(
  db: WritableDB,
  input: z.output<typeof CaseStudyInputSchema>,
  who: string,
  at = now(),
): number {
  return db.transaction(() => {
    const values = {
      title: input.title,
      area: input.area,
      story: input.story,
      consent: input.consentRecorded ? 1 : 0,
      note: input.consentNote,
      at,
      who,
    };
    let id = input.id;
    if (id === undefined) {
      id = Number(
        db
          .prepare(
            `INSERT INTO case_studies (title, area, story, consent_recorded, consent_note, updated_at, updated_by)
        VALUES (@title, @area, @story, @consent, @note, @at, @who)`,
          )
          .run(values).lastInsertRowid,
      );
    } else {
      const found = db
        .prepare(
          'UPDATE case_studies SET title = @title, area = @area, story = @story, consent_recorded = @consent, consent_note = @note, updated_at = @at, updated_by = @who WHERE id = @id AND removed = 0',
        )
        .run({ ...values, id });
      if (found.changes === 0) throw new WorkspaceError('not-found', `There is no case study ${id}.`, 'id');
    }
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'case-study-save',
      before: null,
      after: JSON.stringify({ id, title: input.title, area: input.area, consentRecorded: input.consentRecorded }),
    });
    return id;
  })();
}

/** Removes a case study from the pack (kept in the database, marked removed, as the audit trail refers to it). */
export function removeCaseStudy(db: WritableDB, id: number, who: string, at = now()): void {
  db.transaction(() => {
    const found = db
      .prepare('UPDATE case_studies SET removed = 1, updated_at = ?, updated_by = ? WHERE id = ? AND removed = 0')
      .run(at, who, id);
    if (found.changes === 0) throw new WorkspaceError('not-found', `There is no case study ${id}.`, 'id');
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'case-study-remove',
      before: JSON.stringify({ id }),
      after: null,
    });
  })();
}

export function saveTarget(db: WritableDB, input: z.output<typeof TargetInputSchema>, who: string, at = now()): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO metric_targets (metric_id, breakdown, baseline_period, target, target_period, updated_at, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (metric_id, breakdown) DO UPDATE SET baseline_period = excluded.baseline_period,
      target = excluded.target, target_period = excluded.target_period, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(input.metricId, input.breakdown, input.baselinePeriod, input.target, input.targetPeriod, at, who);
    appendEvent(db, { at, who, itemId: null, action: 'metric-target', before: null, after: JSON.stringify(input) });
  })();
}

/** The texts that leave in a pack, for the privacy check: every grid field, the local context and each case study. */
export function selfEvaluationTexts(db: Database): { field: string; detail: string; text: string }[] {
  const state = readSelfEvaluation(db);
  const out: { field: string; detail: string; text: string }[] = [];
  for (const a of state.areas) {
    for (const [key, label] of Object.entries(FIELD_LABELS)) {
      const text = a[key as keyof typeof FIELD_LABELS];
      if (text && text !== a.frameworkWording)
        out.push({ field: 'self-evaluation', detail: `${a.area} ${label}`, text });
    }
    for (const r of a.ratings)
      if (r.note) out.push({ field: 'self-evaluation', detail: `${a.area} rating note`, text: r.note });
  }
  if (state.context.text) out.push({ field: 'local context', detail: '', text: state.context.text });
  for (const c of state.caseStudies)
    out.push({ field: 'case study', detail: c.title, text: `${c.title}\n${c.story}\n${c.consentNote}` });
  return out;
}
