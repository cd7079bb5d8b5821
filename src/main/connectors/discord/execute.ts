// One function per action kind on Discord, each answering with a Result (STYLE.md: Zeppelin's way).
// A destructive action first looks (when cheap) whether the platform is already where the intent
// wants it, so a replayed or stale intent answers "already done" instead of acting twice or failing.
import { DiscordAPIError, GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, GuildScheduledEventStatus, PermissionFlagsBits, Routes } from 'discord.js';
import type { Client } from 'discord.js';
import { z } from 'zod';
import type { ActionIntent } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction, Reconciled } from '../../core/connector';
import { PIN_REFUSED } from '@shared/domain/discordNeeds';
import { alreadyDone, notOnThisPlatform, whatsAppOnlyBulkRemove } from '../base';
import { toFailure } from './errors';

type Of<K extends ActionIntent['kind']> = Extract<ActionIntent, { kind: K }>;

/** Discord nonces are ≤ 25 characters; derived from the idempotency key, so a retried send is one message. */
export function nonceFor(key: string): string {
  return key.replace(/-/g, '').slice(0, 25);
}

function reasonOf(action: ActionIntent): { reason?: string } {
  return action.reason ? { reason: action.reason } : {};
}

async function reply(client: Client, a: Of<'reply'>): Promise<ConfirmedAction> {
  const body: Record<string, unknown> = {
    content: a.text,
    nonce: nonceFor(a.key),
    enforce_nonce: true,
    // A moderator's reply never pings @everyone or roles by accident.
    allowed_mentions: { parse: ['users'], replied_user: true },
  };
  if (a.replyToMessageId) body.message_reference = { message_id: a.replyToMessageId, fail_if_not_exists: false };
  const created = (await client.rest.post(Routes.channelMessages(a.channelId), { body })) as { id: string };
  return { kind: 'reply', createdMessageId: created.id };
}

/**
 * One message of an announcement: never pings anyone (the text is defused too), sent with the key's
 * nonce so a retried send is the first message, then pinned when asked (a PUT, so a repeat is harmless).
 */
async function announce(client: Client, a: Of<'announce'>): Promise<ConfirmedAction> {
  const created = MessageIdSchema.parse(
    await client.rest.post(Routes.channelMessages(a.channelId), {
      body: { content: a.text, nonce: nonceFor(a.key), enforce_nonce: true, allowed_mentions: { parse: [] } },
    }),
  );
  if (!a.pin) return { kind: 'announce', createdMessageId: created.id };
  try {
    await client.rest.put(Routes.channelMessagesPin(a.channelId, created.id), reasonOf(a));
  } catch (error) {
    // Posted, not pinned: the bot lacks Pin Messages (split from Manage Messages). The post stands and is
    // not sent again; the receipt says why it is not pinned.
    if (discordCode(error) === MISSING_PERMISSIONS) return { kind: 'announce', createdMessageId: created.id, detail: PIN_REFUSED };
    throw error;
  }
  return { kind: 'announce', createdMessageId: created.id, detail: 'pinned' };
}

/** Whether the bot lacks `permission` in a channel, as discord.js's cache has its roles and the channel's overwrites. */
function botLacks(client: Client, channelId: string, permission: bigint): boolean {
  const channel = client.channels.cache.get(channelId);
  if (!channel || !('guild' in channel) || !('permissionsFor' in channel)) return false;
  const me = channel.guild.members.me;
  return !!me && !channel.permissionsFor(me).has(permission);
}

/** A new text for our own message; the same text again changes nothing and answers "already done". */
async function edit(client: Client, a: Of<'edit'>): Promise<ConfirmedAction> {
  const current = MessageContentSchema.parse(await client.rest.get(Routes.channelMessage(a.channelId, a.messageId)));
  if (current.content === a.text) return alreadyDone('edit', 'The message already had this text');
  await client.rest.patch(Routes.channelMessage(a.channelId, a.messageId), { body: { content: a.text, allowed_mentions: { parse: [] } } });
  return { kind: 'edit' };
}

/**
 * A scheduled event for a voice or stage channel, through discord.js's guild.scheduledEvents. Create
 * has no nonce on Discord: a replay first looks for the event we made with this name and start (see
 * reconcile). Cancelling a cancelled or ended event is already done.
 */
