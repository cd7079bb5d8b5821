// Telegram → platform-neutral events. Pure functions over plain "Like" records (client.ts turns gramjs
// objects into them), so unit tests use plain data. Ids: telegram:<chatId>:<topicId or chatId>:<msgId>.
import { createHash } from 'node:crypto';
import { languageOfLocale } from '@shared/announce/languages';
import { eventId } from '@shared/domain/ids';
import { DIRECT_MESSAGE_SPACE } from '@shared/domain/model';
import type { Author, LinkTarget } from '@shared/domain/model';
import { messageMove, type RawEvent } from '../../core/connector';

/** Telegram's built-in General topic of a forum; its messages carry no topic header. */
export const GENERAL_TOPIC = 1;

export interface TgUserLike {
  id: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  bot: boolean;
  /** The language of the user's app, as Telegram tells it to bots (`lang_code`). */
  langCode?: string;
}

export interface TgChatRef {
  sourceId: string;
  chatId: string;
  chatTitle?: string;
  /** Titles of forum topics by topic id, for channel names. */
  topicTitles?: ReadonlyMap<number, string>;
}

export interface TgMessageLike {
  id: number;
  /** Unix seconds, as Telegram sends it. */
  date: number;
  editDate?: number;
  text: string;
  fromId?: string;
  author?: TgUserLike;
  /** The author's rank in the group as roles (capabilities.ts), once the admin list was read. */
  authorRoles?: string[];
  /** Forum topic the message belongs to; undefined or 1 = General / no topic. */
  topicId?: number;
  replyToMessageId?: number;
  forwardedFrom?: string;
  mentions?: number;
  attachments?: Array<{ name: string; contentType?: string }>;
  /** Text links, URL buttons and the web-page preview: targets the visible text does not show. */
  linkTargets?: LinkTarget[];
  /** A poll: `text` holds its question and answers. */
  poll?: boolean;
  /** Service messages: member joined/left (with the members concerned), or anything else. */
  service?: { kind: 'join' | 'leave' | 'other'; userIds: string[] };
}

/** Where a message sits in the neutral model: topics are channels, General is the chat itself. */
export function channelIdOf(chatId: string, topicId: number | undefined): string {
  return topicId === undefined || topicId === GENERAL_TOPIC ? chatId : String(topicId);
}

export function displayName(user: Pick<TgUserLike, 'firstName' | 'lastName'>): string | undefined {
  const name = [user.firstName, user.lastName].filter((p) => p && p.length > 0).join(' ');
  return name.length > 0 ? name : undefined;
}

export function normalizeAuthor(user: TgUserLike): Author {
  const full = displayName(user);
  const author: Author = { id: user.id, name: user.username ?? full ?? user.id, bot: user.bot };
  if (full && full !== author.name) author.displayName = full;
  const locale = languageOfLocale(user.langCode);
  if (locale) author.locale = locale;
  return author;
}

function base(ref: TgChatRef, channelId: string) {
  const topicTitle = channelId === ref.chatId ? undefined : ref.topicTitles?.get(Number(channelId));
  const channelName = channelId === ref.chatId ? (ref.topicTitles?.get(GENERAL_TOPIC) ?? ref.chatTitle) : topicTitle;
  return {
    sourceId: ref.sourceId,
    platform: 'telegram' as const,
    spaceId: ref.chatId,
    ...(ref.chatTitle ? { spaceName: ref.chatTitle } : {}),
    channelId,
    ...(channelName ? { channelName } : {}),
  };
}

/** The longest forward origin an event names (ChatEventSchema.forwardedFrom). */
const MAX_ORIGIN = 300;
/** The longest reaction an event names: an emoji (sequences included) or `custom:<document id>` is far shorter. */
const MAX_REACTION = 64;

function ms(seconds: number): number {
  return seconds * 1000;
}

export function normalizeMessage(ref: TgChatRef, message: TgMessageLike): RawEvent {
  const channelId = channelIdOf(ref.chatId, message.topicId);
  const event: RawEvent = {
    ...base(ref, channelId),
    id: eventId('telegram', ref.chatId, channelId, String(message.id)),
    kind: 'message',
    messageId: String(message.id),
    ts: ms(message.date),
    text: message.text,
    cursor: messageMove(channelId, String(message.id)),
  };
  addMessageFields(event, message);
  if (message.mentions) event.mentions = message.mentions;
  if (message.poll) event.detail = 'poll';
  if (message.forwardedFrom) {
    // A name or a title: Telegram keeps them short, the contract holds 300 characters.
    const from = message.forwardedFrom.slice(0, MAX_ORIGIN);
    event.detail = `forwarded from ${from}`;
    event.forwardedFrom = from;
  }
  return event;
}

