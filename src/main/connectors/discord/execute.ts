// One function per action kind on Discord, each answering with a Result (STYLE.md: Zeppelin's way).
import { Routes } from 'discord.js';
import type { Client } from 'discord.js';
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

async function remove(client: Client, a: Of<'delete'>): Promise<ConfirmedAction> {
  await client.rest.delete(Routes.channelMessage(a.channelId, a.messageId), reasonOf(a));
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
  await client.rest.delete(Routes.guildMember(a.spaceId, a.memberId), reasonOf(a));
  return { kind: 'kick' };
}

async function ban(client: Client, a: Of<'ban'>): Promise<ConfirmedAction> {
  await client.rest.put(Routes.guildBan(a.spaceId, a.memberId), {
    body: { delete_message_seconds: a.deleteMessageSeconds ?? 0 },
    ...reasonOf(a),
  });
  return { kind: 'ban' };
}

async function unban(client: Client, a: Of<'unban'>): Promise<ConfirmedAction> {
  await client.rest.delete(Routes.guildBan(a.spaceId, a.memberId), reasonOf(a));
  return { kind: 'unban' };
}

async function slowmode(client: Client, a: Of<'slowmode'>): Promise<ConfirmedAction> {
  await client.rest.patch(Routes.channel(a.channelId), { body: { rate_limit_per_user: a.seconds }, ...reasonOf(a) });
  return { kind: 'slowmode' };
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
      case 'lock':
        return fail('unsupported', `${action.kind} is not available on Discord yet.`);
    }
  } catch (error) {
    return toFailure(error);
  }
}
