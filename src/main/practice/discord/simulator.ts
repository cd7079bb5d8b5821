// The Discord practice community: one local server on 127.0.0.1 speaking gateway v10 (JSON over
// WebSocket) and REST well enough that the real discord.js logs in; plus a driver API for tests and scenarios.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayIntentBits, PermissionFlagsBits, type APIEmbed, type MessageType } from 'discord-api-types/v10';
import { buildCommunity, type MemberRecord } from './community';
import { Gateway } from './gateway';
import { PracticeGuild, type AuditEntry, type AutoModRuleRecord } from './guild';
import type { ScheduledEventRecord } from './events';
import { iso, memberPayload, userPayload, type MessageRecord } from './payloads';
import { createRng, SnowflakeMint } from './random';
import { createRestHandler, type InjectedFailure, type RequestLogEntry } from './rest';
import { PracticeInteractions, type InteractionAnswer, type RegisteredCommand } from './interactions';

export interface StartOptions {
  port?: number /* 0 = random */;
  seed?: number;
  token?: string;
  heartbeatIntervalMs?: number;
  memberCount?: number;
  /** The moment the seeded community is generated "as of" (default: start of the current UTC day). */
  anchor?: Date;
  /** Real per-bucket limit (default 50 requests per second per route and major id); false disables it. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** How long after a request for the whole member list (op 8) another is answered RATE_LIMITED (default 30 s, as Discord). */
  memberListWindowMs?: number;
}

export interface SimMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  timestamp: string;
  editedTimestamp: string | null;
  deleted: boolean;
  nonce?: string;
  replyTo?: string;
  embeds?: APIEmbed[];
  /** A poll the message carries. */
  poll?: { question: string; answers: string[]; multiselect: boolean; expiry: number };
  /** A forward: the message it copies. */
  forwardOf?: { guildId: string; channelId: string; messageId: string };
  /** Set when AutoMod blocked the message: it was never posted (the rule's name). */
  blockedBy?: string;
  pinned?: boolean;
}

export interface SimMember {
  userId: string;
  username: string;
  globalName: string | null;
  roles: string[];
  joinedAt: string;
  accountCreatedAt: string;
  bot: boolean;
  communicationDisabledUntil: string | null;
  present: boolean /* false after kick/leave */;
  banned: boolean;
  /** false: the member closed DMs from server members, and the bot's DM answers 50007. */
  dmsOpen: boolean;
}

export type SimRoleName = 'Member' | 'Moderator' | 'Admin';

