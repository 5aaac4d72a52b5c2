import { z } from 'zod';
import { IsoDateSchema } from './schemas';

/** The self-evaluation (issue 18): a grid per evaluation area, its dated ratings, local context, case studies, targets. */

export const SELF_EVALUATION_AREAS = ['EC1', 'EC2', 'EC3', 'EC4', 'EC5', 'L', 'AP'] as const;
export const SelfEvaluationAreaSchema = z.enum(SELF_EVALUATION_AREAS, 'must be one of EC1–EC5, L or AP');

const longText = z.string().max(20_000, 'must be at most 20,000 characters');

export const EvidenceLinkSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('item'), id: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('metric'), id: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('file'), id: z.number().int().positive() }),
]);

export const RatingScaleSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'))
  .min(2, 'must have at least two ratings')
  .max(8, 'must have at most eight ratings')
  .refine((r) => new Set(r.map((x) => x.toLowerCase())).size === r.length, 'must not repeat a rating');

export const GridFieldsSchema = z.strictObject({
  whatGood: longText.optional(),
  strengths: longText.optional(),
  development: longText.optional(),
  impact: longText.optional(),
  nextSteps: longText.optional(),
  evidence: z.array(EvidenceLinkSchema).max(200).optional(),
});

export const CaseStudyInputSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  area: SelfEvaluationAreaSchema,
  story: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters'),
  consentRecorded: z.boolean(),
  consentNote: z.string().max(500, 'must be at most 500 characters').default(''),
});

export const TargetInputSchema = z.strictObject({
  metricId: z.string().min(1).max(100),
  breakdown: z.string().max(100).default(''),
  baselinePeriod: z.string().trim().max(20).nullable(),
  target: z.number().finite().nullable(),
  targetPeriod: z.string().trim().max(20).default(''),
});

const stamp = { updatedAt: z.string(), updatedBy: z.string() };

export const SelfEvaluationStateSchema = z.object({
  scale: z.array(z.string()),
  areas: z.array(
    z.object({
      area: SelfEvaluationAreaSchema,
      heading: z.string(),
      frameworkWording: z.string(),
      whatGood: z.string(),
      strengths: z.string(),
      development: z.string(),
      impact: z.string(),
      nextSteps: z.string(),
      evidence: z.array(EvidenceLinkSchema),
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
      ratings: z.array(
        z.object({ id: z.number(), rating: z.string(), ratedOn: z.string(), note: z.string(), recordedBy: z.string() }),
      ),
    }),
  ),
  context: z.object({ text: z.string(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  caseStudies: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      area: SelfEvaluationAreaSchema,
      story: z.string(),
      consentRecorded: z.boolean(),
      consentNote: z.string(),
      ...stamp,
    }),
  ),
  targets: z.array(
    z.object({
      metricId: z.string(),
      breakdown: z.string(),
      baselinePeriod: z.string().nullable(),
      target: z.number().nullable(),
      targetPeriod: z.string(),
      ...stamp,
    }),
  ),
});

export const RatingInputSchema = z.strictObject({
  area: SelfEvaluationAreaSchema,
  rating: z.string().trim().min(1, 'must not be empty').max(40),
  ratedOn: IsoDateSchema,
  note: z.string().max(500, 'must be at most 500 characters').default(''),
});
