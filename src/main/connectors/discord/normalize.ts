// Discord → platform-neutral events. Pure functions over the few fields we read, so discord.js
// objects pass straight in and unit tests use plain data.
import { eventId } from '@shared/domain/ids';
import { DIRECT_MESSAGE_SPACE } from '@shared/domain/model';
import type { Author } from '@shared/domain/model';
import type { RawEvent } from '../types';

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

export interface MessageLike {
  id: string;
  content: string | null;
  createdTimestamp: number;
  editedTimestamp?: number | null;
  author?: UserLike | null;
  member?: MemberLike | null;
  reference?: { messageId?: string | undefined } | null;
  mentions?: {
    users: { size: number; get?(id: string): { username: string; globalName?: string | null } | undefined };
    roles: { size: number; get?(id: string): { name: string } | undefined };
    everyone: boolean;
    members?: { get(id: string): { displayName?: string } | undefined } | null;
    channels?: { get(id: string): unknown } | null;
  } | null;
  attachments?: { values(): IterableIterator<{ name: string; contentType: string | null }> } | null;
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

export function normalizeMessage(ref: ChannelRef, message: MessageLike): RawEvent {
  const event: RawEvent = {
    ...base(ref),
    id: eventId('discord', ref.guildId, ref.channelId, message.id),
    kind: 'message',
    messageId: message.id,
    ts: message.createdTimestamp,
    text: showMentions(message.content ?? '', message.mentions),
  };
  if (message.author) {
    event.author = normalizeAuthor(message.author, message.member);
    if (event.author.roles) event.author.roles = event.author.roles.filter((r) => r !== ref.guildId);
  }
  if (message.reference?.messageId) event.replyToMessageId = message.reference.messageId;
  if (message.mentions) {
    event.mentions = message.mentions.users.size + message.mentions.roles.size + (message.mentions.everyone ? 1 : 0);
  }
  const attachments = message.attachments ? [...message.attachments.values()] : [];
  if (attachments.length > 0) {
    event.attachments = attachments.map((a) => (a.contentType ? { name: a.name, contentType: a.contentType } : { name: a.name }));
  }
  return event;
}

export function normalizeEdit(ref: ChannelRef, message: MessageLike, now: number): RawEvent {
  const editedAt = message.editedTimestamp ?? now;
  return {
    ...normalizeMessage(ref, message),
    id: eventId('discord', ref.guildId, ref.channelId, message.id, `edit:${editedAt}`),
    kind: 'edit',
    ts: editedAt,
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
    sourceId: space.sourceId,
    platform: 'discord',
    spaceId: space.guildId,
    ...(space.guildName ? { spaceName: space.guildName } : {}),
    // Membership events belong to the guild, not a channel; the pseudo-channel keeps ids stable.
    channelId: 'members',
    id: eventId('discord', space.guildId, 'members', user.id, `${kind}:${at}`),
    kind,
    ts: at,
    author: normalizeAuthor(user, member),
  };
}
