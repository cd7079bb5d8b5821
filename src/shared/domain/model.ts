// The platform-neutral model (DESIGN.md §2): what main sends the renderer and the renderer stores.
// Every record here is plain serializable data; nothing platform-library-specific leaks through.
import { z } from 'zod';
import { ErrorFieldsSchema } from './result';

export const PlatformSchema = z.enum(['discord', 'telegram', 'whatsapp']);
export type Platform = z.infer<typeof PlatformSchema>;

const id = z.string().min(1).max(200);

export const ConnectionStateSchema = z.enum([
  'connecting',
  'ready',
  'resuming',
  'disconnected',
  'token_invalid',
  'error',
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

export const ChannelInfoSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['text', 'announcement', 'thread', 'voice', 'stage', 'dm', 'other']),
});
export type ChannelInfo = z.infer<typeof ChannelInfoSchema>;

export const SpaceInfoSchema = z.object({
  id,
  name: z.string(),
  channels: z.array(ChannelInfoSchema),
  memberCount: z.number().int().nonnegative().optional(),
  /**
   * A WhatsApp Community this group belongs to (its parent group's id), whether the group is the
   * Community itself, or its announcements group; `parentName`: the Community's name, looked up.
   */
  community: z.object({ parentId: z.string().max(200).optional(), parentName: z.string().max(500).optional(), role: z.enum(['community', 'announcements', 'group']) }).optional(),
  /** The language the platform says the space uses (a Discord server's primary language), as a BCP 47 tag. */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/).optional(),
  /** The space's roles by the ids members' `roles` carry (Discord: the server's roles, @everyone left out), highest first. */
  roles: z.array(z.object({ id, name: z.string().max(200) })).max(500).optional(),
  /** The connected account was removed from the space (or the space was deleted): nothing is read from it or done in it. */
  removed: z.literal(true).optional(),
  /**
   * The space continues under another id (a Telegram basic group upgraded to a supergroup): `movedTo` on the
   * old one, whose messages stay as history and whose member actions go to the new one; `movedFrom` on the new one.
   */
  movedTo: id.optional(),
  movedFrom: id.optional(),
  /**
   * Stretches of the space's messages the connection could not read back (Telegram: a difference too long
   * for the read-back, a group turned private): between two times (ms), either end unknown. Latest last.
   */
  unread: z.array(z.object({ after: z.number().nonnegative().optional(), before: z.number().nonnegative().optional() })).max(20).optional(),
});
export type SpaceInfo = z.infer<typeof SpaceInfoSchema>;

/** One connection: a Discord bot, a Telegram account, a WhatsApp device. Never carries a secret. */
export const SourceInfoSchema = z.object({
  id,
  platform: PlatformSchema,
  label: z.string(),
  practice: z.boolean(),
  apiBase: z.string().optional(),
  state: ConnectionStateSchema,
  stateDetail: z.string().optional(),
  /** Why the connection is in its state, as data the renderer words (`reason` and its values; stateDetail is main's English). */
  stateFields: ErrorFieldsSchema.optional(),
  /** Who the connection acts as; `bot` where the platform treats bots differently (Telegram). */
  self: z.object({ id, name: z.string(), bot: z.boolean().optional() }).optional(),
  spaces: z.array(SpaceInfoSchema),
  /**
   * Linking a WhatsApp device: the QR the phone scans (WhatsApp → Linked devices), while one is live.
   * It is an offer to link, not a credential of a linked device; it expires within a minute.
   */
  link: z.object({ qr: z.string().max(1000) }).optional(),
  /**
   * Linking by phone number instead: the 8-character code to type on that phone (WhatsApp → Linked
   * devices → Link with phone number instead), while it is live. Like the QR, an offer, not a credential.
   */
  pairingCode: z.string().regex(/^[0-9A-Z]{8}$/).optional(),
});
export type SourceInfo = z.infer<typeof SourceInfoSchema>;

