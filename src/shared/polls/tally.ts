// Polls the console posted and their tally (issue 19): what main answers to `polls.list` and tells in
// `polls.changed`. `counted`: whether the console reads the platform's votes (WhatsApp's encrypted
// votes); elsewhere the poll is listed and its results are read in the platform's app.
import { z } from 'zod';
import { PlatformSchema } from '../domain/model';

export const PollTallySchema = z.object({
  /** The poll action's idempotency key. */
  key: z.string().min(1).max(200),
  sourceId: z.string().min(1).max(200),
  platform: PlatformSchema,
  channelId: z.string().min(1).max(200),
  messageId: z.string().min(1).max(200),
  question: z.string().max(300),
  multiple: z.boolean(),
  postedAt: z.number(),
  counted: z.boolean(),
  /** Each answer, in the poll's order, with how many members chose it. */
  answers: z.array(z.object({ text: z.string().max(100), votes: z.number().int().nonnegative() })).max(12),
  /** Members holding a vote. */
  voters: z.number().int().nonnegative(),
});
export type PollTally = z.infer<typeof PollTallySchema>;

export const PollListSchema = z.object({ polls: z.array(PollTallySchema).max(500) });
export type PollList = z.infer<typeof PollListSchema>;
