// Settings (and the README) tell a bot's owner what to switch on; they read src/shared/domain/discordNeeds.ts.
// The connector asks Discord for its own list: the two must be the same, or an owner follows Settings
// and the bot still misses events (or is refused with "disallowed intents").
import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DISCORD_INTENTS, DISCORD_PERMISSIONS } from '@shared/domain/discordNeeds';
import { requiredIntents } from './capabilities';

/** GuildMessageReactions → GUILD_MESSAGE_REACTIONS, as Discord's documentation names intents. */
const discordName = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

describe('what the Discord bot needs', () => {
  it('lists in Settings exactly the gateway intents the connector asks for', () => {
    // The first name of a bit is Discord's current one (GuildModeration before its old alias GuildBans).
    const byBit = new Map<number, string>();
    for (const [k, v] of Object.entries(GatewayIntentBits)) if (typeof v === 'number' && !byBit.has(v)) byBit.set(v, discordName(k));
    const asked = requiredIntents.map((bit) => byBit.get(bit));
    expect([...asked].sort()).toEqual(DISCORD_INTENTS.map((i) => i.name).sort());
  });

  it('marks the privileged intents (the Developer Portal switches) as privileged', () => {
    expect(DISCORD_INTENTS.filter((i) => i.privileged).map((i) => i.name)).toEqual(['GUILD_MEMBERS', 'MESSAGE_CONTENT']);
  });

  it('names real Discord permissions', () => {
    for (const p of DISCORD_PERMISSIONS) expect([p.flag, typeof PermissionFlagsBits[p.flag]]).toEqual([p.flag, 'bigint']);
  });
});
