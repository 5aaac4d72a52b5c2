import { z } from 'zod';
import type { OperationName } from './operation-names';
import { forbiddenXmlCharacter } from '../domain/xml-text';
import { PACK_KIND_IDS, PACK_SECTION_ORDER } from '../domain/pack-kinds';
import {
  AreaNameSchema,
  ChecklistItemSchema,
  EvaluationAreaSchema,
  ItemStatusSchema,
  LaCodeSchema,
  LocalAuthoritySchema,
  NoteSchema,
  OwnerSchema,
  ReasonSchema,
  RecentWorkspaceSchema,
  UserNameSchema,
  WorkspacePathSchema,
  WorkspaceSessionSchema,
  AttachmentSchema,
  AttachmentMetadataSchema,
  FileRefSchema,
  IsoDateSchema,
} from './schemas';
import {
  DashboardSchema,
  HolidayOverridesSchema,
  HolidaySchema,
  MilestoneIdSchema,
  NotificationSchema,
  TimelineSchema,
} from './inspection-schemas';
import { PrivacyScanSchema, PrivacySettingsSchema, PrivacySettingsViewSchema } from './privacy-schemas';
import {
  ColumnChoiceSchema,
  DatasetIdSchema,
  DatasetRowSchema,
  DatasetSummarySchema,
  ImportPreviewSchema,
  MetricResultSchema,
  NeighboursSchema,
} from './dataset-schemas';
import {
  CaseStudyInputSchema,
  GridFieldsSchema,
  RatingInputSchema,
  RatingScaleSchema,
  SelfEvaluationAreaSchema,
  SelfEvaluationStateSchema,
  TargetInputSchema,
} from './self-evaluation-schemas';
import {
  CheckIdSchema,
  ListCheckRecordSchema,
  ListCheckRequestSchema,
  ListCheckResultSchema,
  ListPreviewRequestSchema,
  ListPreviewSchema,
  ListProfileSchema,
  ListSchema,
} from './list-check-schemas';
import {
  ActionFieldsSchema,
  FollowUpMilestoneIdSchema,
  OutcomeInputSchema,
  PlanViewSchema,
  ProgressUpdateInputSchema,
  RagSchema,
} from './plan-schemas';
import { SyncConfigureSchema, SyncStatusSchema } from './sync-schemas';

interface Operation<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  /** One line for --help texts and error messages. */
  summary: string;
}
/**
 * Every string a request carries (narratives, titles, names, settings, at any depth) is refused if it holds a
 * character XML forbids: it would make the pack's document.xml ill-formed (shared/domain/xml-text.ts).
 */
function refuseForbiddenXml(value: unknown, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    const found = forbiddenXmlCharacter(value);
    if (found)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `holds a character a Word document cannot hold (${found}); remove it`,
      });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => refuseForbiddenXml(v, ctx, [...path, i]));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, v] of Object.entries(value)) refuseForbiddenXml(v, ctx, [...path, key]);
  }
}

const op = <Req extends z.ZodType, Res extends z.ZodType>(
  summary: string,
  request: Req,
  response: Res,
): Operation<Req, Res> => ({
  summary,
  request: request.superRefine((value, ctx) => refuseForbiddenXml(value, ctx)),
  response,
});

const none = z.strictObject({});
/** Long work that can be stopped part-way; each checks for a cancel at points where nothing is half-written. */
export const CANCELLABLE_OPERATIONS = ['pack.build', 'attachments.add', 'imports.preview'] as const;
export type CancellableOperation = (typeof CANCELLABLE_OPERATIONS)[number];

/** The sections a pack can hold, in document order (shared/domain/pack-kinds.ts). */
export const PACK_SECTIONS = PACK_SECTION_ORDER;
/** The documents a workspace builds (shared/domain/pack-kinds.ts). */
export const PACK_KINDS = PACK_KIND_IDS;

/** A council template as the build screen shows it: its name and the placeholders it holds. */
const PackTemplateSchema = z.object({ fileName: z.string(), placeholders: z.array(z.string()) });

/** The officer's choice of what a pack holds, shared by building it and outlining it. */
const PackChoiceShape = {
  sections: z.array(z.enum(PACK_SECTIONS)).min(1, 'must include at least one section').optional(),
  approvedOnly: z.boolean().default(false),
  /** Which document: the evidence pack (default), the self-evaluation alone, or the briefing for settings. */
  kind: z.enum(PACK_KINDS).default('evidence-pack'),
  /** The checklist items printed in the evaluation-area sections; absent, every item with a narrative or evidence. */
  items: z.array(z.string().min(1).max(200)).max(2000).optional(),
};

