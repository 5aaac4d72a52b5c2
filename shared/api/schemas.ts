import { z } from 'zod';
import { ITEM_STATUSES } from '../domain/item-status';
import { ITEM_KINDS } from '../domain/catalogue';
import { forbiddenXmlCharacter } from '../domain/xml-text';

const EVALUATION_AREA_IDS = ['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP'] as const;

/**
 * Text a person types: trimmed, no control characters other than newlines and tabs, and nothing a Word document
 * cannot hold (U+FFFE, U+FFFF, a lone surrogate; shared/domain/xml-text.ts), named with where it is.
 */
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const found = forbiddenXmlCharacter(s);
      if (found)
        ctx.addIssue({
          code: 'custom',
          message: `holds a character a Word document cannot hold (${found}); remove it`,
        });
      else if (s.includes('\u007F')) ctx.addIssue({ code: 'custom', message: 'must not contain control characters' });
    });
const requiredText = (max: number) => text(max).trim().min(1, 'must not be empty');

export const ItemStatusSchema = z.enum(ITEM_STATUSES);
export const EvaluationAreaSchema = z.enum(EVALUATION_AREA_IDS);
export const LaCodeSchema = z.string().regex(/^\d{3}$/, 'must be a three-digit LA code, e.g. 841');
export const UserNameSchema = requiredText(100);
export const AreaNameSchema = requiredText(120);
export const OwnerSchema = text(200).trim();
export const NoteSchema = text(20_000);
export const ReasonSchema = requiredText(2_000);
/** A workspace folder as the host sees it: a path on the machine that runs main. */
export const WorkspacePathSchema = requiredText(4_096);

export const LocalAuthoritySchema = z.object({
  name: z.string(),
  oldCode: z.string(),
  newCode: z.string(),
  region: z.string(),
  regionCode: z.string(),
  dfeTidyName: z.string().optional(),
});

export const LockHolderSchema = z.object({
  user: z.string(),
  host: z.string(),
  pid: z.number(),
  since: z.string(),
  heartbeat: z.string(),
});

export const WorkspaceSessionSchema = z.object({
  path: z.string(),
  areaName: z.string(),
  laCode: z.string().nullable(),
  catalogueVersion: z.string(),
  readOnly: z.boolean(),
  /** Who holds the workspace when it was opened read-only, and whether that lock looks abandoned. */
  lockedBy: LockHolderSchema.nullable(),
  lockIsStale: z.boolean(),
  /** A lock left by a process that was gone, taken over when the workspace opened; null when there was none. */
  lockTakenOverFrom: LockHolderSchema.nullable(),
  journalMode: z.enum(['wal', 'delete']),
});

export const ChecklistItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  areas: z.array(EvaluationAreaSchema),
  kinds: z.array(z.enum(ITEM_KINDS)),
  typicalOwner: z.string(),
  freshnessRule: z.string(),
  personLevel: z.boolean(),
  origin: z.enum(['catalogue', 'custom']),
  status: ItemStatusSchema,
  owner: z.string(),
  note: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /**
   * Background items (JSNA, SEN information reports…: inspectors can find them published) are kept but do not count
   * towards readiness.
   */
  background: z.boolean(),
  /** 'day-0': due on the day of notification (used at the day-1 leaders' meeting), not by the pack deadline. */
  dueRule: z.enum(['', 'day-0']),
  /** Set for this item; null means it follows its due rule (day 0) or the pack deadline. */
  dueDate: z.string().nullable(),
  /** When it is due: its own date, else day 0 or the pack deadline by its rule, else none until a notification is recorded. */
  due: z.string().nullable(),
  overdue: z.boolean(),
  attachments: z.number(),
  latestDocumentDate: z.string().nullable(),
  /** The newest document's date plus the item's freshness rule. */
  expires: z.string().nullable(),
  stale: z.boolean(),
  /** The reviewer's comment when the item was last sent back, until it is approved. */
  reviewComment: z.object({ comment: z.string(), by: z.string(), at: z.string() }).nullable(),
});

export const RecentWorkspaceSchema = z.object({
  path: z.string(),
  areaName: z.string(),
  lastOpened: z.string(),
  exists: z.boolean(),
});

/** A calendar date as YYYY-MM-DD that exists (no 30 February). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a real date');

export const AttachmentStateSchema = z.enum(['current', 'superseded', 'binned', 'purged']);

export const AttachmentMetadataSchema = z.strictObject({
  title: text(300).trim().min(1, 'must not be empty').optional(),
  documentDate: IsoDateSchema.nullable().optional(),
  versionLabel: text(100).optional(),
  author: text(200).optional(),
  source: text(300).optional(),
  note: text(5_000).optional(),
});

export const AttachmentSchema = z.object({
  id: z.number(),
  itemId: z.string(),
  chainId: z.number(),
  versionNo: z.number(),
  sha256: z.string().nullable(),
  fileName: z.string(),
  bytes: z.number(),
  title: z.string(),
  documentDate: z.string().nullable(),
  versionLabel: z.string(),
  author: z.string(),
  source: z.string(),
  note: z.string(),
  state: AttachmentStateSchema,
  addedAt: z.string(),
  addedBy: z.string(),
  binnedAt: z.string().nullable(),
  binnedBy: z.string().nullable(),
  textStatus: z.enum(['ok', 'not-scanned']).nullable(),
  notScannedReason: z.string().nullable(),
});

/** A file handed to main: by an upload handle (browser, drag and drop, file picker) — never a path from the page. */
export const FileRefSchema = z.strictObject({ handle: z.string().regex(/^[0-9a-f]{32}$/, 'must be an upload handle') });