export interface DiscordSimulator {
  readonly apiBase: string;
  readonly port: number;
  readonly token: string;
  readonly guildId: string;
  readonly botUserId: string;
  readonly channels: { general: string; help: string; announcements: string; modLog: string };
  members(): SimMember[];
  member(userId: string): SimMember | undefined;
  memberIdsByRole(role: SimRoleName): string[];
  /**
   * As if a member typed it in the Discord app: AutoMod's rules run first (a blocked message comes back
   * with `blockedBy` and is never dispatched); else stored and dispatched as MESSAGE_CREATE, and the
   * previews of its known links follow in a MESSAGE_UPDATE.
   */
  postMessage(input: { channelId: string; authorId: string; content: string; replyTo?: string; embeds?: APIEmbed[]; poll?: SimMessage['poll']; stickers?: Array<{ id: string; name: string }> }): SimMessage;
  /** A channel webhook (an integration, a feed, or one a scammer got hold of); answers its id. */
  addWebhook(channelId: string, name: string): string;
  /** The webhook posts (MESSAGE_CREATE with webhook_id, the webhook as author, no member). */
  postWebhookMessage(webhookId: string, content: string): SimMessage;
  /** A member starts a public thread in a text channel (THREAD_CREATE, then "started a thread" in the parent); answers its id. */
  startThread(parentId: string, name: string, ownerId: string): string;
  /** A system message Discord posts itself in the member's name (7 joined, 8 boost, 6 pin, 18 thread created …). */
  postSystemMessage(input: { channelId: string; authorId: string; type: MessageType; content?: string }): SimMessage;
  editMessage(channelId: string, messageId: string, content: string): SimMessage;
  /** Embeds Discord adds after the create (a link preview): MESSAGE_UPDATE without edited_timestamp. */
  addEmbeds(channelId: string, messageId: string, embeds: APIEmbed[]): SimMessage;
  /** The preview Discord shows for a URL (title, description…), added to messages that link it. */
  setLinkPreview(url: string, embed: Omit<APIEmbed, 'url'>): void;
  /** An admin adds a voice or stage channel (CHANNEL_CREATE); answers its id. */
  addVoiceChannel(name: string, kind?: 'voice' | 'stage'): string;
  /** The guild's scheduled events as Discord keeps them. */
  scheduledEvents(): ScheduledEventRecord[];
  /** An admin sets the server's primary language (a GUILD_UPDATE follows). */
  setPreferredLocale(locale: string): void;
  /** A member forwards a message of this guild: no content of its own, a snapshot without author. */
  forwardMessage(input: { channelId: string; authorId: string; from: { channelId: string; messageId: string } }): SimMessage;
  /** A member forwards a message from a server the bot is not in. */
  forwardFromElsewhere(input: { channelId: string; authorId: string; content: string; embeds?: APIEmbed[] }): SimMessage;
  /** AutoMod rules the owner set up. */
  rules(): AutoModRuleRecord[];
  /** The owner sets up an AutoMod keyword rule in the app. */
  addAutoModRule(input: { name: string; keywords: string[]; block?: boolean; alertChannelId?: string; timeoutSeconds?: number }): AutoModRuleRecord;
  /** The owner gives the bot's role more permissions (GUILD_ROLE_UPDATE), e.g. Manage Server for AutoMod events. */
  grantBotPermissions(permissions: bigint): void;
  /** The owner takes permissions from the bot's role (GUILD_ROLE_UPDATE), e.g. Pin Messages or Create Polls. */
  revokeBotPermissions(permissions: bigint): void;
  /** The owner creates a role in the app (just above @everyone; GUILD_ROLE_CREATE); answers its id. */
  addRole(name: string, permissions?: bigint): string;
  /** The owner deletes a role (GUILD_ROLE_DELETE only): it leaves its holders without a member update. */
  deleteRole(roleId: string): void;
  /** The owner renames a role (GUILD_ROLE_UPDATE): no member gains or loses it. */
  renameRole(roleId: string, name: string): void;
  /** A moderator (`by`, default the owner) gives or takes roles in the app: an audit entry and GUILD_MEMBER_UPDATE with the roles array. */
  changeMemberRoles(userId: string, change: { add?: string[]; remove?: string[] }, by?: string): SimMember;
  /** Roles, nickname or display name changed in the app: GUILD_MEMBER_UPDATE. */
  setMemberProfile(userId: string, changes: { roles?: string[]; nick?: string | null; globalName?: string | null }): SimMember;
  /** A native delete (a moderator in the Discord app): MESSAGE_DELETE. */
  /** A native delete in the Discord app; `by` (a moderator's user id) also writes an audit log entry. */
  deleteMessage(channelId: string, messageId: string, by?: string): void;
  /** A member reacts with a unicode emoji in the app (MESSAGE_REACTION_ADD); false when they already had. */
  react(channelId: string, messageId: string, userId: string, emoji: string): boolean;
  /** The member takes that reaction back (MESSAGE_REACTION_REMOVE); false when there was none. */
  unreact(channelId: string, messageId: string, userId: string, emoji: string): boolean;
  /**
   * A moderator bans someone from the Discord app itself (GUILD_BAN_ADD + an audit log entry); with
   * `deleteMessageSeconds` their recent messages go too (MESSAGE_DELETE_BULK, no audit entry of its own).
   */
  banAsModerator(userId: string, by: string, deleteMessageSeconds?: number): void;
  addMember(input?: { username?: string; globalName?: string; accountCreatedAt?: Date }): SimMember;
  removeMember(userId: string): void;
  messages(channelId: string): SimMessage[];
  message(channelId: string, messageId: string): SimMessage | undefined;
  /** Close every gateway socket with this code (default 4000: resumable) to test RESUME. */
  dropConnections(code?: number): void;
  /** Cuts every gateway and REST connection and refuses new ones until set back (the network is down). */
  setNetworkDown(down: boolean): void;
  /** The next N requests matching method+path regex get this status (429 with retryAfterMs, or 500/403...). */
  injectFailure(match: { method: string; path: RegExp }, failure: { status: number; retryAfterMs?: number; code?: number; times?: number; afterCommit?: boolean }): void;
  readonly requestLog: Array<{ method: string; path: string; status: number; at: number }>;
  readonly stats: { identifies: number; resumes: number; dispatches: number };
  close(): Promise<void>;

