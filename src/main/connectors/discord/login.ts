// Logging in to Discord: the discord.js client with the intents the console needs (capabilities.ts),
// pointed at the configured API, and the wait for READY. The token lives only in the connector and
// discord.js.
import { Client, Events, Options, Partials } from 'discord.js';
import { requiredIntents } from './capabilities';

export const DISCORD_API = 'https://discord.com/api';
/** Guilds up to this many members are cached whole (asked for over op 8); above it the cache holds this many at most. */
export const MAX_CACHED_MEMBERS = 50_000;

export interface DiscordSourceConfig {
  id: string;
  label: string;
  token: string;
  apiBase?: string;
  practice: boolean;
  /** Where main keeps the roles members of small guilds were last seen with (roles.ts); none: only while it runs. */
  rolesFile?: string;
  /** How long to wait for READY before calling the start a failure. */
  readyTimeoutMs?: number;
  /** Members cached per guild at most (default MAX_CACHED_MEMBERS): memory stays bounded on the largest servers. */
  maxCachedMembers?: number;
}

export function createDiscordClient(config: DiscordSourceConfig): Client {
  return new Client({
    intents: requiredIntents,
    partials: [Partials.Channel, Partials.Message, Partials.GuildMember, Partials.Reaction, Partials.User],
    // On a server too large to cache whole, members met in messages and events would pile up without end:
    // the oldest make room (the bot's own member stays).
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      GuildMemberManager: { maxSize: config.maxCachedMembers ?? MAX_CACHED_MEMBERS, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    rest: {
      api: config.apiBase ?? DISCORD_API,
      // Short waits are absorbed; a long one comes back as rate_limited so the moderator sees it.
      rejectOnRateLimit: (data) => data.timeToReset > 15_000,
    },
    waitGuildTimeout: 1_000,
  });
}

/** Resolves at READY, or fails after `timeoutMs`; made before login so READY cannot slip past. */
export function readyWithin(client: Client, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Discord did not become ready in time')), timeoutMs);
    client.once(Events.ClientReady, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