/**
 * An edit's id: the edit date, and what the edit says. Telegram counts edit dates in whole seconds, so
 * two edits within one (a bot swapping harmless text for a scam link) would share an id, and the second
 * be dropped as a repeat before triage read it; the same edit told twice keeps one id.
 */
export function normalizeEdit(ref: TgChatRef, message: TgMessageLike): RawEvent {
  const editedAt = message.editDate ?? message.date;
  const created = normalizeMessage(ref, message);
  const said = createHash('sha256')
    .update(JSON.stringify([message.text, message.linkTargets?.map((l) => l.url) ?? [], message.attachments?.map((a) => a.name) ?? []]))
    .digest('hex')
    .slice(0, 12);
  return { ...created, id: `${created.id}:edit:${editedAt}:${said}`, kind: 'edit', ts: ms(editedAt) };
}

/**
 * Telegram names only the message ids of a delete, not their topic: the id keeps the chat as its
 * channel part so live and caught-up deletes agree; `channelId` is the topic when we saw the message.
 */
export function normalizeDelete(ref: TgChatRef, messageId: number, topicId: number | undefined, now: number): RawEvent {
  return {
    ...base(ref, channelIdOf(ref.chatId, topicId)),
    id: eventId('telegram', ref.chatId, ref.chatId, String(messageId), 'delete'),
    kind: 'delete',
    messageId: String(messageId),
    ts: now,
  };
}

/** A join or leave service message → one event per member concerned; other service messages → none. */
export function normalizeService(ref: TgChatRef, message: TgMessageLike, users: ReadonlyMap<string, TgUserLike>): RawEvent[] {
  const service = message.service;
  if (!service || service.kind === 'other') return [];
  const kind = service.kind;
  return service.userIds.map((userId): RawEvent => {
    const user = users.get(userId);
    // Membership belongs to the group, not a topic; the pseudo-channel keeps ids stable.
    return { ...membersEvent(ref, userId, `${kind}:${message.id}`, message.date), kind, messageId: String(message.id), author: authorOf(user ?? { id: userId }) };
  });
}

/**
 * A member joined or left as updateChannelParticipant tells it (no service message: join messages hidden,
 * or a large group): the same `join`/`leave` event as a service message's, keyed by the update's qts.
 */
export function normalizeMembership(ref: TgChatRef, change: { member: TgUserLike | { id: string }; kind: 'join' | 'leave'; date: number; qts: number }): RawEvent {
  return { ...membersEvent(ref, change.member.id, `${change.kind}:q${change.qts}`, change.date), kind: change.kind, author: authorOf(change.member) };
}

/**
 * A private message between the bot and a member: the '@dm' space, the conversation named by the
 * member's user id (Telegram's private chats have no id of their own), called 'DM'.
 */
export function normalizePrivateMessage(sourceId: string, peerUserId: string, message: TgMessageLike): RawEvent {
  const event: RawEvent = {
    sourceId,
    platform: 'telegram',
    spaceId: DIRECT_MESSAGE_SPACE,
    channelId: peerUserId,
    channelName: 'DM',
    id: eventId('telegram', DIRECT_MESSAGE_SPACE, peerUserId, String(message.id)),
    kind: 'message',
    messageId: String(message.id),
    ts: ms(message.date),
    text: message.text,
    cursor: messageMove(peerUserId, String(message.id)),
  };
  addMessageFields(event, message);
  return event;
}

/** What a group message and a private one share: the author, the message replied to, attachments. */
function addMessageFields(event: RawEvent, message: TgMessageLike): void {
  if (message.author) event.author = normalizeAuthor(message.author);
  else if (message.fromId) event.author = { id: message.fromId, name: message.fromId, bot: false };
  if (event.author && message.authorRoles) event.author.roles = [...message.authorRoles];
  if (message.replyToMessageId !== undefined) event.replyToMessageId = String(message.replyToMessageId);
  if (message.attachments && message.attachments.length > 0) event.attachments = message.attachments;
  if (message.linkTargets && message.linkTargets.length > 0) event.linkTargets = message.linkTargets;
}

/** A user gramjs gave whole, or only an id (a user the connection has not seen): the author of an event. */
function authorOf(user: TgUserLike | { id: string }): Author {
  return 'bot' in user ? normalizeAuthor(user) : { id: user.id, name: user.id, bot: false };
}

/** What every event of the chat's member list shares: `key` makes a repeat of one update the same event. */
function membersEvent(ref: TgChatRef, memberId: string, key: string, date: number) {
  return {
    sourceId: ref.sourceId,
    platform: 'telegram' as const,
    spaceId: ref.chatId,
    ...(ref.chatTitle ? { spaceName: ref.chatTitle } : {}),
    channelId: 'members',
    id: eventId('telegram', ref.chatId, 'members', memberId, key),
    ts: ms(date),
  };
}