  // ---- additions beyond the contract ----
  /** Moderation actions taken through REST, with their X-Audit-Log-Reason. */
  readonly auditLog: readonly AuditEntry[];
  /** Role ids by name, for tests that check role lists. */
  readonly roleIds: { everyone: string; member: string; moderator: string; botRole: string; admin: string };
  /** Whether a member could post right now (present, not banned, not timed out). */
  canPost(userId: string): boolean;
  bannedUserIds(): string[];
  /** Sends op 7 RECONNECT to every client: they reconnect and RESUME. */
  requestReconnect(): void;
  /** Number of open gateway sockets (tests wait for a reconnect with it). */
  readonly connectedClients: number;

  // ---- application commands and interactions ----
  /** The commands the bot registered (PUT /applications/{app}/commands). */
  registeredCommands(): readonly RegisteredCommand[];
  /**
   * A member uses a message context-menu command in the app: INTERACTION_CREATE with a one-time token.
   * `forge` sends what Discord never would (an unregistered command id, a token the callback refuses).
   */
  useMessageCommand(input: { name: string; channelId: string; messageId: string; userId: string; forge?: { commandId?: string; token?: string } }): { id: string; token: string };
  /** The bot's answers to one interaction, in order (Discord accepts one). */
  interactionAnswers(id: string): readonly InteractionAnswer[];

  // ---- direct messages and channel locks ----
  /** Everything in the bot's DM channel with this user (both sides), oldest first. */
  directMessages(userId: string): SimMessage[];
  /** The member writes to the bot in a DM: the gateway dispatches MESSAGE_CREATE without guild_id. */
  memberWritesToBot(userId: string, text: string): SimMessage;
  /** Opens or closes the member's DMs from server members (closed → the bot's DM answers 50007). */
  setDmsOpen(userId: string, open: boolean): void;
  /** Whether @everyone is denied Send Messages in this channel by its permission overwrite. */
  channelLocked(channelId: string): boolean;
}

const DAY = 86_400_000;
/** Discord's GUILD_MEMBERS_CHUNK carries at most this many members. */
const MEMBERS_PER_CHUNK = 1000;
const NEWCOMER_NAMES = [
  'freshstart', 'newbie_nico', 'quietfox', 'lurker_lena', 'pixelnovice', 'moonwalker', 'ivy.rose', 'tomtom',
  'kirill_n', 'mei_mei', 'ana.sofia', 'rashid', 'oskar', 'juniper', 'greenhorn', 'blue_yonder',
];

