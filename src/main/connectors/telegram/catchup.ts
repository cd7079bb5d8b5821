// What the connection missed, read back from Telegram: the account's and each channel's difference
// (gramjs never asks for what it missed), a chat's recent history, the messages around one message,
// and the names of chats and forum topics. Live updates fill their gaps with these (updates.ts).
import { Api } from 'telegram';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import { logger } from '../../util/log';
import type { RawEvent } from '../../core/connector';
import { isLoginGone, rpcMessageOf, toFailure } from './errors';
import { accountEvents, deleteEvents, messageEvents, participantEvents, topicIdOf } from './events';
import { bigOf, noteUnread } from './known';
import type { ChatState, TelegramLink } from './known';
import { GENERAL_TOPIC } from './normalize';

const log = logger('telegram');

/** Catch-up reads through the connection and says when a channel (or the account's box) could not be read. */
export interface CatchUpLink extends TelegramLink {
  /** The read failed; the position stays where it was (the connector tries again later, or marks the group lost). */
  readFailed(chat: ChatState | undefined, error: unknown): void;
}

/** The account's chats and users (a user account's dialogs), and each channel's pts where none is known. */
export async function loadDialogs(link: TelegramLink): Promise<void> {
  const { client, known } = link;
  const dialogs = await client.invoke(
    new Api.messages.GetDialogs({ offsetDate: 0, offsetId: 0, offsetPeer: new Api.InputPeerEmpty(), limit: 100, hash: bigOf(0) }),
  );
  if (dialogs instanceof Api.messages.DialogsNotModified) return;
  known.learnAll(dialogs.users);
  known.learnAll(dialogs.chats);
  for (const d of dialogs.dialogs) {
    if (!(d instanceof Api.Dialog) || !(d.peer instanceof Api.PeerChannel)) continue;
    const chat = known.chats.get(d.peer.channelId.toString());
    if (chat && typeof d.pts === 'number' && chat.pts === undefined) chat.pts = d.pts;
  }
}

/** A forum's topics and their names. */
export async function loadTopics(link: TelegramLink, chat: ChatState): Promise<void> {
  const { client, known } = link;
  try {
    const result = await client.invoke(
      new Api.channels.GetForumTopics({ channel: known.inputChannelOf(chat), offsetDate: 0, offsetId: 0, offsetTopic: 0, limit: 100 }),
    );
    for (const t of result.topics) if (t instanceof Api.ForumTopic) chat.topics.set(t.id, t.title);
    link.infoChanged();
  } catch (error) {
    // Names then come from each topic's creation message (nameTopics) or from stored positions.
    log.warn(`could not list the topics of ${chat.id}`, rpcMessageOf(error) ?? error);
  }
}

/**
 * Names the topics of `messages` that have none yet from their service message: a topic's id is the
 * id of its messageActionTopicCreate, which channels.getMessages returns to bots and users alike.
 */
export async function nameTopics(link: TelegramLink, chat: ChatState, messages: readonly Api.TypeMessage[]): Promise<void> {
  const { client, known } = link;
  if (!chat.forum) return;
  const asked = (chat.topicsAsked ??= new Set());
  const unnamed = new Set<number>();
  for (const m of messages) {
    const topic = topicIdOf(m);
    if (topic !== undefined && topic !== GENERAL_TOPIC && !chat.topics.has(topic) && !asked.has(topic)) unnamed.add(topic);
  }
  if (unnamed.size === 0) return;
  for (const id of unnamed) asked.add(id);
  try {
    const result = await client.invoke(new Api.channels.GetMessages({ channel: known.inputChannelOf(chat), id: [...unnamed].map((id) => new Api.InputMessageID({ id })) }));
    if (result instanceof Api.messages.MessagesNotModified) return;
    for (const m of result.messages) {
      if (m instanceof Api.MessageService && m.action instanceof Api.MessageActionTopicCreate && unnamed.has(m.id)) chat.topics.set(m.id, m.action.title);
    }
    link.infoChanged();
  } catch (error) {
    log.warn(`could not name the topics of ${chat.id}`, rpcMessageOf(error) ?? error);
  }
}

