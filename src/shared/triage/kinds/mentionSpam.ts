// Mention spam: one message mentioning many members.
import { z } from 'zod';
import { emit } from '../compiled';
import { words } from '../reasons';
import { compileNothing, defineKind } from './kind';

export const MentionSpamTriggerSchema = z.object({
  type: z.literal('mention-spam'),
  mentions: z.number().int().min(2).default(6),
});
type Trigger = z.infer<typeof MentionSpamTriggerSchema>;

export const mentionSpam = defineKind({
  type: 'mention-spam',
  schema: MentionSpamTriggerSchema,
  context: 'behaviour',
  matchOnly: false,
  compile: compileNothing,
  evaluate(rule, scope) {
    const t = rule.rule.trigger as Trigger;
    if (scope.event.kind === 'message' && scope.mentions >= t.mentions) emit(scope, rule, [], words('mentions', { count: scope.mentions }));
  },
});