async function scheduledEvent(client: Client, a: Of<'event'>): Promise<ConfirmedAction> {
  const guild = client.guilds.cache.get(a.spaceId);
  if (!guild) throw new ActionRefused(fail('not_found', 'The bot is not in that server.'));
  if (a.op === 'create') {
    const existing = await findOwnEvent(client, a);
    if (existing) return { kind: 'event', createdMessageId: existing, alreadyDone: true, detail: 'The event was already created' };
    const created = await guild.scheduledEvents.create({
      name: a.name,
      scheduledStartTime: new Date(a.start),
      ...(a.end !== undefined ? { scheduledEndTime: new Date(a.end) } : {}),
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: a.entity === 'stage' ? GuildScheduledEventEntityType.StageInstance : GuildScheduledEventEntityType.Voice,
      channel: a.channelId,
      ...(a.description ? { description: a.description } : {}),
      ...reasonOf(a),
    });
    return { kind: 'event', createdMessageId: created.id };
  }
  if (!a.eventId) throw new ActionRefused(fail('invalid_input', 'Which event? It has no id yet.'));
  const event = await guild.scheduledEvents.fetch({ guildScheduledEvent: a.eventId, force: true });
  if (event.status === GuildScheduledEventStatus.Canceled || event.status === GuildScheduledEventStatus.Completed) {
    return alreadyDone('event', a.op === 'cancel' ? 'The event was already cancelled or over' : 'The event is over; it cannot change');
  }
  if (a.op === 'cancel') {
    await guild.scheduledEvents.edit(a.eventId, { status: GuildScheduledEventStatus.Canceled, ...reasonOf(a) });
    return { kind: 'event', createdMessageId: a.eventId };
  }
  await guild.scheduledEvents.edit(a.eventId, {
    name: a.name,
    scheduledStartTime: new Date(a.start),
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...reasonOf(a),
  });
  return { kind: 'event', createdMessageId: a.eventId };
}

const ScheduledEventsSchema = z.array(z.object({ id: z.string(), creator_id: z.string().nullable().optional(), name: z.string(), scheduled_start_time: z.string(), channel_id: z.string().nullable() }));

/** The event this bot already created for the intent (same name, start and channel), if any. */
async function findOwnEvent(client: Client, a: Of<'event'>): Promise<string | undefined> {
  const events = ScheduledEventsSchema.parse(await client.rest.get(Routes.guildScheduledEvents(a.spaceId)));
  return events.find((e) => e.creator_id === client.user?.id && e.name === a.name && Date.parse(e.scheduled_start_time) === a.start && e.channel_id === a.channelId)?.id;
}

/**
 * A native Discord poll, sent once (the key's nonce, enforced), pinging nobody. Refused for want of
 * Create Polls (Send Polls), the failure names that permission; it is not retried by itself.
 */
async function poll(client: Client, a: Of<'poll'>): Promise<ConfirmedAction> {
  try {
    const created = MessageIdSchema.parse(
      await client.rest.post(Routes.channelMessages(a.channelId), {
        body: {
          poll: { question: { text: a.question }, answers: a.answers.map((text) => ({ poll_media: { text } })), duration: a.hours, allow_multiselect: a.multiple, layout_type: 1 },
          nonce: nonceFor(a.key),
          enforce_nonce: true,
          allowed_mentions: { parse: [] },
        },
      }),
    );
    return { kind: 'poll', createdMessageId: created.id };
  } catch (error) {
    if (discordCode(error) === MISSING_PERMISSIONS && botLacks(client, a.channelId, PermissionFlagsBits.SendPolls)) {
      throw new ActionRefused(fail('missing_permission', 'Discord: the bot lacks Create Polls (Send Polls) in this channel.', { retryable: false, fields: { reason: 'discord_no_polls' } }));
    }
    throw error;
  }
}

/** Discord's JSON error code of a failed REST call, when it is one. */
function discordCode(error: unknown): number | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  return typeof error.code === 'number' ? error.code : Number(error.code);
}

const UNKNOWN_MESSAGE = 10008;
const MISSING_PERMISSIONS = 50_013;
const UNKNOWN_MEMBER = 10007;
const UNKNOWN_USER = 10013;
const UNKNOWN_BAN = 10026;
const CANNOT_MESSAGE_USER = 50007;

/** Whether Discord knows this user at all; tells a stale intent from a target that never existed. */
async function userExists(client: Client, userId: string): Promise<boolean> {
  try {
    await client.rest.get(Routes.user(userId));
    return true;
  } catch (error) {
    if (discordCode(error) === UNKNOWN_USER) return false;
    throw error;
  }
}

