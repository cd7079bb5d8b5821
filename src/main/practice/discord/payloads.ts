// Turns the simulator's records into Discord API v10 objects (typed with discord-api-types), the
// exact shapes discord.js reads from REST responses and gateway dispatches.
import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  type GuildMemberFlags,
  type RoleFlags,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  StickerFormatType,
  type APIGuild,
  type APIGuildMember,
  type APIThreadChannel,
  type ChannelFlags,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type APIEmbed,
  type APIMessageSnapshotFields,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { ChannelRecord, MemberRecord, RoleRecord, UserRecord } from './community';

export interface MessageRecord {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  timestamp: number;
  editedTimestamp: number | null;
  deleted: boolean;
  nonce?: string;
  replyTo?: string;
  /** Link previews and bots' cards; Discord adds a preview's embed after the create, in an update. */
  embeds?: APIEmbed[];
  /** A forward: where the original was, and the copy of it Discord sends (no author). */
  forward?: { guildId: string; channelId: string; messageId: string; snapshot: APIMessageSnapshotFields };
  /** An AutoMod alert (type 24) in the alert channel: the embed that describes the catch. */
  automodAlert?: APIEmbed;
  /** Pinned in its channel (PUT /channels/:id/messages/pins/:id). */
  pinned?: boolean;
  /** A poll: its question, answers (ids from 1), whether several may be chosen, and when it closes. */
  poll?: { question: string; answers: string[]; multiselect: boolean; expiry: number };
  /** A system message Discord posts itself (7 member joined, 8 boost, 6 pin, 18 thread created …), in the member's name. */
  system?: MessageType;
  /** Stickers sent with the message (Discord sends their items: id, name, format). */
  stickers?: Array<{ id: string; name: string }>;
  /** Posted by a webhook: the author is the webhook (a user record of its own, no member). */
  webhookId?: string;
}

// Both flag enums lack a 0 member, yet 0 (no flags) is what Discord sends for an ordinary member or role.
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;
const NO_ROLE_FLAGS = 0 as RoleFlags;

export const iso = (ms: number): string => new Date(ms).toISOString();

export function userPayload(user: UserRecord): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
  };
}

export function memberPayload(member: MemberRecord): APIGuildMember {
  return {
    user: userPayload(member.user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: iso(member.joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_MEMBER_FLAGS,
    pending: false,
    communication_disabled_until: member.communicationDisabledUntil,
  };
}

export function rolePayload(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: false,
    mentionable: role.mentionable,
    flags: NO_ROLE_FLAGS,
  };
}

/** A thread as Discord sends it (THREAD_CREATE, GUILD_CREATE `threads`, GET /channels/:id). */
export function threadPayload(channel: ChannelRecord, guildId: string, lastMessageId: string | null, messageCount: number): APIThreadChannel {
  const thread = channel.thread!;
  return {
    id: channel.id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    name: channel.name,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    last_message_id: lastMessageId,
    rate_limit_per_user: channel.rateLimitPerUser,
    message_count: messageCount,
    member_count: 1,
    total_message_sent: messageCount,
    flags: 0 as ChannelFlags,
    applied_tags: [],
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: iso(thread.createdAt), locked: false, create_timestamp: iso(thread.createdAt) },
  };
}

export function channelPayload(channel: ChannelRecord, guildId: string, lastMessageId: string | null): APITextChannel {
  // A voice or stage channel has the same fields the console reads; only its type differs.
  const type = channel.voice === 'stage' ? ChannelType.GuildStageVoice : channel.voice === 'voice' ? ChannelType.GuildVoice : ChannelType.GuildText;
  return {
    id: channel.id,
    type: type as ChannelType.GuildText,
    guild_id: guildId,
    name: channel.name,
    topic: channel.topic,
    position: channel.position,
    permission_overwrites: channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
    nsfw: false,
    last_message_id: lastMessageId,
    rate_limit_per_user: channel.rateLimitPerUser,
    parent_id: null,
  };
}

export interface MessageContext {
  guildId: string;
  userById(id: string): UserRecord | undefined;
  memberById(id: string): MemberRecord | undefined;
  messageById(channelId: string, id: string): MessageRecord | undefined;
  /** Who holds which emoji on a message, in the order the emojis were first added. */
  reactionsOn?(messageId: string): Array<{ emoji: string; userIds: string[] }>;
  botUserId?: string;
}

const MENTION = /<@!?(\d{5,25})>/g;

export function mentionedUserIds(content: string): string[] {
  return [...new Set([...content.matchAll(MENTION)].map((m) => m[1] as string))];
}