/**
 * Sends every event after `fromPts` to `sink`, oldest first; returns the pts reached, or undefined when
 * Telegram refused the position (then the messages after the last one seen are read back by id, and the
 * channel's next update gives its position again).
 */
export async function channelDifference(link: TelegramLink, chat: ChatState, fromPts: number, sink: (event: RawEvent) => void): Promise<number | undefined> {
  const { client, known } = link;
  let pts = fromPts;
  for (let page = 0; page < 10_000; page++) {
    let diff: Api.updates.TypeChannelDifference;
    try {
      diff = await client.invoke(
        new Api.updates.GetChannelDifference({
          channel: known.inputChannelOf(chat),
          filter: new Api.ChannelMessagesFilterEmpty(),
          pts,
          limit: known.self?.bot ? 10_000 : 1_000,
          force: true,
        }),
      );
    } catch (error) {
      // Asked again, the same position is refused again: without this the channel would stay silent.
      if (rpcMessageOf(error) !== 'PERSISTENT_TIMESTAMP_INVALID') throw error;
      await readForward(link, chat, chat.lastMessageId, sink);
      return undefined;
    }
    if (diff instanceof Api.updates.ChannelDifferenceEmpty) return diff.pts;
    known.learnAll(diff.users);
    known.learnAll(diff.chats);
    if (diff instanceof Api.updates.ChannelDifferenceTooLong) {
      // Too far behind for a difference: Telegram gives only the latest messages and a fresh pts. The
      // messages since the last one seen are read back by id (edits and deletes in between are not told).
      const latest = Math.max(0, ...diff.messages.map((m) => m.id), diff.dialog instanceof Api.Dialog ? diff.dialog.topMessage : 0);
      const seen = chat.lastMessageId;
      const readFrom = await readMissed(link, chat, seen, latest, sink);
      // The latest messages Telegram gave, where the read-back did not cover them.
      const rest = diff.messages.filter((m) => (seen === undefined || m.id > seen) && (readFrom === undefined || m.id < readFrom));
      await nameTopics(link, chat, rest);
      for (const m of rest) messageEvents(known, chat, m, false).forEach(sink);
      return diff.dialog instanceof Api.Dialog && typeof diff.dialog.pts === 'number' ? diff.dialog.pts : pts;
    }
    await nameTopics(link, chat, [...diff.newMessages, ...diff.otherUpdates.flatMap((u) => (u instanceof Api.UpdateEditChannelMessage ? [u.message] : []))]);
    for (const m of diff.newMessages) messageEvents(known, chat, m, false).forEach(sink);
    for (const u of diff.otherUpdates) {
      if (u instanceof Api.UpdateEditChannelMessage) messageEvents(known, chat, u.message, true).forEach(sink);
      else if (u instanceof Api.UpdateDeleteChannelMessages) deleteEvents(known, chat, u.messages).forEach(sink);
    }
    pts = diff.pts;
    if (diff.final) return pts;
  }
  return pts;
}

/** How many messages a "too long" difference reads back by id at most (100 per call); older ones stay unread, and the moderator is told. */
const MAX_READ_BACK = 3_000;
/** Without a last message id stored (positions of an older version): the latest this many. */
const READ_BACK_UNKNOWN = 100;

/** Reads the channel's messages with ids `from`..`to` (at most 100) and hands on their events, oldest first; returns the messages there were. */
async function readIds(link: TelegramLink, chat: ChatState, from: number, to: number, sink: (event: RawEvent) => void): Promise<Array<Api.Message | Api.MessageService>> {
  const { client, known } = link;
  const ids: Api.InputMessageID[] = [];
  for (let id = from; id <= to; id++) ids.push(new Api.InputMessageID({ id }));
  const result = await client.invoke(new Api.channels.GetMessages({ channel: known.inputChannelOf(chat), id: ids }));
  if (result instanceof Api.messages.MessagesNotModified) return [];
  known.learnAll(result.users);
  known.learnAll(result.chats);
  // Deleted ids come back as messageEmpty, which give no event.
  const found = result.messages.filter((m): m is Api.Message | Api.MessageService => m instanceof Api.Message || m instanceof Api.MessageService).sort((a, b) => a.id - b.id);
  await nameTopics(link, chat, found);
  for (const m of found) messageEvents(known, chat, m, false).forEach(sink);
  return found;
}

