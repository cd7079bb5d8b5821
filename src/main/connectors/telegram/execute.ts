// One function per action kind on Telegram, each answering with a Result (STYLE.md: Zeppelin's way).
// A short FLOOD_WAIT is slept through and the call made once more; a long one is shown as rate_limited.
// Ban, unban and kick look at the member first, so a stale intent answers "already done".
import { Api } from 'telegram';
import type { TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers';
import type { ActionIntent, MessageEntity } from '@shared/domain/actions';
import { DIRECT_MESSAGE_SPACE } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { ConfirmedAction, Reconciled } from '../../core/connector';
import { alreadyDone, notOnThisPlatform, whatsAppOnlyBulkRemove } from '../base';
import { rpcMessageOf, toFailure, waitSecondsOf } from './errors';
import { GENERAL_TOPIC } from './normalize';

type Of<K extends ActionIntent['kind']> = Extract<ActionIntent, { kind: K }>;

/** The kicks still owing the lifting of their ban, by intent key. */
export interface KickLedger {
  owes(key: string): boolean;
  /** Written down before the ban goes out, so a crash between ban and unban is finished on the next start. */
  owe(key: string, channel: Api.InputChannel, spaceId: string, member: Api.InputPeerUser): Promise<void>;
  paid(key: string): Promise<void>;
}

/** What execute needs from the connector: the client, access hashes it learned, and its update intake. */
export interface TelegramActionContext {
  client: TelegramClient;
  inputChannel(chatId: string): Api.InputChannel | undefined;
  inputUser(userId: string): Api.InputPeerUser | undefined;
  /** The ids of the album a group message is in (itself included), [id] for one in none; undefined when this run never saw it. */
  albumOf(chatId: string, messageId: number): number[] | undefined;
  /** An author that is a chat, not a user: the group itself (an anonymous admin) or a channel members post as (Known.senderOf). */
  senderOf(chatId: string, authorId: string): { kind: 'group' } | { kind: 'channel'; peer: Api.TypeInputPeer } | undefined;
  /** The supergroup a basic group became (Telegram's migration), for actions on the old chat's items. */
  movedTo(chatId: string): string | undefined;
  /** The group's default member rights as last seen, so a lock changes only the send bit. */
  defaultRights(chatId: string): Api.ChatBannedRights | undefined;
  /** The results of our own calls never reach gramjs's update handlers; the connector applies them. */
  applyResult(chatId: string, result: Api.TypeUpdates | Api.messages.AffectedMessages, deletedIds?: number[]): void;
  /** Our own latest message with this text in the chat (a send whose answer was lost), if it can be found. */
  findOwnMessage(chatId: string, text: string): Promise<number | undefined>;
  /** Kicks whose ban is still to lift, written down (durably) before the ban: a retry of the same intent, or the next start, lifts it (kicks.ts). */
  kicks: KickLedger;
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

function entityOf(e: MessageEntity): Api.TypeMessageEntity {
  const at = { offset: e.offset, length: e.length };
  switch (e.type) {
    case 'bold':
      return new Api.MessageEntityBold(at);
    case 'italic':
      return new Api.MessageEntityItalic(at);
    case 'code':
      return new Api.MessageEntityCode(at);
    case 'pre':
      return new Api.MessageEntityPre({ ...at, language: '' });
    case 'text_link':
      return new Api.MessageEntityTextUrl({ ...at, url: e.url ?? '' });
  }
}

/** One message of an announcement with its entities, sent once (random_id), pinned silently when asked. */
async function announce(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'announce'>): Promise<ConfirmedAction> {
  const topic = topicOf(a);
  const peer = new Api.InputPeerChannel({ channelId: channel.channelId, accessHash: channel.accessHash });
  let created: number | undefined;
  try {
    const result = await ctx.client.invoke(
      new Api.messages.SendMessage({
        peer,
        message: a.text,
        randomId: randomIdFor(a.key),
        noWebpage: true,
        ...(a.entities?.length ? { entities: a.entities.map(entityOf) } : {}),
        ...(topic !== undefined ? { replyTo: new Api.InputReplyToMessage({ replyToMsgId: topic, topMsgId: topic }) } : {}),
      }),
    );
    ctx.applyResult(a.spaceId, result);
    created = createdMessageId(result);
  } catch (error) {
    // The first send landed before the connection dropped: the same message, found to pin it.
    if (rpcMessageOf(error) !== 'RANDOM_ID_DUPLICATE') throw error;
    created = a.pin ? await ctx.findOwnMessage(a.spaceId, a.text) : undefined;
  }
  if (a.pin && created !== undefined) {
    try {
      ctx.applyResult(a.spaceId, await ctx.client.invoke(new Api.messages.UpdatePinnedMessage({ peer, id: created, silent: true })));
    } catch (error) {
      // Already pinned by the first try: nothing changed.
      if (rpcMessageOf(error) !== 'CHAT_NOT_MODIFIED') throw error;
    }
  }
  const pinned = a.pin && created !== undefined;
  return { kind: 'announce', ...(created !== undefined ? { createdMessageId: String(created) } : {}), ...(pinned ? { detail: 'pinned' } : {}) };
}

/** A new text (and entities) for our own message; the same text again answers "already done". */
async function edit(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'edit'>): Promise<ConfirmedAction> {
  const peer = new Api.InputPeerChannel({ channelId: channel.channelId, accessHash: channel.accessHash });
  try {
    const result = await ctx.client.invoke(
      new Api.messages.EditMessage({ peer, id: Number(a.messageId), message: a.text, noWebpage: true, ...(a.entities?.length ? { entities: a.entities.map(entityOf) } : {}) }),
    );
    ctx.applyResult(a.spaceId, result);
    return { kind: 'edit' };
  } catch (error) {
    if (rpcMessageOf(error) === 'MESSAGE_NOT_MODIFIED') return alreadyDone('edit', 'The message already had this text');
    throw error;
  }
}

/** A Telegram poll in the group, sent once (random_id); a repeat Telegram dropped is the first one. */
async function poll(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'poll'>): Promise<ConfirmedAction> {
  const peer = new Api.InputPeerChannel({ channelId: channel.channelId, accessHash: channel.accessHash });
  try {
    const result = await ctx.client.invoke(
      new Api.messages.SendMedia({
        peer,
        message: '',
        randomId: randomIdFor(a.key),
        media: new Api.InputMediaPoll({
          poll: new Api.Poll({
            id: returnBigInt(0),
            multipleChoice: a.multiple,
            question: new Api.TextWithEntities({ text: a.question, entities: [] }),
            answers: a.answers.map((text, i) => new Api.PollAnswer({ text: new Api.TextWithEntities({ text, entities: [] }), option: Buffer.from([i]) })),
          }),
        }),
      }),
    );
    ctx.applyResult(a.spaceId, result);
    const created = createdMessageId(result);
    return { kind: 'poll', ...(created !== undefined ? { createdMessageId: String(created) } : {}) };
  } catch (error) {
    if (rpcMessageOf(error) === 'RANDOM_ID_DUPLICATE') return alreadyDone('poll', 'The poll was already posted');
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

/** Thrown from an action to answer with a specific failure instead of the generic mapping. */
class ActionRefused extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? '' : result.error.message);
  }
}

/** A bot may write only to people who started a chat with it; the member's side decides. */
const DM_REFUSALS: Record<string, string> = {
  PEER_ID_INVALID: 'Telegram lets a bot write only to people who started a chat with it, and this member has not. Answer in the group instead.',
  USER_IS_BLOCKED: 'This member has blocked the bot, so Telegram does not deliver its messages. Answer in the group instead.',
  USER_BOT_REQUIRED: 'Telegram refused the private message to this member. Answer in the group instead.',
  INPUT_USER_DEACTIVATED: 'This member deleted their Telegram account.',
};

async function directMessage(ctx: TelegramActionContext, a: Of<'dm'>): Promise<ConfirmedAction> {
  const peer = ctx.inputUser(a.memberId);
  if (!peer) throw new ActionRefused(fail('not_found', 'This member is not known to the connected Telegram account yet.'));
  try {
    const result = await ctx.client.invoke(new Api.messages.SendMessage({ peer, message: a.text, randomId: randomIdFor(a.key), noWebpage: true }));
    ctx.applyResult(DIRECT_MESSAGE_SPACE, result);
    const created = createdMessageId(result);
    return created !== undefined ? { kind: 'dm', createdMessageId: String(created) } : { kind: 'dm' };
  } catch (error) {
    const rpc = rpcMessageOf(error) ?? '';
    if (rpc === 'RANDOM_ID_DUPLICATE') return { kind: 'dm' };
    const words = DM_REFUSALS[rpc];
    if (words) throw new ActionRefused(fail(rpc === 'INPUT_USER_DEACTIVATED' ? 'not_found' : 'missing_permission', words));
    throw error;
  }
}

/** Telegram sends at most this many photos or files as one album. */
const ALBUM_MAX = 10;

/**
 * The message and, when it is one of an album (grouped_id), the album's other messages: Telegram's
 * apps show an album as one message and delete it whole, so a delete leaves none of a spam album's
 * photos behind. A message this run never saw is looked up with its neighbours (one call).
 */
async function withAlbum(ctx: TelegramActionContext, channel: Api.InputChannel, chatId: string, id: number): Promise<number[]> {
  const known = ctx.albumOf(chatId, id);
  if (known) return known;
  const ids: Api.InputMessageID[] = [];
  for (let near = Math.max(1, id - ALBUM_MAX + 1); near < id + ALBUM_MAX; near++) ids.push(new Api.InputMessageID({ id: near }));
  const found = await ctx.client.invoke(new Api.channels.GetMessages({ channel, id: ids }));
  const messages = 'messages' in found ? found.messages.filter((m): m is Api.Message => m instanceof Api.Message) : [];
  const groupedId = messages.find((m) => m.id === id)?.groupedId?.toString();
  if (!groupedId) return [id];
  return messages.filter((m) => m.groupedId?.toString() === groupedId).map((m) => m.id).sort((x, y) => x - y);
}

async function remove(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'delete'>): Promise<ConfirmedAction> {
  const id = Number(a.messageId);
  const ids = await withAlbum(ctx, channel, a.spaceId, id);
  const result = await ctx.client.invoke(new Api.channels.DeleteMessages({ channel, id: ids }));
  ctx.applyResult(a.spaceId, result, ids);
  // Nothing affected: someone removed it first (natively, or another console). The intent holds.
  if (result.ptsCount === 0) return alreadyDone('delete', 'The message was already deleted');
  return { kind: 'delete' };
}

type Standing = 'member' | 'banned' | 'absent';

/** Where the member stands in the group right now (one cheap call before a destructive action). */
async function standingOf(ctx: TelegramActionContext, channel: Api.InputChannel, memberId: string): Promise<Standing> {
  const participant = ctx.inputUser(memberId);
  if (!participant) throw Object.assign(new Error('unknown member'), { errorMessage: 'USER_ID_INVALID' });
  try {
    const result = await ctx.client.invoke(new Api.channels.GetParticipant({ channel, participant }));
    const p = result.participant;
    if (p instanceof Api.ChannelParticipantBanned) return p.bannedRights.viewMessages ? 'banned' : 'member';
    if (p instanceof Api.ChannelParticipantLeft) return 'absent';
    return 'member';
  } catch (error) {
    if (rpcMessageOf(error) === 'USER_NOT_PARTICIPANT') return 'absent';
    throw error;
  }
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
  if ((await standingOf(ctx, channel, a.memberId)) === 'banned') return alreadyDone('ban', 'The member was already banned');
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0, viewMessages: true }));
  return { kind: 'ban' };
}