export const AuthorSchema = z.object({
  id,
  name: z.string(),
  displayName: z.string().optional(),
  bot: z.boolean(),
  accountCreatedAt: z.number().optional(),
  joinedAt: z.number().optional(),
  roles: z.array(z.string()).optional(),
  /** Posted through a webhook (Discord): no member stands behind it to time out, kick or ban; its message can be deleted. */
  webhook: z.boolean().optional(),
  /** The member's language where the platform tells it (Telegram's lang_code), as a BCP 47 tag. */
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/).optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

/**
 * `rename`: a member changed the name others see (nickname, display name). `roles`: a member's rank in
 * the group changed (Telegram's admin status and custom title): `author` carries the roles after it,
 * `moderation` the change and the roles before.
 */
export const EventKindSchema = z.enum(['message', 'edit', 'delete', 'join', 'leave', 'rename', 'reaction', 'report', 'modAction', 'roles']);
export type EventKind = z.infer<typeof EventKindSchema>;

/**
 * A link whose target the reader does not see in the text: a text link ("official verification" →
 * its URL), a URL button under the message, a web-page preview. `shown` is what the member sees.
 */
export const LinkTargetSchema = z.object({
  via: z.enum(['text_link', 'button', 'preview']),
  shown: z.string().max(4096),
  url: z.string().max(2048),
});
export type LinkTarget = z.infer<typeof LinkTargetSchema>;

/** The text triage reads: the visible text, then every hidden link target on a line of its own. */
export function textWithLinkTargets(event: { text?: string | undefined; linkTargets?: readonly LinkTarget[] | undefined }): string | undefined {
  if (!event.linkTargets || event.linkTargets.length === 0) return event.text;
  return [event.text ?? '', ...event.linkTargets.map((l) => l.url)].join('\n');
}

/**
 * What a moderator (or the platform's own AutoMod) did in the platform's app, as a `modAction` or
 * AutoMod `report` event carries it: typed fields, never JSON inside a string.
 */
export const ModerationSchema = z.object({
  action: z.enum(['delete', 'kick', 'ban', 'unban', 'timeout', 'automod', 'promote', 'demote', 'setting']),
  /** The member acted on (for a delete: the author of the deleted message). */
  targetId: id.optional(),
  /** AutoMod: the rule that fired and the words it matched. */
  rule: z.string().max(200).optional(),
  matched: z.string().max(400).optional(),
  /** AutoMod: what it did (blocked the message, alerted, timed out). */
  response: z.enum(['block', 'alert', 'timeout']).optional(),
  /**
   * A group setting an admin changed in the platform's app (WhatsApp: announcement-only, only admins
   * edit info, subject, description, invite link reset), and its new value where it has one.
   */
  setting: z.enum(['announce', 'locked', 'subject', 'description', 'inviteLink']).optional(),
  value: z.string().max(2048).optional(),
  /** A `roles` event: the member's roles before the change (those after are on its author). */
  before: z.array(z.string().max(200)).max(50).optional(),
  /**
   * A `roles` event whose roles are ids (Discord's server roles): the names the roles before and after
   * had at the change, so a role deleted since is still named on the member's journey. Text, never markup.
   */
  roleNames: z.array(z.object({ id, name: z.string().max(100) })).max(100).optional(),
});
export type Moderation = z.infer<typeof ModerationSchema>;

/**
 * A normalized platform event. `id` is stable (`platform:space:channel:nativeId[:suffix]`), so a
 * repeat from a resume or a catch-up is detected and dropped. `messageId` names the platform message concerned (for message/edit/delete).
 */
const positions = z.record(z.string().max(200), z.string().max(400));

/**
 * How one event moves its source's cursor: the one form every connector produces (the port,
 * main/core/connector.ts) and the renderer stores without knowing the platform (domain/cursor.ts).
 * `after`: positions that only move forward, per channel the newest message id stored (platform ids
 * compare by length, then digits); `at`: the connector's own state, the latest holding (Telegram's
 * pts per channel and topic names, Discord's newest join per guild).
 */
export const CursorMoveSchema = z
  .object({
    after: positions.optional(),
    at: positions.optional(),
  })
  .strict();
export type CursorMove = z.infer<typeof CursorMoveSchema>;

/** An event stored before cursors had one form carried its connector's state as a bare record: that is `at`. */
function legacyCursorMove(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  return keys.every((k) => k === 'after' || k === 'at') ? value : { at: value };
}

export const ChatEventSchema = z.object({
  id: z.string().min(1).max(400),
  sourceId: id,
  platform: PlatformSchema,
  kind: EventKindSchema,
  spaceId: id,
  spaceName: z.string().optional(),
  channelId: id,
  channelName: z.string().optional(),
  messageId: id.optional(),
  ts: z.number(),
  author: AuthorSchema.optional(),
  text: z.string().optional(),
  replyToMessageId: id.optional(),
  mentions: z.number().int().nonnegative().optional(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string().optional() })).optional(),
  /** Link targets hidden behind the text (text links, buttons, previews); triage reads them too. */
  linkTargets: z.array(LinkTargetSchema).max(100).optional(),
  detail: z.string().optional(),
  /** A forward: whose message (or which chat) the forwarded text came from, as the platform names it. */
  forwardedFrom: z.string().max(300).optional(),
  /** A forward whose origin the platform does not name (WhatsApp): forwarded once, or many times. */
  forwarded: z.enum(['once', 'many']).optional(),
  moderation: ModerationSchema.optional(),
  /**
   * How this event moves its source's cursor once stored (CursorMoveSchema below), as its connector
   * produced it. Merged into the source's cursor in the same transaction as the event.
   */
  cursor: z.preprocess(legacyCursorMove, CursorMoveSchema).optional(),
});
export type ChatEvent = z.infer<typeof ChatEventSchema>;