export function messagePayload(message: MessageRecord, ctx: MessageContext, depth = 0): APIMessage {
  const author = ctx.userById(message.authorId);
  if (!author) throw new Error(`message ${message.id} has an unknown author`);
  const mentions = mentionedUserIds(message.content).flatMap((id) => {
    const user = ctx.userById(id);
    return user ? [userPayload(user)] : [];
  });
  const referenced = message.replyTo && depth === 0 ? ctx.messageById(message.channelId, message.replyTo) : undefined;
  return {
    id: message.id,
    channel_id: message.channelId,
    author: userPayload(author),
    content: message.content,
    timestamp: iso(message.timestamp),
    edited_timestamp: message.editedTimestamp === null ? null : iso(message.editedTimestamp),
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(message.content),
    mentions,
    // Discord lists the role ids the content mentions; discord.js resolves them from the guild.
    mention_roles: [...new Set([...message.content.matchAll(/<@&(\d{5,25})>/g)].map((m) => m[1] as string))],
    attachments: [],
    embeds: message.automodAlert ? [message.automodAlert] : (message.embeds ?? []),
    pinned: message.pinned === true,
    type: message.system ?? (message.automodAlert ? MessageType.AutoModerationAction : message.replyTo ? MessageType.Reply : MessageType.Default),
    ...(message.stickers ? { sticker_items: message.stickers.map((st) => ({ id: st.id, name: st.name, format_type: StickerFormatType.PNG })) } : {}),
    components: [],
    ...(message.nonce !== undefined ? { nonce: message.nonce } : {}),
    ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
    // Discord lists each emoji with its count; who reacted is another route (…/reactions/:emoji).
    ...reactionsPayload(message, ctx),
    ...(message.poll
      ? {
          poll: {
            question: { text: message.poll.question },
            answers: message.poll.answers.map((text, i) => ({ answer_id: i + 1, poll_media: { text } })),
            expiry: iso(message.poll.expiry),
            allow_multiselect: message.poll.multiselect,
            layout_type: 1,
            results: { is_finalized: false, answer_counts: [] },
          },
        }
      : {}),
    // A forward has no content of its own: message_reference type FORWARD and the snapshot carry it.
    ...(message.forward
      ? {
          flags: MessageFlags.HasSnapshot,
          message_reference: { type: MessageReferenceType.Forward, message_id: message.forward.messageId, channel_id: message.forward.channelId, guild_id: message.forward.guildId },
          message_snapshots: [{ message: message.forward.snapshot }],
        }
      : {}),
    ...(message.replyTo
      ? {
          message_reference: { type: 0, message_id: message.replyTo, channel_id: message.channelId, guild_id: ctx.guildId },
          referenced_message: referenced && !referenced.deleted ? messagePayload(referenced, ctx, depth + 1) : null,
        }
      : {}),
  };
}

function reactionsPayload(message: MessageRecord, ctx: MessageContext): Pick<APIMessage, 'reactions'> {
  const held = ctx.reactionsOn?.(message.id) ?? [];
  if (held.length === 0) return {};
  return {
    reactions: held.map(({ emoji, userIds }) => ({
      emoji: { id: null, name: emoji },
      count: userIds.length,
      count_details: { burst: 0, normal: userIds.length },
      burst_colors: [],
      me: ctx.botUserId !== undefined && userIds.includes(ctx.botUserId),
      me_burst: false,
    })),
  };
}

/** The member partial Discord attaches to guild MESSAGE_CREATE (no `user`). */
export function messageMemberPartial(member: MemberRecord): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = memberPayload(member);
  return rest;
}

export interface GuildSnapshot {
  id: string;
  name: string;
  ownerId: string;
  roles: RoleRecord[];
  channels: Array<{ record: ChannelRecord; lastMessageId: string | null }>;
  /** Active threads, sent apart from the channels. */
  threads?: APIThreadChannel[];
  members: MemberRecord[];
  memberCount: number;
  systemChannelId: string | null;
  joinedAt: number;
  /** The community's language (Server Settings → Community → Server Primary Language). */
  preferredLocale: string;
}

export function guildPayload(g: GuildSnapshot): APIGuild {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: g.roles.map(rolePayload),
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: g.systemChannelId,
    system_channel_flags: GuildSystemChannelFlags.SuppressPremiumSubscriptions,
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: 'A safe place to practise moderation.',
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: g.preferredLocale as Locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

export function guildCreatePayload(g: GuildSnapshot): GatewayGuildCreateDispatchData {
  return {
    ...guildPayload(g),
    joined_at: iso(g.joinedAt),
    large: false,
    unavailable: false,
    member_count: g.memberCount,
    voice_states: [],
    members: g.members.map(memberPayload),
    channels: g.channels.map((c) => channelPayload(c.record, g.id, c.lastMessageId)),
    threads: g.threads ?? [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
