import type { WritableDB } from '../store/database';
/**
 * Creates the sample area's workspace (resources/sample/) through the app's own code paths: the workspace is
 * created like any other, the notification recorded, every dataset's CSV previewed and committed by the importer,
 * the checklist filled in with updateItem and addCustomItem, and the evidence files attached with text extraction.
 * Dates follow the day it is created, so a newcomer always sees an inspection a few working days in.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS, datasetById } from '../../shared/domain/datasets/index';
import { rowNotes } from '../../shared/domain/datasets/rules';
import { addCalendarDays, addWorkingDays, previousWorkingDayOnOrBefore } from '../../shared/domain/working-days';
import { SHIPPED_CATALOGUE } from '../catalogue/shipped-catalogue';
import { addCustomItem, getItem } from '../checklist/checklist-repository';
import { updateItem } from '../review/update-item';
import { commitImport } from '../datasets/dataset-store';
import { attachFiles } from '../evidence/attachments-repository';
import { sha256Of } from '../store/blob-store';
import { extractText } from '../formats/extract-text';
import { previewImport } from '../datasets/import/preview-import';
import { todayIso, workspaceCalendar } from '../inspection/calendar-settings';
import { recordNotification } from '../inspection/inspection-repository';
import {
  addRating,
  saveCaseStudy,
  saveContext,
  saveGrid,
  saveTarget,
  setRatingScale,
} from '../self-evaluation/self-evaluation-store';
import { Workspace } from '../workspace/workspace';
import { buildEvidenceFile } from './evidence-documents';
import { recordPreviousInspection } from './sample-previous-inspection';
import {
  loadSampleContent,
  narrativeText,
  sampleAuthority,
  type SampleContent,
  type SampleCustomItem,
  type SampleItem,
} from './sample-content';

export interface SampleOptions {
  /** The moment the sample is made (default: now): dates of the notification and documents count back from it. */
  now?: Date;
  /** Who the audit trail records; by default the sample's own name, "Sample data (fictional)". */
  user?: string;
  /** The resources/sample folder; found next to the app by default (see findSampleDir). */
  sampleDir?: string;
}

interface Context {
  content: SampleContent;
  workspace: Workspace;
  db: WritableDB;
  who: string;
  at: string;
  today: string;
}

/** The notification: a few working days before today, so the countdown is running and the deadline still ahead. */
function recordSampleNotification(ctx: Context): void {
  const { notification } = ctx.content.area;
  const calendar = workspaceCalendar(ctx.db);
  const date = addWorkingDays(
    previousWorkingDayOnOrBefore(ctx.today, calendar),
    -notification.workingDaysBeforeToday,
    calendar,
  );
  recordNotification(
    ctx.db,
    { date, time: notification.time, preset: notification.preset, leadOfficer: notification.leadOfficer },
    ctx.who,
    ctx.at,
  );
}

/** Each dataset's CSV through the importer, as an officer's file would go; the sample must import without a flaw. */
function importDatasets(ctx: Context): void {
  const area = { kind: 'la' as const, la: sampleAuthority(ctx.content.area) };
  for (const [id, fileName] of ctx.content.dataFiles) {
    const def = datasetById(id);
    if (!def)
      throw new Error(
        `The sample's data/${fileName} names no dataset (datasets: ${DATASETS.map((d) => d.id).join(', ')}).`,
      );
    const bytes = readFileSync(join(ctx.content.dir, 'data', fileName));
    const preview = previewImport({ def, bytes, fileName, area });
    // A published percentage that differs from its counts is DfE's own (England 2023: 84.8% published, 84.9%
    // recomputed), a note beside the figure of record, not a flaw of the sample.
    const ofRecord = preview.rows.flatMap((r) => rowNotes(def, r).map((n) => n.message));
    const flaws = [
      ...preview.problems.map((p) => `${p.row ? `row ${p.row}: ` : ''}${p.message}`),
      ...preview.notes.filter((n) => !ofRecord.some((m) => n.includes(m))),
    ];
    if (flaws.length || preview.rows.length === 0) {
      throw new Error(`The sample's data/${fileName} did not import cleanly: ${flaws[0] ?? 'no rows'}`);
    }
    commitImport(
      ctx.db,
      {
        dataset: def.id,
        sourceName: fileName,
        sourceSha256: sha256Of(bytes),
        layout: preview.layout,
        rowsRead: preview.rowsRead,
        discardedColumns: preview.discardedColumns,
        rows: preview.rows,
      },
      ctx.who,
      ctx.at,
    );
  }
}

