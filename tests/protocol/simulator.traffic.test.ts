// Real discord.js 14 against the practice simulator, for traffic Discord sends in shapes clients find
// awkward: link previews in a later MESSAGE_UPDATE, forwards as message snapshots, AutoMod's alert
// messages and AUTO_MODERATION_ACTION_EXECUTION (only with Manage Server), role and profile updates,
// and a ban with "delete messages" whose audit entry follows the deletes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditLogEvent,
  AutoModerationActionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  Partials,
  PermissionFlagsBits,
  type AutoModerationActionExecution,
  type GuildAuditLogsEntry,
  type Message,
} from 'discord.js';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';

const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildModeration,
  GatewayIntentBits.AutoModerationExecution,
];

let sim: DiscordSimulator;
let client: Client;
const log: string[] = [];

beforeEach(async () => {
  sim = await startDiscordSimulator({ seed: 31 });
  client = new Client({ intents, rest: { api: sim.apiBase }, waitGuildTimeout: 100, partials: [Partials.Channel, Partials.Message, Partials.GuildMember] });
  log.length = 0;
  const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(sim.token);
  await ready;
});

afterEach(async () => {
  await client.destroy();
  await sim.close();
});

function next<T extends unknown[]>(event: string, test: (...args: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const listener = (...args: unknown[]) => {
      if (!test(...(args as T))) return;
      client.off(event, listener);
      resolve(args as T);
    };
    client.on(event, listener);
  });
}

const member = (n = 0) => sim.memberIdsByRole('Member').filter((id) => !sim.memberIdsByRole('Moderator').includes(id) && !sim.memberIdsByRole('Admin').includes(id))[n]!;

describe('practice Discord traffic as Discord sends it', () => {
  it('adds a link preview after the create, in a MESSAGE_UPDATE without an edit time', async () => {
    const url = 'https://cdn.share-link.example/z1';
    sim.setLinkPreview(url, { title: 'Nitro Gift', description: 'Claim your free gift' });
    // discord.js patches the cached message later: read what the create carried when it arrived.
    let embedsAtCreate = -1;
    const created = next<[Message]>(Events.MessageCreate, (m) => m.content.includes(url) && (embedsAtCreate = m.embeds.length) >= 0);
    const updated = next<[Message, Message]>(Events.MessageUpdate, (_o, m) => m.content.includes(url));
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: `look ${url}` });
    await created;
    expect(embedsAtCreate).toBe(0);
    const [, after] = await updated;
    expect(after.embeds.map((e) => [e.title, e.description, e.url])).toEqual([['Nitro Gift', 'Claim your free gift', url]]);
    expect(after.editedTimestamp).toBeNull();
  });

  it('forwards as message_reference FORWARD with a snapshot and no content of its own', async () => {
    const original = sim.postMessage({ channelId: sim.channels.help, authorId: member(0), content: 'original words' });
    const got = next<[Message]>(Events.MessageCreate, (m) => m.reference?.type === MessageReferenceType.Forward);
    const forward = sim.forwardMessage({ channelId: sim.channels.general, authorId: member(1), from: { channelId: sim.channels.help, messageId: original.id } });
    const [message] = await got;
    expect(message.id).toBe(forward.id);
    expect(message.content).toBe('');
    expect(message.flags.has(MessageFlags.HasSnapshot)).toBe(true);
    expect(message.reference).toMatchObject({ channelId: sim.channels.help, messageId: original.id, guildId: sim.guildId });
    expect(message.messageSnapshots.first()?.content).toBe('original words');
  });

  it('runs an AutoMod rule: the message is never posted, an alert is, executions only with Manage Server', async () => {
    sim.addAutoModRule({ name: 'No selling', keywords: ['sell accounts'], alertChannelId: sim.channels.modLog, timeoutSeconds: 60 });
    const executions: AutoModerationActionExecution[] = [];
    client.on(Events.AutoModerationActionExecution, (x) => executions.push(x));
    const alert = next<[Message]>(Events.MessageCreate, (m) => m.type === MessageType.AutoModerationAction);
    const author = member(2);
    const blocked = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'i sell accounts cheap' });
    expect(blocked.blockedBy).toBe('No selling');
    expect(sim.messages(sim.channels.general).some((m) => m.content === 'i sell accounts cheap')).toBe(false);
    const [message] = await alert;
    expect(message.channelId).toBe(sim.channels.modLog);
    expect(message.author.id).toBe(author);
    expect(message.embeds[0]?.description).toBe('i sell accounts cheap');
    expect(Object.fromEntries(message.embeds[0]!.fields.map((f) => [f.name, f.value]))).toMatchObject({ rule_name: 'No selling', channel_id: sim.channels.general, keyword: 'sell accounts' });
    expect(sim.canPost(author)).toBe(false);
    expect(executions).toHaveLength(0);

    // With Manage Server: one execution per action, in Discord's order, and the rule over REST.
    const roleUpdated = next(Events.GuildRoleUpdate);
    sim.grantBotPermissions(PermissionFlagsBits.ManageGuild);
    await roleUpdated;
    sim.postMessage({ channelId: sim.channels.help, authorId: member(3), content: 'SELL ACCOUNTS here' });
    await expect.poll(() => executions.length).toBe(3);
    expect(executions.map((x) => x.action.type)).toEqual([AutoModerationActionType.BlockMessage, AutoModerationActionType.SendAlertMessage, AutoModerationActionType.Timeout]);
    expect(executions[1]!.alertSystemMessageId).toMatch(/^\d+$/);
    expect(executions[0]).toMatchObject({ userId: member(3), channelId: sim.channels.help, content: 'SELL ACCOUNTS here', matchedKeyword: 'sell accounts', matchedContent: 'SELL ACCOUNTS' });
    const rule = await client.guilds.cache.get(sim.guildId)!.autoModerationRules.fetch(executions[0]!.ruleId);
    expect(rule.name).toBe('No selling');
  });

  it('sends a ban\'s deletes before the audit entry that names who banned', async () => {
    const author = member(4);
    const admin = sim.memberIdsByRole('Admin')[0]!;
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'spam 1' });
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'spam 2' });
    client.on(Events.MessageBulkDelete, (messages) => log.push(`bulk:${messages.size}`));
    client.on(Events.GuildAuditLogEntryCreate, (entry: GuildAuditLogsEntry) => log.push(`audit:${entry.action}:${entry.executorId}`));
    sim.banAsModerator(author, admin, 3600);
    await expect.poll(() => log.length).toBe(2);
    expect(log).toEqual(['bulk:2', `audit:${AuditLogEvent.MemberBanAdd}:${admin}`]);
  });

  it('updates roles and names with GUILD_MEMBER_UPDATE', async () => {
    const id = member(5);
    const updated = next(Events.GuildMemberUpdate);
    sim.setMemberProfile(id, { nick: 'new nick', roles: [...sim.member(id)!.roles, sim.roleIds.moderator] });
    await updated;
    const cached = client.guilds.cache.get(sim.guildId)!.members.cache.get(id)!;
    expect(cached.nickname).toBe('new nick');
    expect(cached.permissions.has(PermissionFlagsBits.BanMembers)).toBe(true);
  });
});
