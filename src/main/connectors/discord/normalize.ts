// Discord → platform-neutral events. Pure functions over the few fields we read, so discord.js
// objects pass straight in and unit tests use plain data.
import { eventId } from '@shared/domain/ids';
import { DIRECT_MESSAGE_SPACE } from '@shared/domain/model';
import type { Author, Moderation } from '@shared/domain/model';
import { messageMove, type RawEvent } from '../../core/connector';

export interface UserLike {
  id: string;
  username: string;
  globalName?: string | null;
  bot: boolean;
  createdTimestamp: number;
}

export interface MemberLike {
  displayName?: string;
  joinedTimestamp?: number | null;
  roles?: { cache: { keys(): IterableIterator<string> } } | null;
}

export interface ChannelRef {
  sourceId: string;
  guildId: string;
  guildName?: string;
  channelId: string;
  channelName?: string;
}

export interface EmbedLike {
  title?: string | null;
  description?: string | null;
  url?: string | null;
  author?: { name: string } | null;
  fields?: ReadonlyArray<{ name: string; value: string }>;
  footer?: { text: string } | null;
}

/** Discord's message types the connector reads differently from a member's message. */
export const MESSAGE_TYPE_AUTOMOD_ALERT = 24;
/** message_reference type 1: a forward, whose content travels in `message_snapshots`. */
export const REFERENCE_TYPE_FORWARD = 1;

/**
 * Message types whose content is what a member (or an app they ran) wrote: default, thread created (its
 * name), reply, slash and context-menu command answers. Every other type is a system message Discord
 * posts on its own (join, boost, pin, follow, stage, poll result …), the member's name on it but not
 * their words: it is not a message to triage, nor a newcomer's first one. An unknown new type is skipped
 * the same way; AutoMod alerts (24) are read apart.
 */
const MEMBER_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 18, 19, 20, 23]);

/** Whether a message is a member's (or an AutoMod alert), not one of Discord's system messages. */
export function isMemberMessage(message: Pick<MessageLike, 'type'>): boolean {
  return message.type === undefined || message.type === MESSAGE_TYPE_AUTOMOD_ALERT || MEMBER_MESSAGE_TYPES.has(message.type);
}

export interface PollLike {
  question: { text: string | null };
  answers: { values(): IterableIterator<{ text: string | null }> };
}

export interface MessageLike {
  id: string;
  /** Discord's message type (0 default, 19 reply, 24 AutoMod alert …). */
  type?: number;
  content: string | null;
  createdTimestamp: number;
  editedTimestamp?: number | null;
  author?: UserLike | null;
  member?: MemberLike | null;
  reference?: { messageId?: string | undefined; channelId?: string | undefined; guildId?: string | undefined; type?: number | undefined } | null;
  embeds?: readonly EmbedLike[] | null;
  /** A forward's copies of the forwarded message (Discord sends one). */
  messageSnapshots?: { values(): IterableIterator<Pick<MessageLike, 'content' | 'embeds' | 'attachments' | 'author'>> } | null;
  mentions?: {
    users: { size: number; get?(id: string): { username: string; globalName?: string | null } | undefined };
    roles: { size: number; get?(id: string): { name: string } | undefined };
    everyone: boolean;
    members?: { get(id: string): { displayName?: string } | undefined } | null;
    channels?: { get(id: string): unknown } | null;
  } | null;
  attachments?: { values(): IterableIterator<{ name: string; contentType: string | null }> } | null;
  /** A member's poll: no content of its own, the question and answers are the words. */
  poll?: PollLike | null;
  /** Stickers sent alone (no content): their names are all the message says. */
  stickers?: { values(): IterableIterator<{ name: string }> } | null;
  /** Set on messages a webhook posted (and on apps' answers to commands, which carry an interaction). */
  webhookId?: string | null;
  interactionMetadata?: unknown;
}

/** Message types of an app's answer to a command (slash, context menu): sent through its webhook, by its bot user. */
const COMMAND_ANSWER_TYPES: ReadonlySet<number> = new Set([20, 23]);

/**
 * Whether a webhook posted the message: its author is the webhook itself (a name and an avatar, no
 * account, no member), not an app answering a command through its interaction webhook.
 */