/** When each of these messages of the channel was sent (ms); a deleted one has no time. */
async function sentAt(link: TelegramLink, chat: ChatState, ids: number[]): Promise<Map<number, number>> {
  const result = await link.client.invoke(new Api.channels.GetMessages({ channel: link.known.inputChannelOf(chat), id: ids.map((id) => new Api.InputMessageID({ id })) }));
  if (result instanceof Api.messages.MessagesNotModified) return new Map();
  return new Map(result.messages.flatMap((m) => (m instanceof Api.Message || m instanceof Api.MessageService ? [[m.id, m.date * 1000] as const] : [])));
}

/**
 * The channel's messages after `after` up to `latest`, oldest first, read by id with channels.getMessages
 * (bots may not read history; ids in a supergroup count up one by one, so none is skipped). Returns the
 * first id read, or undefined when nothing was missing.
 */
async function readMissed(link: TelegramLink, chat: ChatState, after: number | undefined, latest: number, sink: (event: RawEvent) => void): Promise<number | undefined> {
  const max = link.readBackMax ?? MAX_READ_BACK;
  const wanted = after === undefined ? Math.min(READ_BACK_UNKNOWN, max) : latest - after;
  if (wanted <= 0) return undefined;
  const first = Math.max(1, latest - Math.min(wanted, max) + 1);
  if (wanted > max || after === undefined) log.warn(`${chat.id}: Telegram's difference was too long; read back the latest ${latest - first + 1} messages, ${after === undefined ? 'older ones unknown' : `${wanted - max} older ones unread`}`);
  if (after !== undefined && wanted > max) {
    // The moderator is told which stretch stays unread: from the last message seen to the first read back.
    const at = await sentAt(link, chat, [after, first]);
    noteUnread(link, chat, { ...optionalAt('after', at.get(after) ?? chat.lastMessageAt), ...optionalAt('before', at.get(first)) });
  }
  for (let from = first; from <= latest; from += 100) await readIds(link, chat, from, Math.min(latest, from + 99), sink);
  return first;
}

/**
 * The messages after `after`, read forward by id until a block of 100 ids holds none: Telegram refused
 * the stored position (PERSISTENT_TIMESTAMP_INVALID: a position of another server, or too old), so no
 * difference says where the channel stands now.
 */
async function readForward(link: TelegramLink, chat: ChatState, after: number | undefined, sink: (event: RawEvent) => void): Promise<void> {
  if (after === undefined) {
    log.warn(`${chat.id}: Telegram refused the stored position and no last message is known; what was missed there is not read back`);
    return;
  }
  const max = link.readBackMax ?? MAX_READ_BACK;
  let lastAt: number | undefined;
  for (let from = after + 1; from <= after + max; from += 100) {
    const found = await readIds(link, chat, from, Math.min(after + max, from + 99), sink);
    if (found.length === 0) return;
    lastAt = (found.at(-1)?.date ?? 0) * 1000 || lastAt;
  }
  log.warn(`${chat.id}: Telegram refused the stored position; read back ${max} messages, later ones may be unread`);
  noteUnread(link, chat, optionalAt('after', lastAt));
}

function optionalAt<K extends 'after' | 'before'>(key: K, at: number | undefined): Partial<Record<K, number>> {
  return at === undefined ? {} : ({ [key]: at } as Partial<Record<K, number>>);
}