async function kick(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'kick'>): Promise<ConfirmedAction> {
  // Telegram has no kick: a ban removes the member, lifting it lets them come back.
  const standing = await standingOf(ctx, channel, a.memberId);
  if (standing === 'absent') return alreadyDone('kick', 'The member had already left the group');
  if (standing === 'banned') {
    // Kicking is ban + unban: on a banned member it would lift the ban. They are out already, unless
    // the ban is this kick's own, left when Telegram refused its lifting (a FLOOD_WAIT between the two
    // calls) or a crash came between them: then it is lifted now, or the kick would end as a ban for good.
    if (!ctx.kicks.owes(a.key)) return alreadyDone('kick', 'The member is banned, so already out of the group');
  } else {
    const member = ctx.inputUser(a.memberId);
    if (!member) throw Object.assign(new Error('unknown member'), { errorMessage: 'USER_ID_INVALID' });
    await ctx.kicks.owe(a.key, channel, a.spaceId, member);
    try {
      await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0, viewMessages: true }));
    } catch (error) {
      // Telegram refused the ban (an answer, not a lost one): nothing to lift. A lost answer may have banned.
      if (rpcMessageOf(error) !== undefined) await ctx.kicks.paid(a.key);
      throw error;
    }
  }
  await editBanned(ctx, channel, a, new Api.ChatBannedRights({ untilDate: 0 }));
  await ctx.kicks.paid(a.key);
  return { kind: 'kick' };
}