export function isWebhookMessage(message: Pick<MessageLike, 'webhookId' | 'interactionMetadata' | 'type'>): boolean {
  return !!message.webhookId && !message.interactionMetadata && !COMMAND_ANSWER_TYPES.has(message.type ?? 0);
}

export function normalizeAuthor(user: UserLike, member?: MemberLike | null): Author {
  const author: Author = {
    id: user.id,
    name: user.username,
    bot: user.bot,
    accountCreatedAt: user.createdTimestamp,
  };
  const displayName = member?.displayName ?? user.globalName ?? undefined;
  if (displayName && displayName !== user.username) author.displayName = displayName;
  if (member?.joinedTimestamp) author.joinedAt = member.joinedTimestamp;
  if (member?.roles) {
    // The @everyone role (id = guild id) says nothing about the member.
    author.roles = [...member.roles.cache.keys()];
  }
  return author;
}

/** Where a DM sits in the neutral model: the '@dm' space, its DM channel, named 'DM'. */
export function directMessageRef(sourceId: string, dmChannelId: string): ChannelRef {
  return { sourceId, guildId: DIRECT_MESSAGE_SPACE, channelId: dmChannelId, channelName: 'DM' };
}

function base(ref: ChannelRef) {
  return {
    sourceId: ref.sourceId,
    platform: 'discord' as const,
    spaceId: ref.guildId,
    ...(ref.guildName ? { spaceName: ref.guildName } : {}),
    channelId: ref.channelId,
    ...(ref.channelName ? { channelName: ref.channelName } : {}),
  };
}

