// Telegram's objects → events: a gramjs message (full, short form, service, private) becomes the plain
// record normalize.ts reads, with what the connection knows (authors, topics, titles) filled in.
// Pure over Known: reading from Telegram is catchup.ts's and updates.ts's job.
import { Api } from 'telegram';
import type { LinkTarget } from '@shared/domain/model';
import { logger } from '../../util/log';
import type { RawEvent } from '../../core/connector';
import type { ChatState, Known } from './known';
import { rolesOfParticipant } from './capabilities';
import {
  GENERAL_TOPIC,
  displayName,
  normalizeAdminRestriction,
  normalizeDelete,
  normalizeEdit,
  normalizeMembership,
  normalizeMessage,
  normalizePrivateMessage,
  normalizeRankChange,
  normalizeReport,
  normalizeService,
} from './normalize';
import type { TgMessageLike } from './normalize';

const log = logger('telegram');

/** The full message a short-form update (updateShortMessage / updateShortChatMessage) stands for. */
export function fromShortForm(
  update: Api.UpdateShortMessage | Api.UpdateShortChatMessage,
  peerId: Api.TypePeer,
  authorId: Api.UpdateShortMessage['userId'] | undefined,
): Api.Message {
  return new Api.Message({
    id: update.id,
    out: update.out,
    peerId,
    ...(authorId !== undefined ? { fromId: new Api.PeerUser({ userId: authorId }) } : {}),
    date: update.date,
    message: update.message,
    ...(update.fwdFrom ? { fwdFrom: update.fwdFrom } : {}),
    ...(update.replyTo ? { replyTo: update.replyTo } : {}),
    ...(update.entities ? { entities: update.entities } : {}),
  });
}

/** The forum topic a message sits in, when its reply header names one. */
export function topicIdOf(message: Api.TypeMessage): number | undefined {
  if (!(message instanceof Api.Message) && !(message instanceof Api.MessageService)) return undefined;
  const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
  return reply?.forumTopic ? (reply.replyToTopId ?? reply.replyToMsgId) : undefined;
}

/** A message of the account's common box: a basic group's (any source), or a private one (bots). */
export function accountEvents(known: Known, message: Api.TypeMessage, edit: boolean): RawEvent[] {
  if (!edit && (message instanceof Api.Message || message instanceof Api.MessageService) && message.id > (known.lastBoxMessageId ?? 0)) known.lastBoxMessageId = message.id;
  if ((message instanceof Api.Message || message instanceof Api.MessageService) && message.peerId instanceof Api.PeerChat) {
    const chat = known.chats.get(message.peerId.chatId.toString());
    return chat ? messageEvents(known, chat, message, edit) : [];
  }
  return edit ? [] : privateEvents(known, message);
}

/**
 * A private message of a bot source → a '@dm' event. A person's own account keeps its private
 * chats private: only a bot's DMs are the team's business (members writing to the moderators).
 */
