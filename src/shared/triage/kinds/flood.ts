// Flood: one author posting faster than the channel's pace (short reactions count less).
import { z } from 'zod';
import { emit, recordDrop } from '../compiled';
import type { Normalized } from '../normalize';
import { words } from '../reasons';
import { defineKind } from './kind';

export const FloodTriggerSchema = z.object({
  type: z.literal('flood'),
  messages: z.number().int().min(2).default(6),
  seconds: z.number().positive().default(10),
});
type Trigger = z.infer<typeof FloodTriggerSchema>;

/** "lol", "+1", "wtf", an emoji: a reaction of at most three words, no link, no mention. */
function isShortReaction(norm: Normalized | undefined, text: string, mentions: number): boolean {
  if (mentions > 0 || text.length > 40) return false;
  if (!norm) return text.length === 0;
  const w = norm.words;
  if (w.length > 24 || text.includes('://')) return false;
  let spaces = 0;
  for (let i = w.indexOf(' '); i >= 0; i = w.indexOf(' ', i + 1)) spaces++;
  return spaces <= 2;
}

export const flood = defineKind({
  type: 'flood',
  schema: FloodTriggerSchema,
  context: 'behaviour',
  matchOnly: false,
  compile(rule, into) {
    into.keepWindow((rule.rule.trigger as Trigger).seconds * 1000);
  },
  evaluate(rule, scope) {
    const event = scope.event;
    if (event.kind !== 'message' || !event.author) return;
    const t = rule.rule.trigger as Trigger;
    const space = scope.space;
    const ts = event.ts;
    const authorId = event.author.id;
    const count = space.flood(authorId, event.channelId, ts, t.seconds * 1000, t.messages, isShortReaction(scope.norm, scope.text, scope.mentions));
    const limit = space.floodLimit;
    if (count < limit) {
      // A fixed count would have called it a flood (issue 14): say what kept it off — the channel's usual pace,
      // or the others posting as fast right now (a burst, the author's short reactions weighing less). Rare:
      // the author reached the rule's count.
      if (space.floodMessages >= t.messages) recordDrop(scope, rule.rule.id, rule.rule.category, count < space.floodUsual ? 'channel-pace' : 'burst-reaction', scope.text ? [{ text: scope.text }] : []);
      return;
    }
    const found = { count: Math.floor(count), seconds: t.seconds, ...(limit > t.messages ? { pace: Math.ceil(limit) } : {}) };
    emit(scope, rule, [], words('flood', found), space.burstGroup(authorId, ts, t.seconds * 1000));
  },
});