/**
 * The one API contract between the renderer and main: every operation's request and response schema. Main
 * validates every request against it; hosts (Electron IPC, the browser host's HTTP) only carry it.
 */
export const contract = {
  'app.info': op(
    'Version and host details',
    none,
    z.object({
      appVersion: z.string(),
      catalogueVersion: z.string(),
      host: z.enum(['electron', 'browser', 'cli']),
      dataDir: z.string(),
      schemaVersion: z.number(),
    }),
  ),
  'settings.get': op("This installation's settings", none, z.object({ userName: z.string().nullable() })),
  'settings.setUserName': op(
    'Set the name recorded with every change',
    z.strictObject({ userName: UserNameSchema }),
    z.object({ userName: z.string() }),
  ),
  'localAuthorities.list': op(
    'English local authorities with old and new codes',
    none,
    z.object({ authorities: z.array(LocalAuthoritySchema) }),
  ),
  'workspace.recent': op('Recently opened workspaces', none, z.object({ workspaces: z.array(RecentWorkspaceSchema) })),
  'workspace.create': op(
    'Create a workspace for an area and open it',
    z.strictObject({
      areaName: AreaNameSchema,
      laCode: LaCodeSchema.nullable(),
      parentDir: WorkspacePathSchema.optional(),
    }),
    z.object({ session: WorkspaceSessionSchema, warnings: z.array(z.string()) }),
  ),
  'workspace.open': op(
    'Open a workspace folder',
    z.strictObject({ path: WorkspacePathSchema }),
    WorkspaceSessionSchema,
  ),
  'workspace.breakLock': op(
    'Take over a workspace whose lock was left behind',
    z.strictObject({
      path: WorkspacePathSchema,
      confirm: z.literal(true, 'must be true: breaking a lock needs confirmation'),
    }),
    WorkspaceSessionSchema,
  ),
  'workspace.current': op('The open workspace, if any', none, WorkspaceSessionSchema.nullable()),
  'workspace.close': op('Close the open workspace', none, z.object({ closed: z.boolean() })),
  'workspace.openSample': op(
    'Open the copy of the fictional sample area (made the first time), or a fresh copy in its place',
    z.strictObject({ fresh: z.boolean().optional() }),
    WorkspaceSessionSchema,
  ),
  'checklist.list': op(
    'Every checklist item with its status, owner and note',
    none,
    z.object({ items: z.array(ChecklistItemSchema) }),
  ),
  'checklist.update': op(
    "Change an item's status, owner or note",
    z
      .strictObject({
        itemId: z.string().min(1, 'must name an item'),
        status: ItemStatusSchema.optional(),
        owner: OwnerSchema.optional(),
        note: NoteSchema.optional(),
        reason: ReasonSchema.optional(),
        dueDate: IsoDateSchema.nullable().optional(),
      })
      .refine(
        (r) => r.status !== undefined || r.owner !== undefined || r.note !== undefined || r.dueDate !== undefined,
        {
          message: 'must change at least one of status, owner, note or due date',
          path: ['status'],
        },
      ),
    ChecklistItemSchema,
  ),
  'checklist.addItem': op(
    'Add an item of your own to the checklist',
    z.strictObject({
      title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
      description: z.string().max(2_000, 'must be at most 2000 characters').default(''),
      areas: z.array(EvaluationAreaSchema).max(7),
    }),
    ChecklistItemSchema,
  ),
  'checklist.bulkUpdate': op(
    'Change the owner, due date or status of several items at once; each locked item is named, the rest change',
    z
      .strictObject({
        itemIds: z.array(z.string().min(1)).min(1, 'must name at least one item').max(500),
        owner: OwnerSchema.optional(),
        dueDate: IsoDateSchema.nullable().optional(),
        status: z.enum(['not-applicable', 'ready-for-review', 'in-progress']).optional(),
      })
      .refine((r) => r.owner !== undefined || r.dueDate !== undefined || r.status !== undefined, {
        message: 'must change at least one of owner, due date or status',
        path: ['owner'],
      }),
    z.object({
      items: z.array(ChecklistItemSchema),
      refused: z.array(z.object({ itemId: z.string(), title: z.string(), reason: z.string() })),
    }),
  ),
  'checklist.approvalCheck': op(
    'What approving an item would lock, what looks unfinished, and whether you may approve it',
    z.strictObject({ itemId: z.string().min(1, 'must name an item') }),
    z.object({ locks: z.string(), warnings: z.array(z.string()), refusal: z.string().nullable() }),
  ),
  'checklist.sendBack': op(
    'Send an item back to its owner with a comment (it returns to in progress)',
    z.strictObject({ itemId: z.string().min(1, 'must name an item'), comment: ReasonSchema }),
    ChecklistItemSchema,
  ),
  'privateNotes.get': op(
    'Your own private note on an item (never in the pack, tracker or bundle)',
    z.strictObject({ itemId: z.string().min(1, 'must name an item') }),
    z.object({ note: z.string(), updatedAt: z.string().nullable() }),
  ),
  'privateNotes.save': op(
    'Save your own private note on an item; an empty note removes it',
    z.strictObject({ itemId: z.string().min(1, 'must name an item'), note: NoteSchema }),
    z.object({ note: z.string(), updatedAt: z.string().nullable() }),
  ),
  'review.settings': op(
    'How this workspace runs review and approval',
    none,
    z.object({ approverMustDiffer: z.boolean() }),
  ),
  'review.saveSettings': op(
    'Change how this workspace runs review and approval',
    z.strictObject({ approverMustDiffer: z.boolean() }),
    z.object({ approverMustDiffer: z.boolean() }),
  ),
  'tracker.export': op(
    'The checklist tracker (one row per item; never private notes) as Excel or CSV',
    z.strictObject({ format: z.enum(['xlsx', 'csv']) }),
    z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  'files.upload': op(
    "Hand over a file's bytes; answers a handle that attach operations use",
    z.strictObject({
      name: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
      // Any Uint8Array (a Buffer, a view of a larger buffer): z.instanceof would narrow the type to a plain ArrayBuffer's.
      bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: "must be the file's bytes" }),
      /** Keep the bytes in memory only, never on disk (a person-level list on its way to be checked). */
      memoryOnly: z.boolean().optional(),
    }),
    z.object({
      handle: z.string(),
      name: z.string(),
      bytes: z.number(),
      /** The date the file says it was last saved, where it records one (Office core properties, PDF /ModDate). */
      documentDate: z.string().nullable(),
    }),
  ),
  'attachments.list': op(
    "An item's evidence files, with earlier versions and the bin",
    z.strictObject({ itemId: z.string().min(1, 'must name an item') }),
    z.object({ attachments: z.array(AttachmentSchema) }),
  ),
  'attachments.add': op(
    'Attach one or more files to an item',
    z.strictObject({
      itemId: z.string().min(1, 'must name an item'),
      files: z.array(FileRefSchema).min(1, 'must hold at least one file').max(100),
      metadata: AttachmentMetadataSchema.default({}),
    }),
    z.object({ attachments: z.array(AttachmentSchema) }),
  ),
  'attachments.replace': op(
    'Store a new version of an attachment, keeping the earlier ones',
    z.strictObject({
      attachmentId: z.number().int().positive(),
      file: FileRefSchema,
      metadata: AttachmentMetadataSchema.default({}),
    }),
    AttachmentSchema,
  ),
  'attachments.update': op(
    "Change an attachment's title, date, version, author, source or note",
    z.strictObject({ attachmentId: z.number().int().positive(), metadata: AttachmentMetadataSchema }),
    AttachmentSchema,
  ),
  'attachments.remove': op(
    'Move an attachment to the bin',
    z.strictObject({ attachmentId: z.number().int().positive() }),
    AttachmentSchema,
  ),
  'attachments.restore': op(
    'Bring an attachment back from the bin',
    z.strictObject({ attachmentId: z.number().int().positive() }),
    AttachmentSchema,
  ),
  'attachments.purge': op(
    'Delete a binned attachment for good, from every backup too',
    z.strictObject({
      attachmentId: z.number().int().positive(),
      reason: ReasonSchema,
      confirm: z.literal(true, 'must be true: purging cannot be undone'),
    }),
    z.object({ purged: z.boolean(), backupsRewritten: z.number() }),
  ),
  'attachments.open': op(
    "Open a read-only copy of an attachment in the system's viewer",
    z.strictObject({ attachmentId: z.number().int().positive() }),
    // A program or script (.exe, .js, .lnk…) is never opened: 'folder' means only show it (main/evidence/open-safely.ts).
    z.object({
      path: z.string(),
      fileName: z.string(),
      opensWith: z.enum(['viewer', 'folder']),
      warning: z.string().nullable(),
    }),
  ),
  'audit.list': op(
    'The audit trail, for one item or the whole workspace, oldest first; or a page of it, newest first, filtered',
    z.strictObject({
      itemId: z.string().min(1).optional(),
      who: z.string().max(100).optional(),
      action: z.string().max(60).optional(),
      from: IsoDateSchema.optional(),
      to: IsoDateSchema.optional(),
      page: z.strictObject({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).optional(),
    }),
    z.object({
      events: z.array(
        z.object({
          at: z.string(),
          who: z.string(),
          itemId: z.string().nullable(),
          action: z.string(),
          before: z.string().nullable(),
          after: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      ),
      total: z.number(),
      people: z.array(z.string()),
      actions: z.array(z.string()),
    }),
  ),
  'audit.exportCsv': op('The whole audit trail as CSV', none, z.object({ fileName: z.string(), csv: z.string() })),
  'search.query': op(
    'Full-text search over items, notes, attachment titles and the text inside attachments',
    z.strictObject({ query: z.string().max(500, 'must be at most 500 characters') }),
    z.object({
      hits: z.array(
        z.object({
          kind: z.enum(['item', 'attachment']),
          itemId: z.string(),
          attachmentId: z.number().nullable(),
          title: z.string(),
          snippet: z.string(),
        }),
      ),
    }),
  ),
  'inspection.get': op('The notification and its milestones, if recorded', none, TimelineSchema.nullable()),
  'inspection.record': op(
    'Record the inspection notification (replacing an earlier one)',
    NotificationSchema,
    TimelineSchema,
  ),
  'inspection.checkDate': op(
    'Whether a notification date looks mistyped (more than five working days from today), and why',
    z.strictObject({ date: IsoDateSchema }),
    z.object({ concern: z.string().nullable() }),
  ),
  'inspection.setMilestone': op(
    "Change one milestone's date, or give null to go back to the computed date",
    z.strictObject({ milestoneId: MilestoneIdSchema, date: IsoDateSchema.nullable() }),
    TimelineSchema,
  ),
  'calendar.get': op(
    "Bank holidays used for working days, with this workspace's overrides",
    z.strictObject({ year: z.number().int().min(1995).max(2100).optional() }),
    z.object({ overrides: HolidayOverridesSchema, holidays: z.array(HolidaySchema) }),
  ),
  'calendar.setOverrides': op(
    'Set extra non-working days and holidays to treat as working days',
    HolidayOverridesSchema,
    z.object({ overrides: HolidayOverridesSchema, holidays: z.array(HolidaySchema) }),
  ),
  'dashboard.get': op("Countdown, readiness per area, overdue, stale and each owner's list", none, DashboardSchema),
  'backups.list': op(
    "A workspace's backups, newest first, and whether its database is sound",
    z.strictObject({ path: WorkspacePathSchema }),
    z.object({
      damaged: z.string().nullable(),
      latestGood: z.string().nullable(),
      backups: z.array(z.object({ name: z.string(), createdAt: z.string(), reason: z.string(), bytes: z.number() })),
    }),
  ),
  'backups.create': op(
    'Back up the open workspace now',
    none,
    z.object({ name: z.string(), createdAt: z.string(), bytes: z.number() }),
  ),
  'backups.restore': op(
    'Restore a workspace from one of its backups, keeping the current database aside first',
    z.strictObject({
      path: WorkspacePathSchema,
      name: z.string().regex(/^workspace-[\w-]+\.db$/, "must be a backup's file name"),
      confirm: z.literal(true, 'must be true: restoring replaces the current database'),
    }),
    z.object({ session: WorkspaceSessionSchema, savedAs: z.string().nullable() }),
  ),
  'datasets.list': op(
    'Every dataset the app takes, with its columns',
    none,
    z.object({ datasets: z.array(DatasetSummarySchema) }),
  ),
  'datasets.template': op(
    'A blank template for a dataset, as CSV or Excel',
    z.strictObject({ dataset: DatasetIdSchema, format: z.enum(['csv', 'xlsx']) }),
    z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  'datasets.rows': op(
    'The figures stored for a dataset',
    z.strictObject({ dataset: DatasetIdSchema }),
    z.object({ rows: z.array(DatasetRowSchema) }),
  ),
  'datasets.enter': op(
    "Type one period's figures for your area (and one breakdown, such as an agency) into a dataset; figures already held for them are returned and replaced only with confirmReplace",
    z.strictObject({
      dataset: DatasetIdSchema,
      period: z.string().trim().min(1, 'must not be empty').max(20),
      breakdown: z.string().max(60).default(''),
      values: z.record(z.string(), z.number().finite().nullable()),
      confirmReplace: z.boolean().default(false),
    }),
    z.object({
      saved: z.boolean(),
      periods: z.array(z.string()),
      replacedPeriods: z.array(z.string()),
      problems: z.array(z.string()),
      wouldReplace: z.array(
        z.object({
          period: z.string(),
          breakdown: z.string(),
          source: z.string(),
          importedAt: z.string(),
          importedBy: z.string(),
        }),
      ),
    }),
  ),
  'benchmarks.neighbours': op(
    "The statistical neighbour list benchmarking uses, and your authority's ten neighbours",
    none,
    NeighboursSchema,
  ),
  'benchmarks.setNeighbours': op(
    'Replace the statistical neighbour list with a file (CSV or Excel, the shipped layout), or go back to the shipped list',
    z
      .strictObject({ file: FileRefSchema.optional(), reset: z.literal(true).optional() })
      .refine((r) => (r.file === undefined) !== (r.reset === undefined), {
        message: 'must give either a file or reset: true',
        path: ['file'],
      }),
    NeighboursSchema,
  ),
  'imports.preview': op(
    'Read a file for a dataset and show what would be imported, writing nothing',
    z.strictObject({
      dataset: DatasetIdSchema,
      file: FileRefSchema,
      authority: z.string().trim().max(100).optional(),
      period: z.string().trim().max(20).optional(),
      snapshot: IsoDateSchema.optional(),
      sheet: z.string().max(100).optional(),
      // The officer's column choices; given (even empty), they replace the ones remembered for files of this layout.
      mapping: z.array(ColumnChoiceSchema).max(1_000).optional(),
    }),
    ImportPreviewSchema,
  ),
  'imports.commit': op(
    'Import a previewed file: all its rows or none',
    z.strictObject({ previewId: z.string().regex(/^[0-9a-f]{32}$/, 'must be a preview id') }),
    z.object({
      importId: z.number(),
      periods: z.array(z.string()),
      rowsKept: z.number(),
      replacedPeriods: z.array(z.string()),
    }),
  ),
  'imports.list': op(
    'Files imported into a dataset',
    z.strictObject({ dataset: DatasetIdSchema.optional() }),
    z.object({
      imports: z.array(
        z.object({
          id: z.number(),
          dataset: z.string(),
          periods: z.array(z.string()),
          sourceName: z.string(),
          layout: z.string(),
          rowsRead: z.number(),
          rowsKept: z.number(),
          discardedColumns: z.array(z.string()),
          importedAt: z.string(),
          importedBy: z.string(),
        }),
      ),
    }),
  ),
  'metrics.list': op(
    'Every metric computed from the stored figures, with its national comparator',
    z.strictObject({ dataset: DatasetIdSchema.optional() }),
    z.object({ metrics: z.array(MetricResultSchema) }),
  ),
  'metrics.chart': op(
    'A chart of one metric across periods, as SVG with a text alternative',
    z.strictObject({ metricId: z.string().min(1).max(100), breakdown: z.string().max(60).optional() }),
    z.object({ svg: z.string(), altText: z.string(), width: z.number(), height: z.number() }),
  ),
  'pack.build': op(
    "Build the Word evidence pack, and optionally the share bundle, into the workspace's packs folder",
    z.strictObject({
      ...PackChoiceShape,
      bundle: z.boolean().default(true),
      pdf: z.boolean().default(false),
    }),
    z.object({
      version: z.number(),
      docxPath: z.string(),
      docxBytes: z.number(),
      bundlePath: z.string().nullable(),
      pdfIncluded: z.boolean(),
      draft: z.boolean(),
      evidenceFiles: z.number(),
    }),
  ),
  'pack.outline': op(
    'What a pack built with these choices would hold: sections, headings, items and an estimate of its pages',
    z.strictObject(PackChoiceShape),
    z.object({
      sections: z.array(z.object({ id: z.enum(PACK_SECTIONS), headings: z.array(z.string()), pages: z.number() })),
      pages: z.number(),
      items: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          area: z.string(),
          status: z.string(),
          hasContent: z.boolean(),
          printed: z.boolean(),
          gap: z.boolean(),
        }),
      ),
    }),
  ),
  'pack.template': op(
    'The council Word template this workspace builds its packs into, if one is chosen',
    none,
    PackTemplateSchema.nullable(),
  ),
  'pack.setTemplate': op(
    'Choose the council Word template packs are built into (checked: a .docx with {{pack}}), or stop using it',
    z.strictObject({ file: FileRefSchema.nullable() }),
    PackTemplateSchema.nullable(),
  ),
  'pack.builds': op(
    'Packs built from this workspace, newest first',
    none,
    z.object({
      builds: z.array(
        z.object({
          version: z.number(),
          builtAt: z.string(),
          builtBy: z.string(),
          docx: z.string().nullable(),
          bundle: z.string().nullable(),
          counts: z.record(z.string(), z.number()),
        }),
      ),
    }),
  ),
  'pack.file': op(
    'A built pack or bundle, to save a copy elsewhere',
    z.strictObject({ version: z.number().int().positive(), kind: z.enum(['docx', 'bundle']) }),
    z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  'pack.open': op(
    'Open a built pack in the word processor, or show the bundle in its folder',
    z.strictObject({ version: z.number().int().positive(), kind: z.enum(['docx', 'bundle']) }),
    z.object({ path: z.string(), kind: z.enum(['docx', 'bundle']) }),
  ),
  'selfEvaluation.get': op(
    'The self-evaluation: the grid and ratings per evaluation area, local context, case studies and targets',
    none,
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.save': op(
    "Save some of an evaluation area's self-evaluation grid",
    GridFieldsSchema.extend({ area: SelfEvaluationAreaSchema }),
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.rate': op(
    'Record a dated rating for an evaluation area (earlier ratings are kept)',
    RatingInputSchema,
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.setScale': op(
    'Change the rating scale',
    z.strictObject({ scale: RatingScaleSchema }),
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.saveContext': op(
    'Save the local context the pack prints',
    z.strictObject({ text: NoteSchema }),
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.saveCaseStudy': op(
    'Add or change an anonymised case study',
    CaseStudyInputSchema,
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.removeCaseStudy': op(
    'Take a case study out of the pack',
    z.strictObject({ id: z.number().int().positive() }),
    SelfEvaluationStateSchema,
  ),
  'selfEvaluation.setTarget': op(
    "Set a metric's baseline period and target for the KPI table",
    TargetInputSchema,
    SelfEvaluationStateSchema,
  ),
  'privacy.check': op(
    'Scan everything that could leave in the pack or bundle for personal data',
    none,
    PrivacyScanSchema,
  ),
  'privacy.markFalsePositive': op(
    'Record that a finding is not personal data, with the reason',
    z.strictObject({ key: z.string().regex(/^[0-9a-f]{32}$/, 'must be a finding key'), reason: ReasonSchema }),
    PrivacyScanSchema,
  ),
  'privacy.decideFile': op(
    'Leave a file out of the pack and bundle, confirm an unreadable file holds no personal data, or undo either',
    z.strictObject({
      attachmentId: z.number().int().positive(),
      decision: z.enum(['excluded', 'confirmed-no-personal-data', 'undecided']),
      reason: ReasonSchema,
    }),
    PrivacyScanSchema,
  ),
  'privacy.settings': op(
    "The small-number threshold, the council's case-reference formats and what never to flag",
    none,
    PrivacySettingsViewSchema,
  ),
  'privacy.saveSettings': op(
    'Change the small-number threshold, the case-reference examples or what never to flag',
    PrivacySettingsSchema.strict(),
    PrivacySettingsViewSchema,
  ),
  'work.cancel': op(
    'Stop long work that is running (a pack build) at its next safe point, writing nothing',
    z.strictObject({ operation: z.enum(CANCELLABLE_OPERATIONS) }),
    z.object({ cancelled: z.boolean() }),
  ),
  'lists.check': op(
    'Check an Annex A person-level list against the rules, in memory; only the counts are kept',
    ListCheckRequestSchema,
    ListCheckResultSchema,
  ),
  'lists.preview': op(
    "Read an Annex A list's header and match its columns, holding the file in memory; nothing is checked or kept",
    ListPreviewRequestSchema,
    ListPreviewSchema,
  ),
  'lists.checks': op(
    'The Annex A list checks recorded (counts only), newest first',
    z.strictObject({ list: ListSchema.optional() }),
    z.object({ checks: z.array(ListCheckRecordSchema) }),
  ),
  'lists.saveProfile': op(
    'Save the aggregate profile of a checked list (small numbers suppressed) for the pack',
    z.strictObject({ checkId: CheckIdSchema }),
    ListProfileSchema.extend({ savedAt: z.string(), savedBy: z.string() }),
  ),
  'lists.profile': op(
    'The saved aggregate profile of a list, if any',
    z.strictObject({ list: ListSchema }),
    ListProfileSchema.extend({ savedAt: z.string(), savedBy: z.string() }).nullable(),
  ),
  'plan.get': op(
    "The inspection outcome, the follow-up timeline and the plan's actions with their progress",
    none,
    PlanViewSchema,
  ),
  'plan.recordOutcome': op(
    "Record the inspection outcome, its dates and the report's areas (again to change them)",
    OutcomeInputSchema,
    PlanViewSchema,
  ),
  'plan.setFollowUp': op(
    "Change a follow-up step's date (null: the computed one) or record the day it was done",
    z
      .strictObject({
        milestoneId: FollowUpMilestoneIdSchema,
        date: IsoDateSchema.nullable().optional(),
        done: IsoDateSchema.nullable().optional(),
      })
      .refine((r) => r.date !== undefined || r.done !== undefined, {
        message: 'must change the date or the day it was done',
        path: ['date'],
      }),
    PlanViewSchema,
  ),
  'plan.addAction': op(
    'Add an action to the plan; answers its number',
    ActionFieldsSchema,
    z.object({ id: z.number(), plan: PlanViewSchema }),
  ),
  'plan.updateAction': op(
    'Change an action of the plan',
    z.strictObject({ id: z.number().int().positive(), fields: ActionFieldsSchema }),
    PlanViewSchema,
  ),
  'plan.addUpdate': op(
    'Add a progress update (date, RAG, text, by whom) to an action',
    ProgressUpdateInputSchema,
    PlanViewSchema,
  ),
  'plan.correctUpdate': op(
    'Correct a progress update recorded wrongly, with the reason',
    z.strictObject({
      updateId: z.number().int().positive(),
      rag: RagSchema,
      text: z.string().trim().min(1, 'must not be empty').max(4_000),
      date: IsoDateSchema,
      by: z.string().trim().min(1, 'must not be empty').max(200),
      reason: ReasonSchema,
    }),
    PlanViewSchema,
  ),
  'plan.buildDocument': op(
    "Build the action plan as a Word document into the workspace's packs folder",
    none,
    z.object({
      version: z.number(),
      docxPath: z.string(),
      docxBytes: z.number(),
      actions: z.number(),
      /** The council template it was built into (the workspace's, chosen on the build screen), or null. */
      template: z.string().nullable(),
    }),
  ),
  'plan.documentFile': op(
    'A built action plan document, to save a copy elsewhere',
    z.strictObject({ version: z.number().int().positive() }),
    z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  'plan.openDocument': op(
    'Open a built action plan document in the word processor',
    z.strictObject({ version: z.number().int().positive() }),
    z.object({ path: z.string(), kind: z.literal('docx') }),
  ),
  'plan.tracker': op(
    'The action tracker as an Excel workbook',
    none,
    z.object({ fileName: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  'sync.status': op(
    "The open workspace's sync with the partnership's server, and who is working in it now",
    none,
    SyncStatusSchema,
  ),
  'sync.configure': op(
    "Set (or clear) the partnership's sync server and your token for this installation",
    SyncConfigureSchema,
    SyncStatusSchema,
  ),
  'sync.workingOn': op(
    'Tell partners which item you have open (null: none)',
    z.strictObject({ itemId: z.string().min(1).max(200).nullable() }),
    z.object({ ok: z.literal(true) }),
  ),
} satisfies Record<OperationName, Operation<z.ZodType, z.ZodType>>;

export type Contract = typeof contract;
export type Request<K extends OperationName> = z.input<Contract[K]['request']>;
export type ParsedRequest<K extends OperationName> = z.output<Contract[K]['request']>;
export type Response<K extends OperationName> = z.output<Contract[K]['response']>;
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;
export type WorkspaceSession = z.output<typeof WorkspaceSessionSchema>;
export type RecentWorkspace = z.output<typeof RecentWorkspaceSchema>;