/**
 * An admin restricting a member in the Telegram app itself (Telegram's updateChannelParticipant names
 * the actor): the platform-neutral modAction the console shows as "handled in Telegram by …". A ban
 * removes the member (viewMessages denied); any other restriction is a mute, our timeout.
 */
export function normalizeAdminRestriction(
  ref: TgChatRef,
  change: { actor: TgUserLike | { id: string }; targetId: string; banned: boolean; date: number; qts: number },
): RawEvent {
  return {
    ...membersEvent(ref, change.targetId, `admin:${change.qts}:${change.date}`, change.date),
    kind: 'modAction',
    author: authorOf(change.actor),
    moderation: { action: change.banned ? 'ban' : 'timeout', targetId: change.targetId },
  };
}

/**
 * A member's rank changed (Telegram's updateChannelParticipant with an admin before or after: promoted,
 * given another title, made owner, demoted) → a `roles` event of that member, their roles after it
 * and before it, so the journey shows the roles gained and the admin rank lost. `key` (a supergroup's
 * qts, a basic group's participants version) makes a repeat of the same update the same event.
 */
export function normalizeRankChange(
  ref: TgChatRef,
  change: { member: TgUserLike | { id: string }; before: readonly string[]; after: readonly string[]; date: number; key: string },
): RawEvent {
  const author = authorOf(change.member);
  author.roles = [...change.after];
  const staff = (roles: readonly string[]) => roles.includes('admin') || roles.includes('creator');
  return {
    ...membersEvent(ref, change.member.id, `roles:${change.key}`, change.date),
    kind: 'roles',
    author,
    moderation: { action: staff(change.after) ? 'promote' : 'demote', targetId: change.member.id, before: [...change.before] },
  };
}

/**
 * A member's reactions on a message changed (Telegram's updateBotMessageReaction gives the set before and
 * after) → one event per emoji added or taken back, as Discord's gateway says it. The qts in the id makes
 * a repeat of the same update the same event; a later change is a new one.
 */
export function normalizeReactionChange(
  ref: TgChatRef,
  change: { messageId: number; topicId: number | undefined; actor: TgUserLike | { id: string }; before: readonly string[]; after: readonly string[]; date: number; qts: number },
): RawEvent[] {
  const channelId = channelIdOf(ref.chatId, change.topicId);
  const author: Author = 'bot' in change.actor ? normalizeAuthor(change.actor) : { id: change.actor.id, name: change.actor.id, bot: false };
  const one = (reaction: string, removed: boolean): RawEvent => {
    const emoji = reaction.slice(0, MAX_REACTION);
    return {
      ...base(ref, channelId),
      id: eventId('telegram', ref.chatId, channelId, String(change.messageId), `reaction:${author.id}:${emoji}:${removed ? 'remove' : 'add'}:${change.qts}`),
      kind: 'reaction',
      messageId: String(change.messageId),
      ts: ms(change.date),
      author,
      text: emoji,
      ...(removed ? { detail: 'removed' } : {}),
    };
  };
  return [...change.after.filter((e) => !change.before.includes(e)).map((e) => one(e, false)), ...change.before.filter((e) => !change.after.includes(e)).map((e) => one(e, true))];
}

const REPORT_COMMAND = /^\/report(?:@\w+)?(?:\s+([\s\S]*))?$/i;
const ADMIN_CALL = /(?:^|[^\w@])@admins?(?![\w])/i;

/**
 * A member report on Telegram (issue 15), as communities know it from Combot: `/report` sent as a reply
 * reports the replied message; `@admin` (or `@admins`) calls the moderators to the replied message, or
 * to the message itself when it replies to nothing. One report per reporter and message (stable id).
 */
export function normalizeReport(message: RawEvent): RawEvent | undefined {
  if (message.kind !== 'message' || !message.text || !message.author || message.author.bot) return undefined;
  const text = message.text.trim();
  const command = REPORT_COMMAND.exec(text);
  let target: string | undefined;
  let detail: string;
  if (command) {
    target = message.replyToMessageId;
    detail = command[1]?.trim() || '/report';
  } else if (ADMIN_CALL.test(text)) {
    target = message.replyToMessageId ?? message.messageId;
    detail = text;
  } else {
    return undefined;
  }
  if (!target) return undefined;
  // A report moves no cursor (the message it came with does).
  const { text: _text, replyToMessageId: _reply, mentions: _mentions, attachments: _attachments, linkTargets: _links, cursor: _cursor, ...rest } = message;
  return { ...rest, id: eventId('telegram', message.spaceId, message.channelId, target, `report-${message.author.id}`), kind: 'report', messageId: target, detail: detail.slice(0, 300) };
}