async function unban(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'unban'>): Promise<ConfirmedAction> {
  if ((await standingOf(ctx, channel, a.memberId)) !== 'banned') return alreadyDone('unban', 'The member was not banned');
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

const RIGHT_KEYS = [
  'viewMessages', 'sendMessages', 'sendMedia', 'sendStickers', 'sendGifs', 'sendGames', 'sendInline', 'embedLinks',
  'sendPolls', 'changeInfo', 'inviteUsers', 'pinMessages', 'manageTopics', 'sendPhotos', 'sendVideos',
  'sendRoundvideos', 'sendAudios', 'sendVoices', 'sendDocs', 'sendPlain',
] as const;

/**
 * Lock = the group's default rights ban sending messages; unlock lifts that ban. Telegram replaces
 * the whole rights set, so every other default the group has is carried over. Locks the whole group
 * (also when the intent names a forum topic).
 */
async function lock(ctx: TelegramActionContext, a: Of<'lock'>): Promise<ConfirmedAction> {
  const current = ctx.defaultRights(a.spaceId);
  const rights = new Api.ChatBannedRights({ untilDate: 0 });
  for (const key of RIGHT_KEYS) if (current?.[key]) rights[key] = true;
  rights.sendMessages = a.locked;
  const channel = groupOf(ctx, a);
  try {
    const result = await ctx.client.invoke(
      new Api.messages.EditChatDefaultBannedRights({ peer: new Api.InputPeerChannel({ channelId: channel.channelId, accessHash: channel.accessHash }), bannedRights: rights }),
    );
    ctx.applyResult(a.spaceId, result);
  } catch (error) {
    if (rpcMessageOf(error) === 'CHAT_NOT_MODIFIED') return alreadyDone('lock', a.locked ? 'The group was already locked' : 'The group was not locked');
    throw error;
  }
  return { kind: 'lock' };
}

/**
 * A mute, kick, ban or unban whose "member" is a chat: an admin posting as the group cannot be told
 * apart from the other admins, so nothing can be done to them; a channel members post as can only be
 * banned from the group (or unbanned), with the channel's own peer, never a user's.
 */
async function onSenderChat(ctx: TelegramActionContext, channel: Api.InputChannel, a: Of<'timeout' | 'kick' | 'ban' | 'unban'>, sender: NonNullable<ReturnType<TelegramActionContext['senderOf']>>): Promise<ConfirmedAction> {
  if (sender.kind === 'group') {
    throw new ActionRefused(
      fail('unsupported', 'This was posted anonymously by an admin of the group: Telegram does not say which admin, so the author cannot be muted, kicked or banned.', {
        fields: { reason: 'telegram_anonymous_admin' },
      }),
    );
  }
  if (a.kind !== 'ban' && a.kind !== 'unban') {
    throw new ActionRefused(fail('unsupported', 'This was posted as a channel: Telegram can only ban a channel from the group, not mute or kick it.', { fields: { reason: 'telegram_channel_ban_only' } }));
  }
  const rights = new Api.ChatBannedRights({ untilDate: 0, ...(a.kind === 'ban' ? { viewMessages: true } : {}) });
  const result = await ctx.client.invoke(new Api.channels.EditBanned({ channel, participant: sender.peer, bannedRights: rights }));
  ctx.applyResult(a.spaceId, result);
  return { kind: a.kind };
}

function groupOf(ctx: Pick<TelegramActionContext, 'inputChannel'>, action: ActionIntent): Api.InputChannel {
  const channel = ctx.inputChannel(action.spaceId);
  if (!channel) throw new ActionRefused(fail('not_found', 'This Telegram group is not known to the connected account.'));
  return channel;
}

/**
 * An action on a basic group that became a supergroup goes to the supergroup: its members moved with it.
 * The old chat's messages stay there as history only (their ids mean nothing in the supergroup), so
 * deleting or editing one is refused with the reason; a reply goes to the supergroup without quoting.
 */
function followMove<A extends ActionIntent>(ctx: Pick<TelegramActionContext, 'movedTo'>, action: A): A {
  const moved = action.spaceId === DIRECT_MESSAGE_SPACE ? undefined : ctx.movedTo(action.spaceId);
  if (moved === undefined) return action;
  if (action.kind === 'delete' || action.kind === 'edit') {
    throw new ActionRefused(
      fail('unsupported', 'This message was sent before the group became a supergroup: Telegram keeps it there as history only, and nothing can be done to it.', {
        fields: { reason: 'telegram_migrated' },
      }),
    );
  }
  if (action.kind === 'reply') {
    const { replyToMessageId: _old, ...rest } = action as Of<'reply'>;
    return { ...rest, spaceId: moved, channelId: moved } as A;
  }
  return { ...action, spaceId: moved, channelId: moved };
}

async function run(ctx: TelegramActionContext, intent: ActionIntent): Promise<ConfirmedAction> {
  if (intent.kind === 'promote' || intent.kind === 'demote' || intent.kind === 'resetInvite' || intent.kind === 'pin') throw new ActionRefused(notOnThisPlatform(intent.kind, 'Telegram'));
  const action = followMove(ctx, intent);
  // A DM needs no group: it may answer an appeal that came in on '@dm'.
  if (action.kind === 'dm') return directMessage(ctx, action);
  if (action.kind === 'lock') return lock(ctx, action);
  if (action.kind === 'event') throw new ActionRefused(fail('unsupported', 'Scheduled events exist on Discord only', { fields: { reason: 'discord_only_events' } }));
  // Telegram bans one participant per call; the console sends a ban per account there.
  if (action.kind === 'bulkBan') throw new ActionRefused(fail('unsupported', 'A bulk ban in one request exists on Discord only', { fields: { reason: 'discord_only_bulk_ban' } }));
  if (action.kind === 'bulkRemove') throw new ActionRefused(whatsAppOnlyBulkRemove('Telegram'));
  const channel = groupOf(ctx, action);
  if (action.kind === 'timeout' || action.kind === 'kick' || action.kind === 'ban' || action.kind === 'unban') {
    const sender = ctx.senderOf(action.spaceId, action.memberId);
    if (sender) return onSenderChat(ctx, channel, action, sender);
  }
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
    case 'announce':
      return announce(ctx, channel, action);
    case 'edit':
      return edit(ctx, channel, action);
    case 'poll':
      return poll(ctx, channel, action);
  }
}

