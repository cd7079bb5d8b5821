// The live state of the practice guild: members, messages, bans, the audit trail. Every change is
// announced through `emit` as the gateway dispatch Discord would send, filtered by intents.
import {
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  ChannelType,
  GatewayIntentBits,
  MessageType,
  PermissionFlagsBits,
  type APIAutoModerationRule,
  type APIEmbed,
  type APITextChannel,
  type APIThreadChannel,
  type GatewayAutoModerationActionExecutionDispatchData,
} from 'discord-api-types/v10';
import { PracticeScheduledEvents } from './events';
import type { ChannelRecord, CommunitySeed, MemberRecord, OverwriteRecord, RoleRecord, UserRecord } from './community';
import type { DispatchView } from './gateway';
import {
  channelPayload,
  guildCreatePayload,
  guildPayload,
  iso,
  memberPayload,
  mentionedUserIds,
  messageMemberPartial,
  messagePayload,
  threadPayload,
  userPayload,
  type GuildSnapshot,
  type MessageContext,
  type MessageRecord,
} from './payloads';
import { basePermissions, type GuildView } from './permissions';
import { rolePayload } from './payloads';
import type { SnowflakeMint } from './random';
import { SimApiError, unknownBan, unknownChannel, unknownMember, unknownMessage, unknownUser } from './apiErrors';

/** A bot's DM channel with one user (type 1); its messages live beside the guild's. */
export interface DmChannelRecord {
  id: string;
  userId: string;
}

export interface AuditEntry {
  /** The entry's snowflake (its time), as Discord lists and sends it. */
  id: string;
  action:
    | 'message_delete'
    | 'message_bulk_delete'
    | 'member_kick'
    | 'member_ban_add'
    | 'member_ban_remove'
    | 'member_update'
    | 'member_role_update'
    | 'channel_update'
    | 'channel_overwrite_update';
  actorId: string;
  targetId: string;
  reason: string | null;
  at: number;
  changes?: Record<string, unknown>;
}

const I = GatewayIntentBits;

/** Discord's audit log action types for what the practice guild records. */
const AUDIT_ACTION_TYPES: Record<AuditEntry['action'], number> = {
  message_delete: 72,
  message_bulk_delete: 73,
  member_kick: 20,
  member_ban_add: 22,
  member_ban_remove: 23,
  member_update: 24,
  member_role_update: 25,
  channel_update: 11,
  channel_overwrite_update: 14,
};
const has = (intents: number, bit: number) => (intents & bit) === bit;

/** A keyword AutoMod rule as a server owner sets it up in the Discord app. */
export interface AutoModRuleRecord {
  id: string;
  name: string;
  creatorId: string;
  keywords: string[];
  /** Block the message (it is never posted). */
  block: boolean;
  /** Post an alert (a type 24 message) in this channel. */
  alertChannelId?: string;
  /** Time the author out for this long. */
  timeoutSeconds?: number;
}

/** Discord matches a keyword as a whole word, case-insensitively (the `*` wildcards are not modelled). */
function keywordIn(content: string, keyword: string): string | undefined {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(content)?.[0];
}