/** Thrown from an action to answer with a specific failure instead of the generic mapping. */
class ActionRefused extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

async function directMessage(client: Client, a: Of<'dm'>): Promise<ConfirmedAction> {
  const channel = DmChannelSchema.parse(await client.rest.post(Routes.userChannels(), { body: { recipient_id: a.memberId } }));
  try {
    const created = MessageIdSchema.parse(
      await client.rest.post(Routes.channelMessages(channel.id), {
        body: { content: a.text, nonce: nonceFor(a.key), enforce_nonce: true, allowed_mentions: { parse: [] } },
      }),
    );
    return { kind: 'dm', createdMessageId: created.id };
  } catch (error) {
    if (discordCode(error) === CANNOT_MESSAGE_USER) {
      throw new ActionRefused(
        fail('missing_permission', 'This member does not accept direct messages from the bot (DMs closed, or no server shared any more). Answer in the channel instead.'),
      );
    }
    throw error;
  }
}

async function remove(client: Client, a: Of<'delete'>): Promise<ConfirmedAction> {
  try {
    await client.rest.delete(Routes.channelMessage(a.channelId, a.messageId), reasonOf(a));
  } catch (error) {
    // Someone (a moderator in the app, the author, another console) removed it first: the intent holds.
    if (discordCode(error) === UNKNOWN_MESSAGE) return alreadyDone('delete', 'The message was already deleted');
    throw error;
  }
  return { kind: 'delete' };
}

/**
 * A timeout needs the member in the server: one who left (or was kicked or banned meanwhile) is Discord's
 * Unknown Member, told as such (a ban keeps them out; a timeout cannot).
 */
async function timeout(client: Client, a: Of<'timeout'>): Promise<ConfirmedAction> {
  const until = a.durationSeconds > 0 ? Date.now() + a.durationSeconds * 1000 : null;
  try {
    await client.rest.patch(Routes.guildMember(a.spaceId, a.memberId), {
      body: { communication_disabled_until: until === null ? null : new Date(until).toISOString() },
      ...reasonOf(a),
    });
  } catch (error) {
    if (discordCode(error) === UNKNOWN_MEMBER && (await userExists(client, a.memberId))) {
      throw new ActionRefused(fail('not_found', 'Discord: the member is no longer in the server (Unknown Member); nothing was timed out.', { retryable: false, fields: { reason: 'member_left' } }));
    }
    throw error;
  }
  return until === null ? { kind: 'timeout' } : { kind: 'timeout', until };
}

/**
 * Kick and unban take something away (the membership, the ban). When Discord says it is not there
 * (`gone`) and the user exists, a stale intent finds it already done; a user Discord does not know at
 * all stays a failure (not_found).
 */
async function takeAway(client: Client, a: Of<'kick'> | Of<'unban'>, route: `/${string}`, gone: number, detail: string): Promise<ConfirmedAction> {
  try {
    await client.rest.delete(route, reasonOf(a));
  } catch (error) {
    if (discordCode(error) === gone && (await userExists(client, a.memberId))) return alreadyDone(a.kind, detail);
    throw error;
  }
  return { kind: a.kind };
}

function kick(client: Client, a: Of<'kick'>): Promise<ConfirmedAction> {
  return takeAway(client, a, Routes.guildMember(a.spaceId, a.memberId), UNKNOWN_MEMBER, 'The member had already left the server');
}

async function ban(client: Client, a: Of<'ban'>): Promise<ConfirmedAction> {
  // Look first: banning twice would re-run the message purge and write a second audit entry.
  try {
    await client.rest.get(Routes.guildBan(a.spaceId, a.memberId));
    return alreadyDone('ban', 'The member was already banned');
  } catch (error) {
    if (discordCode(error) !== UNKNOWN_BAN) throw error;
  }
  await client.rest.put(Routes.guildBan(a.spaceId, a.memberId), {
    body: { delete_message_seconds: a.deleteMessageSeconds ?? 0 },
    ...reasonOf(a),
  });
  return { kind: 'ban' };
}

const FAILED_TO_BAN_USERS = 500_000;
const BansPageSchema = z.array(z.object({ user: z.object({ id: z.string() }) }));
const BANS_PAGE = 1000;

/**
 * Which of `ids` the server has banned now. Bans are listed by user id, so only the stretch from the
 * lowest to the highest id is read: a raid's accounts were made close together, usually one page.
 */
