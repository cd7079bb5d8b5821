// Rules as data: the zod schemas of a rule pack, its triggers and its actions. A pack is what a
// community imports/exports as JSON; the engine compiles it once and never trusts it unparsed.
import { z } from 'zod';
import { FlagCategorySchema, SeveritySchema } from '../domain/model';

const term = z.string().min(1).max(200);

export const KeywordsTriggerSchema = z.object({
  type: z.literal('keywords'),
  /** `*` at either end makes that end open ("scam*", "*coin"). No cap on the number of terms. */
  terms: z.array(term),
  mode: z.enum(['word', 'substring']).default('word'),
  /** Terms that excuse a match they contain ("scunthorpe" excuses a substring match on its middle). */
  allow: z.array(term).default([]),
  /** Also match Chinese terms by pinyin (homophones, pinyin typed in Latin letters, initials). */
  pinyin: z.boolean().default(true),
  lang: z.string().max(20).optional(),
});

export const RegexTriggerSchema = z.object({
  type: z.literal('regex'),
  patterns: z.array(z.string().min(1).max(500)).max(1000),
  /** `folded` = case-folded, confusables mapped, invisibles removed; `original` = as sent. */
  on: z.enum(['folded', 'original']).default('folded'),
});

export const SignalGroupSchema = z.object({
  name: z.string().min(1).max(60),
  terms: z.array(term),
  mode: z.enum(['word', 'substring']).default('word'),
  weight: z.number(),
  /** Regex patterns (folded view) that count as a hit of this group too. */
  patterns: z.array(z.string().min(1).max(500)).default([]),
});

/** A weighted combination of term groups and message features: generalizes better than one phrase. */
export const SignalsTriggerSchema = z.object({
  type: z.literal('signals'),
  groups: z.array(SignalGroupSchema).min(1),
  features: z
    .object({
      link: z.number().default(0),
      invite: z.number().default(0),
      mentions: z.number().default(0),
      newMember: z.number().default(0),
    })
    .default({ link: 0, invite: 0, mentions: 0, newMember: 0 }),
  threshold: z.number(),
  /** Groups of which at least one must hit (e.g. the lure itself, not just "click here"). */
  require: z.array(z.string()).default([]),
  pinyin: z.boolean().default(true),
});

export const LinkTriggerSchema = z.object({
  type: z.literal('link'),
  check: z.enum(['scam-domain', 'lookalike', 'invite', 'shortener', 'obfuscated']),
});

export const ImpersonationTriggerSchema = z.object({
  type: z.literal('impersonation'),
  /** Names to protect besides the staff names the host passes in the context. */
  names: z.array(term).default([]),
  maxDistance: z.number().int().min(0).max(3).default(1),
});

export const FloodTriggerSchema = z.object({
  type: z.literal('flood'),
  messages: z.number().int().min(2).default(6),
  seconds: z.number().positive().default(10),
});

export const DuplicatesTriggerSchema = z.object({
  type: z.literal('duplicates'),
  /** Same author, same text: this many copies within `seconds`, or across `channels` channels. */
  copies: z.number().int().min(2).default(3),
  channels: z.number().int().min(2).default(3),
  seconds: z.number().positive().default(120),
  minLength: z.number().int().min(1).default(8),
});

export const MentionSpamTriggerSchema = z.object({
  type: z.literal('mention-spam'),
  mentions: z.number().int().min(2).default(6),
});

export const NewMemberTriggerSchema = z.object({
  type: z.literal('new-member'),
  accountAgeDays: z.number().positive().default(7),
  joinedMinutes: z.number().positive().default(30),
  /** Only a new member who posts a link or mentions is worth a look; a "hello" is not. */
  requireLinkOrMention: z.boolean().default(true),
});

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

export const ReportTriggerSchema = z.object({
  type: z.literal('report'),
  escalateAt: z.number().int().min(1).default(3),
});

export const TriggerSchema = z.discriminatedUnion('type', [
  KeywordsTriggerSchema,
  RegexTriggerSchema,
  SignalsTriggerSchema,
  LinkTriggerSchema,
  ImpersonationTriggerSchema,
  FloodTriggerSchema,
  DuplicatesTriggerSchema,
  MentionSpamTriggerSchema,
  NewMemberTriggerSchema,
  RaidTriggerSchema,
  ReportTriggerSchema,
]);
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
