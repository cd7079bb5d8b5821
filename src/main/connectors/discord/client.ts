// The Discord connector: one discord.js client per source. This file is its life cycle and the
// gateway events it turns into normalized ones (AutoMod catches folded into one event); the rest is
// in login.ts (client, READY), catchup.ts (REST from cursors), capabilities.ts (intents, staff),
// normalize.ts and execute.ts. The token lives only in this object and discord.js.
import { AuditLogEvent, ChannelType, Client, Events, MessageType, PermissionFlagsBits, Routes } from 'discord.js';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import type { AutoModerationActionExecution, Guild, GuildMember, Message, MessageReaction, PartialGuildMember, PartialMessage, PartialMessageReaction, PartialUser, User } from 'discord.js';
import type { ActionIntent } from '@shared/domain/actions';
import { eventId, maxId } from '@shared/domain/ids';
import type { Author, ChannelInfo, Moderation, SourceInfo, SpaceInfo } from '@shared/domain/model';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import { z } from 'zod';
import { logger } from '../../util/log';
import type { ConfirmedAction, Connector, RawEvent, Reconciled, StaffList } from '../../core/connector';
import { ConnectorBase, admissibleOnly } from '../base';
import { toFailure } from './errors';
import { executeOnDiscord, reconcileOnDiscord } from './execute';
import { handleReportInteraction, registerReportCommand } from './reports';
import {
  AUTOMOD_RESPONSE,
  directMessageRef,
  forwardOrigin,
  isForward,
  isMemberMessage,
  normalizeAuthor,
  normalizeAutoModAlert,
  normalizeAutoModExecution,
  normalizeDelete,
  normalizeEdit,
  normalizeMemberChange,
  normalizeMessage,
  normalizeReaction,
  normalizeRename,
  normalizeRoleChange,
  textDigest,
} from './normalize';
import type { ChannelRef, MessageLike } from './normalize';
import { catchUpFrom, contextAround, joinsKey } from './catchup';
import type { DiscordLink } from './catchup';
import { languageOfLocale } from '@shared/announce/languages';
import { staffChanged, staffOf } from './capabilities';
import { DISCORD_API, MAX_CACHED_MEMBERS, createDiscordClient, readyWithin } from './login';
import { KnownRoles, ROLES_GUILD_CAP, ROLES_PER_MEMBER, rolesKey } from './roles';
import type { DiscordSourceConfig } from './login';

export { DISCORD_API } from './login';
export type { DiscordSourceConfig } from './login';
export { joinsKey } from './catchup';
export { requiredIntents } from './capabilities';

/** How many times a member list that did not come is asked for again. */
const MEMBER_LIST_TRIES = 4;
/** discord.js's error for an op 8 that Discord answered RATE_LIMITED (from @discordjs/util, not re-exported). */
const GatewayRateLimitSchema = z.object({ name: z.literal('GatewayRateLimitError'), data: z.object({ retry_after: z.number().nonnegative() }) });

/** AutoMod reports one catch as several executions (block, alert, timeout) and an alert message. */
const AUTOMOD_SAME_CATCH_MS = 30_000;

/** One AutoMod catch as its reports arrive: the key of its one event, and what AutoMod did so far. */
interface AutoModCatch {
  key: string;
  at: number;
  responses: Set<NonNullable<Moderation['response']>>;
}

/** What a catch's event says AutoMod did: the strongest response known when it is sent. */
function strongest(responses: ReadonlySet<NonNullable<Moderation['response']>>): Moderation['response'] {
  return responses.has('timeout') ? 'timeout' : responses.has('block') ? 'block' : 'alert';
}


const log = logger('discord');

/** Audit log entries the console reports as "handled in Discord by …". */
const nativeActions = new Map<AuditLogEvent, Moderation['action']>([
  [AuditLogEvent.MessageDelete, 'delete'],
  [AuditLogEvent.MessageBulkDelete, 'delete'],
  [AuditLogEvent.MemberKick, 'kick'],
  [AuditLogEvent.MemberBanAdd, 'ban'],
  [AuditLogEvent.MemberBanRemove, 'unban'],
  [AuditLogEvent.MemberUpdate, 'timeout'],
]);

