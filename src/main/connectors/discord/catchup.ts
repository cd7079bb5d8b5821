// What the Discord connection missed, read back over REST: messages after each channel's position
// (and DMs after theirs), the members who joined after each guild's join position, and the messages
// around one message. The positions are the connector's cursors (message ids, and joins:<guild>).
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import type { Client, Guild, GuildBasedChannel, GuildMember, TextBasedChannel } from 'discord.js';
import { compareIds, maxId } from '@shared/domain/ids';
import { fail, ok } from '@shared/domain/result';
import type { Result } from '@shared/domain/result';
import type { RawEvent } from '../../core/connector';
import { logger } from '../../util/log';
import { toFailure } from './errors';
import { directMessageRef, isMemberMessage, isWebhookMessage, normalizeMemberChange, normalizeMessage } from './normalize';
import type { ChannelRef, MessageLike } from './normalize';

const log = logger('discord');

/** The cursor position naming the newest join seen in a guild (a time in ms). */
export function joinsKey(guildId: string): string {
  return `joins:${guildId}`;
}

/** At most this many member-list pages (1,000 members each) per guild and catch-up. */
const MAX_MEMBER_PAGES = 50;

/** What catch-up needs of the connection. */
export interface DiscordLink {
  readonly client: Client | undefined;
  readonly sourceId: string;
  /** Newest message id seen per channel; catch-up moves it as it reads. */
  readonly seen: Map<string, string>;
  /** A join passed on: the guild's join position moves to it. */
  noteJoin(guildId: string, ts: number): void;
  /**
   * Roles while closed: whether a guild's member list is compared with the roles last known there (a
   * small guild whose roles main keeps), and the comparison, which tells (keeps) what changed; the
   * connector hands each renderer the changes its cursor lacks.
   */
  readonly roles?: { wanted(guild: Guild): boolean; reconcile(guild: Guild, listed: ReadonlyMap<string, GuildMember>): Promise<void> };
}

/** The guild text channels the bot may read the history of. */
/**
 * Where members write in a guild: text and announcement channels, the text chat every voice and stage
 * channel has (a raid in a voice channel's chat is a raid too), and the threads discord.js knows (the
 * active ones Discord lists on connect, forum posts included).
 */
const WRITTEN_IN: ReadonlySet<ChannelType> = new Set([
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildVoice,
  ChannelType.GuildStageVoice,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

function textChannels(link: DiscordLink): Array<{ guild: Guild; channel: GuildBasedChannel & TextBasedChannel }> {
  const client = link.client;
  if (!client?.isReady()) return [];
  const out: Array<{ guild: Guild; channel: GuildBasedChannel & TextBasedChannel }> = [];
  for (const guild of client.guilds.cache.values()) {
    for (const channel of guild.channels.cache.values()) {
      if (!WRITTEN_IN.has(channel.type) || !channel.isTextBased()) continue;
      const me = guild.members.me;
      const perms = me ? channel.permissionsFor(me) : null;
      if (perms && !perms.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory])) continue;
      out.push({ guild, channel });
    }
  }
  return out;
}

/**
 * Messages after each channel's position (a channel without one gets its last `backfill`), DMs after
 * theirs, and the joins after each guild's join position; oldest first.
 */
export async function catchUpFrom(link: DiscordLink, positions: Record<string, string>, backfill: number): Promise<RawEvent[]> {
  const all: RawEvent[] = [];
  for (const { guild, channel } of textChannels(link)) {
    const ref: ChannelRef = { sourceId: link.sourceId, guildId: guild.id, guildName: guild.name, channelId: channel.id, channelName: channel.name };
    const after = positions[channel.id];
    const fetched: MessageLike[] = [];
    if (after !== undefined) {
      let cursor = after;
      // Page forward until Discord has nothing newer; each page is the 100 right after the cursor.
      for (let page = 0; page < 1000; page++) {
        const batch = await channel.messages.fetch({ after: cursor, limit: 100, cache: false });
        const list = [...batch.values()].sort((a, b) => compareIds(a.id, b.id));
        fetched.push(...(list as MessageLike[]));
        const newest = list.at(-1);
        if (!newest || list.length < 100) break;
        cursor = newest.id;
      }
    } else if (backfill > 0) {
      const batch = await channel.messages.fetch({ limit: Math.min(backfill, 100), cache: false });
      fetched.push(...([...batch.values()] as MessageLike[]));
    }
    await cacheAuthors(guild, fetched);
    for (const m of fetched) {
      if (!isMemberMessage(m)) continue;
      const event = normalizeMessage(ref, m);
      all.push(event);
      if (event.messageId) link.seen.set(channel.id, maxId(link.seen.get(channel.id), event.messageId));
    }
  }
  all.push(...(await catchUpDirectMessages(link, positions, new Set(textChannels(link).map((c) => c.channel.id)))));
  all.push(...(await catchUpJoins(link, positions)));
  return all.sort((a, b) => a.ts - b.ts || compareIds(a.messageId ?? '', b.messageId ?? ''));
}

/** Discord's op 8 takes at most 100 user ids. */
const USER_IDS_PER_REQUEST = 100;

