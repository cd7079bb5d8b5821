// Actions are intents: written to the renderer's outbox with an idempotency key, executed by main.
import { z } from 'zod';
import { PlatformSchema } from './model';
import { ActionErrorSchema } from './result';

const id = z.string().min(1).max(200);

/** A Telegram formatting entity, platform-neutral: offsets and lengths in UTF-16 code units. */
export const MessageEntitySchema = z.object({
  type: z.enum(['bold', 'italic', 'code', 'pre', 'text_link']),
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  url: z.string().max(2048).optional(),
});
export type MessageEntity = z.infer<typeof MessageEntitySchema>;

export const ActionKindSchema = z.enum(['reply', 'dm', 'delete', 'timeout', 'kick', 'ban', 'unban', 'slowmode', 'lock', 'announce', 'promote', 'demote', 'resetInvite', 'pin', 'edit', 'event', 'poll', 'bulkBan', 'bulkRemove']);
export type ActionKind = z.infer<typeof ActionKindSchema>;

/** Discord's cap for a timeout; other platforms declare their own in capabilities. */
/** Discord's bulk-ban endpoint takes at most this many user ids per request. */
export const MAX_BULK_BAN = 200;

/**
 * A WhatsApp removal request names at most this many participants. The call takes many, but each one
 * removed sends every member's phone a notification line and each refused one is answered on its own;
 * 50 keeps one request (and its answer, and the look at the group after a lost answer) small, while a
 * raid of 200 still goes in 4 requests instead of 200 (the device's send pace applies between them).
 */
export const MAX_BULK_REMOVE = 50;

export const MAX_TIMEOUT_SECONDS = 28 * 24 * 3600;

const base = {
  key: z.uuid(),
  sourceId: id,
  platform: PlatformSchema,
  spaceId: id,
  channelId: id,
  inboxItemId: z.string().max(400).optional(),
  reason: z.string().max(512).optional(),
};

