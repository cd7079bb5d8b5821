// Link: one of the link checks (listed scam domain, look-alike of a protected domain, invite to
// another group, shortener, defanged link) found something about a link of the message.
import { z } from 'zod';
import { emit, spanOf } from '../compiled';
import { defineKind } from './kind';

export const LinkTriggerSchema = z.object({
  type: z.literal('link'),
  check: z.enum(['scam-domain', 'lookalike', 'invite', 'shortener', 'obfuscated']),
});
type Trigger = z.infer<typeof LinkTriggerSchema>;

export const link = defineKind({
  type: 'link',
  schema: LinkTriggerSchema,
  context: 'content',
  matchOnly: false,
  compile(_rule, into) {
    into.needLinks();
  },
  evaluate(rule, scope, host) {
    if (!scope.norm || host.linksOf(scope).length === 0) return;
    const t = rule.rule.trigger as Trigger;
    for (const [found, verdicts] of host.verdictsOf(scope)) {
      for (const x of verdicts) if (x.check === t.check) emit(scope, rule, [spanOf(scope.text, found.start, found.end)], x.why);
    }
  },
});
