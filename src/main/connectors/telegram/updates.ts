// Live updates, applied in Telegram's order: each channel's pts and the account's pts/qts are
// checked before an event is handed on, and a gap is filled with the difference that covers it
// (catchup.ts). gramjs delivers updates but never fetches what it missed; this is where that is done.
import { Api } from 'telegram';
import type { RawEvent } from '../../core/connector';
import { accountDifference, channelDifference, loadTopics, nameTopics } from './catchup';
import type { CatchUpLink } from './catchup';
import { accountEvents, basicAdminEvents, deleteEvents, fromShortForm, messageEvents, participantEvents } from './events';
import { isLoginGone } from './errors';
import type { ChatState } from './known';
import { normalizeReactionChange } from './normalize';

/** What applying updates needs of the connection beyond reading from Telegram. */
export interface UpdateLink extends CatchUpLink {
  /** Hands a live event on, with the position it moves. */
  emit(event: RawEvent, chat?: ChatState): void;
  /** An admin of this chat changed: its staff list is read again. */
  staffChanged(chatId: string): void;
}

/** Applies one update in pts order; a gap is filled by the difference that covers it. */
export async function applyUpdate(link: UpdateLink, update: unknown): Promise<void> {
  const { known } = link;
  if (update instanceof Api.UpdatesTooLong) {
    await fillAll(link);
    return;
  }
  if (update instanceof Api.Updates || update instanceof Api.UpdatesCombined) {
    known.learnAll(update.users);
    known.learnAll(update.chats);
    for (const u of update.updates) await applyUpdate(link, u);
    return;
  }
  if (update instanceof Api.UpdateNewMessage || update instanceof Api.UpdateEditMessage) {
    const message = update.message;
    const edit = update instanceof Api.UpdateEditMessage;
    await applyAccountPts(link, update.pts, update.ptsCount, () => accountEvents(known, message, edit).forEach((e) => link.emit(e)));
    return;
  }
  if (update instanceof Api.UpdateShortMessage) {
    // A private message in the short form (how Telegram pushes plain text): the other side by id only.
    if (!known.users.has(update.userId.toString())) {
      await fillAccount(link);
      return;
    }
    const message = fromShortForm(update, new Api.PeerUser({ userId: update.userId }), update.out ? undefined : update.userId);
    await applyAccountPts(link, update.pts, update.ptsCount, () => accountEvents(known, message, false).forEach((e) => link.emit(e)));
    return;
  }
  if (update instanceof Api.UpdateShortChatMessage) {
    // The short form names the group and the author by id only: unknown ones come with getDifference.
    const chat = known.chats.get(update.chatId.toString());
    if (!chat || !known.users.has(update.fromId.toString())) {
      await fillAccount(link);
      return;
    }
    const message = fromShortForm(update, new Api.PeerChat({ chatId: update.chatId }), update.fromId);
    await applyAccountPts(link, update.pts, update.ptsCount, () => accountEvents(known, message, false).forEach((e) => link.emit(e)));
    return;
  }
  if (update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateEditChannelMessage) {
    const message = update.message;
    if (!(message.peerId instanceof Api.PeerChannel)) return;
    const chat = known.chats.get(message.peerId.channelId.toString());
    if (!chat) return;
    const edit = update instanceof Api.UpdateEditChannelMessage;
    await nameTopics(link, chat, [message]);
    await applyPts(link, chat, update.pts, update.ptsCount, () => emitMessage(link, chat, message, edit));
    // A topic created or renamed: the channels the source lists change with it.
    if (message instanceof Api.MessageService && (message.action instanceof Api.MessageActionTopicCreate || message.action instanceof Api.MessageActionTopicEdit)) link.infoChanged();
    return;
  }
  if (update instanceof Api.UpdateDeleteChannelMessages) {
    const chat = known.chats.get(update.channelId.toString());
    if (!chat) return;
    await applyPts(link, chat, update.pts, update.ptsCount, () => emitDeletes(link, chat, update.messages));
    return;
  }
  if (update instanceof Api.UpdateChannelParticipant) {
    // qts-ordered; we keep the position so getDifference starts after it.
    if (update.qts > known.account.qts) known.account = { ...known.account, qts: update.qts };
    const chat = known.chats.get(update.channelId.toString());
    // Someone became or stopped being an admin: the staff triage compares names with is read again.
    if (chat && [update.prevParticipant, update.newParticipant].some((p) => p instanceof Api.ChannelParticipantAdmin || p instanceof Api.ChannelParticipantCreator)) link.staffChanged(chat.id);
    for (const e of participantEvents(known, update)) link.emit(e);
    // The account itself removed from the group or let back in: the space's mark changes.
    if (chat && update.userId.toString() === known.self?.id) link.infoChanged();
    return;
  }
  if (update instanceof Api.UpdateChatParticipantAdmin) {
    for (const e of basicAdminEvents(known, update, Date.now())) link.emit(e);
    return;
  }
  if (update instanceof Api.UpdateBotMessageReaction || update instanceof Api.UpdateBotMessageReactions) {
    // qts-ordered like participant changes. Only a member's own change names them: anonymous reactions
    // (updateBotMessageReactions, or an actor that is a channel) are counts with no member to vote.
    if (update.qts > known.account.qts) known.account = { ...known.account, qts: update.qts };
    if (!(update instanceof Api.UpdateBotMessageReaction) || !(update.actor instanceof Api.PeerUser) || !(update.peer instanceof Api.PeerChannel)) return;
    const chat = known.chats.get(update.peer.channelId.toString());
    if (!chat) return;
    const actorId = update.actor.userId.toString();
    const actor = known.users.get(actorId)?.user ?? { id: actorId };
    const emojis = (list: Api.TypeReaction[]) => list.flatMap((r) => (r instanceof Api.ReactionEmoji ? [r.emoticon] : r instanceof Api.ReactionCustomEmoji ? [`custom:${r.documentId.toString()}`] : r instanceof Api.ReactionPaid ? ['paid'] : []));
    const events = normalizeReactionChange(known.ref(chat), { messageId: update.msgId, topicId: known.topicOf(chat.id, update.msgId), actor, before: emojis(update.oldReactions), after: emojis(update.newReactions), date: update.date, qts: update.qts });
    for (const e of events) link.emit(e);
    return;
  }
  if (update instanceof Api.UpdateChannelTooLong) {
    const chat = known.chats.get(update.channelId.toString());
    if (chat) await fillChannel(link, chat, (e) => link.emit(e, chat));
    return;
  }
  if (update instanceof Api.UpdateChannel) {
    const chat = known.chats.get(update.channelId.toString());
    if (chat?.forum) await loadTopics(link, chat);
  }
}