function failureOf(error: unknown): Result<never> {
  return error instanceof ActionRefused ? error.result : toFailure(error);
}

export async function executeOnTelegram(ctx: TelegramActionContext | undefined, action: ActionIntent): Promise<Result<ConfirmedAction>> {
  if (!ctx) return fail('offline', 'The Telegram connection is not ready; the action waits in the outbox.');
  let waitSeconds: number;
  try {
    return ok(await run(ctx, action));
  } catch (error) {
    const wait = waitSecondsOf(error);
    if (wait === undefined || wait > ctx.floodRetryMaxSeconds) return failureOf(error);
    waitSeconds = wait;
  }
  // A short FLOOD_WAIT: wait it out and try exactly once more (random_id keeps a send single).
  await ctx.sleep(waitSeconds * 1000);
  try {
    return ok(await run(ctx, action));
  } catch (error) {
    return failureOf(error);
  }
}

// ---- Reconcile: after a crash between the call and its journal line, ask Telegram where things stand.

/** What a look needs: the client and the access hashes the connector learned. */
export type TelegramLookContext = Pick<TelegramActionContext, 'client' | 'inputChannel' | 'inputUser' | 'senderOf' | 'movedTo'>;

/** The member's participant record; undefined when they are not in the group (left, kicked). */
async function participantOf(ctx: TelegramLookContext, channel: Api.InputChannel, memberId: string): Promise<Api.TypeChannelParticipant | undefined> {
  const participant = ctx.inputUser(memberId);
  if (!participant) throw new ActionRefused(fail('not_found', 'This member is not known to the connected Telegram account yet.'));
  try {
    return (await ctx.client.invoke(new Api.channels.GetParticipant({ channel, participant }))).participant;
  } catch (error) {
    if (rpcMessageOf(error) === 'USER_NOT_PARTICIPANT') return undefined;
    throw error;
  }
}