async function bannedAmong(client: Client, guildId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (ids.length === 0) return found;
  const wanted = new Set(ids);
  const sorted = [...wanted].map(BigInt).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const highest = sorted[sorted.length - 1]!;
  let after = (sorted[0]! - 1n).toString();
  for (;;) {
    const page = BansPageSchema.parse(await client.rest.get(Routes.guildBans(guildId), { query: new URLSearchParams({ limit: String(BANS_PAGE), after }) }));
    for (const ban of page) if (wanted.has(ban.user.id)) found.add(ban.user.id);
    const last = page[page.length - 1]?.user.id;
    if (page.length < BANS_PAGE || last === undefined || BigInt(last) >= highest) return found;
    after = last;
  }
}

/**
 * The bulk endpoint also needs Manage Server, which not every owner grants: then one request per account,
 * still in this one action. An account out of the bot's reach (or unknown) fails on its own; anything
 * else (the line, a 5xx) stops the action, and a repeat looks first and bans only the others.
 */
async function banEach(client: Client, a: Of<'bulkBan'>, ids: readonly string[], banned: Set<string>): Promise<string[]> {
  const failed: string[] = [];
  for (const uid of ids) {
    try {
      await client.rest.put(Routes.guildBan(a.spaceId, uid), { body: { delete_message_seconds: a.deleteMessageSeconds ?? 0 }, ...reasonOf(a) });
      banned.add(uid);
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || error.status >= 500 || error.status === 429) throw error;
      failed.push(uid);
    }
  }
  return failed;
}

/**
 * A raid's accounts in one request (Discord's bulk ban, ≤ 200 ids) with their recent messages. Looks
 * first, as the single ban does: an account banned already (natively, or by this very intent before an
 * answer was lost) is not sent again (no second purge, no second audit entry) and reads "already banned".
 * Discord lists every account it did not ban as failed_users, already banned or out of reach alike, and
 * answers 500000 when it banned none; a failed account banned by now was banned by discord.js's own
 * retry of this request, so it counts as banned. The rest failed, each reported on its own.
 */
async function bulkBan(client: Client, a: Of<'bulkBan'>): Promise<ConfirmedAction> {
  const guild = client.guilds.cache.get(a.spaceId);
  if (!guild) throw new ActionRefused(fail('not_found', 'The bot is not in that server.'));
  const ids = [...new Set(a.memberIds)];
  const before = await bannedAmong(client, a.spaceId, ids);
  const asked = ids.filter((uid) => !before.has(uid));
  const banned = new Set<string>();
  if (asked.length > 0) {
    let failed: string[];
    try {
      const result = await guild.bans.bulkCreate(asked, { deleteMessageSeconds: a.deleteMessageSeconds ?? 0, ...reasonOf(a) });
      for (const uid of result.bannedUsers) banned.add(uid);
      failed = asked.filter((uid) => !banned.has(uid));
    } catch (error) {
      const code = discordCode(error);
      if (code === MISSING_PERMISSIONS) failed = await banEach(client, a, asked, banned);
      else if (code === FAILED_TO_BAN_USERS) failed = asked;
      else throw error;
    }
    for (const uid of await bannedAmong(client, a.spaceId, failed)) banned.add(uid);
  }
  const accounts = ids.map((memberId) => ({ memberId, state: before.has(memberId) ? ('alreadyBanned' as const) : banned.has(memberId) ? ('banned' as const) : ('failed' as const) }));
  if (accounts.every((x) => x.state === 'failed')) {
    throw new ActionRefused(fail('missing_permission', 'Discord banned none of these accounts (no Ban Members, or each outranks the bot or owns the server).', { retryable: false, fields: { reason: 'bulk_ban_none' } }));
  }
  if (accounts.every((x) => x.state === 'alreadyBanned')) return { kind: 'bulkBan', alreadyDone: true, detail: 'Every account was already banned', accounts };
  return { kind: 'bulkBan', accounts };
}

function unban(client: Client, a: Of<'unban'>): Promise<ConfirmedAction> {
  return takeAway(client, a, Routes.guildBan(a.spaceId, a.memberId), UNKNOWN_BAN, 'The member was not banned');
}

async function slowmode(client: Client, a: Of<'slowmode'>): Promise<ConfirmedAction> {
  await client.rest.patch(Routes.channel(a.channelId), { body: { rate_limit_per_user: a.seconds }, ...reasonOf(a) });
  return { kind: 'slowmode' };
}

