// One function per action kind on Telegram, each answering with a Result (STYLE.md: Zeppelin's way).
// A short FLOOD_WAIT is slept through and the call made once more; a long one is shown as rate_limited.
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import type { ActionIntent } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction } from '../types';
import { rpcMessageOf, toFailure, waitSecondsOf } from './errors';
import { GENERAL_TOPIC } from './normalize';

type Of<K extends ActionIntent['kind']> = Extract<ActionIntent, { kind: K }>;

/** What execute needs from the connector: the client, access hashes it learned, and its update intake. */
export interface TelegramActionContext {
  client: TelegramClient;
  inputChannel(chatId: string): Api.InputChannel | undefined;
  inputUser(userId: string): Api.InputPeerUser | undefined;
  /** The results of our own calls never reach gramjs's update handlers; the connector applies them. */
  applyResult(chatId: string, result: Api.TypeUpdates | Api.messages.AffectedMessages, deletedIds?: number[]): void;
  /** Waits up to this long on FLOOD_WAIT before trying once more; longer waits fail as rate_limited. */
  floodRetryMaxSeconds: number;
  sleep(ms: number): Promise<void>;
}

/** Telegram's slow-mode steps; a request between two steps takes the next stricter one. */
export const SLOW_MODE_STEPS = [0, 10, 30, 60, 300, 900, 3600] as const;

export function slowModeStep(seconds: number): number {
  return SLOW_MODE_STEPS.find((s) => s >= seconds) ?? 3600;
}

/** random_id from the idempotency key: a replayed intent is the same send, which Telegram drops. */
export function randomIdFor(key: string): ReturnType<typeof returnBigInt> {
  const hex = key.replace(/-/g, '').slice(0, 16).padEnd(16, '0');
  return returnBigInt(BigInt.asIntN(64, BigInt(`0x${hex}`)).toString());
}

/** Until-dates past ~366 days mean "forever" to Telegram; keep a mute a mute. */
const MAX_RESTRICT_SECONDS = 366 * 24 * 3600 - 60;

function topicOf(a: ActionIntent): number | undefined {
  if (a.channelId === a.spaceId) return undefined;
  const topic = Number(a.channelId);
  return Number.isInteger(topic) && topic > GENERAL_TOPIC ? topic : undefined;
}

async function reply(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'reply'>): Promise<ConfirmedAction> {
  const topic = topicOf(a);
  const replyTo = a.replyToMessageId ? Number(a.replyToMessageId) : topic;
  const request = new Api.messages.SendMessage({
    peer: new Api.InputPeerChannel({ channelId: channel.channelId, accessHash: channel.accessHash }),
    message: a.text,
    randomId: randomIdFor(a.key),
    noWebpage: true,
    ...(replyTo !== undefined ? { replyTo: new Api.InputReplyToMessage({ replyToMsgId: replyTo, ...(topic !== undefined ? { topMsgId: topic } : {}) }) } : {}),
  });
  try {
    const result = await ctx.client.invoke(request);
    ctx.applyResult(a.spaceId, result);
    const created = createdMessageId(result);
    return created !== undefined ? { kind: 'reply', createdMessageId: String(created) } : { kind: 'reply' };
  } catch (error) {
    // gramjs re-sends a pending request after a reconnect; the repeat of a send that landed is this.
    if (rpcMessageOf(error) === 'RANDOM_ID_DUPLICATE') return { kind: 'reply' };
    throw error;
  }
}

function createdMessageId(result: Api.TypeUpdates): number | undefined {
  if (result instanceof Api.UpdateShortSentMessage) return result.id;
  if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
    for (const u of result.updates) if (u instanceof Api.UpdateMessageID) return u.id;
  }
  return undefined;
}

async function remove(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'delete'>): Promise<ConfirmedAction> {
  const id = Number(a.messageId);
  const result = await ctx.client.invoke(new Api.channels.DeleteMessages({ channel, id: [id] }));
  ctx.applyResult(a.spaceId, result, [id]);
  return { kind: 'delete' };
}

