import { z } from 'zod';
import { FINDING_KINDS } from '../domain/privacy/findings';

const DecisionSchema = z.object({ decision: z.string(), reason: z.string(), by: z.string(), at: z.string() });

export const PrivacyScanSchema = z.object({
  findings: z.array(z.object({
    key: z.string(), kind: z.enum(FINDING_KINDS), severity: z.enum(['block', 'warn']),
    location: z.object({ itemId: z.string().nullable(), itemTitle: z.string().nullable(), attachmentId: z.number().nullable(),
      fileName: z.string().nullable(), field: z.string(), detail: z.string() }),
    snippet: z.string(),
    resolution: z.union([DecisionSchema, z.object({ decision: z.literal('file-excluded') })]).nullable(),
  })),
  unscanned: z.array(z.object({ attachmentId: z.number(), itemId: z.string(), itemTitle: z.string(), fileName: z.string(), reason: z.string(),
    decision: DecisionSchema.nullable() })),
  blocking: z.number(),
});

export const PrivacySettingsSchema = z.object({
  smallNumberThreshold: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
  casePatterns: z.array(z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')).max(20),
});
