// The feedback board as main tells it to the renderer: the clusters with their status and where each
// was exported, and which destinations are set up (never their tokens).
import { z } from 'zod';
import { PlatformSchema } from '../domain/model';
import { FeedbackKindSchema, FeedbackMarkSchema, FeedbackStatusSchema } from './cluster';

export { FeedbackKindSchema, FeedbackMarkSchema, FeedbackStatusSchema };

export const ExportStateSchema = z.object({
  state: z.enum(['queued', 'sent', 'blocked', 'refused']),
  error: z.string().max(60).optional(),
});

export const FeedbackBoardSchema = z.object({
  clusters: z.array(
    z.object({
      id: z.string(),
      kind: FeedbackKindSchema,
      title: z.string(),
      count: z.number().int().nonnegative(),
      /** Distinct members holding a reaction on any of the cluster's original messages. */
      votes: z.number().int().nonnegative(),
      reporters: z.array(z.string()),
      platforms: z.array(PlatformSchema),
      status: FeedbackStatusSchema,
      examples: z.array(z.string()),
      notion: ExportStateSchema.optional(),
      slack: ExportStateSchema.optional(),
    }),
  ),
  destinations: z.object({ notion: z.boolean(), slack: z.boolean() }),
});
export type FeedbackBoard = z.infer<typeof FeedbackBoardSchema>;