export class DiscordConnector extends ConnectorBase implements Connector {
  readonly sourceId: string;
  private client: Client | undefined;
  /** Newest message id seen per channel, to catch up after a non-resumable reconnect. */
  private readonly seen = new Map<string, string>();
  /** Ids of the report command as Discord registered it: an interaction for any other command is refused. */
  private reportCommandIds: ReadonlySet<string> = new Set();
  /**
   * Per guild, the newest join time seen (or when watching began): members who joined later are
   * fetched on catch-up, so a raid while nobody listened reaches triage as joins, as it would live.
   */
  private readonly joinsSeen = new Map<string, number>();
  private readyOnce = false;
  private retryDelayMs = 2000;
  /** Staff of each guild, built when triage first asks and dropped when roles or names change. */
  private readonly staffByGuild = new Map<string, StaffList>();
  /** Recent AutoMod catches (member + content) → the key of the one event that reports them. */
  private readonly automodCatches = new Map<string, AutoModCatch>();
  /** The roles each member of a small guild was last seen with (roles.ts), kept in `config.rolesFile`. */
  private readonly knownRoles: KnownRoles;

  constructor(private readonly config: DiscordSourceConfig) {
    super();
    this.sourceId = config.id;
    this.knownRoles = new KnownRoles(config.rolesFile);
  }

  info(): SourceInfo {
    const client = this.client;
    const spaces: SpaceInfo[] = client?.isReady() ? [...client.guilds.cache.values()].map((g) => spaceOf(g)) : [];
    const info = this.withState({
      id: this.config.id,
      platform: 'discord',
      label: this.config.label,
      practice: this.config.practice,
      apiBase: this.config.apiBase ?? DISCORD_API,
      spaces,
    });
    if (client?.user) info.self = { id: client.user.id, name: client.user.username };
    return info;
  }

  async start(): Promise<Result<SourceInfo>> {
    this.stopped = false;
    this.setState('connecting');
    const client = createDiscordClient(this.config);
    this.client = client;
    this.wire(client);
    const ready = readyWithin(client, this.config.readyTimeoutMs ?? 20_000);
    try {
      await this.knownRoles.load();
      await client.login(this.config.token);
      await ready;
      await this.registerCommands(client);
      this.watchJoins(client);
      this.readyOnce = true;
      this.retryDelayMs = 2000;
      this.loadMembers(client);
      this.setState('ready');
      return ok(this.info());
    } catch (error) {
      ready.catch(() => undefined);
      const failure = toFailure(error);
      await client.destroy().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      if (failure.ok) return failure;
      if (failure.error.code === 'token_invalid') {
        this.setState('token_invalid', 'Discord rejected the bot token. Update it in Settings → Connections.');
      } else {
        this.setState('error', failure.error.message);
        this.scheduleRetry(() => this.nextRetryDelay());
      }
      return failure;
    }
  }

