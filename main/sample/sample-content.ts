/**
 * The shipped sample area (resources/sample/): a fictional council with an entry for every catalogue item, figures
 * for every dataset and a few evidence files. Read and checked here; main/sample/create-sample-workspace.ts loads
 * it into a workspace through the app's own code paths.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { EvaluationAreaSchema, NoteSchema, OwnerSchema } from '../../shared/api/schemas';
import {
  CaseStudyInputSchema,
  GridFieldsSchema,
  RatingScaleSchema,
  SelfEvaluationAreaSchema,
  TargetInputSchema,
} from '../../shared/api/self-evaluation-schemas';
import { INSPECTION_PRESET_IDS } from '../../shared/domain/inspection-presets';
import { ITEM_STATUSES } from '../../shared/domain/item-status';
import type { LocalAuthority } from '../../shared/domain/local-authority';

const NarrativeSchema = z.array(z.string().trim().min(1)).max(8).default([]);

const AreaSchema = z.strictObject({
  areaName: z.string().trim().min(1).max(120),
  description: z.string().trim().min(1),
  authority: z.strictObject({
    name: z.string().min(1),
    oldCode: z.string().regex(/^\d{3}$/),
    newCode: z.string().regex(/^E\d{8}$/),
    region: z.string().min(1),
    regionCode: z.string().regex(/^E\d{8}$/),
  }),
  user: z.string().trim().min(1).max(100),
  notification: z.strictObject({
    /** The notification is recorded this many working days before the day the sample is created. */
    workingDaysBeforeToday: z.number().int().min(0).max(4),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    preset: z.enum(INSPECTION_PRESET_IDS),
    leadOfficer: z.string().trim().max(200),
  }),
});

const ItemEntrySchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(ITEM_STATUSES),
  owner: OwnerSchema,
  /** Paragraphs; a paragraph whose lines start with "- " is a bulleted list. Person-level items have none. */
  narrative: NarrativeSchema,
});

const CustomItemSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2_000),
  areas: z.array(EvaluationAreaSchema).max(7),
  status: z.enum(ITEM_STATUSES),
  owner: OwnerSchema,
  narrative: NarrativeSchema,
});

const ChecklistSchema = z.strictObject({
  items: z.array(ItemEntrySchema),
  customItems: z.array(CustomItemSchema).default([]),
});