const landed = (confirmed: ConfirmedAction): Reconciled => ({ state: 'landed', confirmed });
const notLanded: Reconciled = { state: 'not_landed' };

async function reconcileIn(ctx: TelegramLookContext, intent: ActionIntent, since: number): Promise<Reconciled> {
  const action = followMove(ctx, intent);
  switch (action.kind) {
    case 'reply':
    case 'dm':
    case 'announce':
    case 'poll':
      return { state: 'unknown', why: 'Telegram cannot look a message up by random_id; the repeat carries the same random_id, which Telegram drops' };
    case 'slowmode':
    case 'lock':
      return { state: 'unknown', why: 'a repeat is answered CHAT_NOT_MODIFIED and changes nothing' };
    default:
      break;
  }
  const channel = groupOf(ctx, action);
  if ((action.kind === 'timeout' || action.kind === 'kick' || action.kind === 'ban' || action.kind === 'unban') && ctx.senderOf(action.spaceId, action.memberId)) {
    return { state: 'unknown', why: "the author is a chat (an anonymous admin or a channel): Telegram has no look-up of a channel's ban, and a repeat changes nothing" };
  }
  switch (action.kind) {
    case 'delete': {
      const found = await ctx.client.invoke(new Api.channels.GetMessages({ channel, id: [new Api.InputMessageID({ id: Number(action.messageId) })] }));
      const messages = 'messages' in found ? found.messages : [];
      const present = messages.some((m) => m instanceof Api.Message && String(m.id) === action.messageId);
      return present ? notLanded : landed({ kind: 'delete' });
    }
    case 'ban': {
      const p = await participantOf(ctx, channel, action.memberId);
      return p instanceof Api.ChannelParticipantBanned && p.bannedRights.viewMessages ? landed({ kind: 'ban' }) : notLanded;
    }
    case 'unban': {
      const p = await participantOf(ctx, channel, action.memberId);
      return p instanceof Api.ChannelParticipantBanned && p.bannedRights.viewMessages ? notLanded : landed({ kind: 'unban' });
    }
    case 'kick': {
      // Gone (or left on their own) reads as landed. A kick cut between its ban and its unban leaves
      // the member banned; that reads as not landed, and the kick then answers "already out".
      const p = await participantOf(ctx, channel, action.memberId);
      return p === undefined || p instanceof Api.ChannelParticipantLeft ? landed({ kind: 'kick' }) : notLanded;
    }
    case 'timeout': {
      // Telegram shows a restricted member as "banned" with send rights taken until a date.
      const p = await participantOf(ctx, channel, action.memberId);
      const rights = p instanceof Api.ChannelParticipantBanned && !p.bannedRights.viewMessages ? p.bannedRights : undefined;
      const mutedUntil = rights && (rights.sendMessages || rights.sendPlain) ? rights.untilDate : undefined;
      if (action.durationSeconds === 0) return mutedUntil === undefined || (mutedUntil !== 0 && mutedUntil * 1000 <= Date.now()) ? landed({ kind: 'timeout' }) : notLanded;
      const seconds = Math.min(Math.max(action.durationSeconds, 60), MAX_RESTRICT_SECONDS);
      const wanted = Math.floor(since / 1000) + seconds;
      return mutedUntil !== undefined && (mutedUntil === 0 || mutedUntil >= wanted) ? landed({ kind: 'timeout', until: mutedUntil * 1000 }) : notLanded;
    }
    default:
      return { state: 'unknown', why: 'no look for this kind' };
  }
}

/** Whether `action`, started at `since` (ms), took effect on Telegram (see Reconciled). */
export async function reconcileOnTelegram(ctx: TelegramLookContext | undefined, action: ActionIntent, since: number): Promise<Result<Reconciled>> {
  if (!ctx) return fail('offline', 'The Telegram connection is not ready.');
  try {
    return ok(await reconcileIn(ctx, action, since));
  } catch (error) {
    return failureOf(error);
  }
}