/** The item's owner and narrative, then its evidence, then its status: approval comes last, as it locks the item. */
async function fillItem(ctx: Context, itemId: string, entry: SampleItem | SampleCustomItem): Promise<void> {
  const personLevel = getItem(ctx.db, itemId).personLevel;
  const note = personLevel ? undefined : narrativeText(entry.narrative);
  if (personLevel && entry.narrative.length)
    throw new Error(`The sample gives the person-level item ${itemId} a narrative.`);
  updateItem(ctx.db, { itemId, owner: entry.owner, ...(note ? { note } : {}) }, ctx.who, ctx.at);
  for (const file of ctx.content.evidence.filter((f) => f.item === itemId)) {
    const date = addCalendarDays(ctx.today, -file.daysAgo);
    const template = readFileSync(join(ctx.content.dir, file.template), 'utf8');
    const bytes = buildEvidenceFile(file.format, template, { title: file.title, author: file.author, date });
    await attachFiles(
      ctx.workspace,
      itemId,
      [{ name: file.fileName, bytes }],
      {
        title: file.title,
        documentDate: date,
        versionLabel: file.version,
        author: file.author,
        source: file.origin,
      },
      ctx.who,
      extractText,
      ctx.at,
    );
  }
  if (entry.status !== 'not-started') updateItem(ctx.db, { itemId, status: entry.status }, ctx.who, ctx.at);
}

async function fillChecklist(ctx: Context): Promise<void> {
  for (const entry of ctx.content.items) await fillItem(ctx, entry.id, entry);
  for (const entry of ctx.content.customItems) {
    const item = addCustomItem(
      ctx.db,
      { title: entry.title, description: entry.description, areas: entry.areas },
      ctx.who,
      ctx.at,
    );
    await fillItem(ctx, item.id, entry);
  }
}

/** The grid, its dated ratings, the local context, case studies and targets, through the self-evaluation's store. */
function fillSelfEvaluation(ctx: Context): void {
  const se = ctx.content.selfEvaluation;
  if (!se) return;
  setRatingScale(ctx.db, se.scale, ctx.who, ctx.at);
  if (se.context) saveContext(ctx.db, se.context, ctx.who, ctx.at);
  for (const { area, ratings, ...fields } of se.areas) {
    saveGrid(ctx.db, area, fields, ctx.who, ctx.at);
    for (const r of ratings) {
      const day = new Date(`${ctx.today}T12:00:00Z`);
      day.setUTCDate(day.getUTCDate() - r.daysAgo);
      addRating(ctx.db, { area, rating: r.rating, ratedOn: day.toISOString().slice(0, 10), note: '' }, ctx.who, ctx.at);
    }
  }
  for (const c of se.caseStudies) saveCaseStudy(ctx.db, c, ctx.who, ctx.at);
  for (const t of se.targets) saveTarget(ctx.db, t, ctx.who, ctx.at);
}

/**
 * Creates the sample area's workspace at `folder`, which must not exist yet, and closes it. Nothing is left behind
 * if a step fails.
 */
export async function createSampleWorkspace(folder: string, options: SampleOptions = {}): Promise<{ folder: string }> {
  const content = loadSampleContent(options.sampleDir);
  const now = options.now ?? new Date();
  const who = options.user ?? content.area.user;
  const { folder: created } = Workspace.create({
    folder,
    areaName: content.area.areaName,
    laCode: content.area.authority.oldCode,
    user: who,
    catalogue: SHIPPED_CATALOGUE,
  });
  try {
    const workspace: Workspace = Workspace.open(created, { user: who });
    try {
      workspace.assertWritable();
      const ctx: Context = { content, workspace, db: workspace.db, who, at: now.toISOString(), today: todayIso(now) };
      recordSampleNotification(ctx);
      importDatasets(ctx);
      await fillChecklist(ctx);
      // The last inspection and its plan, part-way through: the pack's "progress since the last inspection".
      recordPreviousInspection(ctx.db, content.dir, who, ctx.at, ctx.today);
      fillSelfEvaluation(ctx);
    } finally {
      workspace.close();
    }
  } catch (error) {
    rmSync(created, { recursive: true, force: true });
    throw error;
  }
  return { folder: created };
}