export const FlagCategorySchema = z.enum([
  'scam',
  'phishing',
  'spam',
  'toxicity',
  'self-harm',
  'raid',
  'flood',
  'mention-spam',
  'nsfw',
  'custom',
]);
export type FlagCategory = z.infer<typeof FlagCategorySchema>;

export const SeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const EvidenceSpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type EvidenceSpan = z.infer<typeof EvidenceSpanSchema>;

/** One part of a flag's reason as data: a code the renderer words in each language, and its fields. */
export const FlagWordsSchema = z.object({ code: z.string().min(1).max(40), fields: ErrorFieldsSchema.optional() });
export type FlagWords = z.infer<typeof FlagWordsSchema>;

/**
 * A flag's reason as data (`reason` keeps the same in English, for logs, cases and older consoles):
 * the rule's words — a built-in wording (`base`) or the team's own (`own`) — with the quoted evidence
 * (`match`, kept as the member wrote it), what the engine found (`detail`), and a self-harm flag's
 * call for care (with the macro the rule names).
 */
export const FlagWhySchema = z.object({
  base: FlagWordsSchema.optional(),
  own: z.string().max(500).optional(),
  match: z.string().max(300).optional(),
  detail: FlagWordsSchema.optional(),
  care: z.object({ macro: z.string().max(100).optional() }).optional(),
});
export type FlagWhy = z.infer<typeof FlagWhySchema>;

export const FlagSchema = z.object({
  rule: z.string(),
  category: FlagCategorySchema,
  severity: SeveritySchema,
  reason: z.string(),
  /** The reason as data, worded by the renderer; a flag stored before it existed has only `reason`. */
  why: FlagWhySchema.optional(),
  evidence: z.array(EvidenceSpanSchema),
  /** Flags sharing a group key (a raid, an author's burst) become one inbox item. */
  group: z.string().max(200).optional(),
  /** How sure the flag is, 0..1, when its source says (a learned model); a rule's match is certain. Below 0.5 the item waits in the maybe lane. */
  confidence: z.number().min(0).max(1).optional(),
  /** Set when the message was longer than triage reads: only this many characters were checked. */
  checkedChars: z.number().int().positive().optional(),
});
export type Flag = z.infer<typeof FlagSchema>;

