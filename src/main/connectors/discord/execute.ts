// One function per action kind on Discord, each answering with a Result (STYLE.md: Zeppelin's way).
// A destructive action first looks (when cheap) whether the platform is already where the intent
// wants it, so a replayed or stale intent answers "already done" instead of acting twice or failing.
import { DiscordAPIError, PermissionFlagsBits, Routes } from 'discord.js';
import type { Client } from 'discord.js';
import { z } from 'zod';
import type { ActionIntent } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction } from '../types';
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

/** Discord's JSON error code of a failed REST call, when it is one. */
function discordCode(error: unknown): number | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  return typeof error.code === 'number' ? error.code : Number(error.code);
}

const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_MEMBER = 10007;
const UNKNOWN_USER = 10013;
const UNKNOWN_BAN = 10026;
const CANNOT_MESSAGE_USER = 50007;

function alreadyDone(kind: ActionIntent['kind'], detail: string): ConfirmedAction {
  return { kind, alreadyDone: true, detail };
}

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

async function timeout(client: Client, a: Of<'timeout'>): Promise<ConfirmedAction> {
  const until = a.durationSeconds > 0 ? Date.now() + a.durationSeconds * 1000 : null;
  await client.rest.patch(Routes.guildMember(a.spaceId, a.memberId), {
    body: { communication_disabled_until: until === null ? null : new Date(until).toISOString() },
    ...reasonOf(a),
  });
  return until === null ? { kind: 'timeout' } : { kind: 'timeout', until };
}

async function kick(client: Client, a: Of<'kick'>): Promise<ConfirmedAction> {
  try {
    await client.rest.delete(Routes.guildMember(a.spaceId, a.memberId), reasonOf(a));
  } catch (error) {
    if (discordCode(error) === UNKNOWN_MEMBER && (await userExists(client, a.memberId))) {
      return alreadyDone('kick', 'The member had already left the server');
    }
    throw error;
  }
  return { kind: 'kick' };
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

async function unban(client: Client, a: Of<'unban'>): Promise<ConfirmedAction> {
  try {
    await client.rest.delete(Routes.guildBan(a.spaceId, a.memberId), reasonOf(a));
  } catch (error) {
    if (discordCode(error) === UNKNOWN_BAN && (await userExists(client, a.memberId))) {
      return alreadyDone('unban', 'The member was not banned');
    }
    throw error;
  }
  return { kind: 'unban' };
}

async function slowmode(client: Client, a: Of<'slowmode'>): Promise<ConfirmedAction> {
  await client.rest.patch(Routes.channel(a.channelId), { body: { rate_limit_per_user: a.seconds }, ...reasonOf(a) });
  return { kind: 'slowmode' };
}

const OverwriteSchema = z.object({ id: z.string(), type: z.number(), allow: z.string(), deny: z.string() });
const ChannelOverwritesSchema = z.object({ permission_overwrites: z.array(OverwriteSchema).optional() });
const DmChannelSchema = z.object({ id: z.string().min(1) });
const MessageIdSchema = z.object({ id: z.string().min(1) });

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
      case 'unban':
        return ok(await unban(client, action));
      case 'slowmode':
        return ok(await slowmode(client, action));
      case 'dm':
        return ok(await directMessage(client, action));
      case 'lock':
        return ok(await lock(client, action));
    }
  } catch (error) {
    if (error instanceof ActionRefused) return error.result;
    return toFailure(error);
  }
}