const MENTION = /<(@!?|@&|#)(\d{1,25})>/g;

function channelName(channel: unknown): string | undefined {
  return channel && typeof channel === 'object' && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
}

/**
 * Shows mention tokens the way Discord's own app does: `<@123>` → `@Mika`, `<@&5>` → `@Moderators`,
 * `<#7>` → `#general`. Only names the message itself resolves are used; an unknown token stays as
 * sent. One pass, so a name that looks like a token is never expanded again.
 */
export function showMentions(text: string, mentions: MessageLike['mentions']): string {
  if (!mentions || !text.includes('<')) return text;
  return text.replace(MENTION, (token, kind: string, id: string) => {
    if (kind === '#') {
      const name = channelName(mentions.channels?.get(id));
      return name ? `#${name}` : token;
    }
    if (kind === '@&') {
      const role = mentions.roles.get?.(id);
      return role ? `@${role.name}` : token;
    }
    const user = mentions.users.get?.(id);
    const name = mentions.members?.get(id)?.displayName ?? user?.globalName ?? user?.username;
    return name ? `@${name}` : token;
  });
}

/**
 * What an embed says, as lines of text: link previews and bots put the payload there (a title and
 * description under a harmless message, a link target), so triage reads it with the message. A URL the
 * message already shows is not repeated.
 */
export function embedText(embeds: readonly EmbedLike[] | null | undefined, shown: string): string {
  if (!embeds || embeds.length === 0) return '';
  const lines: string[] = [];
  for (const e of embeds) {
    const parts = [e.author?.name, e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`), e.footer?.text];
    if (e.url && !shown.includes(e.url)) parts.push(e.url);
    const text = parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join('\n');
    if (text) lines.push(text);
  }
  return lines.join('\n\n');
}

/** A poll as lines: the question, then each answer, as WhatsApp's polls read. */
export function pollText(poll: PollLike | null | undefined): string {
  if (!poll) return '';
  const answers = [...poll.answers.values()].map((a) => `• ${a.text ?? ''}`);
  return [poll.question.text ?? '', ...answers].join('\n');
}

function withPoll(content: string, poll: PollLike | null | undefined): string {
  const text = pollText(poll);
  return text ? (content ? `${content}\n\n${text}` : text) : content;
}

function withEmbeds(content: string, embeds: readonly EmbedLike[] | null | undefined): string {
  const extra = embedText(embeds, content);
  return extra ? (content ? `${content}\n\n${extra}` : extra) : content;
}

export function isForward(message: MessageLike): boolean {
  return message.reference?.type === REFERENCE_TYPE_FORWARD;
}

/** Who wrote what a forward copies: the author when known, else where it was, as a link to it. */
export function forwardOrigin(message: MessageLike, channelName: string | undefined): string | undefined {
  const ref = message.reference;
  if (!ref || ref.type !== REFERENCE_TYPE_FORWARD) return undefined;
  const snapshot = message.messageSnapshots ? [...message.messageSnapshots.values()][0] : undefined;
  const author = snapshot?.author;
  if (author) return `${author.globalName ?? author.username}${channelName ? ` (#${channelName})` : ''}`;
  if (channelName) return `#${channelName}`;
  return ref.channelId ? `https://discord.com/channels/${ref.guildId ?? '@me'}/${ref.channelId}${ref.messageId ? `/${ref.messageId}` : ''}` : undefined;
}

export function normalizeMessage(ref: ChannelRef, message: MessageLike, origin?: string): RawEvent {
  if (message.type === MESSAGE_TYPE_AUTOMOD_ALERT) return normalizeAutoModAlert(ref, message, `alert-${message.id}`);
  return memberMessage(ref, message, origin);
}

/** A message as its author wrote it (what an edit changes too: an AutoMod alert is never edited into one). */
function memberMessage(ref: ChannelRef, message: MessageLike, origin?: string): RawEvent {
  // A forward carries no text of its own: the forwarded message's content is in its snapshot.
  const snapshot = isForward(message) && message.messageSnapshots ? [...message.messageSnapshots.values()][0] : undefined;
  const source = snapshot ?? message;
  const event: RawEvent = {
    ...base(ref),
    id: eventId('discord', ref.guildId, ref.channelId, message.id),
    kind: 'message',
    messageId: message.id,
    ts: message.createdTimestamp,
    text: withEmbeds(withPoll(showMentions(source.content ?? '', message.mentions), message.poll), source.embeds),
    cursor: messageMove(ref.channelId, message.id),
  };
  if (isForward(message)) {
    const from = origin ?? forwardOrigin(message, undefined);
    // A name and a channel, or a link: Discord keeps them short, the contract holds 300 characters.
    if (from) event.forwardedFrom = from.slice(0, 300);
  }
  if (message.author) {
    event.author = normalizeAuthor(message.author, message.member);
    if (event.author.roles) event.author.roles = event.author.roles.filter((r) => r !== ref.guildId);
    // A webhook has no member behind it (a timeout or ban of its id fails); a hijacked one posts scams.
    if (isWebhookMessage(message)) event.author = { ...event.author, bot: true, webhook: true };
  }
  if (message.reference?.messageId && !isForward(message)) event.replyToMessageId = message.reference.messageId;
  if (message.mentions) {
    event.mentions = message.mentions.users.size + message.mentions.roles.size + (message.mentions.everyone ? 1 : 0);
  }
  const attachments = source.attachments ? [...source.attachments.values()] : [];
  if (attachments.length > 0) {
    event.attachments = attachments.map((a) => (a.contentType ? { name: a.name, contentType: a.contentType } : { name: a.name }));
  }
  const stickers = message.stickers ? [...message.stickers.values()] : [];
  if (stickers.length > 0) event.attachments = [...(event.attachments ?? []), ...stickers.map((s) => ({ name: s.name, contentType: 'sticker' }))];
  if (message.poll) event.detail = 'poll';
  return event;
}

/** A short stable digest of a text (FNV-1a), for ids of events Discord gives no id of their own. */
export function textDigest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * A message's new state after a MESSAGE_UPDATE. An edit by its author has an edited_timestamp; a link
 * preview (embeds) Discord adds after the create has none: its id comes from the text it shows, so a
 * repeat of the same update is still one event.
 */
export function normalizeEdit(ref: ChannelRef, message: MessageLike, now: number): RawEvent {
  const event = memberMessage(ref, message);
  const editedAt = message.editedTimestamp;
  const version = editedAt ? String(editedAt) : `e${textDigest(event.text ?? '')}`;
  return {
    ...event,
    id: eventId('discord', ref.guildId, ref.channelId, message.id, `edit:${version}`),
    kind: 'edit',
    ts: editedAt ?? now,
  };
}

/** An AutoMod alert's embed fields (Discord names them in snake case). */
function alertField(message: MessageLike, name: string): string | undefined {
  const value = message.embeds?.[0]?.fields?.find((f) => f.name === name)?.value;
  return value && value.length > 0 ? value : undefined;
}

/**
 * An AutoMod alert message (type 24, in the alert channel): the member whose message AutoMod caught,
 * what they wrote, the rule. `key` ties it to the executions of the same catch (one event, one item).
 */
export function normalizeAutoModAlert(ref: ChannelRef, message: MessageLike, key: string, channelNameOf?: (id: string) => string | undefined): RawEvent {
  const channelId = alertField(message, 'channel_id') ?? ref.channelId;
  const channelName = channelId === ref.channelId ? ref.channelName : channelNameOf?.(channelId);
  const where: ChannelRef = { sourceId: ref.sourceId, guildId: ref.guildId, channelId, ...(ref.guildName ? { guildName: ref.guildName } : {}), ...(channelName ? { channelName } : {}) };
  const rule = alertField(message, 'rule_name');
  const matched = alertField(message, 'keyword_matched_content') ?? alertField(message, 'keyword');
  const moderation: Moderation = { action: 'automod', response: 'alert' };
  if (message.author) moderation.targetId = message.author.id;
  if (rule) moderation.rule = rule.slice(0, 200);
  if (matched) moderation.matched = matched.slice(0, 400);
  const event: RawEvent = {
    ...base(where),
    id: eventId('discord', ref.guildId, channelId, `automod-${key}`),
    kind: 'modAction',
    ts: message.createdTimestamp,
    text: message.embeds?.[0]?.description ?? message.content ?? '',
    moderation,
  };
  if (message.author) {
    event.author = normalizeAuthor(message.author, message.member);
    if (event.author.roles) event.author.roles = event.author.roles.filter((r) => r !== ref.guildId);
  }
  return event;
}

export interface AutoModExecutionLike {
  guildId: string;
  guildName?: string;
  ruleId: string;
  ruleName?: string;
  /** 1 block, 2 alert, 3 timeout, 4 block member interactions. */
  actionType: number;
  userId: string;
  channelId: string | null;
  channelName?: string;
  content: string;
  matchedKeyword: string | null;
  matchedContent: string | null;
}

/** What each AutoMod action type did (1 block message, 2 send alert, 3 timeout, 4 block member interaction). */
export const AUTOMOD_RESPONSE: Readonly<Record<number, NonNullable<Moderation['response']>>> = { 1: 'block', 2: 'alert', 3: 'timeout', 4: 'block' };

/** An AUTO_MODERATION_ACTION_EXECUTION: AutoMod acted on a member's message (often never posted). */
export function normalizeAutoModExecution(sourceId: string, x: AutoModExecutionLike, author: Author, key: string, now: number): RawEvent {
  const channelId = x.channelId ?? 'members';
  const moderation: Moderation = { action: 'automod', targetId: x.userId };
  const response = AUTOMOD_RESPONSE[x.actionType];
  if (response) moderation.response = response;
  if (x.ruleName) moderation.rule = x.ruleName.slice(0, 200);
  const matched = x.matchedContent ?? x.matchedKeyword;
  if (matched) moderation.matched = matched.slice(0, 400);
  return {
    ...base({ sourceId, guildId: x.guildId, ...(x.guildName ? { guildName: x.guildName } : {}), channelId, ...(x.channelName ? { channelName: x.channelName } : {}) }),
    id: eventId('discord', x.guildId, channelId, `automod-${key}`),
    kind: 'modAction',
    ts: now,
    author,
    text: x.content,
    moderation,
  };
}

/** Membership events belong to the guild, not a channel; the pseudo-channel `members` keeps ids stable. */
function membersBase(space: { sourceId: string; guildId: string; guildName?: string }) {
  return {
    sourceId: space.sourceId,
    platform: 'discord' as const,
    spaceId: space.guildId,
    ...(space.guildName ? { spaceName: space.guildName } : {}),
    channelId: 'members',
  };
}

/** A member event's author: the @everyone role (id = guild id) says nothing about the member and is left out. */
function memberAuthor(guildId: string, user: UserLike, member: MemberLike | null): Author {
  const author = normalizeAuthor(user, member);
  if (author.roles) author.roles = author.roles.filter((r) => r !== guildId);
  return author;
}

/** A role's name as a role change carries it (Discord allows 100 characters). */
export const ROLE_NAME_MAX = 100;

/**
 * A member's roles changed (GUILD_MEMBER_UPDATE with another roles array, or the member list read on a
 * catch-up): a `roles` event of that member, the role ids after it on the author and before it on
 * `moderation`, as Telegram's rank changes are, with the roles' names at the time (`nameOf`). `n` numbers
 * the member's changes where main keeps them, so the same change told again is the same event.
 */
export function normalizeRoleChange(
  space: { sourceId: string; guildId: string; guildName?: string },
  user: UserLike,
  member: MemberLike | null,
  change: { before: readonly string[]; after: readonly string[]; n?: number | undefined },
  nameOf: (roleId: string) => string | undefined,
  now: number,
): RawEvent {
  const author = memberAuthor(space.guildId, user, member);
  const before = change.before.filter((r) => r !== space.guildId);
  const after = change.after.filter((r) => r !== space.guildId);
  author.roles = after;
  const roleNames = [...new Set([...before, ...after])].flatMap((id) => {
    const name = nameOf(id);
    return name === undefined ? [] : [{ id, name: name.slice(0, ROLE_NAME_MAX) }];
  });
  const digest = textDigest(`${[...before].sort().join(',')}>${[...after].sort().join(',')}`);
  return {
    ...membersBase(space),
    id: eventId('discord', space.guildId, 'members', user.id, `roles:${change.n ?? `t${now}`}:${digest}`),
    kind: 'roles',
    ts: now,
    author,
    moderation: { action: after.some((r) => !before.includes(r)) ? 'promote' : 'demote', targetId: user.id, before, ...(roleNames.length ? { roleNames } : {}) },
  };
}

/** A member's shown name changed (nickname, display name): staff look-alikes are checked again. */
export function normalizeRename(space: { sourceId: string; guildId: string; guildName?: string }, user: UserLike, member: MemberLike | null, now: number): RawEvent {
  const author = memberAuthor(space.guildId, user, member);
  return {
    ...membersBase(space),
    id: eventId('discord', space.guildId, 'members', user.id, `rename:${textDigest(`${author.name}\u0000${author.displayName ?? ''}`)}:${now}`),
    kind: 'rename',
    ts: now,
    author,
  };
}

export function normalizeDelete(ref: ChannelRef, messageId: string, now: number): RawEvent {
  return {
    ...base(ref),
    id: eventId('discord', ref.guildId, ref.channelId, messageId, 'delete'),
    kind: 'delete',
    messageId,
    ts: now,
  };
}

export function normalizeMemberChange(
  kind: 'join' | 'leave',
  space: { sourceId: string; guildId: string; guildName?: string },
  user: UserLike,
  member: MemberLike | null,
  now: number,
): RawEvent {
  const at = kind === 'join' ? member?.joinedTimestamp ?? now : now;
  return {
    ...membersBase(space),
    id: eventId('discord', space.guildId, 'members', user.id, `${kind}:${at}`),
    kind,
    ts: at,
    author: memberAuthor(space.guildId, user, member),
  };
}

/**
 * A member's reaction to a message, added or taken back (MESSAGE_REACTION_ADD / _REMOVE): `text` is
 * the emoji (a custom one by its name), `detail` says `removed` for a take-back. Discord gives a
 * reaction no id of its own, so the member, the emoji and the moment make it unique; a gateway resume
 * replays only what was missed, never what was already delivered.
 */
export function normalizeReaction(
  ref: ChannelRef,
  messageId: string,
  user: { id: string; username?: string | null; globalName?: string | null; bot?: boolean | null },
  emoji: { id?: string | null; name?: string | null },
  removed: boolean,
  now: number,
): RawEvent {
  const shown = emoji.name ?? emoji.id ?? '?';
  const author: Author = { id: user.id, name: user.username ?? user.id, bot: user.bot ?? false };
  if (user.globalName) author.displayName = user.globalName;
  return {
    ...base(ref),
    id: eventId('discord', ref.guildId, ref.channelId, messageId, `reaction:${user.id}:${emoji.id ?? shown}:${removed ? 'remove' : 'add'}:${now}`),
    kind: 'reaction',
    messageId,
    ts: now,
    author,
    text: shown,
    ...(removed ? { detail: 'removed' } : {}),
  };
}