/** Applies one channel update in pts order; a gap is filled by the channel's difference (which includes it). */
async function applyPts(link: UpdateLink, chat: ChatState, pts: number, ptsCount: number, apply: () => void): Promise<void> {
  if (chat.pts === undefined) chat.pts = pts - ptsCount;
  if (pts <= chat.pts) return; // already applied (a repeat, or covered by a difference)
  if (chat.pts + ptsCount < pts) {
    await fillChannel(link, chat, (e) => link.emit(e, chat));
    return;
  }
  // pts first: the positions sent with the emitted events must already cover them.
  chat.pts = pts;
  apply();
}

/** The account's common box (private chats) in pts order; a gap is filled by updates.getDifference. */
async function applyAccountPts(link: UpdateLink, pts: number, ptsCount: number, apply: () => void): Promise<void> {
  const { known } = link;
  if (pts <= known.account.pts) return;
  if (known.account.pts + ptsCount < pts) {
    await fillAccount(link);
    return;
  }
  known.account = { ...known.account, pts };
  apply();
}

/** What the account's box missed since its position, handed on live. */
export async function fillAccount(link: UpdateLink): Promise<void> {
  const { known } = link;
  const { pts, qts, date } = known.account;
  try {
    await accountDifference(link, [pts, qts, date], (e) => link.emit(e));
  } catch (error) {
    if (isLoginGone(error)) throw error;
    link.readFailed(undefined, error);
  }
}

/** What every channel missed since its pts (after a reconnect, or when Telegram says too much happened). */
export async function fillAll(link: UpdateLink): Promise<void> {
  const { known } = link;
  for (const chat of known.chats.values()) if (chat.pts !== undefined && !chat.basic && !chat.lost) await fillChannel(link, chat, (e) => link.emit(e, chat));
}

/** Applies the channel's difference from chat.pts until Telegram says it is final. */
export async function fillChannel(link: UpdateLink, chat: ChatState, sink: (event: RawEvent) => void): Promise<void> {
  if (chat.pts === undefined || chat.lost) return;
  try {
    chat.pts = await channelDifference(link, chat, chat.pts, sink);
  } catch (error) {
    // One channel Telegram will not read now (a flood wait, the account removed) stops no other.
    if (isLoginGone(error)) throw error;
    link.readFailed(chat, error);
  }
}

function emitMessage(link: UpdateLink, chat: ChatState, message: Api.TypeMessage, edit: boolean): void {
  for (const e of messageEvents(link.known, chat, message, edit)) link.emit(e, chat);
}

function emitDeletes(link: UpdateLink, chat: ChatState, ids: number[]): void {
  for (const e of deleteEvents(link.known, chat, ids)) link.emit(e, chat);
}

/** The answer to one of our own calls (gramjs never passes those to the update handlers). */
export async function applyOwnResult(link: UpdateLink, chatId: string, result: Api.TypeUpdates | Api.messages.AffectedMessages, deletedIds: number[]): Promise<void> {
  if (result instanceof Api.messages.AffectedMessages) {
    const chat = link.known.chats.get(chatId);
    if (chat) await applyPts(link, chat, result.pts, result.ptsCount, () => emitDeletes(link, chat, deletedIds));
    return;
  }
  await applyUpdate(link, result);
}