/**
 * Messages read over REST carry no member (Discord sends it only with gateway messages), and discord.js
 * names a message's member from its cache, which on a large guild (or right after a fresh READY) holds
 * only the bot. Ask for the authors not cached (op 8 by user ids, never rate-limited like the whole
 * list), so their roles, display name and join date reach triage; a member who left stays without one.
 */
async function cacheAuthors(guild: Guild, messages: readonly MessageLike[]): Promise<void> {
  // A webhook's author is no member.
  const ids = messages.flatMap((m) => (m.author && !isWebhookMessage(m) && !guild.members.cache.has(m.author.id) ? [m.author.id] : []));
  const missing = [...new Set(ids)];
  for (let i = 0; i < missing.length; i += USER_IDS_PER_REQUEST) {
    try {
      await guild.members.fetch({ user: missing.slice(i, i + USER_IDS_PER_REQUEST), time: 15_000 });
    } catch (error) {
      log.debug(`authors in ${guild.id} not looked up: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * Members who joined after the position: Discord keeps no join history, so the member list is read
 * (GUILD_MEMBERS intent, 1,000 a page, by user id; discord.js waits out Discord's rate limits between
 * pages) and filtered by join time. Without it a raid of silent or short-spoken accounts while the console
 * was closed never became an incident. The same read, when whole, tells the roles given or taken
 * meanwhile in a guild whose roles main keeps (link.roles).
 */
async function catchUpJoins(link: DiscordLink, positions: Record<string, string>): Promise<RawEvent[]> {
  const client = link.client;
  if (!client?.isReady()) return [];
  const out: RawEvent[] = [];
  for (const guild of client.guilds.cache.values()) {
    const since = Number(positions[joinsKey(guild.id)]);
    if (!Number.isFinite(since) || since <= 0) continue;
    const space = { sourceId: link.sourceId, guildId: guild.id, guildName: guild.name };
    const listed = link.roles?.wanted(guild) ? new Map<string, GuildMember>() : undefined;
    try {
      let after = '0';
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        const list = await guild.members.list({ limit: 1000, after, cache: false });
        for (const member of list.values()) {
          listed?.set(member.id, member);
          const joined = member.joinedTimestamp;
          if (joined === null || joined <= since) continue;
          out.push(normalizeMemberChange('join', space, member.user, member, joined));
          link.noteJoin(guild.id, joined);
        }
        if (list.size < 1000) {
          // The list is whole: what changed in members' roles since they were last seen.
          if (listed) await link.roles!.reconcile(guild, listed);
          break;
        }
        after = [...list.keys()].reduce((a, b) => maxId(a, b), after);
        if (page === MAX_MEMBER_PAGES - 1) log.warn(`catch-up read the first ${MAX_MEMBER_PAGES * 1000} members of ${guild.name}; later joins there were not checked`);
      }
    } catch (error) {
      // Messages still catch up; only joins (and roles) while closed go unseen.
      log.warn(`could not list the members of ${guild.name} to catch up joins`, error);
    }
  }
  return out;
}

/** DMs written to the bot while nobody listened: the positions name their DM channels too. */
async function catchUpDirectMessages(link: DiscordLink, positions: Record<string, string>, guildChannels: ReadonlySet<string>): Promise<RawEvent[]> {
  const client = link.client;
  if (!client?.isReady()) return [];
  const out: RawEvent[] = [];
  for (const [channelId, after] of Object.entries(positions)) {
    if (guildChannels.has(channelId) || !/^\d{5,25}$/.test(channelId)) continue;
    try {
      const channel = await client.channels.fetch(channelId);
      if (!channel || channel.type !== ChannelType.DM) continue;
      const ref = directMessageRef(link.sourceId, channelId);
      let cursor = after;
      for (let page = 0; page < 100; page++) {
        const batch = await channel.messages.fetch({ after: cursor, limit: 100, cache: false });
        const list = [...batch.values()].sort((a, b) => compareIds(a.id, b.id));
        for (const m of list) if (isMemberMessage(m)) out.push(normalizeMessage(ref, m as MessageLike));
        const newest = list.at(-1);
        if (!newest) break;
        cursor = newest.id;
        link.seen.set(channelId, maxId(link.seen.get(channelId), cursor));
        if (list.length < 100) break;
      }
    } catch (error) {
      // A channel gone or never a DM (an old position): nothing to catch up there.
      log.debug(`no DM catch-up for ${channelId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
}

/** Messages around one message of a guild channel, oldest first. */
export async function contextAround(link: DiscordLink, channelId: string, messageId: string, limit: number): Promise<Result<RawEvent[]>> {
  const client = link.client;
  if (!client?.isReady()) return fail('offline', 'The Discord connection is not ready.');
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel || !('guild' in channel) || !channel.isTextBased()) return fail('not_found', 'That channel is gone.');
    const batch = await channel.messages.fetch({ around: messageId, limit, cache: false });
    const ref: ChannelRef = {
      sourceId: link.sourceId,
      guildId: channel.guild.id,
      guildName: channel.guild.name,
      channelId,
      channelName: channel.name,
    };
    const list = [...batch.values()].sort((a, b) => compareIds(a.id, b.id));
    return ok(list.filter((m) => isMemberMessage(m)).map((m) => normalizeMessage(ref, m as MessageLike)));
  } catch (error) {
    return toFailure(error);
  }
}