  /** The report command members use on a message; without it (refused, offline) reports come by no other way. */
  private async registerCommands(client: Client) {
    if (!client.isReady()) return;
    try {
      this.reportCommandIds = await registerReportCommand(client);
    } catch (error) {
      log.warn(`the "report to moderators" command could not be registered: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A failed start waits twice as long each time (2 s up to a minute); a ready start resets it. */
  private nextRetryDelay(): number {
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 60_000);
    return delay;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry();
    const client = this.client;
    this.client = undefined;
    await client?.destroy();
    await this.knownRoles.flush(true).catch((error: unknown) => log.warn('the known Discord roles could not be written', error));
    this.setState('disconnected');
  }

  /** Guilds start being watched for joins from now (a renderer without a position gets backfill, not old joins). */
  private watchJoins(client: Client) {
    const now = Date.now();
    for (const guild of client.guilds.cache.values()) if (!this.joinsSeen.has(guild.id)) this.joinsSeen.set(guild.id, now);
  }

  private noteJoin(guildId: string, ts: number) {
    if (ts > (this.joinsSeen.get(guildId) ?? 0)) this.joinsSeen.set(guildId, ts);
  }

  /**
   * Where this connector stands beyond message ids: per guild, the newest join it has passed on, and
   * the last role change told where roles are kept (a renderer stores it once it has them all).
   */
  positions(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [guildId, ts] of this.joinsSeen) out[joinsKey(guildId)] = String(ts);
    for (const guild of this.client?.guilds.cache.values() ?? []) if (keepsRoles(guild)) out[rolesKey(guild.id)] = String(this.knownRoles.toldUpTo(guild.id));
    return out;
  }

  private emit(event: RawEvent) {
    if (event.kind === 'message' && event.messageId) {
      this.seen.set(event.channelId, maxId(this.seen.get(event.channelId), event.messageId));
    }
    if (event.kind === 'join') {
      this.noteJoin(event.spaceId, event.ts);
      // The position this join moves travels with it (stored with the event), as Telegram's pts do.
      event = { ...event, cursor: { ...event.cursor, at: { ...event.cursor?.at, [joinsKey(event.spaceId)]: String(this.joinsSeen.get(event.spaceId)) } } };
    }
    this.publish(event);
  }

  private refOf(message: Message | PartialMessage): ChannelRef | undefined {
    // A DM (no guild): the member wrote to the bot, or the bot's own answer there.
    if (!message.guildId) return directMessageRef(this.sourceId, message.channelId);
    const guild = message.guild ?? this.client?.guilds.cache.get(message.guildId);
    const channel = message.channel as { name?: string } | null;
    const ref: ChannelRef = { sourceId: this.sourceId, guildId: message.guildId, channelId: message.channelId };
    if (guild?.name) ref.guildName = guild.name;
    if (channel && typeof channel.name === 'string') ref.channelName = channel.name;
    return ref;
  }

  private wire(client: Client) {
    client.on(Events.MessageCreate, (message) => {
      const ref = this.refOf(message);
      if (!ref) return;
      if (message.type === MessageType.AutoModerationAction) {
        this.emit(this.autoModAlert(ref, message));
        return;
      }
      if (!isMemberMessage(message)) {
        log.debug(`skipped a system message of type ${message.type} in ${ref.channelId}`);
        return;
      }
      if (isForward(message as MessageLike)) {
        void this.forwardedFrom(message).then((origin) => this.emit(normalizeMessage(ref, message as MessageLike, origin)));
        return;
      }
      this.emit(normalizeMessage(ref, message as MessageLike));
    });
    client.on(Events.MessageUpdate, (_old, message) => {
      const ref = this.refOf(message);
      if (!ref || message.type === MessageType.AutoModerationAction) return;
      if (message.type !== null && !isMemberMessage(message)) return;
      // An update without its content (an uncached message, an embed-only update): read the message
      // as Discord has it now, so what arrived later (a link, its preview) is triaged.
      if (message.partial || message.content === null) {
        void message
          .fetch()
          .then((full) => this.emit(normalizeEdit(ref, full as MessageLike, Date.now())))
          .catch((error: unknown) => log.debug(`edited message ${message.id} unreadable: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
      this.emit(normalizeEdit(ref, message as MessageLike, Date.now()));
    });
    client.on(Events.AutoModerationActionExecution, (execution) => this.onAutoModExecution(execution));
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return;
      void handleReportInteraction(this.sourceId, interaction, this.reportCommandIds).then(
        (outcome) => {
          if (outcome.ok) outcome.events.forEach((e) => this.emit(e));
          else log.warn(`refused an interaction (${outcome.why})`);
        },
        (error: unknown) => log.warn('a report interaction failed', error),
      );
    });
    client.on(Events.GuildMemberUpdate, (old, member) => {
      if (this.staffByGuild.get(member.guild.id)?.ids.includes(member.id) || staffChanged(old, member)) this.staffByGuild.delete(member.guild.id);
      this.onMemberRoles(member, old.partial ? undefined : roleIdsOf(old));
      if (old.partial || shownNames(old) === shownNames(member)) return;
      this.emit(normalizeRename({ sourceId: this.sourceId, guildId: member.guild.id, guildName: member.guild.name }, member.user, member, Date.now()));
    });
    // A new username or display name comes as a user update (the member update carries only the nickname).
    client.on(Events.UserUpdate, (old, user) => {
      if (old.partial || (old.username === user.username && old.globalName === user.globalName)) return;
      for (const guild of client.guilds.cache.values()) {
        const member = guild.members.cache.get(user.id);
        if (!member) continue;
        if (this.staffByGuild.get(guild.id)?.ids.includes(user.id)) this.staffByGuild.delete(guild.id);
        this.emit(normalizeRename({ sourceId: this.sourceId, guildId: guild.id, guildName: guild.name }, user, member, Date.now()));
      }
    });
    // A role's permissions or name decide who is staff.
    client.on(Events.GuildRoleCreate, (role) => this.staffByGuild.delete(role.guild.id));
    client.on(Events.GuildRoleUpdate, (_old, role) => {
      this.staffByGuild.delete(role.guild.id);
      this.infoChanged();
    });
    client.on(Events.GuildRoleCreate, () => this.infoChanged());
    client.on(Events.GuildRoleDelete, (role) => {
      this.staffByGuild.delete(role.guild.id);
      this.knownRoles.dropRoles(role.guild.id, (id) => id !== role.id);
    });
    client.on(Events.GuildCreate, (guild) => this.staffByGuild.delete(guild.id));
    // A guild back after a fresh READY (or an outage) comes with the bot alone: discord.js dropped its
    // other members, so renames and staff would go unseen. Ask for the list again.
    client.on(Events.GuildAvailable, (guild) => {
      if (!this.readyOnce) return;
      this.staffByGuild.delete(guild.id);
      this.loadMembersOf(client, guild);
    });
    // The bot left or was removed (an outage is GuildUnavailable instead): its members' roles are not kept.
    client.on(Events.GuildDelete, (guild) => this.knownRoles.forgetGuild(guild.id));
    // The server's name or primary language changed: the spaces the renderer lists change with it.
    client.on(Events.GuildUpdate, () => this.infoChanged());
    // A channel added or removed (a new voice channel for events): the space's channel list changes.
    client.on(Events.ChannelCreate, () => this.infoChanged());
    client.on(Events.ChannelDelete, () => this.infoChanged());
    // Reactions in guilds (votes on the feedback board); the message may be uncached (a partial with its ids).
    const onReaction = (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, removed: boolean) => {
      if (!reaction.message.guildId) return;
      const ref = this.refOf(reaction.message);
      if (ref) this.emit(normalizeReaction(ref, reaction.message.id, user, reaction.emoji, removed, Date.now()));
    };
    client.on(Events.MessageReactionAdd, (reaction, user) => onReaction(reaction, user, false));
    client.on(Events.MessageReactionRemove, (reaction, user) => onReaction(reaction, user, true));
    client.on(Events.MessageDelete, (message) => {
      const ref = this.refOf(message);
      if (ref) this.emit(normalizeDelete(ref, message.id, Date.now()));
    });
    client.on(Events.MessageBulkDelete, (messages) => {
      for (const message of messages.values()) {
        const ref = this.refOf(message);
        if (ref) this.emit(normalizeDelete(ref, message.id, Date.now()));
      }
    });
    client.on(Events.GuildMemberAdd, (member) => {
      if (keepsRoles(member.guild)) this.knownRoles.joined(member.guild.id, member.id, roleIdsOf(member));
      this.emit(normalizeMemberChange('join', { sourceId: this.sourceId, guildId: member.guild.id, guildName: member.guild.name }, member.user, member, Date.now()));
    });
    client.on(Events.GuildMemberRemove, (member) => {
      if (this.staffByGuild.get(member.guild.id)?.ids.includes(member.id)) this.staffByGuild.delete(member.guild.id);
      this.knownRoles.left(member.guild.id, member.id);
      const user = member.user;
      if (!user) return;
      this.emit(normalizeMemberChange('leave', { sourceId: this.sourceId, guildId: member.guild.id, guildName: member.guild.name }, user, null, Date.now()));
    });
    client.on(Events.GuildAuditLogEntryCreate, (entry, guild) => {
      // A moderator acting in the Discord app itself: the console shows who handled what.
      const action = nativeActions.get(entry.action);
      const executorId = entry.executorId;
      if (!action || !executorId || executorId === client.user?.id) return;
      // A member update is a timeout only when it sets communication_disabled_until (not a nickname).
      if (entry.action === AuditLogEvent.MemberUpdate && !entry.changes.some((c) => c.key === 'communication_disabled_until' && c.new)) return;
      const extra = entry.extra as { channel?: { id: string }; id?: string } | null;
      const channelId = extra?.channel?.id ?? (action === 'delete' && extra?.id ? extra.id : 'members');
      void this.nativeActionBy(guild, executorId, entry.executor).then(({ name, displayName }) => this.emit({
        sourceId: this.sourceId,
        platform: 'discord',
        id: eventId('discord', guild.id, channelId, `audit-${entry.id}`),
        kind: 'modAction',
        spaceId: guild.id,
        spaceName: guild.name,
        channelId,
        ts: entry.createdTimestamp,
        author: { id: executorId, name, bot: false, ...(displayName && displayName !== name ? { displayName } : {}) },
        moderation: { action, ...(entry.targetId ? { targetId: entry.targetId } : {}) },
      }));
    });
    client.on(Events.ShardDisconnect, (event) => {
      if (this.stopped) return;
      if (event.code === 4004) this.setState('token_invalid', 'Discord rejected the bot token. Update it in Settings → Connections.');
      else this.setState('disconnected', `Gateway closed (${event.code}).`);
    });
    client.on(Events.ShardReconnecting, () => {
      if (!this.stopped) this.setState('resuming');
    });
    client.on(Events.ShardResume, () => this.setState('ready'));
    client.on(Events.ShardReady, () => {
      // A fresh IDENTIFY after the first means the gateway did not replay what we missed: fetch it.
      if (!this.readyOnce) return;
      this.setState('ready');
      // Role changes it finds reach the open renderers as they are told (link().roles.reconcile).
      void this.catchUp({ ...Object.fromEntries(this.seen), ...this.positions() }, 0)
        .then((events) => events.filter((e) => e.kind !== 'roles').forEach((e) => this.emit(e)))
        .catch((error: unknown) => log.warn('catch-up after re-identify failed', error));
    });
    client.on(Events.Error, (error) => log.warn('client error', error));
    client.on(Events.Invalidated, () => this.setState('error', 'Discord invalidated the session.'));
  }

  /**
   * The staff of a guild (moderation permissions or a staff role, the bot itself), for triage's
   * impersonation check. The same list object is returned until roles, members or names change.
   */
  staff(spaceId: string): StaffList | undefined {
    const known = this.staffByGuild.get(spaceId);
    if (known) return known;
    const client = this.client;
    const guild = client?.guilds.cache.get(spaceId);
    if (!client || !guild) return undefined;
    const list = staffOf(guild, client.user?.id);
    this.staffByGuild.set(spaceId, list);
    return list;
  }

  /**
   * Who holds which reaction on a message, read from the REST API (the message's reactions, then the
   * members per emoji, 100 a page): what a reaction added or taken back while the console was closed
   * left. Raw REST, not discord.js's cache, which keeps reactions a later fetch no longer lists.
   */
  async reactionHolders(channelId: string, messageId: string): Promise<Result<Record<string, string[]>>> {
    const client = this.client;
    if (!client) return fail('offline', 'Discord is not connected');
    try {
      const message = (await client.rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
      const holders: Record<string, string[]> = {};
      for (const reaction of message.reactions ?? []) {
        const shown = reaction.emoji.name ?? reaction.emoji.id ?? '?';
        // How Discord names an emoji in a route: a custom one as name:id, a unicode one itself.
        const route = reaction.emoji.id ? `${reaction.emoji.name ?? '_'}:${reaction.emoji.id}` : encodeURIComponent(shown);
        let after: string | undefined;
        for (;;) {
          const query = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
          const users = (await client.rest.get(Routes.channelMessageReaction(channelId, messageId, route), { query })) as APIUser[];
          for (const user of users) if (!user.bot) (holders[user.id] ??= []).push(shown);
          if (users.length < 100) break;
          after = users[users.length - 1]!.id;
        }
      }
      return ok(holders);
    } catch (error) {
      return toFailure(error);
    }
  }

  /**
   * Guilds arrive without their member list (Discord sends it only with the presence intent, and never
   * for a large guild): ask for it over the gateway (op 8, 1,000 members a chunk), so staff, renames and
   * roles are known. A guild over MAX_CACHED_MEMBERS is not cached whole (memory); its members come as
   * they act. A small guild's members not known yet (a first start, joins while closed) are kept with the
   * roles they have now.
   */
  private loadMembers(client: Client): void {
    for (const guild of client.guilds.cache.values()) this.loadMembersOf(client, guild);
  }

  private loadMembersOf(client: Client, guild: Guild, attempt = 0): void {
    if (this.client !== client || this.stopped) return;
    if (guild.members.cache.size >= guild.memberCount || guild.memberCount > (this.config.maxCachedMembers ?? MAX_CACHED_MEMBERS)) {
      this.baselineRoles(guild);
      return;
    }
    void guild.members
      .fetch()
      .then(() => {
        this.staffByGuild.delete(guild.id);
        this.baselineRoles(guild);
      })
      .catch((error: unknown) => {
        // Discord refuses a second whole-list request within its window (RATE_LIMITED, retry_after):
        // wait that long; another failure (no answer in time) waits longer each time, a few times.
        const limited = GatewayRateLimitSchema.safeParse(error);
        if (!limited.success && attempt >= MEMBER_LIST_TRIES) {
          log.warn(`members of ${guild.id} not loaded: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        const waitMs = limited.success ? Math.ceil(limited.data.data.retry_after * 1000) : Math.min(60_000, 5_000 * 2 ** attempt);
        log.debug(`members of ${guild.id} asked again in ${waitMs} ms`);
        setTimeout(() => this.loadMembersOf(client, guild, limited.success ? attempt : attempt + 1), waitMs).unref();
      });
  }

  private baselineRoles(guild: Guild): void {
    if (!keepsRoles(guild)) {
      this.knownRoles.forgetGuild(guild.id);
      return;
    }
    for (const member of guild.members.cache.values()) if (!member.partial) this.knownRoles.baseline(guild.id, member.id, roleIdsOf(member));
  }

  /**
   * A member update: a `roles` event when their roles differ from those last known (or, where none are
   * kept, from discord.js's old member when it was cached). A member first seen here tells nothing: an
   * uncached old member is a partial without roles, and a change guessed from it would be false.
   */
  private onMemberRoles(member: GuildMember, seenBefore: string[] | undefined): void {
    const guild = member.guild;
    // A role deleted while the gateway was away (a fresh READY sends no role deletions) is nobody's loss.
    if (this.knownRoles.rolesOf(guild.id, member.id)?.some((id) => !guild.roles.cache.has(id))) this.knownRoles.dropRoles(guild.id, (id) => guild.roles.cache.has(id));
    const change = this.knownRoles.update(guild.id, member.id, roleIdsOf(member), seenBefore, keepsRoles(guild));
    if (!change) return;
    const event = this.roleEvent(guild, member, change, Date.now());
    // Kept (where roles are kept) for renderers that are not open now: their next catch-up brings it.
    this.emit(change.n !== undefined ? this.knownRoles.tell(guild.id, event) : event);
  }

  /**
   * When roles found changed on a catch-up were changed: the newest role update of each member in the
   * audit log (View Audit Log; the last 100) after the last run knew the roles. Without it, or for a
   * change it does not list, the change is told at the time it was noticed.
   */
  private async whenRolesChanged(guild: Guild, members: ReadonlySet<string>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const since = this.knownRoles.knownUntil;
    if (since === undefined || !guild.members.me?.permissions.has(PermissionFlagsBits.ViewAuditLog)) return out;
    try {
      const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberRoleUpdate, limit: 100 });
      for (const entry of logs.entries.values()) {
        const target = entry.targetId;
        if (!target || !members.has(target) || entry.createdTimestamp <= since) continue;
        out.set(target, Math.max(out.get(target) ?? 0, entry.createdTimestamp));
      }
    } catch (error) {
      log.debug(`role updates of ${guild.id} not read from the audit log: ${error instanceof Error ? error.message : String(error)}`);
    }
    return out;
  }

  private roleEvent(guild: Guild, member: GuildMember, change: { before: readonly string[]; after: readonly string[]; n: number | undefined }, now: number): RawEvent {
    const space = { sourceId: this.sourceId, guildId: guild.id, guildName: guild.name };
    return normalizeRoleChange(space, member.user, member, change, (id) => guild.roles.cache.get(id)?.name, now);
  }

  /** Whose message a forward copies: the original's author when this bot saw or can read it. */
  /**
   * Who acted in the Discord app: the audit entry names only an id, and on a real server the member may not be
   * cached (Discord sends a large server's members only on request). Asked for once when unknown; the id
   * only if Discord will not say.
   */
  private async nativeActionBy(guild: Guild, executorId: string, executor: User | PartialUser | null): Promise<{ name: string; displayName: string | undefined }> {
    const known = executor?.username ? executor : undefined;
    const member = guild.members.cache.get(executorId) ?? (known ? undefined : await guild.members.fetch(executorId).catch(() => undefined));
    const user = member?.user ?? known ?? (await guild.client.users.fetch(executorId).catch(() => undefined));
    return { name: user?.username ?? executorId, displayName: member?.displayName ?? user?.globalName ?? undefined };
  }

  private async forwardedFrom(message: Message): Promise<string | undefined> {
    const ref = message.reference;
    const channel = ref?.channelId ? this.client?.channels.cache.get(ref.channelId) : undefined;
    const channelName = channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
    if (!message.messageSnapshots.first()?.author && ref?.messageId && channel?.isTextBased()) {
      try {
        const original = await channel.messages.fetch(ref.messageId);
        const author = original.member?.displayName ?? original.author.globalName ?? original.author.username;
        return channelName ? `${author} (#${channelName})` : author;
      } catch {
        // Gone, or not ours to read: say where it was.
      }
    }
    return forwardOrigin(message as MessageLike, channelName);
  }

  /**
   * One AutoMod catch → one event: AutoMod reports a catch once per action (block, alert, timeout) and
   * posts an alert message; all within moments, with the member and the content in common. The first
   * report names the event (the pipeline drops the rest as repeats); each registers what AutoMod did.
   */
  private automodCatch(userId: string, content: string, proposed: string, response: NonNullable<Moderation['response']>): AutoModCatch {
    const now = Date.now();
    for (const [k, v] of this.automodCatches) if (now - v.at > AUTOMOD_SAME_CATCH_MS) this.automodCatches.delete(k);
    const catchKey = `${userId}\u0000${textDigest(content)}`;
    let known = this.automodCatches.get(catchKey);
    if (!known) this.automodCatches.set(catchKey, (known = { key: proposed, at: now, responses: new Set() }));
    known.responses.add(response);
    return known;
  }

  private autoModAlert(ref: ChannelRef, message: Message): RawEvent {
    const content = message.embeds[0]?.description ?? message.content;
    const caught = this.automodCatch(message.author.id, content, `alert-${message.id}`, 'alert');
    const event = normalizeAutoModAlert(ref, message as MessageLike, caught.key, (id) => channelNameOf(message.guild, id));
    if (event.moderation) event.moderation.response = strongest(caught.responses);
    return event;
  }

  private onAutoModExecution(x: AutoModerationActionExecution): void {
    // Registered at once, in gateway order: an alert message right behind it joins this catch.
    const proposed = x.alertSystemMessageId ? `alert-${x.alertSystemMessageId}` : `${x.ruleId}-${Date.now()}`;
    const caught = this.automodCatch(x.userId, x.content, proposed, AUTOMOD_RESPONSE[x.action.type] ?? 'block');
    void this.autoModExecution(x, caught).catch((error: unknown) => log.warn('AutoMod execution unreadable', error));
  }

  private async autoModExecution(x: AutoModerationActionExecution, caught: AutoModCatch): Promise<void> {
    const guild = x.guild;
    const member = guild.members.cache.get(x.userId) ?? (await guild.members.fetch(x.userId).catch(() => undefined));
    const author: Author = member ? normalizeAuthor(member.user, member) : { id: x.userId, name: x.userId, bot: false };
    if (author.roles) author.roles = author.roles.filter((r) => r !== guild.id);
    const channelName = x.channelId ? channelNameOf(guild, x.channelId) : undefined;
    // Rules reach the cache only when fetched (Manage Server, which the execution event needs anyway).
    const rule = (x.autoModerationRule ?? (await guild.autoModerationRules.fetch(x.ruleId).catch(() => undefined)))?.name;
    const event = normalizeAutoModExecution(
      this.sourceId,
      {
        guildId: guild.id,
        guildName: guild.name,
        ruleId: x.ruleId,
        ...(rule ? { ruleName: rule } : {}),
        actionType: x.action.type,
        userId: x.userId,
        channelId: x.channelId,
        ...(channelName ? { channelName } : {}),
        content: x.content,
        matchedKeyword: x.matchedKeyword,
        matchedContent: x.matchedContent,
      },
      author,
      caught.key,
      Date.now(),
    );
    if (event.moderation) event.moderation.response = strongest(caught.responses);
    this.emit(event);
  }

  /**
   * What a renderer with these positions lacks: messages, DMs and joins read back from Discord, and the
   * role changes kept here after its `roles:<guild>` position (told live while it was closed, or found
   * by this or another renderer's catch-up). A renderer without that position gets the changes found now.
   */
  async catchUp(positions: Record<string, string>, backfill: number): Promise<RawEvent[]> {
    const guilds = [...(this.client?.guilds.cache.values() ?? [])].filter((g) => keepsRoles(g));
    const toldBefore = new Map(guilds.map((g) => [g.id, this.knownRoles.toldUpTo(g.id)]));
    const events = await catchUpFrom(this.link(), positions, backfill);
    for (const guild of guilds) {
      const before = toldBefore.get(guild.id) ?? 0;
      const held = positions[rolesKey(guild.id)];
      // A position past the last number: the numbering started again (the roles file was lost).
      const after = held !== undefined && /^\d+$/.test(held) && Number(held) <= this.knownRoles.toldUpTo(guild.id) ? Number(held) : before;
      events.push(...this.knownRoles.toldAfter(guild.id, after));
    }
    return admissibleOnly(events.sort((a, b) => a.ts - b.ts));
  }

  async context(channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
    const around = await contextAround(this.link(), channelId, messageId, limit);
    return around.ok ? { ok: true, value: admissibleOnly(around.value) } : around;
  }

  private link(): DiscordLink {
    return {
      client: this.client,
      sourceId: this.sourceId,
      seen: this.seen,
      noteJoin: (guildId, ts) => this.noteJoin(guildId, ts),
      roles: {
        wanted: (guild) => keepsRoles(guild) && this.knownRoles.knows(guild.id),
        reconcile: async (guild, listed) => {
          // Roles deleted while the console was closed left their holders without a loss of theirs.
          this.knownRoles.dropRoles(guild.id, (id) => guild.roles.cache.has(id));
          const changes = this.knownRoles.reconcile(guild.id, new Map([...listed].map(([id, m]) => [id, roleIdsOf(m)])));
          if (changes.length === 0) return;
          const when = await this.whenRolesChanged(guild, new Set(changes.map((c) => c.userId)));
          const now = Date.now();
          for (const c of changes) {
            const member = listed.get(c.userId);
            // Kept for every renderer's catch-up, and to the renderers open now at once.
            if (member) this.emit(this.knownRoles.tell(guild.id, this.roleEvent(guild, member, c, Math.min(when.get(c.userId) ?? now, now))));
          }
        },
      },
    };
  }

  execute(action: ActionIntent): Promise<Result<ConfirmedAction>> {
    // While the gateway is down the action waits in the outbox, to run once the connection is back.
    if (this.state !== 'ready') return Promise.resolve(fail('offline', 'The Discord connection is down; the action waits in the outbox.'));
    return executeOnDiscord(this.client, action);
  }

  reconcile(action: ActionIntent, since: number): Promise<Result<Reconciled>> {
    if (this.state !== 'ready') return Promise.resolve(fail('offline', 'The Discord connection is down.'));
    return reconcileOnDiscord(this.client, action, since);
  }
}


/** Guilds whose members' roles main keeps: small enough to list whole on a catch-up. */
function keepsRoles(guild: Guild): boolean {
  return guild.memberCount <= ROLES_GUILD_CAP;
}

/** A member's role ids, highest first, without @everyone (its id is the guild's), capped. */
function roleIdsOf(member: GuildMember | PartialGuildMember): string[] {
  return [...member.roles.cache.values()]
    .filter((r) => r.id !== member.guild.id)
    .sort((a, b) => b.position - a.position)
    .slice(0, ROLES_PER_MEMBER)
    .map((r) => r.id);
}

/** The names a member shows others; a change is a rename. */
function shownNames(member: GuildMember | PartialGuildMember): string {
  return `${member.user.username}\u0000${member.user.globalName ?? ''}\u0000${member.nickname ?? ''}`;
}


function channelNameOf(guild: Guild | null, channelId: string): string | undefined {
  const channel = guild?.channels.cache.get(channelId);
  return channel?.name;
}

/** The channels a space lists: where posts go, and voice and stage channels (where events happen). */
const SPACE_CHANNEL_KINDS = new Map<ChannelType, ChannelInfo['kind']>([
  [ChannelType.GuildText, 'text'],
  [ChannelType.GuildAnnouncement, 'announcement'],
  [ChannelType.GuildVoice, 'voice'],
  [ChannelType.GuildStageVoice, 'stage'],
]);

function spaceOf(guild: Guild): SpaceInfo {
  const channels: ChannelInfo[] = [...guild.channels.cache.values()]
    .filter((c) => SPACE_CHANNEL_KINDS.has(c.type))
    .sort((a, b) => ('position' in a && 'position' in b ? a.position - b.position : 0))
    .map((c) => ({ id: c.id, name: c.name, kind: SPACE_CHANNEL_KINDS.get(c.type) ?? 'text' }));
  const language = languageOfLocale(guild.preferredLocale);
  // Role names for the ids member events carry (the journey shows "gained Moderator", not a snowflake).
  const roles = [...guild.roles.cache.values()]
    .filter((r) => r.id !== guild.id)
    .sort((a, b) => b.position - a.position)
    .map((r) => ({ id: r.id, name: r.name }));
  return { id: guild.id, name: guild.name, channels, memberCount: guild.memberCount, ...(language ? { language } : {}), ...(roles.length ? { roles } : {}) };
}