const OverwriteSchema = z.object({ id: z.string(), type: z.number(), allow: z.string(), deny: z.string() });
const ChannelOverwritesSchema = z.object({ permission_overwrites: z.array(OverwriteSchema).optional() });
const DmChannelSchema = z.object({ id: z.string().min(1) });
const MessageIdSchema = z.object({ id: z.string().min(1) });
const MessageContentSchema = z.object({ content: z.string() });

/**
 * Lock = the @everyone overwrite (role id = guild id) denies Send Messages; unlock lifts that deny.
 * Every other bit of the overwrite is kept, so a channel's own setup survives a lock/unlock.
 */
async function lock(client: Client, a: Of<'lock'>): Promise<ConfirmedAction> {
  const channel = ChannelOverwritesSchema.parse(await client.rest.get(Routes.channel(a.channelId)));
  const everyone = channel.permission_overwrites?.find((o) => o.id === a.spaceId);
  const allow = BigInt(everyone?.allow ?? '0');
  const deny = BigInt(everyone?.deny ?? '0');
  const send = PermissionFlagsBits.SendMessages;
  const locked = (deny & send) !== 0n;
  if (locked === a.locked) return alreadyDone('lock', a.locked ? 'The channel was already locked' : 'The channel was not locked');
  const next = a.locked ? { allow: allow & ~send, deny: deny | send } : { allow, deny: deny & ~send };
  await client.rest.put(Routes.channelPermission(a.channelId, a.spaceId), {
    body: { type: 0, allow: next.allow.toString(), deny: next.deny.toString() },
    ...reasonOf(a),
  });
  return { kind: 'lock' };
}

export async function executeOnDiscord(client: Client | undefined, action: ActionIntent): Promise<Result<ConfirmedAction>> {
  if (!client || !client.isReady()) return fail('offline', 'The Discord connection is not ready; the action waits in the outbox.');
  try {
    switch (action.kind) {
      case 'reply':
        return ok(await reply(client, action));
      case 'delete':
        return ok(await remove(client, action));
      case 'timeout':
        return ok(await timeout(client, action));
      case 'kick':
        return ok(await kick(client, action));
      case 'ban':
        return ok(await ban(client, action));
      case 'bulkBan':
        return ok(await bulkBan(client, action));
      case 'unban':
        return ok(await unban(client, action));
      case 'slowmode':
        return ok(await slowmode(client, action));
      case 'dm':
        return ok(await directMessage(client, action));
      case 'lock':
        return ok(await lock(client, action));
      case 'announce':
        return ok(await announce(client, action));
      case 'promote':
      case 'demote':
      case 'resetInvite':
      case 'pin':
        return notOnThisPlatform(action.kind, 'Discord');
      case 'bulkRemove':
        return whatsAppOnlyBulkRemove('Discord');
      case 'edit':
        return ok(await edit(client, action));
      case 'event':
        return ok(await scheduledEvent(client, action));
      case 'poll':
        return ok(await poll(client, action));
    }
  } catch (error) {
    if (error instanceof ActionRefused) return error.result;
    return toFailure(error);
  }
}

// ---- Reconcile: after a crash between the call and its journal line, ask Discord where things stand.

const MemberStateSchema = z.object({ communication_disabled_until: z.string().nullable().optional() });
const ChannelStateSchema = z.object({ rate_limit_per_user: z.number().optional() });

/** GET that answers undefined for the "unknown …" codes given, instead of throwing. */
async function lookUp(client: Client, route: `/${string}`, gone: readonly number[]): Promise<unknown> {
  try {
    return await client.rest.get(route);
  } catch (error) {
    const code = discordCode(error);
    if (code !== undefined && gone.includes(code)) return undefined;
    throw error;
  }
}

const landed = (confirmed: ConfirmedAction): Reconciled => ({ state: 'landed', confirmed });
const notLanded: Reconciled = { state: 'not_landed' };
const UNKNOWN_CHANNEL = 10003;

/**
 * Whether `action`, started at `since`, took effect on Discord. Reply and DM cannot be looked up
 * (Discord keeps no nonce on stored messages): they are sent again with the same nonce and
 * enforce_nonce, which Discord answers with the first message. A kick reads as landed once the
 * member is gone, also when they left on their own; a timeout once it runs at least as long as asked.
 */