export const EVIDENCE_FORMATS = ['txt', 'csv', 'docx', 'pdf'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

const EvidenceEntrySchema = z.strictObject({
  item: z.string().min(1),
  /** The name the file is attached under. */
  fileName: z.string().trim().min(1).max(255),
  /** Its text under the sample folder: used as it is for txt and csv, laid out as a document for docx and pdf. */
  template: z.string().regex(/^evidence\/[a-z0-9-]+\.(txt|csv|md)$/),
  format: z.enum(EVIDENCE_FORMATS),
  title: z.string().trim().min(1).max(300),
  /** The document's date, in days before the day the sample is created, so freshness looks the same whenever it is. */
  daysAgo: z
    .number()
    .int()
    .min(0)
    .max(20 * 366),
  version: z.string().max(100),
  author: z.string().max(200),
  /** Where the file came from (the attachment's "source"). */
  origin: z.string().max(300),
});

const EvidenceSchema = z.strictObject({ files: z.array(EvidenceEntrySchema) });

/** The sample's self-evaluation (self-evaluation.json, optional): grid, dated ratings, context, case studies, targets. */
const SelfEvaluationSampleSchema = z.strictObject({
  scale: RatingScaleSchema,
  context: z.string().default(''),
  areas: z
    .array(
      GridFieldsSchema.extend({
        area: SelfEvaluationAreaSchema,
        /** Each rating's date, in days before the day the sample is created. */
        ratings: z
          .array(
            z.strictObject({
              rating: z.string().min(1),
              daysAgo: z
                .number()
                .int()
                .min(0)
                .max(20 * 366),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  caseStudies: z.array(CaseStudyInputSchema.omit({ id: true })).default([]),
  targets: z.array(TargetInputSchema).default([]),
});
export type SampleSelfEvaluation = z.output<typeof SelfEvaluationSampleSchema>;

export type SampleArea = z.output<typeof AreaSchema>;
export type SampleItem = z.output<typeof ItemEntrySchema>;
export type SampleCustomItem = z.output<typeof CustomItemSchema>;
export type SampleEvidence = z.output<typeof EvidenceSchema>['files'][number];

export interface SampleContent {
  dir: string;
  area: SampleArea;
  items: SampleItem[];
  customItems: SampleCustomItem[];
  evidence: SampleEvidence[];
  selfEvaluation: SampleSelfEvaluation | null;
  /** Dataset id → file name in data/, one CSV per dataset. */
  dataFiles: Map<string, string>;
}

/** The narrative as the checklist stores it (the item's note): paragraphs separated by blank lines. */
export function narrativeText(paragraphs: readonly string[]): string {
  const note = paragraphs.join('\n\n');
  return NoteSchema.parse(note);
}

/** The authority the sample's figures are for: not in the shipped list of English authorities, by design. */
export function sampleAuthority(area: SampleArea): LocalAuthority {
  return { ...area.authority };
}

function isSampleDir(dir: string): boolean {
  return existsSync(join(dir, 'area.json')) && existsSync(join(dir, 'checklist.json'));
}

/**
 * Where resources/sample is: SENDPACK_SAMPLE_DIR if set; in a packaged Electron app, `sample` under its resources
 * folder; otherwise the nearest resources/sample above the running script or the working folder (the repository,
 * for the CLI, the browser host and the tests). Found without import.meta, so it also works from a CommonJS bundle.
 */
export function findSampleDir(): string {
  const fromEnv = process.env.SENDPACK_SAMPLE_DIR;
  if (fromEnv) return resolve(fromEnv);
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'sample'));
  const starts = [process.argv[1] ? dirname(resolve(process.argv[1])) : null, process.cwd()];
  for (const start of starts) {
    for (let dir = start; dir !== null;) {
      candidates.push(join(dir, 'resources', 'sample'));
      const up = dirname(dir);
      dir = up === dir ? null : up;
    }
  }
  const found = candidates.find(isSampleDir);
  if (!found) {
    throw new Error('The sample area (resources/sample) was not found. Set SENDPACK_SAMPLE_DIR to its folder.');
  }
  return found;
}

function readJson<T extends z.ZodType>(dir: string, name: string, schema: T): z.output<T> {
  const path = join(dir, name);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`The sample area's ${name} is not valid: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads and checks the sample's files; throws naming the file and the entry that is wrong. */
export function loadSampleContent(dir = findSampleDir()): SampleContent {
  const area = readJson(dir, 'area.json', AreaSchema);
  const checklist = readJson(dir, 'checklist.json', ChecklistSchema);
  const { files: evidence } = readJson(dir, 'evidence.json', EvidenceSchema);
  const seen = new Set<string>();
  for (const item of checklist.items) {
    if (seen.has(item.id)) throw new Error(`The sample area's checklist.json lists ${item.id} twice.`);
    seen.add(item.id);
  }
  for (const file of evidence) {
    if (!seen.has(file.item))
      throw new Error(
        `The sample evidence file "${file.fileName}" is for ${file.item}, which checklist.json does not list.`,
      );
    const ext = file.fileName.split('.').pop()?.toLowerCase();
    if (ext !== file.format)
      throw new Error(`The sample evidence file "${file.fileName}" should end in .${file.format}.`);
    if (!existsSync(join(dir, file.template)))
      throw new Error(`The sample evidence template ${file.template} is missing.`);
  }
  const dataFiles = new Map(
    readdirSync(join(dir, 'data'))
      .filter((name) => name.endsWith('.csv'))
      .sort()
      .map((name) => [name.slice(0, -'.csv'.length), name] as const),
  );
  const selfEvaluation = existsSync(join(dir, 'self-evaluation.json'))
    ? readJson(dir, 'self-evaluation.json', SelfEvaluationSampleSchema)
    : null;
  return { dir, area, items: checklist.items, customItems: checklist.customItems, evidence, dataFiles, selfEvaluation };
}
