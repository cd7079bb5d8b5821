// Logging in to Discord: the discord.js client with the intents the console needs (capabilities.ts),
// pointed at the configured API, and the wait for READY. The token lives only in the connector and
// discord.js.
import { Client, Events, Partials } from 'discord.js';
import { requiredIntents } from './capabilities';

export const DISCORD_API = 'https://discord.com/api';

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
}

export function createDiscordClient(config: DiscordSourceConfig): Client {
  return new Client({
    intents: requiredIntents,
    partials: [Partials.Channel, Partials.Message, Partials.GuildMember, Partials.Reaction, Partials.User],
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