async function editBanned(ctx: TelegramActionContext, channel: Api.InputChannel, a: ActionIntent & { memberId: string }, rights: Api.ChatBannedRights) {
  const participant = ctx.inputUser(a.memberId);
  if (!participant) throw Object.assign(new Error('unknown member'), { errorMessage: 'USER_ID_INVALID' });
  const result = await ctx.client.invoke(new Api.channels.EditBanned({ channel, participant, bannedRights: rights }));
  ctx.applyResult(a.spaceId, result);
}

async function timeout(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'timeout'>): Promise<ConfirmedAction> {
  if (a.durationSeconds === 0) {
    await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0 }));
    return { kind: 'timeout' };
  }
  const seconds = Math.min(Math.max(a.durationSeconds, 60), MAX_RESTRICT_SECONDS);
  const untilDate = Math.floor(Date.now() / 1000) + seconds;
  await editBanned(
    ctx,
    channel,
    a,
    new Api.ChatBannedRights({
      untilDate,
      sendMessages: true,
      sendMedia: true,
      sendStickers: true,
      sendGifs: true,
      sendGames: true,
      sendInline: true,
      sendPolls: true,
      sendPlain: true,
      embedLinks: true,
    }),
  );
  return { kind: 'timeout', until: untilDate * 1000 };
}

async function ban(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'ban'>): Promise<ConfirmedAction> {
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0, viewMessages: true }));
  return { kind: 'ban' };
}

async function kick(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'kick'>): Promise<ConfirmedAction> {
  // Telegram has no kick: a ban removes the member, lifting it lets them come back.
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0, viewMessages: true }));
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0 }));
  return { kind: 'kick' };
}

async function unban(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'unban'>): Promise<ConfirmedAction> {
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0 }));
  return { kind: 'unban' };
}

async function slowmode(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'slowmode'>): Promise<ConfirmedAction> {
  try {
    const result = await ctx.client.invoke(new Api.channels.ToggleSlowMode({ channel, seconds: slowModeStep(a.seconds) }));
    ctx.applyResult(a.spaceId, result);
  } catch (error) {
    // Already at that setting: the moderator's intent holds.
    if (rpcMessageOf(error) !== 'CHAT_NOT_MODIFIED') throw error;
  }
  return { kind: 'slowmode' };
}

async function run(ctx: TelegramActionContext, channel: Api.InputChannel, action: ActionIntent): Promise<ConfirmedAction> {
  switch (action.kind) {
    case 'reply':
      return reply(ctx, channel, action);
    case 'delete':
      return remove(ctx, channel, action);
    case 'timeout':
      return timeout(ctx, channel, action);
    case 'kick':
      return kick(ctx, channel, action);
    case 'ban':
      return ban(ctx, channel, action);
    case 'unban':
      return unban(ctx, channel, action);
    case 'slowmode':
      return slowmode(ctx, channel, action);
    case 'dm':
    case 'lock':
      throw new Error(`${action.kind} is not available on Telegram yet`);
  }
}

export async function executeOnTelegram(ctx: TelegramActionContext | undefined, action: ActionIntent): Promise<Result<ConfirmedAction>> {
  if (!ctx) return fail('offline', 'The Telegram connection is not ready; the action waits in the outbox.');
  if (action.kind === 'dm' || action.kind === 'lock') return fail('unsupported', `${action.kind} is not available on Telegram yet.`);
  const channel = ctx.inputChannel(action.spaceId);
  if (!channel) return fail('not_found', 'This Telegram group is not known to the connected account.');
  let waitSeconds: number;
  try {
    return ok(await run(ctx, channel, action));
  } catch (error) {
    const wait = waitSecondsOf(error);
    if (wait === undefined || wait > ctx.floodRetryMaxSeconds) return toFailure(error);
    waitSeconds = wait;
  }
  // A short FLOOD_WAIT: wait it out and try exactly once more (random_id keeps a send single).
  await ctx.sleep(waitSeconds * 1000);
  try {
    return ok(await run(ctx, channel, action));
  } catch (error) {
    return toFailure(error);
  }
}