export async function reconcileOnDiscord(client: Client | undefined, action: ActionIntent, since: number): Promise<Result<Reconciled>> {
  if (!client || !client.isReady()) return fail('offline', 'The Discord connection is not ready.');
  try {
    switch (action.kind) {
      case 'reply':
      case 'dm':
      case 'announce':
      case 'poll':
        return ok({ state: 'unknown', why: 'Discord cannot look a message up by nonce; the repeat carries the same nonce' });
      case 'promote':
      case 'demote':
      case 'resetInvite':
      case 'pin':
      case 'bulkRemove':
        return ok(notLanded);
      case 'delete': {
        const message = await lookUp(client, Routes.channelMessage(action.channelId, action.messageId), [UNKNOWN_MESSAGE, UNKNOWN_CHANNEL]);
        return ok(message === undefined ? landed({ kind: 'delete' }) : notLanded);
      }
      case 'event': {
        if (action.op !== 'create') return ok({ state: 'unknown', why: 'a repeated edit or cancel of an event changes nothing more' });
        const found = await findOwnEvent(client, action);
        return ok(found ? landed({ kind: 'event', createdMessageId: found }) : notLanded);
      }
      case 'edit': {
        const message = await lookUp(client, Routes.channelMessage(action.channelId, action.messageId), [UNKNOWN_MESSAGE, UNKNOWN_CHANNEL]);
        if (message === undefined) return fail('not_found', 'The message to edit is gone.');
        return ok(MessageContentSchema.parse(message).content === action.text ? landed({ kind: 'edit' }) : notLanded);
      }
      case 'ban': {
        const ban = await lookUp(client, Routes.guildBan(action.spaceId, action.memberId), [UNKNOWN_BAN]);
        return ok(ban === undefined ? notLanded : landed({ kind: 'ban' }));
      }
      case 'bulkBan': {
        // All banned: it landed. None: it did not. Some: a repeat looks first and sends only the rest.
        const banned = await bannedAmong(client, action.spaceId, action.memberIds);
        const all = action.memberIds.every((uid) => banned.has(uid));
        if (all) return ok(landed({ kind: 'bulkBan', accounts: [...new Set(action.memberIds)].map((memberId) => ({ memberId, state: 'banned' as const })) }));
        return ok(banned.size === 0 ? notLanded : { state: 'unknown', why: 'some of the accounts are banned; the repeat bans only the others' });
      }
      case 'unban': {
        const ban = await lookUp(client, Routes.guildBan(action.spaceId, action.memberId), [UNKNOWN_BAN]);
        return ok(ban === undefined ? landed({ kind: 'unban' }) : notLanded);
      }
      case 'kick': {
        const member = await lookUp(client, Routes.guildMember(action.spaceId, action.memberId), [UNKNOWN_MEMBER]);
        return ok(member === undefined ? landed({ kind: 'kick' }) : notLanded);
      }
      case 'timeout': {
        const raw = await lookUp(client, Routes.guildMember(action.spaceId, action.memberId), [UNKNOWN_MEMBER]);
        // Gone: the timeout cannot be checked or applied; running it again answers "not found".
        if (raw === undefined) return ok(notLanded);
        const iso = MemberStateSchema.parse(raw).communication_disabled_until;
        const until = iso ? Date.parse(iso) : undefined;
        if (action.durationSeconds === 0) return ok(until === undefined || until <= Date.now() ? landed({ kind: 'timeout' }) : notLanded);
        return ok(until !== undefined && until >= since + action.durationSeconds * 1000 ? landed({ kind: 'timeout', until }) : notLanded);
      }
      case 'slowmode': {
        const channel = ChannelStateSchema.parse(await client.rest.get(Routes.channel(action.channelId)));
        return ok((channel.rate_limit_per_user ?? 0) === action.seconds ? landed({ kind: 'slowmode' }) : notLanded);
      }
      case 'lock': {
        const channel = ChannelOverwritesSchema.parse(await client.rest.get(Routes.channel(action.channelId)));
        const everyone = channel.permission_overwrites?.find((o) => o.id === action.spaceId);
        const locked = (BigInt(everyone?.deny ?? '0') & PermissionFlagsBits.SendMessages) !== 0n;
        return ok(locked === action.locked ? landed({ kind: 'lock' }) : notLanded);
      }
    }
  } catch (error) {
    return toFailure(error);
  }
}
