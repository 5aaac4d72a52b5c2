import { z } from 'zod';
import { ANNEX_A_RULES } from '../domain/annex-a';
import { FileRefSchema, IsoDateSchema } from './schemas';

const ListSchema = z.union([z.literal(1), z.literal(2)], 'must be 1 (EHC plans) or 2 (SEN support)');
const RuleIdSchema = z.enum(ANNEX_A_RULES.map((r) => r.id) as [string, ...string[]]);
const CheckIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be a check id');

const ProfileCountSchema = z.object({
  label: z.string(),
  count: z.number().nullable(),
  suppressed: z.enum(['small', 'complement']).optional(),
});
export const ListProfileSchema = z.object({
  list: ListSchema,
  rows: z.number(),
  asOf: z.string(),
  threshold: z.number(),
  primaryNeed: z.array(ProfileCountSchema),
  ageBand: z.array(ProfileCountSchema),
  phase: z.array(ProfileCountSchema),
  sex: z.array(ProfileCountSchema),
  ethnicity: z.array(ProfileCountSchema),
});

export const ListCheckRecordSchema = z.object({
  id: z.number(),
  list: ListSchema,
  fileName: z.string(),
  sha256: z.string(),
  rows: z.number(),
  asOf: z.string(),
  ruleCounts: z.array(z.object({ id: z.string(), count: z.number(), column: z.string().optional() })),
  checkedAt: z.string(),
  checkedBy: z.string(),
});

export const ListCheckRequestSchema = z
  .strictObject({
    list: ListSchema,
    /** A newly chosen file… */
    file: FileRefSchema.optional(),
    /** …or the file of an earlier check, held in memory, checked again (a changed mapping or reference date). */
    checkId: CheckIdSchema.optional(),
    /** The reference date (default: the notification date, else today). */
    asOf: IsoDateSchema.optional(),
    /** Field key → column index, or null for "not in this file" (default: matched by header). */
    mapping: z.record(z.string().max(80), z.number().int().min(0).max(16_383).nullable()).optional(),
    sheet: z.string().max(100).optional(),
  })
  .refine((r) => (r.file === undefined) !== (r.checkId === undefined), {
    message: "must give either a file or an earlier check's id",
    path: ['file'],
  });

export const ListPreviewRequestSchema = z.strictObject({
  list: ListSchema,
  file: FileRefSchema,
  sheet: z.string().max(100).optional(),
});

const FileColumnSchema = z.object({ index: z.number(), header: z.string() });

/** A list file's header matched to the fields, before any row is read: what the officer maps before the check. */
export const ListPreviewSchema = z.object({
  /** Check it with this id (lists.check): the file is held in memory until then. */
  checkId: z.string(),
  list: ListSchema,
  fileName: z.string(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  notes: z.array(z.string()),
  headerRow: z.number(),
  columns: z.record(z.string(), z.string().nullable()),
  mapping: z.record(z.string(), z.number().nullable()),
  fileColumns: z.array(FileColumnSchema),
});

export const ListCheckResultSchema = z.object({
  checkId: z.string(),
  list: ListSchema,
  fileName: z.string(),
  sheet: z.string().nullable(),
  /** The workbook's visible sheets ([] for a CSV): the list may be checked again on another. */
  sheets: z.array(z.string()),
  notes: z.array(z.string()),
  asOf: z.string(),
  rows: z.number(),
  headerRow: z.number(),
  rules: z.array(
    z.object({ id: RuleIdSchema, count: z.number(), rows: z.array(z.number()), column: z.string().optional() }),
  ),
  columns: z.record(z.string(), z.string().nullable()),
  mapping: z.record(z.string(), z.number().nullable()),
  fileColumns: z.array(FileColumnSchema),
  completeness: z.array(
    z.object({
      field: z.string(),
      name: z.string(),
      column: z.string().nullable(),
      linked: z.boolean(),
      filled: z.number(),
      missing: z.number(),
    }),
  ),
  profile: ListProfileSchema,
  /** The data team's CSV: row numbers and rule ids only. */
  csv: z.string(),
  recorded: ListCheckRecordSchema,
});

export { ListSchema, CheckIdSchema };