/** A nonce with enforce_nonce is remembered this long, as on Discord ("a few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;

export class PracticeGuild implements GuildView {
  readonly guildId: string;
  readonly ownerId: string;
  readonly roles = new Map<string, RoleRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly users = new Map<string, UserRecord>();
  /** Channel webhooks by id; their names live in `users` (what a message's author shows). */
  readonly webhooks = new Map<string, { id: string; channelId: string }>();
  /** Every member record ever seen; `present` says who is in the guild now. */
  readonly members = new Map<string, MemberRecord>();
  readonly bans = new Map<string, { reason: string | null }>();
  readonly auditLog: AuditEntry[] = [];
  private readonly messagesByChannel = new Map<string, MessageRecord[]>();
  private readonly messageIndex = new Map<string, MessageRecord>();
  /** Per message: who reacted with which emoji (`userId\u0000emoji`). */
  private readonly reactions = new Map<string, Set<string>>();
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  readonly context: MessageContext;
  readonly dmChannels = new Map<string, DmChannelRecord>();
  private readonly dmByUser = new Map<string, string>();
  /** Users who turned off "allow direct messages from server members": the bot gets 50007. */
  readonly dmsClosed = new Set<string>();
  readonly automodRules = new Map<string, AutoModRuleRecord>();
  /** Link previews Discord would fetch for a URL; it adds them to the message in a later update. */
  readonly linkPreviews = new Map<string, APIEmbed>();
  /** Discord's default for a new server. */
  private preferredLocale = 'en-US';
  readonly scheduledEvents: PracticeScheduledEvents;

  constructor(
    readonly seed: CommunitySeed,
    private readonly mint: SnowflakeMint,
    private readonly emit: (t: string, view: DispatchView) => void,
    private readonly now: () => number,
  ) {
    this.guildId = seed.guildId;
    this.ownerId = seed.ownerId;
    for (const role of Object.values(seed.roles)) this.roles.set(role.id, role);
    for (const channel of seed.channels) {
      this.channels.set(channel.id, channel);
      this.messagesByChannel.set(channel.id, []);
    }
    for (const member of seed.members) {
      this.members.set(member.user.id, member);
      this.users.set(member.user.id, member.user);
    }
    this.scheduledEvents = new PracticeScheduledEvents(this.guildId, mint, (channelId) => this.channel(channelId), emit, now);
    this.context = {
      guildId: this.guildId,
      userById: (id) => this.users.get(id),
      memberById: (id) => this.members.get(id),
      messageById: (channelId, id) => this.findMessage(channelId, id),
      reactionsOn: (messageId) => this.reactionsOn(messageId),
      botUserId: this.seed.botUser.id,
    };
  }

  /** Who holds which emoji on a message, emojis in the order first added, users by id (as Discord lists them). */
  reactionsOn(messageId: string): Array<{ emoji: string; userIds: string[] }> {
    const byEmoji = new Map<string, string[]>();
    for (const key of this.reactions.get(messageId) ?? []) {
      const [userId = '', emoji = ''] = key.split('\u0000');
      byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
    }
    const byId = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);
    return [...byEmoji].map(([emoji, userIds]) => ({ emoji, userIds: userIds.sort(byId) }));
  }

  get botUser(): UserRecord {
    return this.seed.botUser;
  }

  get botMember(): MemberRecord {
    const bot = this.members.get(this.seed.botUser.id);
    if (!bot) throw new Error('the bot is not a member of the practice guild');
    return bot;
  }

  presentMembers(): MemberRecord[] {
    return [...this.members.values()].filter((m) => m.present);
  }

  channel(channelId: string): ChannelRecord {
    const channel = this.channels.get(channelId);
    if (!channel) throw unknownChannel();
    return channel;
  }

  presentMember(userId: string): MemberRecord {
    const member = this.members.get(userId);
    if (!member || !member.present) throw unknownMember();
    return member;
  }

  // ---- payloads ----------------------------------------------------------------------------------

  lastMessageId(channelId: string): string | null {
    const list = this.messagesByChannel.get(channelId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (!list[i]?.deleted) return list[i]?.id ?? null;
    return null;
  }

  /**
   * An admin (or an integration) makes a channel webhook: an id of its own that posts under a name,
   * without an account or a member (a ban or timeout of that id is Discord's 10013 / 10007).
   */
  addWebhook(channelId: string, name: string): { id: string; channelId: string } {
    const channel = this.channel(channelId);
    const at = this.now();
    const id = this.mint.now(at);
    this.users.set(id, { id, username: name, globalName: null, bot: true, createdAt: at });
    this.webhooks.set(id, { id, channelId: channel.id });
    return { id, channelId: channel.id };
  }

  /** An admin adds a voice or stage channel: CHANNEL_CREATE. */
  addVoiceChannel(name: string, kind: 'voice' | 'stage'): ChannelRecord {
    const channel: ChannelRecord = { id: this.mint.now(this.now()), key: 'voice', voice: kind, name, topic: '', position: this.channels.size, rateLimitPerUser: 0, overwrites: [] };
    this.channels.set(channel.id, channel);
    this.messagesByChannel.set(channel.id, []);
    const data = this.channelJson(channel);
    this.emit('CHANNEL_CREATE', (intents) => (has(intents, I.Guilds) ? data : null));
    return channel;
  }

  /** An admin changes the server's primary language: Discord sends GUILD_UPDATE with the whole guild. */
  setPreferredLocale(locale: string): void {
    this.preferredLocale = locale;
    this.emit('GUILD_UPDATE', (intents) => (has(intents, I.Guilds) ? guildPayload(this.snapshot()) : null));
  }

  /**
   * GUILD_CREATE as Discord sends it: the member list only to a client with the presence intent and
   * only while the guild is not large (over `largeThreshold` members); else the bot alone (and members
   * in voice, none here). Everyone else comes by op 8 or the REST member list.
   */
  guildCreate(intents: number, largeThreshold = 50) {
    const events = has(intents, I.GuildScheduledEvents) ? [...this.scheduledEvents.events.values()].map((e) => this.scheduledEvents.json(e)) : [];
    const snapshot = this.snapshot();
    const large = snapshot.memberCount > largeThreshold;
    if (large || !has(intents, I.GuildPresences)) snapshot.members = snapshot.members.filter((m) => m.user.id === this.botUser.id);
    return { ...guildCreatePayload(snapshot), large, guild_scheduled_events: events };
  }

  guildJson() {
    return guildPayload(this.snapshot());
  }

  private snapshot(): GuildSnapshot {
    const present = this.presentMembers();
    return {
      id: this.guildId,
      name: this.seed.guildName,
      ownerId: this.ownerId,
      roles: [...this.roles.values()],
      channels: [...this.channels.values()].filter((record) => !record.thread).map((record) => ({ record, lastMessageId: this.lastMessageId(record.id) })),
      threads: [...this.channels.values()].filter((record) => record.thread).map((record) => this.channelJson(record) as APIThreadChannel),
      // Who GUILD_CREATE lists is guildCreate's choice (presence intent, large_threshold).
      members: present,
      memberCount: present.length,
      systemChannelId: this.seed.channels[0]?.id ?? null,
      joinedAt: this.botMember.joinedAt,
      preferredLocale: this.preferredLocale,
    };
  }

  channelJson(channel: ChannelRecord): APITextChannel | APIThreadChannel {
    if (channel.thread) return threadPayload(channel, this.guildId, this.lastMessageId(channel.id), this.messages(channel.id).length);
    return channelPayload(channel, this.guildId, this.lastMessageId(channel.id));
  }

  /**
   * A member starts a public thread in a text channel without a message: THREAD_CREATE, then Discord's
   * "started a thread" message (type 18, the thread's name as content) in the parent channel.
   */
  startThread(parentId: string, name: string, ownerId: string): ChannelRecord {
    const parent = this.channel(parentId);
    const at = this.now();
    const thread: ChannelRecord = { id: this.mint.now(at), key: 'thread', name, topic: '', position: 0, rateLimitPerUser: 0, overwrites: [], thread: { parentId: parent.id, ownerId, createdAt: at } };
    this.channels.set(thread.id, thread);
    this.messagesByChannel.set(thread.id, []);
    const data = { ...this.channelJson(thread), newly_created: true };
    this.emit('THREAD_CREATE', (intents) => (has(intents, I.Guilds) ? data : null));
    this.createMessage({ channelId: parent.id, authorId: ownerId, content: name, system: MessageType.ThreadCreated });
    return thread;
  }

  messageJson(message: MessageRecord) {
    return messagePayload(message, this.context);
  }

  // ---- messages ------------------------------------------------------------------------------

  messages(channelId: string): MessageRecord[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  findMessage(channelId: string, messageId: string): MessageRecord | undefined {
    const message = this.messageIndex.get(messageId);
    return message && message.channelId === channelId ? message : undefined;
  }

  liveMessage(channelId: string, messageId: string): MessageRecord {
    this.channel(channelId);
    const message = this.findMessage(channelId, messageId);
    if (!message || message.deleted) throw unknownMessage();
    return message;
  }

  /** Stores and dispatches a message; a repeated enforced nonce returns the first message instead. */
  createMessage(input: {
    channelId: string;
    authorId: string;
    content: string;
    replyTo?: string;
    nonce?: string;
    enforceNonce?: boolean;
    timestamp?: number;
    silent?: boolean;
    embeds?: APIEmbed[];
    forward?: MessageRecord['forward'];
    automodAlert?: APIEmbed;
    poll?: MessageRecord['poll'];
    system?: MessageRecord['system'];
    stickers?: MessageRecord['stickers'];
    webhookId?: string;
  }): { message: MessageRecord; duplicate: boolean; blockedBy?: AutoModRuleRecord } {
    const channel = this.dmChannels.get(input.channelId) ?? this.channel(input.channelId);
    // AutoMod reads members' messages in the guild before anyone sees them.
    // AutoMod reads members' messages only, not a webhook's.
    if (!this.dmChannels.has(channel.id) && input.authorId !== this.botUser.id && !input.automodAlert && input.system === undefined && !input.webhookId) {
      const caught = this.autoModCatch(channel.id, input.authorId, input.content);
      if (caught) return caught;
    }
    const at = input.timestamp ?? this.now();
    const nonceKey = input.nonce !== undefined && input.enforceNonce ? `${input.authorId}:${input.nonce}` : null;
    if (nonceKey) {
      const seen = this.nonces.get(nonceKey);
      const earlier = seen && at - seen.at < NONCE_WINDOW_MS ? this.messageIndex.get(seen.messageId) : undefined;
      if (earlier) return { message: earlier, duplicate: true };
    }
    const message: MessageRecord = {
      id: input.timestamp === undefined ? this.mint.now(at) : this.mint.at(at),
      channelId: channel.id,
      authorId: input.authorId,
      content: input.content,
      timestamp: at,
      editedTimestamp: null,
      deleted: false,
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
      ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
      ...(input.embeds ? { embeds: input.embeds } : {}),
      ...(input.forward ? { forward: input.forward } : {}),
      ...(input.automodAlert ? { automodAlert: input.automodAlert } : {}),
      ...(input.poll ? { poll: input.poll } : {}),
      ...(input.system !== undefined ? { system: input.system } : {}),
      ...(input.stickers ? { stickers: input.stickers } : {}),
      ...(input.webhookId ? { webhookId: input.webhookId } : {}),
    };
    this.messagesByChannel.get(channel.id)?.push(message);
    this.messageIndex.set(message.id, message);
    if (nonceKey) this.nonces.set(nonceKey, { messageId: message.id, at });
    if (!input.silent) this.emitMessage('MESSAGE_CREATE', message);
    this.unfurlLater(message);
    return { message, duplicate: false };
  }

  editMessage(channelId: string, messageId: string, content: string): MessageRecord {
    const message = this.liveMessage(channelId, messageId);
    message.content = content;
    message.editedTimestamp = this.now();
    this.emitMessage('MESSAGE_UPDATE', message);
    this.unfurlLater(message);
    return message;
  }

  /**
   * Discord posts a message first and fetches its links' previews after: the embeds arrive in a
   * MESSAGE_UPDATE of their own, with no edited_timestamp (nobody edited the text).
   */
  addEmbeds(channelId: string, messageId: string, embeds: APIEmbed[]): MessageRecord {
    const message = this.liveMessage(channelId, messageId);
    const known = new Set((message.embeds ?? []).map((e) => e.url));
    message.embeds = [...(message.embeds ?? []), ...embeds.filter((e) => !known.has(e.url))];
    this.emitMessage('MESSAGE_UPDATE', message);
    return message;
  }

  private unfurlLater(message: MessageRecord): void {
    if (this.linkPreviews.size === 0 || message.forward || message.automodAlert) return;
    const shown = new Set((message.embeds ?? []).map((e) => e.url));
    const previews = [...message.content.matchAll(/https?:\/\/[^\s<>]+/g)].flatMap((m) => {
      const preview = this.linkPreviews.get(m[0]);
      return preview && !shown.has(m[0]) ? [{ ...preview, url: m[0] }] : [];
    });
    if (previews.length === 0) return;
    setImmediate(() => {
      if (!message.deleted) this.addEmbeds(message.channelId, message.id, previews);
    });
  }

  // ---- AutoMod -------------------------------------------------------------------------------

  addAutoModRule(input: Omit<AutoModRuleRecord, 'id'>): AutoModRuleRecord {
    const rule: AutoModRuleRecord = { ...input, id: this.mint.now(this.now()) };
    this.automodRules.set(rule.id, rule);
    return rule;
  }

  autoModRuleJson(rule: AutoModRuleRecord): APIAutoModerationRule {
    const actions: APIAutoModerationRule['actions'] = [];
    if (rule.block) actions.push({ type: AutoModerationActionType.BlockMessage, metadata: {} });
    if (rule.alertChannelId) actions.push({ type: AutoModerationActionType.SendAlertMessage, metadata: { channel_id: rule.alertChannelId } });
    if (rule.timeoutSeconds) actions.push({ type: AutoModerationActionType.Timeout, metadata: { duration_seconds: rule.timeoutSeconds } });
    return {
      id: rule.id,
      guild_id: this.guildId,
      name: rule.name,
      creator_id: rule.creatorId,
      event_type: AutoModerationRuleEventType.MessageSend,
      trigger_type: AutoModerationRuleTriggerType.Keyword,
      trigger_metadata: { keyword_filter: rule.keywords, regex_patterns: [], allow_list: [] },
      actions,
      enabled: true,
      exempt_roles: [],
      exempt_channels: [],
    };
  }

  /**
   * A member's message that trips a keyword rule: Discord runs the rule's actions in order, sending
   * one AUTO_MODERATION_ACTION_EXECUTION per action (only to bots with Manage Server), posting the
   * alert message, timing the author out. A blocked message is never stored or dispatched.
   */
  private autoModCatch(channelId: string, authorId: string, content: string): { message: MessageRecord; duplicate: boolean; blockedBy: AutoModRuleRecord } | undefined {
    for (const rule of this.automodRules.values()) {
      const matched = rule.keywords.map((k) => keywordIn(content, k)).find((m) => m !== undefined);
      if (matched === undefined) continue;
      const keyword = rule.keywords.find((k) => keywordIn(content, k) !== undefined) ?? matched;
      const at = this.now();
      const base = { guild_id: this.guildId, rule_id: rule.id, rule_trigger_type: AutoModerationRuleTriggerType.Keyword, user_id: authorId, channel_id: channelId, content, matched_keyword: keyword, matched_content: matched };
      const execute = (action: GatewayAutoModerationActionExecutionDispatchData['action'], extra: Partial<GatewayAutoModerationActionExecutionDispatchData> = {}) => {
        const data: GatewayAutoModerationActionExecutionDispatchData = { ...base, action, ...extra };
        this.emit('AUTO_MODERATION_ACTION_EXECUTION', (intents) => {
          if (!has(intents, I.AutoModerationExecution) || !(basePermissions(this, this.botMember) & PermissionFlagsBits.ManageGuild)) return null;
          // Without MESSAGE_CONTENT Discord leaves out what the member wrote.
          return has(intents, I.MessageContent) ? data : { ...data, content: '', matched_content: null };
        });
      };
      const blocked: MessageRecord = { id: this.mint.now(at), channelId, authorId, content, timestamp: at, editedTimestamp: null, deleted: true };
      if (rule.block) execute({ type: AutoModerationActionType.BlockMessage, metadata: {} });
      if (rule.alertChannelId) {
        const alert = this.createMessage({
          channelId: rule.alertChannelId,
          authorId,
          content: '',
          automodAlert: {
            type: 'auto_moderation_message' as APIEmbed['type'],
            description: content,
            fields: [
              { name: 'rule_name', value: rule.name },
              { name: 'channel_id', value: channelId },
              { name: 'decision_id', value: this.mint.now(at) },
              { name: 'keyword', value: keyword },
              { name: 'keyword_matched_content', value: matched },
            ],
          },
        }).message;
        execute({ type: AutoModerationActionType.SendAlertMessage, metadata: { channel_id: rule.alertChannelId } }, { alert_system_message_id: alert.id });
      }
      if (rule.timeoutSeconds) {
        execute({ type: AutoModerationActionType.Timeout, metadata: { duration_seconds: rule.timeoutSeconds } });
        const member = this.members.get(authorId);
        if (member?.present) {
          member.communicationDisabledUntil = iso(at + rule.timeoutSeconds * 1000);
          this.emit('GUILD_MEMBER_UPDATE', (intents) => (has(intents, I.GuildMembers) ? { ...memberPayload(member), guild_id: this.guildId } : null));
        }
      }
      if (rule.block) return { message: blocked, duplicate: false, blockedBy: rule };
    }
    return undefined;
  }

  /** The server owner changes a role's permissions in the app: GUILD_ROLE_UPDATE. */
  setRolePermissions(roleId: string, permissions: bigint): void {
    const role = this.roles.get(roleId);
    if (!role) throw new SimApiError(404, 10011, 'Unknown Role');
    role.permissions = permissions;
    this.emit('GUILD_ROLE_UPDATE', (intents) => (has(intents, I.Guilds) ? { guild_id: this.guildId, role: rolePayload(role) } : null));
  }

  /**
   * The owner creates a role in the app: Discord puts a new role just above @everyone and moves the
   * others up (GUILD_ROLE_UPDATE each), then sends GUILD_ROLE_CREATE.
   */
  addRole(name: string, permissions = 0n): RoleRecord {
    for (const role of this.roles.values()) {
      if (role.position < 1) continue;
      role.position += 1;
      this.emit('GUILD_ROLE_UPDATE', (intents) => (has(intents, I.Guilds) ? { guild_id: this.guildId, role: rolePayload(role) } : null));
    }
    const role: RoleRecord = { id: this.mint.now(this.now()), name, color: 0, position: 1, permissions, hoist: false, mentionable: false };
    this.roles.set(role.id, role);
    this.emit('GUILD_ROLE_CREATE', (intents) => (has(intents, I.Guilds) ? { guild_id: this.guildId, role: rolePayload(role) } : null));
    return role;
  }

  /** The owner deletes a role in the app: it leaves every member, and only GUILD_ROLE_DELETE is sent (no member updates). */
  deleteRole(roleId: string): void {
    if (!this.roles.delete(roleId)) throw new SimApiError(404, 10011, 'Unknown Role');
    for (const member of this.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
    this.emit('GUILD_ROLE_DELETE', (intents) => (has(intents, I.Guilds) ? { guild_id: this.guildId, role_id: roleId } : null));
  }

  /** The owner renames a role in the app: GUILD_ROLE_UPDATE only; no member's roles change. */
  renameRole(roleId: string, name: string): void {
    const role = this.roles.get(roleId);
    if (!role) throw new SimApiError(404, 10011, 'Unknown Role');
    role.name = name;
    this.emit('GUILD_ROLE_UPDATE', (intents) => (has(intents, I.Guilds) ? { guild_id: this.guildId, role: rolePayload(role) } : null));
  }

  /**
   * A member's roles changed by someone with Manage Roles (a bot through REST, a moderator in the app):
   * a MEMBER_ROLE_UPDATE audit entry ($add / $remove with the roles' ids and names) and GUILD_MEMBER_UPDATE
   * with the member's whole roles array, as Discord sends it. Nothing is sent when nothing changed.
   */
  changeMemberRoles(userId: string, roles: readonly string[], actorId: string, reason: string | null): MemberRecord {
    const member = this.presentMember(userId);
    const next = [...new Set(roles)].filter((r) => r !== this.guildId);
    const added = next.filter((r) => !member.roles.includes(r));
    const removed = member.roles.filter((r) => !next.includes(r));
    if (added.length === 0 && removed.length === 0) return member;
    member.roles = next;
    const named = (ids: string[]) => ids.map((id) => ({ id, name: this.roles.get(id)?.name ?? '' }));
    this.audit('member_role_update', actorId, userId, reason, { ...(added.length ? { $add: named(added) } : {}), ...(removed.length ? { $remove: named(removed) } : {}) });
    this.emit('GUILD_MEMBER_UPDATE', (intents) => (has(intents, I.GuildMembers) ? { ...memberPayload(member), guild_id: this.guildId } : null));
    return member;
  }

  /** A member's roles or nickname change in the app: GUILD_MEMBER_UPDATE, nothing in the audit log of ours. */
  setMemberProfile(userId: string, changes: { roles?: string[]; nick?: string | null; globalName?: string | null }): MemberRecord {
    const member = this.presentMember(userId);
    if (changes.roles) member.roles = [...changes.roles];
    if (changes.nick !== undefined) member.nick = changes.nick;
    if (changes.globalName !== undefined) member.user.globalName = changes.globalName;
    this.emit('GUILD_MEMBER_UPDATE', (intents) => (has(intents, I.GuildMembers) ? { ...memberPayload(member), guild_id: this.guildId } : null));
    return member;
  }

  deleteMessage(channelId: string, messageId: string, actorId: string | null, reason: string | null): void {
    const message = this.liveMessage(channelId, messageId);
    message.deleted = true;
    if (actorId && actorId !== message.authorId) this.audit('message_delete', actorId, message.authorId, reason, { channel_id: channelId });
    this.emit('MESSAGE_DELETE', (intents) =>
      has(intents, I.GuildMessages) ? { id: message.id, channel_id: channelId, guild_id: this.guildId } : null,
    );
  }

  /**
   * A member adds a unicode emoji reaction in the app: MESSAGE_REACTION_ADD to clients with the
   * GuildMessageReactions intent, with the member and the message's author as Discord sends them.
   * A second add of the same emoji by the same member changes nothing and sends nothing, as on Discord.
   */
  react(channelId: string, messageId: string, userId: string, emoji: string): boolean {
    const message = this.liveMessage(channelId, messageId);
    const member = this.presentMember(userId);
    const held = this.reactions.get(message.id) ?? new Set<string>();
    const key = `${userId}\u0000${emoji}`;
    if (held.has(key)) return false;
    held.add(key);
    this.reactions.set(message.id, held);
    const data = {
      user_id: userId,
      channel_id: channelId,
      message_id: message.id,
      guild_id: this.guildId,
      member: memberPayload(member),
      emoji: { id: null, name: emoji },
      message_author_id: message.authorId,
      burst: false,
      burst_colors: [],
      type: 0,
    };
    this.emit('MESSAGE_REACTION_ADD', (intents) => (has(intents, I.GuildMessageReactions) ? data : null));
    return true;
  }

  /** The member takes the reaction back: MESSAGE_REACTION_REMOVE (no member object, as on Discord); nothing if it was not there. */
  unreact(channelId: string, messageId: string, userId: string, emoji: string): boolean {
    const message = this.liveMessage(channelId, messageId);
    const held = this.reactions.get(message.id);
    if (!held?.delete(`${userId}\u0000${emoji}`)) return false;
    const data = { user_id: userId, channel_id: channelId, message_id: message.id, guild_id: this.guildId, emoji: { id: null, name: emoji }, burst: false, type: 0 };
    this.emit('MESSAGE_REACTION_REMOVE', (intents) => (has(intents, I.GuildMessageReactions) ? data : null));
    return true;
  }

  bulkDelete(channelId: string, messageIds: string[], actorId: string, reason: string | null): void {
    const found = messageIds.map((id) => this.findMessage(channelId, id)).filter((m): m is MessageRecord => !!m && !m.deleted);
    for (const message of found) message.deleted = true;
    if (found.length === 0) return;
    this.audit('message_bulk_delete', actorId, channelId, reason, { count: found.length });
    const ids = found.map((m) => m.id);
    this.emit('MESSAGE_DELETE_BULK', (intents) =>
      has(intents, I.GuildMessages) ? { ids, channel_id: channelId, guild_id: this.guildId } : null,
    );
  }

  private emitMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: MessageRecord): void {
    const full = this.messageJson(message);
    if (this.dmChannels.has(message.channelId)) {
      // A DM carries no guild_id; channel_type lets discord.js build the (partial) DM channel. Bots
      // always see DM content, MESSAGE_CONTENT or not.
      const dm = { ...full, channel_type: ChannelType.DM };
      this.emit(t, (intents) => (has(intents, I.DirectMessages) ? dm : null));
      return;
    }
    const member = this.members.get(message.authorId);
    const data = { ...full, guild_id: this.guildId, ...(member?.present ? { member: messageMemberPartial(member) } : {}) };
    const botId = this.botUser.id;
    const contentIsPublic = message.authorId === botId || mentionedUserIds(message.content).includes(botId);
    this.emit(t, (intents) => {
      if (!has(intents, I.GuildMessages)) return null;
      if (contentIsPublic || has(intents, I.MessageContent)) return data;
      // Without MESSAGE_CONTENT Discord blanks the text-bearing fields, as it does for real bots.
      return { ...data, content: '', embeds: [], attachments: [], components: [] };
    });
  }

  // ---- members ---------------------------------------------------------------------------------

  addMember(input: { username: string; globalName: string | null; accountCreatedAt: number; bot?: boolean }): MemberRecord {
    const user: UserRecord = {
      id: this.mint.at(input.accountCreatedAt),
      username: input.username,
      globalName: input.globalName,
      bot: input.bot ?? false,
      createdAt: input.accountCreatedAt,
    };
    const member: MemberRecord = {
      user,
      nick: null,
      roles: [],
      joinedAt: this.now(),
      communicationDisabledUntil: null,
      present: true,
      banned: false,
    };
    this.users.set(user.id, user);
    this.members.set(user.id, member);
    this.emit('GUILD_MEMBER_ADD', (intents) =>
      has(intents, I.GuildMembers) ? { ...memberPayload(member), guild_id: this.guildId } : null,
    );
    return member;
  }

  /** The member leaves on their own (or is kicked): GUILD_MEMBER_REMOVE. */
  removeMember(userId: string, kickedBy?: { actorId: string; reason: string | null }): void {
    const member = this.presentMember(userId);
    member.present = false;
    if (kickedBy) this.audit('member_kick', kickedBy.actorId, userId, kickedBy.reason);
    this.emitMemberRemove(member);
  }

  ban(userId: string, deleteMessageSeconds: number, actorId: string, reason: string | null): void {
    const user = this.users.get(userId);
    // A webhook's id names no account: Discord answers Unknown User.
    if (!user || this.webhooks.has(userId)) throw unknownUser();
    this.bans.set(userId, { reason });
    this.emit('GUILD_BAN_ADD', (intents) =>
      has(intents, I.GuildModeration) ? { guild_id: this.guildId, user: userPayload(user) } : null,
    );
    const member = this.members.get(userId);
    if (member) member.banned = true;
    if (member?.present) {
      member.present = false;
      this.emitMemberRemove(member);
    }
    if (deleteMessageSeconds > 0) {
      const since = this.now() - deleteMessageSeconds * 1000;
      for (const [channelId, list] of this.messagesByChannel) {
        const doomed = list.filter((m) => !m.deleted && m.authorId === userId && m.timestamp >= since);
        for (const m of doomed) m.deleted = true;
        const ids = doomed.map((m) => m.id);
        if (ids.length > 0) {
          this.emit('MESSAGE_DELETE_BULK', (intents) =>
            has(intents, I.GuildMessages) ? { ids, channel_id: channelId, guild_id: this.guildId } : null,
          );
        }
      }
    }
    // Discord writes the audit entry after the ban's effects: bots see the deletes before who did them.
    this.audit('member_ban_add', actorId, userId, reason, { delete_message_seconds: deleteMessageSeconds });
  }

  unban(userId: string, actorId: string, reason: string | null): void {
    const user = this.users.get(userId);
    if (!this.bans.has(userId) || !user) throw unknownBan();
    this.bans.delete(userId);
    const member = this.members.get(userId);
    if (member) member.banned = false;
    this.audit('member_ban_remove', actorId, userId, reason);
    this.emit('GUILD_BAN_REMOVE', (intents) =>
      has(intents, I.GuildModeration) ? { guild_id: this.guildId, user: userPayload(user) } : null,
    );
  }

  updateMember(
    userId: string,
    changes: { communicationDisabledUntil?: string | null; nick?: string | null },
    actorId: string,
    reason: string | null,
  ): MemberRecord {
    const member = this.presentMember(userId);
    if (changes.communicationDisabledUntil !== undefined) member.communicationDisabledUntil = changes.communicationDisabledUntil;
    if (changes.nick !== undefined) member.nick = changes.nick;
    this.audit('member_update', actorId, userId, reason, { ...changes });
    this.emit('GUILD_MEMBER_UPDATE', (intents) =>
      has(intents, I.GuildMembers) ? { ...memberPayload(member), guild_id: this.guildId } : null,
    );
    return member;
  }

  updateChannel(channelId: string, changes: { rateLimitPerUser?: number; name?: string; topic?: string | null }, actorId: string, reason: string | null): ChannelRecord {
    const channel = this.channel(channelId);
    if (changes.rateLimitPerUser !== undefined) channel.rateLimitPerUser = changes.rateLimitPerUser;
    if (changes.name !== undefined) channel.name = changes.name;
    if (changes.topic !== undefined) channel.topic = changes.topic ?? '';
    this.audit('channel_update', actorId, channelId, reason, { ...changes });
    const data = this.channelJson(channel);
    this.emit('CHANNEL_UPDATE', (intents) => (has(intents, I.Guilds) ? data : null));
    return channel;
  }

  // ---- direct messages -------------------------------------------------------------------------

  /** The bot's DM channel with a user, created on first use (POST /users/@me/channels). */
  openDm(userId: string): DmChannelRecord {
    if (!this.users.has(userId)) throw unknownUser();
    const existing = this.dmByUser.get(userId);
    const known = existing ? this.dmChannels.get(existing) : undefined;
    if (known) return known;
    const dm: DmChannelRecord = { id: this.mint.now(this.now()), userId };
    this.dmChannels.set(dm.id, dm);
    this.dmByUser.set(userId, dm.id);
    this.messagesByChannel.set(dm.id, []);
    return dm;
  }

  dmWith(userId: string): DmChannelRecord | undefined {
    const id = this.dmByUser.get(userId);
    return id ? this.dmChannels.get(id) : undefined;
  }

  /** Discord lets a bot DM only members of a guild it shares, who have not closed their DMs. */
  canDm(userId: string): boolean {
    const member = this.members.get(userId);
    return !!member && member.present && !this.dmsClosed.has(userId);
  }

  dmChannelJson(dm: DmChannelRecord) {
    const user = this.users.get(dm.userId);
    return {
      id: dm.id,
      type: ChannelType.DM,
      last_message_id: this.lastMessageId(dm.id),
      recipients: user ? [userPayload(user)] : [],
      flags: 0,
    };
  }

  // ---- channel permission overwrites -----------------------------------------------------------

  setOverwrite(channelId: string, overwrite: OverwriteRecord, actorId: string, reason: string | null): ChannelRecord {
    const channel = this.channel(channelId);
    const others = channel.overwrites.filter((o) => o.id !== overwrite.id);
    channel.overwrites = [...others, overwrite];
    this.audit('channel_overwrite_update', actorId, channelId, reason, {
      id: overwrite.id,
      allow: overwrite.allow.toString(),
      deny: overwrite.deny.toString(),
    });
    const data = this.channelJson(channel);
    this.emit('CHANNEL_UPDATE', (intents) => (has(intents, I.Guilds) ? data : null));
    return channel;
  }

  isTimedOut(member: MemberRecord): boolean {
    return member.communicationDisabledUntil !== null && Date.parse(member.communicationDisabledUntil) > this.now();
  }

  private emitMemberRemove(member: MemberRecord): void {
    this.emit('GUILD_MEMBER_REMOVE', (intents) =>
      has(intents, I.GuildMembers) ? { guild_id: this.guildId, user: userPayload(member.user) } : null,
    );
  }

  private audit(action: AuditEntry['action'], actorId: string, targetId: string, reason: string | null, changes?: Record<string, unknown>): void {
    const at = this.now();
    const recorded: AuditEntry = { id: this.mint.now(at), action, actorId, targetId, reason, at, ...(changes ? { changes } : {}) };
    this.auditLog.push(recorded);
    // Moderators' own actions also reach bots as GUILD_AUDIT_LOG_ENTRY_CREATE (GUILD_MODERATION intent).
    const entry = this.auditJson(recorded);
    if (entry) this.emit('GUILD_AUDIT_LOG_ENTRY_CREATE', (intents) => (has(intents, I.GuildModeration) ? { ...entry, guild_id: this.guildId } : null));
  }

  /**
   * An entry as Discord lists it (GET /guilds/{id}/audit-logs) and sends it. Channel entries would need
   * their full options (overwrite id/type); they are kept local only.
   */
  auditJson(recorded: AuditEntry): Record<string, unknown> | undefined {
    const { action, changes } = recorded;
    if (action === 'channel_update' || action === 'channel_overwrite_update') return undefined;
    const entry: Record<string, unknown> = {
      id: recorded.id,
      user_id: recorded.actorId,
      target_id: recorded.targetId,
      action_type: AUDIT_ACTION_TYPES[action],
      reason: recorded.reason,
    };
    if (action === 'message_delete' && typeof changes?.channel_id === 'string') entry.options = { channel_id: changes.channel_id, count: '1' };
    if (action === 'message_bulk_delete') entry.options = { count: String(changes?.count ?? 0) };
    if (action === 'member_role_update' && changes) {
      entry.changes = (['$add', '$remove'] as const).filter((key) => key in changes).map((key) => ({ key, new_value: changes[key] }));
    }
    if (action === 'member_update' && changes && 'communicationDisabledUntil' in changes) {
      entry.changes = [{ key: 'communication_disabled_until', new_value: changes.communicationDisabledUntil ?? undefined }];
    }
    return entry;
  }
}

export { iso };