export async function startDiscordSimulator(options: StartOptions = {}): Promise<DiscordSimulator> {
  const seed = options.seed ?? 7;
  const anchor = options.anchor?.getTime() ?? Math.floor(Date.now() / DAY) * DAY;
  const mint = new SnowflakeMint();
  const community = buildCommunity({ seed, anchor, memberCount: options.memberCount ?? 50 }, mint);
  const token = options.token ?? `${Buffer.from(community.botUser.id).toString('base64url')}.practice.${seedTag(seed)}`;
  const now = () => Date.now();
  const stats = { identifies: 0, resumes: 0, dispatches: 0 };
  const requestLog: RequestLogEntry[] = [];
  const failures: InjectedFailure[] = [];
  const newcomerRng = createRng(seed ^ 0x5eed);
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;

  const gateway = new Gateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    gatewayUrl,
    stats,
    ...(options.memberListWindowMs !== undefined ? { wholeListWindowMs: options.memberListWindowMs } : {}),
    onIdentify: (sessionId, intents, largeThreshold) => ({
      ready: {
        v: 10,
        user: { ...userPayload(community.botUser), verified: true, mfa_enabled: false, flags: 0 },
        guilds: [{ id: guild.guildId, unavailable: true }],
        session_id: sessionId,
        session_type: 'normal',
        resume_gateway_url: gatewayUrl(),
        shard: [0, 1],
        application: { id: community.botUser.id, flags: 0 },
        private_channels: [],
        presences: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        user_settings: {},
        _trace: ['practice-gateway'],
      },
      then: (intents & GatewayIntentBits.Guilds) !== 0 ? [{ t: 'GUILD_CREATE', d: guild.guildCreate(intents, largeThreshold) }] : [],
    }),
    onRequestMembers: (request, intents) => {
      // Like Discord: the whole list (empty query) needs GUILD_MEMBERS; a query or user ids answer at most 100.
      if (request.guild_id !== guild.guildId) return [];
      const wanted = request.user_ids === undefined ? null : new Set(Array.isArray(request.user_ids) ? request.user_ids : [request.user_ids]);
      const query = (request.query ?? '').toLowerCase();
      if (!wanted && query === '' && (intents & GatewayIntentBits.GuildMembers) === 0) return [];
      let found = guild.presentMembers().filter((m) => (wanted ? wanted.has(m.user.id) : [m.user.username, m.nick ?? ''].some((n) => n.toLowerCase().startsWith(query))));
      const cap = wanted || query !== '' ? 100 : Infinity;
      found = found.slice(0, Math.min(request.limit || Infinity, cap));
      const notFound = wanted ? [...wanted].filter((uid) => !found.some((m) => m.user.id === uid)) : [];
      // Discord sends at most 1,000 members per chunk, each chunk numbered; an empty answer is one empty chunk.
      const count = Math.max(1, Math.ceil(found.length / MEMBERS_PER_CHUNK));
      return Array.from({ length: count }, (_, index) => ({
        guild_id: guild.guildId,
        members: found.slice(index * MEMBERS_PER_CHUNK, (index + 1) * MEMBERS_PER_CHUNK).map(memberPayload),
        chunk_index: index,
        chunk_count: count,
        ...(index === 0 && notFound.length ? { not_found: notFound } : {}),
        ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
      }));
    },
  });

  const guild = new PracticeGuild(community, mint, (t, view) => gateway.dispatch(t, view), now);
  seedHistory(guild, createRng(seed ^ 0x4157), anchor);

  const interactions = new PracticeInteractions(guild, community.botUser.id, mint, (t, d) => gateway.dispatch(t, () => d), now);
  const rest = createRestHandler({ guild, token, gatewayUrl, rateLimit: options.rateLimit ?? { limit: 50, windowMs: 1000 }, failures, requestLog, now, interactions });
  // "Network down": every connection is cut before a byte is answered, as when the line drops.
  let networkDown = false;
  const server = createServer((req, res) => {
    if (networkDown) req.socket.destroy();
    else rest(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    if (networkDown) return void socket.destroy();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    if (path === '/gateway') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const byName = community.roles;
  const roleIdByName: Record<SimRoleName, string> = { Member: byName.member.id, Moderator: byName.moderator.id, Admin: byName.admin.id };

  const toSimMember = (m: MemberRecord): SimMember => ({
    userId: m.user.id,
    username: m.user.username,
    globalName: m.user.globalName,
    roles: [...m.roles],
    joinedAt: iso(m.joinedAt),
    accountCreatedAt: iso(m.user.createdAt),
    bot: m.user.bot,
    communicationDisabledUntil: m.communicationDisabledUntil,
    present: m.present,
    banned: m.banned,
    dmsOpen: !guild.dmsClosed.has(m.user.id),
  });
  const canPost = (userId: string): boolean => {
    const m = guild.members.get(userId);
    return !!m && m.present && !m.banned && !guild.isTimedOut(m);
  };

  const sim: DiscordSimulator = {
    apiBase: `http://127.0.0.1:${port}/api`,
    port,
    token,
    guildId: guild.guildId,
    botUserId: community.botUser.id,
    channels: channelIds(guild),
    members: () => {
      const all = [...guild.members.values()];
      return [...all.filter((m) => !m.user.bot), ...all.filter((m) => m.user.bot)].map(toSimMember);
    },
    member: (userId) => {
      const m = guild.members.get(userId);
      return m ? toSimMember(m) : undefined;
    },
    memberIdsByRole: (role) =>
      guild
        .presentMembers()
        .filter((m) => m.roles.includes(roleIdByName[role]))
        .map((m) => m.user.id),
    postMessage: (input) => {
      if (!canPost(input.authorId)) throw new Error(`member ${input.authorId} cannot post now (absent, banned or timed out)`);
      const { message, blockedBy } = guild.createMessage(input);
      return blockedBy ? { ...toSimMessage(message), blockedBy: blockedBy.name } : toSimMessage(message);
    },
    startThread: (parentId, name, ownerId) => guild.startThread(parentId, name, ownerId).id,
    addWebhook: (channelId, name) => guild.addWebhook(channelId, name).id,
    postWebhookMessage: (webhookId, content) => {
      const hook = guild.webhooks.get(webhookId);
      if (!hook) throw new Error(`no webhook ${webhookId}`);
      return toSimMessage(guild.createMessage({ channelId: hook.channelId, authorId: webhookId, content, webhookId }).message);
    },
    postSystemMessage: ({ channelId, authorId, type, content }) => toSimMessage(guild.createMessage({ channelId, authorId, content: content ?? '', system: type }).message),
    editMessage: (channelId, messageId, content) => toSimMessage(guild.editMessage(channelId, messageId, content)),
    addEmbeds: (channelId, messageId, embeds) => toSimMessage(guild.addEmbeds(channelId, messageId, embeds)),
    setLinkPreview: (url, embed) => {
      guild.linkPreviews.set(url, { type: 'link' as APIEmbed['type'], ...embed, url });
    },
    setPreferredLocale: (locale) => guild.setPreferredLocale(locale),
    addVoiceChannel: (name, kind = 'voice') => guild.addVoiceChannel(name, kind).id,
    scheduledEvents: () => [...guild.scheduledEvents.events.values()].map((e) => ({ ...e })),
    forwardMessage: ({ channelId, authorId, from }) => {
      if (!canPost(authorId)) throw new Error(`member ${authorId} cannot post now`);
      const original = guild.liveMessage(from.channelId, from.messageId);
      const snapshot = { ...guild.messageJson(original) };
      const forward = {
        guildId: guild.guildId,
        channelId: from.channelId,
        messageId: from.messageId,
        snapshot: {
          content: snapshot.content,
          embeds: snapshot.embeds,
          attachments: snapshot.attachments,
          timestamp: snapshot.timestamp,
          edited_timestamp: snapshot.edited_timestamp,
          flags: 0,
          mentions: snapshot.mentions,
          mention_roles: snapshot.mention_roles,
          type: snapshot.type,
          components: [],
        },
      };
      return toSimMessage(guild.createMessage({ channelId, authorId, content: '', forward }).message);
    },
    forwardFromElsewhere: ({ channelId, authorId, content, embeds }) => {
      if (!canPost(authorId)) throw new Error(`member ${authorId} cannot post now`);
      const at = now() - 3_600_000;
      const forward = {
        guildId: mint.at(at - 86_400_000),
        channelId: mint.at(at - 3_600_000),
        messageId: mint.at(at),
        snapshot: { content, embeds: embeds ?? [], attachments: [], timestamp: iso(at), edited_timestamp: null, flags: 0, mentions: [], mention_roles: [], type: 0, components: [] },
      };
      return toSimMessage(guild.createMessage({ channelId, authorId, content: '', forward }).message);
    },
    rules: () => [...guild.automodRules.values()],
    addAutoModRule: (input) => guild.addAutoModRule({ creatorId: guild.ownerId, block: input.block ?? true, ...input }),
    grantBotPermissions: (permissions) => {
      const role = guild.roles.get(byName.bot.id);
      if (role) guild.setRolePermissions(role.id, role.permissions | permissions);
    },
    revokeBotPermissions: (permissions) => {
      const role = guild.roles.get(byName.bot.id);
      if (role) guild.setRolePermissions(role.id, role.permissions & ~permissions);
    },
    addRole: (name, permissions) => guild.addRole(name, permissions).id,
    renameRole: (roleId, name) => guild.renameRole(roleId, name),
    deleteRole: (roleId) => guild.deleteRole(roleId),
    changeMemberRoles: (userId, change, by) => {
      const now = guild.presentMember(userId).roles;
      const next = [...now.filter((r) => !change.remove?.includes(r)), ...(change.add ?? [])];
      return toSimMember(guild.changeMemberRoles(userId, next, by ?? guild.ownerId, null));
    },
    setMemberProfile: (userId, changes) => toSimMember(guild.setMemberProfile(userId, changes)),
    deleteMessage: (channelId, messageId, by) => guild.deleteMessage(channelId, messageId, by ?? null, null),
    react: (channelId, messageId, userId, emoji) => guild.react(channelId, messageId, userId, emoji),
    unreact: (channelId, messageId, userId, emoji) => guild.unreact(channelId, messageId, userId, emoji),
    banAsModerator: (userId, by, deleteMessageSeconds = 0) => guild.ban(userId, deleteMessageSeconds, by, null),
    addMember: (input = {}) => {
      const username = input.username ?? uniqueNewcomerName(guild, newcomerRng.pick(NEWCOMER_NAMES));
      const createdAt = input.accountCreatedAt?.getTime() ?? now() - newcomerRng.int(3, 120) * 60_000;
      return toSimMember(guild.addMember({ username, globalName: input.globalName ?? null, accountCreatedAt: createdAt }));
    },
    removeMember: (userId) => guild.removeMember(userId),
    messages: (channelId) => guild.messages(channelId).map(toSimMessage),
    message: (channelId, messageId) => {
      const m = guild.findMessage(channelId, messageId);
      return m ? toSimMessage(m) : undefined;
    },
    registeredCommands: () => interactions.registered(),
    useMessageCommand: (input) => interactions.useMessageCommand(input),
    interactionAnswers: (id) => interactions.answers(id),
    dropConnections: (code = 4000) => gateway.dropConnections(code),
    setNetworkDown: (down) => {
      networkDown = down;
      if (down) gateway.dropConnections(4000);
    },
    injectFailure: (match, failure) => {
      failures.push({
        method: match.method,
        path: match.path,
        status: failure.status,
        times: failure.times ?? 1,
        ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
        ...(failure.code !== undefined ? { code: failure.code } : {}),
        ...(failure.afterCommit ? { afterCommit: true } : {}),
      });
    },
    requestLog,
    stats,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    auditLog: guild.auditLog,
    roleIds: { everyone: byName.everyone.id, member: byName.member.id, moderator: byName.moderator.id, botRole: byName.bot.id, admin: byName.admin.id },
    canPost,
    bannedUserIds: () => [...guild.bans.keys()],
    requestReconnect: () => gateway.requestReconnect(),
    get connectedClients() {
      return gateway.connectedCount;
    },
    directMessages: (userId) => {
      const dm = guild.dmWith(userId);
      return dm ? guild.messages(dm.id).map(toSimMessage) : [];
    },
    memberWritesToBot: (userId, text) => {
      if (!guild.members.get(userId)?.present) throw new Error(`member ${userId} shares no guild with the bot`);
      const dm = guild.openDm(userId);
      return toSimMessage(guild.createMessage({ channelId: dm.id, authorId: userId, content: text }).message);
    },
    setDmsOpen: (userId, open) => {
      if (open) guild.dmsClosed.delete(userId);
      else guild.dmsClosed.add(userId);
    },
    channelLocked: (channelId) => {
      const everyone = guild.channel(channelId).overwrites.find((o) => o.id === guild.guildId);
      return !!everyone && (everyone.deny & PermissionFlagsBits.SendMessages) !== 0n;
    },
  };
  return sim;
}

function toSimMessage(m: MessageRecord): SimMessage {
  return {
    id: m.id,
    channelId: m.channelId,
    authorId: m.authorId,
    content: m.content,
    timestamp: iso(m.timestamp),
    editedTimestamp: m.editedTimestamp === null ? null : iso(m.editedTimestamp),
    deleted: m.deleted,
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...(m.replyTo !== undefined ? { replyTo: m.replyTo } : {}),
    ...(m.embeds ? { embeds: m.embeds } : {}),
    ...(m.pinned ? { pinned: true } : {}),
    ...(m.poll ? { poll: { ...m.poll, answers: [...m.poll.answers] } } : {}),
    ...(m.forward ? { forwardOf: { guildId: m.forward.guildId, channelId: m.forward.channelId, messageId: m.forward.messageId } } : {}),
  };
}

function channelIds(guild: PracticeGuild): DiscordSimulator['channels'] {
  const find = (key: string) => {
    const c = [...guild.channels.values()].find((ch) => ch.key === key);
    if (!c) throw new Error(`practice guild lacks #${key}`);
    return c.id;
  };
  return { general: find('general'), help: find('help'), announcements: find('announcements'), modLog: find('modLog') };
}

function seedTag(seed: number): string {
  const rng = createRng(seed ^ 0x70c3);
  let tag = '';
  for (let i = 0; i < 27; i++) tag += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[rng.int(0, 61)];
  return tag;
}

function uniqueNewcomerName(guild: PracticeGuild, base: string): string {
  const taken = new Set([...guild.users.values()].map((u) => u.username));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** A little backlog so history fetches and catch-up have something to read on first connect. */
function seedHistory(guild: PracticeGuild, rng: ReturnType<typeof createRng>, anchor: number): void {
  const channels = channelIds(guild);
  const regulars = guild.presentMembers().filter((m) => !m.user.bot && m.roles.length > 0);
  const staff = regulars.filter((m) => m.roles.length > 1);
  const lines: Array<[keyof DiscordSimulator['channels'], string]> = [
    ['general', 'gm everyone ☀️'],
    ['general', 'anyone up for ranked tonight? need a 5th'],
    ['general', 'patch notes dropped, they finally nerfed the sniper lol'],
    ['general', '早上好！今天有人玩吗？'],
    ['general', 'gas fees are wild today, waiting till the weekend to bridge'],
    ['help', 'how do I get the Member role? I verified yesterday'],
    ['help', 'react with ✅ in #general pinned message, then wait a few minutes'],
    ['general', 'Привет всем, я из Казани 👋'],
  ];
  let at = anchor - 90 * 60_000;
  for (const [key, content] of lines) {
    at += rng.int(2, 9) * 60_000;
    const author = key === 'help' && content.startsWith('react') ? rng.pick(staff) : rng.pick(regulars);
    guild.createMessage({ channelId: channels[key], authorId: author.user.id, content, timestamp: at, silent: true });
  }
  guild.createMessage({
    channelId: channels.announcements,
    authorId: (staff[0] ?? regulars[0])?.user.id ?? guild.botUser.id,
    content: '📣 Season 4 tournament sign-ups are open! Reminder: staff will NEVER DM you about prizes or wallets.',
    timestamp: anchor - 26 * 3_600_000,
    silent: true,
  });
}