/** The account box's messages after `after`, read forward by id (messages.getMessages, bots too) until a block of 100 ids holds none. */
async function readBoxForward(link: TelegramLink, after: number | undefined, sink: (event: RawEvent) => void): Promise<void> {
  const { client, known } = link;
  // The box holds every basic group's messages (and private chats): what stays unread is told on each basic group.
  const unreadInBasicGroups = (gap: { after?: number }) => {
    for (const chat of known.chats.values()) if (chat.basic && !chat.movedTo) noteUnread(link, chat, gap);
  };
  if (after === undefined) {
    log.warn("Telegram's account difference was too long and no last message is known; private chats and basic groups are not read back");
    unreadInBasicGroups({});
    return;
  }
  const max = link.readBackMax ?? MAX_READ_BACK;
  let lastAt: number | undefined;
  for (let from = after + 1; from <= after + max; from += 100) {
    const ids: Api.InputMessageID[] = [];
    for (let id = from; id <= Math.min(after + max, from + 99); id++) ids.push(new Api.InputMessageID({ id }));
    const result = await client.invoke(new Api.messages.GetMessages({ id: ids }));
    if (result instanceof Api.messages.MessagesNotModified) return;
    known.learnAll(result.users);
    known.learnAll(result.chats);
    const found = result.messages.filter((m) => m instanceof Api.Message || m instanceof Api.MessageService).sort((a, b) => a.id - b.id);
    if (found.length === 0) return;
    for (const m of found) accountEvents(known, m, false).forEach(sink);
    lastAt = (found.at(-1)?.date ?? 0) * 1000 || lastAt;
  }
  log.warn(`Telegram's account difference was too long; read back ${max} messages, later ones may be unread`);
  unreadInBasicGroups(optionalAt('after', lastAt));
}

/**
 * Everything after the stored positions (the account's box, then each channel's difference), and for
 * chats without a position their recent history; the connector runs it on its update chain.
 */
export async function catchUpFrom(link: CatchUpLink, positions: Record<string, string>, backfill: number, sink: (event: RawEvent) => void): Promise<void> {
  const { known } = link;
  const topicsLearnt = known.rememberTopicNames(positions);
  if (known.rememberMoves(positions) || topicsLearnt) link.infoChanged();
  const state = positions['@state']?.split(':').map(Number);
  if (state && (state.length === 3 || state.length === 4) && state.every(Number.isFinite)) {
    const from = state.slice(0, 3) as [number, number, number];
    const lastBox = state[3];
    if (lastBox !== undefined && lastBox > 0 && (known.lastBoxMessageId === undefined || known.lastBoxMessageId > lastBox)) known.lastBoxMessageId = lastBox;
    try {
      await accountDifference(link, from, sink);
    } catch (error) {
      if (isLoginGone(error)) throw error;
      // The stored position holds (not the one getState gave at login), so what lies between is read later.
      if (from[0] < known.account.pts) known.account = { pts: from[0], qts: Math.min(from[1], known.account.qts), date: from[2] };
      link.readFailed(undefined, error);
    }
  }
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(positions)) {
    if (!key.startsWith('@channel:')) continue;
    const chatId = key.slice('@channel:'.length);
    const [ptsText, hash, lastText] = value.split(':');
    const fromPts = Number(ptsText);
    const lastMessageId = Number(lastText);
    if (!Number.isInteger(fromPts) || fromPts <= 0) continue;
    let chat = known.chats.get(chatId);
    if (!chat) {
      chat = { id: chatId, accessHash: hash ?? '0', forum: false, topics: new Map() };
      known.chats.set(chatId, chat);
    }
    seen.add(chatId);
    // The stored position holds until its difference is read: a user account's dialogs already gave
    // the channel's latest pts, and live updates from there would carry positions past what was missed.
    if (chat.pts === undefined || chat.pts > fromPts) chat.pts = fromPts;
    if (lastText !== undefined && Number.isInteger(lastMessageId) && lastMessageId > 0 && (chat.lastMessageId === undefined || chat.lastMessageId > lastMessageId)) chat.lastMessageId = lastMessageId;
    try {
      const reached = await channelDifference(link, chat, fromPts, sink);
      if (reached === undefined) delete chat.pts;
      else if (chat.pts === undefined || chat.pts < reached) chat.pts = reached;
    } catch (error) {
      // One channel Telegram will not read now (a flood wait, the account removed) stops no other.
      if (isLoginGone(error)) throw error;
      link.readFailed(chat, error);
      continue;
    }
    if (chat.forum && chat.topics.size === 0) await loadTopics(link, chat);
  }
  if (backfill > 0 && known.self && !known.self.bot) {
    for (const chat of known.chats.values()) if (!seen.has(chat.id) && !chat.basic) (await recent(link, chat, backfill)).forEach(sink);
  }
}