export const ActionIntentSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('reply'),
    text: z.string().min(1).max(4000),
    replyToMessageId: id.optional(),
  }),
  /** A direct message to a member (a warning, an answer to an appeal); channelId is where it came from. */
  z.object({ ...base, kind: z.literal('dm'), memberId: id, text: z.string().min(1).max(4000) }),
  /**
   * Delete a message. `authorId` and `sentAt` (ms): who wrote it and when, as the console stored it; WhatsApp's
   * delete for everyone must name the author, and main remembers messages only while it runs.
   */
  z.object({ ...base, kind: z.literal('delete'), messageId: id, authorId: id.optional(), sentAt: z.number().int().min(0).optional() }),
  z.object({
    ...base,
    kind: z.literal('timeout'),
    memberId: id,
    durationSeconds: z.number().int().min(0).max(MAX_TIMEOUT_SECONDS),
  }),
  /**
   * Remove a member. `resetInvite`: also reset the group's invite link in the same action, so the
   * removed member cannot come straight back (WhatsApp's stand-in for a ban).
   */
  z.object({ ...base, kind: z.literal('kick'), memberId: id, resetInvite: z.boolean().optional() }),
  /** Make a member an admin of the group, or take it back (WhatsApp group admins). */
  z.object({ ...base, kind: z.literal('promote'), memberId: id }),
  z.object({ ...base, kind: z.literal('demote'), memberId: id }),
  /** Reset the group's invite link: the old link stops working, a new one is made. */
  z.object({ ...base, kind: z.literal('resetInvite') }),
  /** Pin a message for everyone in the chat, for `seconds` (WhatsApp: 24 h, 7 days or 30 days). */
  z.object({ ...base, kind: z.literal('pin'), messageId: id, seconds: z.number().int().min(1).max(30 * 24 * 3600).optional() }),
  z.object({
    ...base,
    kind: z.literal('ban'),
    memberId: id,
    deleteMessageSeconds: z.number().int().min(0).max(7 * 24 * 3600).optional(),
  }),
  /**
   * A raid's accounts banned in one request (Discord's bulk-ban endpoint), their recent messages
   * deleted with them; the receipt says per account what became of it.
   */
  z.object({
    ...base,
    kind: z.literal('bulkBan'),
    memberIds: z.array(id).min(1).max(MAX_BULK_BAN),
    deleteMessageSeconds: z.number().int().min(0).max(7 * 24 * 3600).optional(),
  }),
  /**
   * A raid's accounts removed from one WhatsApp group in one request (WhatsApp has no ban: this is the
   * bulk ban's stand-in, with one invite-link reset for the group); the receipt says per account what
   * became of it.
   */
  z.object({ ...base, kind: z.literal('bulkRemove'), memberIds: z.array(id).min(1).max(MAX_BULK_REMOVE) }),
  z.object({ ...base, kind: z.literal('unban'), memberId: id }),
  z.object({ ...base, kind: z.literal('slowmode'), seconds: z.number().int().min(0).max(21600) }),
  /** Lock (members cannot post) or unlock a channel. */
  z.object({ ...base, kind: z.literal('lock'), locked: z.boolean() }),
  /**
   * One message of an announcement, already rendered for its platform (an announcement over the
   * limit is several of these, each with its own key). Telegram's formatting travels as entities.
   */
  z.object({
    ...base,
    kind: z.literal('announce'),
    announcementId: z.uuid(),
    /** Which message of the announcement this is (0-based), and how many there are. */
    part: z.number().int().min(0).max(50),
    parts: z.number().int().min(1).max(51),
    text: z.string().min(1).max(65536),
    entities: z.array(MessageEntitySchema).max(1000).optional(),
    /** Pin the message once posted (only the first part of an announcement asks for it). */
    pin: z.boolean(),
    /** The draft this space's text was rendered from (first part only), so the message can be edited later. */
    draft: z.string().max(65536).optional(),
  }),
  /**
   * A new text for a message the connection posted (a part of an announcement): the platform edits it
   * in place. Only our own messages can be edited; doing it twice leaves the same text.
   */
  z.object({
    ...base,
    kind: z.literal('edit'),
    messageId: id,
    text: z.string().min(1).max(65536),
    entities: z.array(MessageEntitySchema).max(1000).optional(),
    /** The announcement the message belongs to, when it is one. */
    announcementId: z.uuid().optional(),
    /** One edit of several messages (the parts of an announcement in one space) shares this id. */
    editId: z.uuid().optional(),
    /** The draft the new text was rendered from (first part of an announcement only). */
    draft: z.string().max(65536).optional(),
  }),
  /**
   * A Discord scheduled event for a voice or stage channel (channelId): created for a plan's next
   * occurrence, moved or renamed with it, cancelled with it. `eventId` is the created event's id.
   */
  z.object({
    ...base,
    kind: z.literal('event'),
    op: z.enum(['create', 'update', 'cancel']),
    eventId: id.optional(),
    name: z.string().min(1).max(100),
    description: z.string().max(1000).optional(),
    /** Start and end, ms since the epoch. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative().optional(),
    entity: z.enum(['voice', 'stage']),
    /** The scheduled post this event belongs to (the team ledger's plan id). */
    planId: z.string().regex(/^[A-Za-z0-9-]{8,40}$/).optional(),
  }),
  /**
   * A poll in a channel: Discord's native poll, Telegram's. Limits are the stricter of both platforms'
   * (question ≤ 255 characters, 2–10 answers of ≤ 55); sent once with the key's nonce / random_id.
   */
  z.object({
    ...base,
    kind: z.literal('poll'),
    question: z.string().trim().min(1).max(255),
    answers: z.array(z.string().trim().min(1).max(55)).min(2).max(10),
    multiple: z.boolean(),
    /** How long Discord keeps it open (Telegram polls stay open until closed). */
    hours: z.number().int().min(1).max(768),
  }),
]);
export type ActionIntent = z.infer<typeof ActionIntentSchema>;

/** One account's outcome in a bulk ban (banned) or a bulk removal (removed; already gone: not in the group when asked). */
export const BulkBanAccountSchema = z.object({ memberId: id, state: z.enum(['banned', 'alreadyBanned', 'removed', 'alreadyGone', 'failed']) });
export type BulkBanAccount = z.infer<typeof BulkBanAccountSchema>;

/** What a confirmed action did, in words a moderator reads, plus ids it created. */
export const ActionReceiptSchema = z.object({
  key: z.uuid(),
  kind: ActionKindSchema,
  confirmedAt: z.number(),
  createdMessageId: z.string().optional(),
  /** A new invite link a reset made (the code only; shown to the moderator who reset it). */
  inviteCode: z.string().max(100).optional(),
  until: z.number().optional(),
  /** True when main had already executed this key: the outbox replayed it and nothing ran twice. */
  duplicate: z.boolean(),
  /**
   * The platform was already in the intended state (the message was deleted natively, the member is
   * already banned…): nothing was done, and `detail` says what was found.
   */
  alreadyDone: z.boolean().optional(),
  detail: z.string().max(300).optional(),
  /** A bulk ban: each account's own outcome (banned now, found banned already, or refused by the platform). */
  accounts: z.array(BulkBanAccountSchema).max(MAX_BULK_BAN).optional(),
  /** The action was done, but something around it went wrong (main could not write its journal). */
  warning: ActionErrorSchema.optional(),
});
export type ActionReceipt = z.infer<typeof ActionReceiptSchema>;

export const ActionStatusSchema = z.enum(['queued', 'sent', 'confirmed', 'failed']);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;
