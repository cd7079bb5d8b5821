// Rules as data: the zod schemas of a rule pack, its triggers and its actions. A pack is what a
// community imports/exports as JSON; the engine compiles it once and never trusts it unparsed.
import { z } from 'zod';
import { FlagCategorySchema, SeveritySchema } from '../domain/model';
import { TriggerSchema } from './kinds/registry';

const term = z.string().min(1).max(200);

// Each rule kind's trigger schema lives with its compile and evaluate in kinds/<kind>.ts; the
// trigger is the union of the registry's (kinds/registry.ts).
export { TriggerSchema } from './kinds/registry';
export type Trigger = z.infer<typeof TriggerSchema>;
export type TriggerType = Trigger['type'];

export const ActionSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flag') }),
  z.object({ type: z.literal('hold') }),
  z.object({ type: z.literal('delete') }),
  z.object({ type: z.literal('timeout'), minutes: z.number().int().min(1).max(40_320).default(10) }),
  z.object({ type: z.literal('notify'), channelId: z.string().max(200).optional() }),
]);
export type ActionSpec = z.infer<typeof ActionSpecSchema>;
export const PunitiveActions: ReadonlySet<ActionSpec['type']> = new Set(['hold', 'delete', 'timeout']);

export const RuleSchema = z
  .object({
    id: z.string().min(1).max(100),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    category: FlagCategorySchema,
    severity: SeveritySchema,
    /** What the moderator reads; `{match}` is replaced by the evidence. */
    reason: z.string().min(1).max(300),
    trigger: TriggerSchema,
    actions: z.array(ActionSpecSchema).default([{ type: 'flag' }]),
    /** Log what the actions would do instead of doing it. */
    dryRun: z.boolean().default(false),
    /** For care signals: the macro the flag suggests (the community's support resources). */
    macro: z.string().max(100).optional(),
    /**
     * Where the rule applies: channel names (without '#') or ids, on any platform. Absent or empty:
     * everywhere. Applied around the engine (see scope.ts), so every trigger kind honours it.
     */
    channels: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  })
  .refine((r) => r.category !== 'self-harm' || r.actions.every((a) => !PunitiveActions.has(a.type)), {
    message: 'A self-harm rule is a care signal: it may flag or notify, never hold, delete or time out.',
    path: ['actions'],
    params: { problem: 'self_harm_punitive' },
  });
export type Rule = z.infer<typeof RuleSchema>;

declare module './compiled' {
  /** The compiled rule's `rule` is this pack's rule (see PackRule in compiled.ts). */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- it is Rule, named for compiled.ts
  interface PackRule extends Rule {}
}

export const RulePackSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  version: z.literal(1),
  /** Terms that excuse any keyword match inside them, for every rule. */
  allow: z.array(term).default([]),
  domains: z
    .object({
      /** The community's own domains: never flagged, and their look-alikes are. */
      allow: z.array(z.string().max(253)).default([]),
      /** Brands whose look-alikes are phishing (discord.com, steamcommunity.com …). */
      protect: z.array(z.string().max(253)).default([]),
      shorteners: z.array(z.string().max(253)).default([]),
      /** Invite links of the community itself, allowed. */
      ownInvites: z.array(z.string().max(300)).default([]),
    })
    .default({ allow: [], protect: [], shorteners: [], ownInvites: [] }),
  staffNames: z.array(term).default([]),
  rules: z.array(RuleSchema),
  /**
   * The learned model beside the rules (model/classifier.ts): flags what no rule of the same category
   * flagged, explained by the words that weighed most. Absent: off (a pack saved before it existed).
   */
  model: z.object({ enabled: z.boolean() }).optional(),
});
export type RulePack = z.infer<typeof RulePackSchema>;
export type RulePackInput = z.input<typeof RulePackSchema>;
