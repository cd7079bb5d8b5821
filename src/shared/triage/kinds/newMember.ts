// New member: a young account that joined minutes ago and posts a link or mentions.
import { z } from 'zod';
import { emit, isNewMember, spansOf } from '../compiled';
import { words } from '../reasons';
import { defineKind } from './kind';

export const NewMemberTriggerSchema = z.object({
  type: z.literal('new-member'),
  accountAgeDays: z.number().positive().default(7),
  joinedMinutes: z.number().positive().default(30),
  /** Only a new member who posts a link or mentions is worth a look; a "hello" is not. */
  requireLinkOrMention: z.boolean().default(true),
});
type Trigger = z.infer<typeof NewMemberTriggerSchema>;

export const newMember = defineKind({
  type: 'new-member',
  schema: NewMemberTriggerSchema,
  context: 'behaviour',
  matchOnly: false,
  compile(_rule, into) {
    into.needLinks();
  },
  evaluate(rule, scope, host) {
    if (!scope.norm) return;
    const t = rule.rule.trigger as Trigger;
    if (!isNewMember(scope.event, t.accountAgeDays, t.joinedMinutes)) return;
    const links = host.linksOf(scope);
    if (t.requireLinkOrMention && links.length === 0 && scope.mentions === 0) return;
    emit(scope, rule, spansOf(scope.text, links), words('newMember', { days: t.accountAgeDays, minutes: t.joinedMinutes }));
  },
});
