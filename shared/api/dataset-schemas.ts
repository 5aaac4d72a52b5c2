import { z } from 'zod';

export const DatasetIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a dataset id such as ehcp-timeliness');

export const DatasetSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  catalogueItem: z.string(),
  periodType: z.string(),
  breakdown: z
    .object({ name: z.string(), title: z.string(), values: z.array(z.object({ id: z.string(), title: z.string() })) })
    .nullable(),
  columns: z.array(
    z.object({ name: z.string(), title: z.string(), type: z.string(), unit: z.string(), required: z.boolean() }),
  ),
});

export const DatasetRowSchema = z.object({
  period: z.string(),
  geography: z.enum(['local', 'regional', 'national']),
  areaCode: z.string(),
  areaName: z.string(),
  breakdown: z.string(),
  values: z.record(z.string(), z.number().nullable()),
  missing: z.record(z.string(), z.string()),
});

export const ImportProblemSchema = z.object({
  row: z.number().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

export const ImportColumnSchema = z.object({
  header: z.string(),
  field: z.string().nullable(),
  how: z.enum(['recognised', 'chosen', 'remembered', 'unused']),
  note: z.string().optional(),
});

/** The officer's choice for one column in an import's preview: the header as shown, and the field (null: not used). */
export const ColumnChoiceSchema = z.strictObject({
  header: z.string().max(500, 'must be at most 500 characters'),
  field: z.string().max(100, 'must be at most 100 characters').nullable(),
});

export const ImportPreviewSchema = z.object({
  previewId: z.string(),
  dataset: z.string(),
  fileName: z.string(),
  layout: z.string(),
  rowsRead: z.number(),
  /** Every named column of the file: what it is taken as (a field id, or null: not used) and how that was decided. */
  columns: z.array(ImportColumnSchema),
  /** Whether the officer can change what the columns are taken as (their own tables; DfE's layouts are fixed). */
  mappable: z.boolean(),
  /** The fields a column can be taken as: 'period', 'area', 'geography', the breakdown's name and the dataset's columns. */
  targets: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), required: z.boolean() })),
  /** When the officer's choices for files of this layout were remembered and used: when and by whom they were made. */
  mappingRemembered: z.object({ savedAt: z.string(), savedBy: z.string() }).nullable(),
  discardedColumns: z.array(z.string()),
  firstRows: z.array(z.array(z.string())),
  rows: z.array(DatasetRowSchema),
  problems: z.array(ImportProblemSchema),
  periods: z.array(z.string()),
  replaces: z.array(z.string()),
  authority: z.object({ code: z.string(), name: z.string() }).nullable(),
  notes: z.array(z.string()),
  canCommit: z.boolean(),
});

export const MetricResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  direction: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  comparator: z.object({ value: z.number(), period: z.string(), source: z.string() }).nullable(),
  region: z.object({ name: z.string(), value: z.number(), period: z.string() }).nullable(),
  neighbours: z.object({ value: z.number(), count: z.number(), period: z.string() }).nullable(),
  rank: z.object({ position: z.number(), of: z.number(), quartile: z.number() }).nullable(),
  trend: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
  status: z.enum(['ok', 'invalid', 'missing']),
  problems: z.array(z.string()),
  notes: z.array(z.string()),
  better: z.enum(['better', 'worse', 'same']).nullable(),
  breakdown: z.string().optional(),
  dataset: z.string(),
});

/** The statistical neighbour list in use: where it came from and the workspace authority's neighbours, nearest first. */
export const NeighboursSchema = z.object({
  source: z.string(),
  authorities: z.number(),
  area: z.object({ code: z.string(), name: z.string() }).nullable(),
  neighbours: z.array(z.object({ code: z.string(), name: z.string() })),
});