/**
 * The context that kept a flag off a message (issue 14): the message talks ABOUT the thing rather than does it —
 * a warning about a scam or a quotation of one, a reply to a message already flagged for it, a staff member's
 * words, a short reaction during a burst or a burst at the channel's usual pace, what someone else said
 * (reported speech), a laughing "I'm dead", hateful words reported to denounce them (counter-speech), quoted to
 * report them, a word someone called the author, a denied opinion, a work's title; a slur in its everyday sense
 * (`other-sense`), in-group reclaimed use (`in-group`), an insult word aimed at no one: the author, a thing, a
 * curse of surprise (`no-target`). `talked-about` is any other context reading of abusive words.
 */
export const DropContextSchema = z.enum([
  'scam-warning',
  'quoted-scam',
  'reply-to-flagged',
  'staff',
  'burst-reaction',
  'channel-pace',
  'reported-speech',
  'laughing',
  'counter-speech',
  'quoted-abuse',
  'called-author',
  'denied-opinion',
  'title',
  'talked-about',
  'other-sense',
  'in-group',
  'no-target',
]);
export type DropContext = z.infer<typeof DropContextSchema>;

/** At most this many dropped flags are recorded per message. */
export const DROPPED_PER_MESSAGE = 8;

/**
 * A flag triage dropped on context, and why: the rule and category it would have had, the context, and the
 * words it would have quoted (as the member wrote them, clipped: platform text, shown as text only).
 */
export const DroppedFlagSchema = z.object({
  rule: z.string().max(100),
  category: FlagCategorySchema,
  context: DropContextSchema,
  evidence: z.array(z.string().max(80)).max(4),
});
export type DroppedFlag = z.infer<typeof DroppedFlagSchema>;

/**
 * An automatic action a rule asked for on this event (issue 15): main runs it through the executor's
 * journal under `key` (derived from the event and the kind, so a restart or a replay finds the same key)
 * unless the rule is in dry run; the renderer records it in its outbox and as a case by "automation".
 */
export const AutomaticActionSchema = z.object({
  rule: z.string().min(1).max(100),
  /**
   * `hold`: the message is taken down (deleted: no platform has a review queue a bot can use) and its item
   * stays open for a person to review; `notify`: no platform action, the team is told (desktop notice).
   */
  kind: z.enum(['delete', 'timeout', 'hold', 'notify']),
  key: z.uuid(),
  durationSeconds: z.number().int().positive().max(28 * 24 * 3600).optional(),
  /** The rule is in dry run: nothing was done, the item says what would have been. */
  dryRun: z.boolean(),
});
export type AutomaticAction = z.infer<typeof AutomaticActionSchema>;

/** An event as main's pipeline hands it on: with the flags triage raised on it. */
export const EnvelopeSchema = z.object({
  event: ChatEventSchema,
  flags: z.array(FlagSchema),
  /** What the matched rules' automatic actions did (or, in dry run, would have done) on this event. */
  automatic: z.array(AutomaticActionSchema).max(8).optional(),
  /** Flags triage dropped on context (issue 14), so a moderator sees why the message is not flagged for them. */
  dropped: z.array(DroppedFlagSchema).max(DROPPED_PER_MESSAGE).optional(),
  /** Similarity keys of a flagged message (same lure, same scam host): the inbox folds matches into one item. */
  similar: z.array(z.string().max(40)).max(4).optional(),
  /** The first message main saw from a member who joined recently (issue 19): highlighted until someone answers it. */
  newcomerFirst: z.literal(true).optional(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/**
 * How far the renderer's store covers a source: per channel, the newest platform message id it
 * holds. Opaque to the renderer; the connector interprets it when it catches up.
 */
export const SourceCursorSchema = z.object({
  sourceId: id,
  positions: z.record(z.string(), z.string()),
});
export type SourceCursor = z.infer<typeof SourceCursorSchema>;

/**
 * The pseudo-space of direct messages between a member and the connected bot: DM events carry it as
 * `spaceId` (channelId = the DM conversation), so the core and the inbox tell them from community talk.
 */
export const DIRECT_MESSAGE_SPACE = '@dm';