/** The account's box (private chats, basic groups) after `from`, and channels Telegram says fell too far behind. */
export async function accountDifference(link: TelegramLink, from: [number, number, number], sink: (event: RawEvent) => void): Promise<void> {
  const { client, known } = link;
  let [pts, qts, date] = from;
  for (let page = 0; page < 1000; page++) {
    const diff = await client.invoke(new Api.updates.GetDifference({ pts, qts, date }));
    if (diff instanceof Api.updates.DifferenceEmpty) {
      known.account = { ...known.account, date: diff.date };
      return;
    }
    if (diff instanceof Api.updates.DifferenceTooLong) {
      // Too far behind: Telegram gives only a fresh pts. The box's messages after the last one seen
      // (private chats, basic groups) are read back by id; a gap in the qts updates (joins, bans) remains.
      known.account = { ...known.account, pts: diff.pts };
      await readBoxForward(link, known.lastBoxMessageId, sink);
      return;
    }
    known.learnAll(diff.users);
    known.learnAll(diff.chats);
    const next = diff instanceof Api.updates.Difference ? diff.state : diff.intermediateState;
    // The account position moves before the events are handed on, as with a channel's pts.
    known.account = { pts: next.pts, qts: next.qts, date: next.date };
    for (const m of diff.newMessages) accountEvents(known, m, false).forEach(sink);
    for (const u of diff.otherUpdates) {
      if (u instanceof Api.UpdateEditMessage) accountEvents(known, u.message, true).forEach(sink);
      // Bans and rank changes while away (qts-ordered, so they come with the account's difference).
      if (u instanceof Api.UpdateChannelParticipant) participantEvents(known, u).forEach(sink);
      if (u instanceof Api.UpdateChannelTooLong) {
        const chat = known.chats.get(u.channelId.toString());
        if (chat?.pts !== undefined) chat.pts = await channelDifference(link, chat, chat.pts, sink);
      }
    }
    ({ pts, qts, date } = next);
    if (diff instanceof Api.updates.Difference) return;
  }
}

async function recent(link: TelegramLink, chat: ChatState, limit: number): Promise<RawEvent[]> {
  const { client, known } = link;
  const result = await client.invoke(
    new Api.messages.GetHistory({ peer: new Api.InputPeerChannel({ channelId: bigOf(chat.id), accessHash: bigOf(chat.accessHash) }), offsetId: 0, offsetDate: 0, addOffset: 0, limit: Math.min(limit, 100), maxId: 0, minId: 0, hash: bigOf(0) }),
  );
  if (result instanceof Api.messages.MessagesNotModified) return [];
  known.learnAll(result.users);
  known.learnAll(result.chats);
  await nameTopics(link, chat, result.messages);
  return [...result.messages].reverse().flatMap((m) => messageEvents(known, chat, m, false));
}

/** Messages around one message of a chat or topic, oldest first. */
export async function contextAround(link: TelegramLink, channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
  const { client, known } = link;
  const chat = known.chatOf(channelId);
  if (!chat) return fail('not_found', 'That Telegram chat is not known to this account.');
  const around = Number(messageId);
  const half = Math.max(1, Math.floor(limit / 2));
  // Bots may not read history; channels.getMessages by id works for bots and users alike.
  const ids: Api.InputMessageID[] = [];
  for (let id = Math.max(1, around - half); id <= around + half; id++) ids.push(new Api.InputMessageID({ id }));
  try {
    // A basic group's messages are ids of the account's box: messages.getMessages, then keep the group's.
    const result = await client.invoke(chat.basic ? new Api.messages.GetMessages({ id: ids }) : new Api.channels.GetMessages({ channel: known.inputChannelOf(chat), id: ids }));
    if (result instanceof Api.messages.MessagesNotModified) return ok([]);
    known.learnAll(result.users);
    known.learnAll(result.chats);
    const ofChat = chat.basic ? result.messages.filter((m) => 'peerId' in m && m.peerId instanceof Api.PeerChat && m.peerId.chatId.toString() === chat.id) : result.messages;
    await nameTopics(link, chat, ofChat);
    const events = [...ofChat].sort((a, b) => a.id - b.id).flatMap((m) => messageEvents(known, chat, m, false));
    return ok(events.filter((e) => e.kind === 'message' && (e.channelId === channelId || chat.id === channelId)));
  } catch (error) {
    return toFailure(error);
  }
}
