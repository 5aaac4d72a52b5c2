import { z } from 'zod';
import { FINDING_KINDS } from '../domain/privacy/findings';

const DecisionSchema = z.object({ decision: z.string(), reason: z.string(), by: z.string(), at: z.string() });

export const PrivacyScanSchema = z.object({
  findings: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(FINDING_KINDS),
      severity: z.enum(['block', 'warn']),
      location: z.object({
        itemId: z.string().nullable(),
        itemTitle: z.string().nullable(),
        attachmentId: z.number().nullable(),
        fileName: z.string().nullable(),
        field: z.string(),
        detail: z.string(),
      }),
      snippet: z.string(),
      resolution: z.union([DecisionSchema, z.object({ decision: z.literal('file-excluded') })]).nullable(),
    }),
  ),
  unscanned: z.array(
    z.object({
      attachmentId: z.number(),
      itemId: z.string(),
      itemTitle: z.string(),
      fileName: z.string(),
      reason: z.string(),
      decision: DecisionSchema.nullable(),
    }),
  ),
  blocking: z.number(),
});

const listOf = (max: number, length: number) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(length, `must be at most ${length} characters`)
        .refine(
          (s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/.test(s),
          'must not contain control characters',
        ),
    )
    .max(max, `must hold at most ${max} entries`);

/** What is saved: case-reference formats as examples ("CR-123456"); patterns only in the safe pattern language. */
export const PrivacySettingsSchema = z.object({
  smallNumberThreshold: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100'),
  caseReferenceExamples: listOf(20, 60).optional(),
  casePatterns: listOf(20, 200).optional(),
  publicContacts: listOf(100, 200).optional(),
  namedStaff: listOf(100, 120).optional(),
});

export const PrivacySettingsViewSchema = z.object({
  smallNumberThreshold: z.number(),
  caseReferenceExamples: z.array(z.string()),
  casePatterns: z.array(z.string()),
  publicContacts: z.array(z.string()),
  namedStaff: z.array(z.string()),
  unusablePatterns: z.array(z.object({ pattern: z.string(), problem: z.string() })),
});
