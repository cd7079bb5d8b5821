// Raid: a wave of look-alike joins, or many authors posting near-duplicates (the space's raid detector,
// behaviour.ts; the pack's raid rule sets its thresholds).
import { z } from 'zod';
import { emit } from '../compiled';
import { words, type FlagWordCode } from '../reasons';
import { defineKind } from './kind';

export const RaidTriggerSchema = z.object({
  type: z.literal('raid'),
  joins: z.number().int().min(3).default(10),
  seconds: z.number().positive().default(60),
  /** Share of a join wave that must look alike (names, account ages) before it is called a raid. */
  similarShare: z.number().min(0).max(1).default(0.6),
  /** Distinct authors posting near-duplicate text within `seconds` that make a message raid. */
  nearDuplicateAuthors: z.number().int().min(3).default(5),
  quietSeconds: z.number().positive().default(300),
});
type Trigger = z.infer<typeof RaidTriggerSchema>;

export const raid = defineKind({
  type: 'raid',
  schema: RaidTriggerSchema,
  context: 'none',
  matchOnly: false,
  compile(rule, into) {
    const t = rule.rule.trigger as Trigger;
    into.useRaid({ joins: t.joins, seconds: t.seconds, similarShare: t.similarShare, nearDuplicateAuthors: t.nearDuplicateAuthors, quietSeconds: t.quietSeconds });
  },
  evaluate(rule, scope, host) {
    const { event, norm, space } = scope;
    const author = event.author;
    if (!author) return;
    if (event.kind === 'join') {
      const incident = space.onJoin(event.ts, author.id, author.name, author.accountCreatedAt, host.raid);
      if (incident) emit(scope, rule, [], words(incident.why.code as FlagWordCode, { ...incident.why.fields, accounts: incident.members.size }), incident.id);
    } else if (event.kind === 'message' && norm) {
      const incident = space.onMessage(event.ts, author.id, norm.words, host.raid);
      if (incident) emit(scope, rule, [], words(incident.why.code as FlagWordCode, { ...incident.why.fields, accounts: incident.members.size }), incident.id);
    }
  },
});
