// Duplicates: one author posting the same text again and again, or across channels.
import { z } from 'zod';
import { emit, spanOf } from '../compiled';
import { words } from '../reasons';
import { defineKind } from './kind';

export const DuplicatesTriggerSchema = z.object({
  type: z.literal('duplicates'),
  /** Same author, same text: this many copies within `seconds`, or across `channels` channels. */
  copies: z.number().int().min(2).default(3),
  channels: z.number().int().min(2).default(3),
  seconds: z.number().positive().default(120),
  minLength: z.number().int().min(1).default(8),
});
type Trigger = z.infer<typeof DuplicatesTriggerSchema>;

export const duplicates = defineKind({
  type: 'duplicates',
  schema: DuplicatesTriggerSchema,
  context: 'behaviour',
  matchOnly: false,
  compile(rule, into) {
    into.keepWindow((rule.rule.trigger as Trigger).seconds * 1000);
  },
  evaluate(rule, scope) {
    const { event, norm, space, text } = scope;
    if (!norm || event.kind !== 'message' || !event.author) return;
    const t = rule.rule.trigger as Trigger;
    const key = norm.words;
    if (key.length < t.minLength) return;
    const authorId = event.author.id;
    const copies = space.countCopies(authorId, key, event.channelId, event.ts, t.seconds * 1000);
    const channels = space.copyChannels;
    if (copies >= t.copies || channels >= t.channels) {
      emit(scope, rule, [spanOf(text, 0, text.length)], words('duplicates', { copies, channels }), space.burstGroup(authorId, event.ts, t.seconds * 1000));
    }
  },
});
