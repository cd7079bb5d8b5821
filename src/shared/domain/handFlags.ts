// Messages a moderator flagged by hand because triage missed them (issue 14's "the team's own decisions"):
// the categories a moderator picks from, and the mark an inbox item carries for each moderator who flagged it.
import { z } from 'zod';

/** What a moderator can flag a missed message as: the inbox's categories ("other" is `custom`). */
export const HandFlagCategorySchema = z.enum(['scam', 'spam', 'toxicity', 'raid', 'self-harm', 'custom']);
export type HandFlagCategory = z.infer<typeof HandFlagCategorySchema>;
export const HAND_FLAG_CATEGORIES = HandFlagCategorySchema.options;
export const HAND_FLAG_NOTE_MAX = 300;
export const HAND_FLAG_TEXT_MAX = 1000;

/** On an inbox item: one moderator flagged its message by hand (`id`: the ledger record's, or `local:` before it). */
export const HandFlagMarkSchema = z.object({
  id: z.string().max(100),
  key: z.string().max(64),
  name: z.string().max(100),
  at: z.number(),
  category: HandFlagCategorySchema,
  note: z.string().max(HAND_FLAG_NOTE_MAX).optional(),
});
export type HandFlagMark = z.infer<typeof HandFlagMarkSchema>;
