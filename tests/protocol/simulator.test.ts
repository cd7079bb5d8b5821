// Real discord.js 14 against the practice-community simulator: login, guild cache, events, REST
// moderation, permission and rate-limit errors, token rejection and gateway RESUME.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials, type Message, type TextChannel } from 'discord.js';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';

const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildModeration,
];

function makeClient(sim: DiscordSimulator, clientIntents = intents): Client {
  return new Client({
    intents: clientIntents,
    rest: { api: sim.apiBase },
    waitGuildTimeout: 100,
    partials: [Partials.Channel, Partials.Message, Partials.GuildMember],
  });
}

/** Resolves with the first emitted value that passes `test`, or rejects after `ms`. */
function nextEvent<T extends unknown[]>(client: Client, event: string, test: (...args: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (...args: unknown[]) => {
      if (!test(...(args as T))) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args as T);
    };
    client.on(event, listener);
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function login(client: Client, token: string): Promise<void> {
  const ready = nextEvent(client, Events.ClientReady);
  await client.login(token);
  await ready;
}

describe('Discord practice simulator with discord.js', () => {
  let sim: DiscordSimulator;
  let client: Client;

  beforeEach(async () => {
    sim = await startDiscordSimulator({ seed: 42 });
    client = makeClient(sim);
  });

  afterEach(async () => {
    await client.destroy();
    await sim.close();
  });

  it('logs in and fills the guild cache from READY + GUILD_CREATE', async () => {
    await login(client, sim.token);
    expect(client.user?.id).toBe(sim.botUserId);
    const guild = client.guilds.cache.get(sim.guildId);
    expect(guild?.name).toBe('Practice Community');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['announcements', 'general', 'help', 'mod-log']);
    expect(guild?.roles.everyone.id).toBe(sim.guildId);
    expect(guild?.roles.cache.map((r) => r.name).sort()).toEqual(['@everyone', 'Admin', 'Member', 'Moderator', 'Tribekeeper']);
    expect(guild?.memberCount).toBe(sim.members().length);
    expect(guild?.members.cache.size).toBeGreaterThanOrEqual(45);
    const me = guild?.members.me;
    expect(me?.permissions.has('Administrator')).toBe(false);
    expect(me?.permissions.has('ModerateMembers')).toBe(true);
    const announcements = guild?.channels.cache.get(sim.channels.announcements);
    expect(me && announcements?.permissionsFor(me)?.has('SendMessages')).toBe(false);
  });

  it('delivers member messages, edits and deletes as discord.js events', async () => {
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[0] ?? '';
    const created = nextEvent<[Message]>(client, Events.MessageCreate, (m) => m.content === 'gm gm, anyone up for ranked?');
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'gm gm, anyone up for ranked?' });
    const [message] = await created;
    expect(message.id).toBe(posted.id);
    expect(message.author.id).toBe(author);
    expect(message.member?.id).toBe(author);

    const updated = nextEvent<[Message, Message]>(client, Events.MessageUpdate);
    sim.editMessage(sim.channels.general, posted.id, 'gm gm, anyone up for ranked? (EU)');
    const [, after] = await updated;
    expect(after.content).toBe('gm gm, anyone up for ranked? (EU)');

    const deleted = nextEvent<[Message]>(client, Events.MessageDelete);
    sim.deleteMessage(sim.channels.general, posted.id);
    const [gone] = await deleted;
    expect(gone.id).toBe(posted.id);
  });

  it('sends through REST: a repeated enforced nonce yields one message', async () => {
    await login(client, sim.token);
    const channel = client.channels.cache.get(sim.channels.general) as TextChannel;
    const first = await channel.send({ content: 'Welcome! Please read the rules.', nonce: 'abc123', enforceNonce: true });
    const second = await channel.send({ content: 'Welcome! Please read the rules.', nonce: 'abc123', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(sim.messages(sim.channels.general).filter((m) => m.content === 'Welcome! Please read the rules.')).toHaveLength(1);
  });
});