export function privateEvents(known: Known, message: Api.TypeMessage): RawEvent[] {
  const self = known.self;
  if (!self?.bot || !(message instanceof Api.Message) || !(message.peerId instanceof Api.PeerUser)) return [];
  const peer = message.peerId.userId.toString();
  const authorId = message.out ? self.id : message.fromId instanceof Api.PeerUser ? message.fromId.userId.toString() : peer;
  const like: TgMessageLike = { id: message.id, date: message.date, text: message.message, fromId: authorId };
  const targets = linkTargetsOf(message);
  if (targets.length > 0) like.linkTargets = targets;
  const author = authorId === self.id ? { id: self.id, username: self.name, bot: true } : known.users.get(authorId)?.user;
  if (author) like.author = author;
  const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
  if (typeof reply?.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
  return [normalizePrivateMessage(known.sourceId, peer, like)];
}

/** Whether a participant record stands for someone in the group (a restricted member is; one who left or was banned is not). */
function inGroup(p: Api.TypeChannelParticipant | undefined | null): boolean {
  // gramjs reads a flag left out as null, whatever its types say.
  if (!p || p instanceof Api.ChannelParticipantLeft) return false;
  if (p instanceof Api.ChannelParticipantBanned) return !p.left && p.bannedRights.viewMessages !== true;
  return true;
}

/**
 * A participant changed in a supergroup (updateChannelParticipant, live or in a difference): a member
 * joining or leaving (the only word of it when join messages are hidden), an admin restricting someone
 * in the app ("handled in Telegram by …"), and a rank change (promoted, retitled, made owner, demoted)
 * as the member's `roles` event; the chat's ranks follow it.
 */
export function participantEvents(known: Known, update: Api.UpdateChannelParticipant): RawEvent[] {
  const chat = known.chats.get(update.channelId.toString());
  if (!chat) return [];
  const out: RawEvent[] = [];
  const actorId = update.actorId.toString();
  const targetId = update.userId.toString();
  const now = update.newParticipant;
  // In the group now and not before: a join; the other way round: a leave (left, kicked, banned).
  // A restriction (channelParticipantBanned) is never a join, even told without the record before it.
  // The connected account itself removed from the group (or let back in): the space says so.
  if (targetId === known.self?.id) {
    if (inGroup(now)) delete chat.lost;
    else chat.lost = true;
  }
  const kind = !inGroup(update.prevParticipant) && inGroup(now) && !(now instanceof Api.ChannelParticipantBanned) ? 'join' : inGroup(update.prevParticipant) && !inGroup(now) ? 'leave' : undefined;
  if (kind) {
    const event = normalizeMembership(known.ref(chat), { member: known.users.get(targetId)?.user ?? { id: targetId }, kind, date: update.date, qts: update.qts });
    if (known.membership.admit(chat.id, targetId, { kind, path: 'participant', date: update.date, id: event.id })) out.push(event);
  }
  // Only an admin acting on someone else in the app; our own actions come back as results.
  if (actorId !== known.self?.id && actorId !== targetId && now instanceof Api.ChannelParticipantBanned) {
    const actor = known.users.get(actorId)?.user ?? { id: actorId };
    out.push(normalizeAdminRestriction(known.ref(chat), { actor, targetId, banned: now.bannedRights.viewMessages === true, date: update.date, qts: update.qts }));
  }
  const before = rolesOfParticipant(update.prevParticipant);
  const after = rolesOfParticipant(now);
  if (before.join('\u0000') !== after.join('\u0000')) {
    if (chat.ranks) {
      if (after.length > 0) chat.ranks.set(targetId, after);
      else chat.ranks.delete(targetId);
    }
    const member = known.users.get(targetId)?.user ?? { id: targetId };
    out.push(normalizeRankChange(known.ref(chat), { member, before, after, date: update.date, key: `${update.qts}:${update.date}` }));
  }
  return out;
}

/** A basic group's admin changed (updateChatParticipantAdmin; basic groups have no titles, and the creator stays). */
export function basicAdminEvents(known: Known, update: Api.UpdateChatParticipantAdmin, now: number): RawEvent[] {
  const chat = known.chats.get(update.chatId.toString());
  if (!chat) return [];
  const userId = update.userId.toString();
  const after = update.isAdmin ? ['admin'] : [];
  if (chat.ranks) {
    if (update.isAdmin) chat.ranks.set(userId, after);
    else chat.ranks.delete(userId);
  }
  const member = known.users.get(userId)?.user ?? { id: userId };
  return [normalizeRankChange(known.ref(chat), { member, before: update.isAdmin ? [] : ['admin'], after, date: Math.floor(now / 1000), key: `v${update.version}` })];
}

export function deleteEvents(known: Known, chat: ChatState, ids: number[]): RawEvent[] {
  const now = Date.now();
  return ids.map((id) => normalizeDelete(known.ref(chat), id, known.topicOf(chat.id, id), now));
}

export function messageEvents(known: Known, chat: ChatState, message: Api.TypeMessage, edit: boolean): RawEvent[] {
  if (!chat.basic && !edit && message.id > (chat.lastMessageId ?? 0) && (message instanceof Api.Message || message instanceof Api.MessageService)) {
    chat.lastMessageId = message.id;
    chat.lastMessageAt = message.date * 1000;
  }
  if (message instanceof Api.Message && message.out) known.noteOwn(chat.id, message.id, message.message);
  if (message instanceof Api.Message && !chat.basic) known.noteMessage(chat.id, message.id, message.groupedId?.toString());
  const like = messageLike(known, chat, message);
  if (!like) return [];
  if (like.topicId !== undefined) known.noteTopic(chat.id, like.id, like.topicId);
  if (like.service) {
    const users = new Map([...known.users].map(([id, k]) => [id, k.user] as const));
    if (edit) return [];
    // A join or leave the participant update already told is not told twice.
    return normalizeService(known.ref(chat), like, users).filter((e) => !e.author || (e.kind !== 'join' && e.kind !== 'leave') || known.membership.admit(chat.id, e.author.id, { kind: e.kind, path: 'service', date: like.date, id: e.id }));
  }
  if (edit) return [normalizeEdit(known.ref(chat), like)];
  const event = normalizeMessage(known.ref(chat), like);
  // `/report` as a reply, or `@admin`: a member report besides the message itself.
  const report = normalizeReport(event);
  return report ? [event, report] : [event];
}

/** gramjs message → the plain record normalize reads. */
function messageLike(known: Known, chat: ChatState, message: Api.TypeMessage): TgMessageLike | undefined {
  if (!(message instanceof Api.Message) && !(message instanceof Api.MessageService)) return undefined;
  const fromId = message.fromId instanceof Api.PeerUser ? message.fromId.userId.toString() : message.fromId instanceof Api.PeerChannel ? message.fromId.channelId.toString() : undefined;
  const like: TgMessageLike = { id: message.id, date: message.date, text: message instanceof Api.Message ? message.message : '' };
  if (fromId) {
    like.fromId = fromId;
    // A user's id and a channel's may be the same number: a chat author is never looked up among users.
    const author = message.fromId instanceof Api.PeerUser ? known.users.get(fromId) : undefined;
    if (author) like.author = author.user;
    else if (message.fromId instanceof Api.PeerChannel) {
      // Sent in a chat's name: the group itself (an anonymous admin) or a channel (a member posting as
      // their channel, the linked channel's posts): that chat is the author, named as Telegram shows it.
      const sender = fromId === chat.id ? { title: chat.title ?? fromId } : known.senderChats.get(fromId);
      if (fromId !== chat.id) known.noteSenderPost(chat.id, fromId, message.id);
      like.author = { id: fromId, bot: false, ...(sender ? { firstName: sender.title } : {}), ...(sender && 'username' in sender && sender.username ? { username: sender.username } : {}) };
    }
    // Once the admin list is read, whoever is not on it is a plain member ([]); before, nothing is said.
    if (chat.ranks && message.fromId instanceof Api.PeerUser) like.authorRoles = chat.ranks.get(fromId) ?? [];
  }
  const reply = message.replyTo instanceof Api.MessageReplyHeader ? message.replyTo : undefined;
  if (reply?.forumTopic) {
    like.topicId = reply.replyToTopId ?? reply.replyToMsgId ?? GENERAL_TOPIC;
    if (typeof reply.replyToTopId === 'number' && typeof reply.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
  } else {
    if (chat.forum) like.topicId = GENERAL_TOPIC;
    if (typeof reply?.replyToMsgId === 'number') like.replyToMessageId = reply.replyToMsgId;
  }
  if (message instanceof Api.MessageService) {
    const action = message.action;
    if (action instanceof Api.MessageActionChatAddUser) like.service = { kind: 'join', userIds: action.users.map((u) => u.toString()) };
    else if (action instanceof Api.MessageActionChatJoinedByLink || action instanceof Api.MessageActionChatJoinedByRequest) like.service = { kind: 'join', userIds: fromId ? [fromId] : [] };
    else if (action instanceof Api.MessageActionChatDeleteUser) like.service = { kind: 'leave', userIds: [action.userId.toString()] };
    else {
      if (action instanceof Api.MessageActionTopicCreate) {
        chat.topics.set(message.id, action.title);
        like.topicId = message.id;
      }
      // The basic group became a supergroup: the old chat's last word, and the new one's first.
      if (action instanceof Api.MessageActionChatMigrateTo) known.noteMove(chat.id, action.channelId.toString());
      if (action instanceof Api.MessageActionChannelMigrateFrom) known.noteMove(action.chatId.toString(), chat.id);
      // A topic renamed in the app: its later messages (and the channel list) carry the new name.
      if (action instanceof Api.MessageActionTopicEdit && action.title && like.topicId !== undefined && like.topicId !== GENERAL_TOPIC) chat.topics.set(like.topicId, action.title);
      like.service = { kind: 'other', userIds: [] };
      // Pins, title changes, topics, boosts …: nothing a member said. The action's kind only, never its text.
      log.debug(`passed over a ${action.className} service message in ${chat.id}`);
    }
    return like;
  }
  if (message.editDate) like.editDate = message.editDate;
  const fwd = message.fwdFrom;
  if (fwd) {
    const fwdUser = fwd.fromId instanceof Api.PeerUser ? known.users.get(fwd.fromId.userId.toString())?.user : undefined;
    const fwdChat = fwd.fromId instanceof Api.PeerChannel ? known.senderChats.get(fwd.fromId.channelId.toString()) ?? known.chats.get(fwd.fromId.channelId.toString()) : undefined;
    const name = fwd.fromName ?? (fwdUser ? displayName(fwdUser) ?? fwdUser.username : undefined) ?? fwdChat?.title ?? (fwd.fromId ? 'another chat' : undefined);
    if (name) like.forwardedFrom = name;
  }
  const mentions = (message.entities ?? []).filter(
    (e) => e instanceof Api.MessageEntityMention || e instanceof Api.MessageEntityMentionName || e instanceof Api.InputMessageEntityMentionName,
  ).length;
  if (mentions > 0) like.mentions = mentions;
  const targets = linkTargetsOf(message);
  if (targets.length > 0) like.linkTargets = targets;
  const media = message.media;
  if (media instanceof Api.MessageMediaPoll) {
    // A poll's words are its question and answers (a poll has no caption).
    const poll = media.poll;
    const words = (t: Api.TypeTextWithEntities | string) => (typeof t === 'string' ? t : t.text);
    const lines = [words(poll.question), ...poll.answers.map((a) => `• ${words(a.text)}`)].join('\n');
    like.text = like.text ? `${like.text}\n\n${lines}` : lines;
    like.poll = true;
  } else if (media instanceof Api.MessageMediaContact) {
    // A shared contact ("write to our support agent"): its name is what the card shows, the number stays out.
    const name = [media.firstName, media.lastName].filter((p) => p.length > 0).join(' ');
    if (name) like.text = like.text ? `${like.text}\n\n${name}` : name;
    like.attachments = [{ name: name || 'contact', contentType: 'text/vcard' }];
  } else if (media instanceof Api.MessageMediaVenue) {
    const place = [media.title, media.address].filter((p) => p.length > 0).join('\n');
    if (place) like.text = like.text ? `${like.text}\n\n${place}` : place;
    like.attachments = [{ name: 'location' }];
  } else if (media instanceof Api.MessageMediaPhoto) like.attachments = [{ name: 'photo', contentType: 'image/jpeg' }];
  else if (media instanceof Api.MessageMediaDocument && media.document instanceof Api.Document) {
    const file = media.document.attributes.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename);
    like.attachments = [{ name: file?.fileName ?? 'document', contentType: media.document.mimeType }];
  }
  return like;
}

const MAX_LINK_TARGETS = 100;

/**
 * Where a message's links really go: text links (the entity's URL, not the words it covers), URL
 * buttons of its inline keyboard, and its web-page preview. Offsets count UTF-16 units, as JS does.
 */
function linkTargetsOf(message: Api.Message): LinkTarget[] {
  const out: LinkTarget[] = [];
  for (const e of message.entities ?? []) {
    if (e instanceof Api.MessageEntityTextUrl) out.push({ via: 'text_link', shown: message.message.slice(e.offset, e.offset + e.length), url: e.url });
  }
  if (message.replyMarkup instanceof Api.ReplyInlineMarkup) {
    for (const row of message.replyMarkup.rows) {
      for (const b of row.buttons) if (b instanceof Api.KeyboardButtonUrl || b instanceof Api.KeyboardButtonUrlAuth) out.push({ via: 'button', shown: b.text, url: b.url });
    }
  }
  const page = message.media instanceof Api.MessageMediaWebPage ? message.media.webpage : undefined;
  if (page instanceof Api.WebPage) out.push({ via: 'preview', shown: page.title ?? page.displayUrl, url: page.url });
  else if (page instanceof Api.WebPagePending && page.url) out.push({ via: 'preview', shown: page.url, url: page.url });
  return out.slice(0, MAX_LINK_TARGETS).map((l) => ({ ...l, shown: l.shown.slice(0, 4096), url: l.url.slice(0, 2048) }));
}

