// Real discord.js 14 against the practice-community simulator: login, guild cache, events, REST
// moderation, permission and rate-limit errors, token rejection and gateway RESUME.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, DiscordAPIError, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials, type Message, type TextChannel } from 'discord.js';
import { WebSocket } from 'ws';
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
    // Like Discord for a client without the presence intent: GUILD_CREATE lists the bot alone; op 8 brings the rest.
    expect(guild?.members.cache.map((m) => m.id)).toEqual([sim.botUserId]);
    const fetched = await guild!.members.fetch();
    expect(fetched.size).toBe(sim.members().length);
    expect(guild?.members.cache.size).toBe(sim.members().length);
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

  it('member joins and leaves arrive as guildMemberAdd / guildMemberRemove', async () => {
    await login(client, sim.token);
    const added = nextEvent<[{ id: string; user: { username: string } }]>(client, Events.GuildMemberAdd);
    const newcomer = sim.addMember({ username: 'fresh_face' });
    const [member] = await added;
    expect(member.id).toBe(newcomer.userId);
    expect(member.user.username).toBe('fresh_face');
    expect(Date.now() - Date.parse(newcomer.accountCreatedAt)).toBeLessThan(3 * 3_600_000);

    const removed = nextEvent<[{ id: string }]>(client, Events.GuildMemberRemove);
    sim.removeMember(newcomer.userId);
    const [left] = await removed;
    expect(left.id).toBe(newcomer.userId);
    expect(sim.member(newcomer.userId)?.present).toBe(false);
  });

  it('deletes through REST once; a second delete is DiscordAPIError 10008', async () => {
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[1] ?? '';
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'buy my course, link in bio' });
    const channel = client.channels.cache.get(sim.channels.general) as TextChannel;
    await channel.messages.delete(posted.id);
    expect(sim.message(sim.channels.general, posted.id)?.deleted).toBe(true);
    const second = await channel.messages.delete(posted.id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DiscordAPIError);
    expect((second as DiscordAPIError).code).toBe(10008);
    expect((second as DiscordAPIError).status).toBe(404);
  });

  it('times out, kicks and bans through REST and records the audit reason', async () => {
    await login(client, sim.token);
    const guild = client.guilds.cache.get(sim.guildId);
    const staff = [...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')];
    const [toTimeout, toKick, toBan] = sim.memberIdsByRole('Member').filter((id) => !staff.includes(id));
    if (!guild || !toTimeout || !toKick || !toBan) throw new Error('seeded guild lacks plain members');

    const muted = await (await guild.members.fetch(toTimeout)).timeout(10 * 60_000, 'spamming invites');
    expect(muted?.communicationDisabledUntilTimestamp).toBeGreaterThan(Date.now());
    const until = sim.member(toTimeout)?.communicationDisabledUntil;
    expect(until && Date.parse(until)).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(sim.auditLog.at(-1)).toMatchObject({ action: 'member_update', targetId: toTimeout, reason: 'spamming invites' });
    expect(sim.canPost(toTimeout)).toBe(false);

    const removed = nextEvent<[{ id: string }]>(client, Events.GuildMemberRemove, (m) => m.id === toKick);
    await guild.members.kick(toKick, 'raid account');
    await removed;
    expect(sim.member(toKick)?.present).toBe(false);

    const spam = sim.postMessage({ channelId: sim.channels.general, authorId: toBan, content: 'FREE NITRO discord-gift.ru' });
    const banned = nextEvent<[{ user: { id: string } }]>(client, Events.GuildBanAdd);
    await guild.members.ban(toBan, { deleteMessageSeconds: 3600, reason: 'scam link' });
    const [ban] = await banned;
    expect(ban.user.id).toBe(toBan);
    expect(sim.member(toBan)).toMatchObject({ present: false, banned: true });
    expect(sim.message(sim.channels.general, spam.id)?.deleted).toBe(true);
    const bans = await guild.bans.fetch();
    expect(bans.get(toBan)?.reason).toBe('scam link');
    expect(sim.auditLog.map((e) => e.action)).toEqual(expect.arrayContaining(['member_kick', 'member_ban_add']));

    await guild.bans.remove(toBan, 'appeal accepted');
    expect(sim.member(toBan)?.banned).toBe(false);
    const unknownBan = await guild.bans.remove(toBan).then(
      () => null,
      (error: unknown) => error,
    );
    expect((unknownBan as DiscordAPIError).code).toBe(10026);
  });

  it('answers 403 50013 for an Admin target and for a reply in #announcements', async () => {
    await login(client, sim.token);
    const guild = client.guilds.cache.get(sim.guildId);
    const admin = sim.memberIdsByRole('Admin')[0] ?? '';
    const timeoutAdmin = await (await guild!.members.fetch(admin))
      .timeout(60_000, 'test')
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(timeoutAdmin).toBeInstanceOf(DiscordAPIError);
    expect((timeoutAdmin as DiscordAPIError).code).toBe(50013);
    expect((timeoutAdmin as DiscordAPIError).message).toBe('Missing Permissions');
    expect(sim.member(admin)?.communicationDisabledUntil).toBeNull();

    const kickAdmin = await guild?.members.kick(admin).then(
      () => null,
      (error: unknown) => error,
    );
    expect((kickAdmin as DiscordAPIError).code).toBe(50013);

    const announcements = client.channels.cache.get(sim.channels.announcements) as TextChannel;
    const reply = await announcements.send({ content: 'hello', nonce: 'n-ann', enforceNonce: true }).then(
      () => null,
      (error: unknown) => error,
    );
    expect((reply as DiscordAPIError).code).toBe(50013);
  });

  it('retries a rate-limited (429) delete and deletes exactly once', async () => {
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[2] ?? '';
    const posted = sim.postMessage({ channelId: sim.channels.help, authorId: author, content: 'DM me for free crypto signals' });
    sim.injectFailure({ method: 'DELETE', path: /\/channels\/\d+\/messages\/\d+$/ }, { status: 429, retryAfterMs: 150 });
    const deletes: string[] = [];
    client.on(Events.MessageDelete, (m) => deletes.push(m.id));
    const channel = client.channels.cache.get(sim.channels.help) as TextChannel;
    await channel.messages.delete(posted.id);
    const tries = sim.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${posted.id}`));
    expect(tries.map((r) => r.status)).toEqual([429, 204]);
    expect(sim.message(sim.channels.help, posted.id)?.deleted).toBe(true);
    await until(() => deletes.length > 0);
    expect(deletes).toEqual([posted.id]);
  });

  it('rejects a wrong token with TokenInvalid (401 on GET /gateway/bot)', async () => {
    const error = await client.login('not-the-practice-token').then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { code?: string } | null)?.code).toBe(DiscordjsErrorCodes.TokenInvalid);
    expect(sim.requestLog.some((r) => r.path.endsWith('/gateway/bot') && r.status === 401)).toBe(true);
    expect(sim.stats.identifies).toBe(0);
  });

  it('blanks message content for a client without MESSAGE_CONTENT unless the bot is mentioned', async () => {
    await client.destroy();
    client = makeClient(sim, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages]);
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[3] ?? '';
    const plain = nextEvent<[Message]>(client, Events.MessageCreate);
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'secret plans' });
    expect((await plain)[0].content).toBe('');
    const mention = nextEvent<[Message]>(client, Events.MessageCreate);
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `<@${sim.botUserId}> help please` });
    expect((await mention)[0].content).toBe(`<@${sim.botUserId}> help please`);
  });

  it('resumes after dropConnections(4000) and loses no event', async () => {
    await login(client, sim.token);
    const seen: string[] = [];
    client.on(Events.MessageCreate, (m) => seen.push(m.content));
    const author = sim.memberIdsByRole('Member')[0] ?? '';
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'before the drop' });
    await until(() => seen.includes('before the drop'));

    sim.dropConnections(4000);
    // Posted while the client is disconnected: must be replayed by RESUME, not lost.
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'during the drop 1' });
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'during the drop 2' });
    await until(() => sim.stats.resumes >= 1 && sim.connectedClients === 1, 10_000);
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'after the resume' });
    await until(() => seen.includes('after the resume'), 5000);

    expect(seen).toEqual(['before the drop', 'during the drop 1', 'during the drop 2', 'after the resume']);
    expect(sim.stats.identifies).toBe(1);
  });

  it('resumes after an op 7 RECONNECT', async () => {
    await login(client, sim.token);
    const seen: string[] = [];
    client.on(Events.MessageCreate, (m) => seen.push(m.content));
    sim.requestReconnect();
    await until(() => sim.stats.resumes >= 1 && sim.connectedClients === 1, 10_000);
    sim.postMessage({ channelId: sim.channels.general, authorId: sim.memberIdsByRole('Member')[0] ?? '', content: 'still here' });
    await until(() => seen.includes('still here'));
    expect(sim.stats.identifies).toBe(1);
  });

  it('bulk-deletes through REST and dispatches MESSAGE_DELETE_BULK', async () => {
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[0] ?? '';
    const ids = [1, 2, 3].map((n) => sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `raid ${n}` }).id);
    const channel = client.channels.cache.get(sim.channels.general) as TextChannel;
    const bulk = nextEvent<[{ size: number }]>(client, Events.MessageBulkDelete);
    await channel.bulkDelete(ids);
    expect((await bulk)[0].size).toBe(3);
    expect(ids.every((mid) => sim.message(sim.channels.general, mid)?.deleted)).toBe(true);
  });

  it('fetches history newest first with before/after, like Discord', async () => {
    await login(client, sim.token);
    const author = sim.memberIdsByRole('Member')[0] ?? '';
    const ids = ['one', 'two', 'three', 'four'].map((content) => sim.postMessage({ channelId: sim.channels.help, authorId: author, content }).id);
    const channel = client.channels.cache.get(sim.channels.help) as TextChannel;
    const latest = await channel.messages.fetch({ limit: 2, cache: false });
    expect([...latest.keys()]).toEqual([ids[3], ids[2]]);
    const after = await channel.messages.fetch({ after: ids[1], cache: false });
    expect([...after.keys()]).toEqual([ids[3], ids[2]]);
    const before = await channel.messages.fetch({ before: ids[1], limit: 1, cache: false });
    expect([...before.keys()]).toEqual([ids[0]]);
    const slowmode = await channel.setRateLimitPerUser(30, 'raid');
    expect(slowmode.rateLimitPerUser).toBe(30);
  });
});

describe('seeded community', () => {
  it('is deterministic for a seed and anchor, with increasing message ids', async () => {
    const anchor = new Date('2025-03-01T00:00:00Z');
    const a = await startDiscordSimulator({ seed: 9, anchor });
    const b = await startDiscordSimulator({ seed: 9, anchor });
    const c = await startDiscordSimulator({ seed: 10, anchor });
    try {
      expect(b.members()).toEqual(a.members());
      expect(b.guildId).toBe(a.guildId);
      expect(b.token).toBe(a.token);
      expect(c.members().map((m) => m.userId)).not.toEqual(a.members().map((m) => m.userId));
      const humans = a.members().filter((m) => !m.bot);
      expect(humans.length).toBeGreaterThanOrEqual(45);
      expect(humans.some((m) => /[\u4e00-\u9fff]/.test(m.globalName ?? ''))).toBe(true);
      expect(humans.some((m) => /[\u0400-\u04ff]/.test(m.globalName ?? ''))).toBe(true);
      expect(humans.some((m) => /[\u0600-\u06ff]/.test(m.globalName ?? ''))).toBe(true);
      const ages = humans.map((m) => anchor.getTime() - Date.parse(m.accountCreatedAt));
      expect(ages.filter((ms) => ms < 3 * 86_400_000).length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...ages)).toBeGreaterThan(3 * 365 * 86_400_000);
      const author = a.memberIdsByRole('Member')[0] ?? '';
      const ids = Array.from({ length: 20 }, (_, i) => a.postMessage({ channelId: a.channels.general, authorId: author, content: `m${i}` }).id);
      const sorted = [...ids].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
      expect(ids).toEqual(sorted);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('REST surface without discord.js', () => {
  let sim: DiscordSimulator;
  afterEach(async () => {
    await sim.close();
  });

  const call = (path: string, init: RequestInit = {}, token = sim.token) =>
    fetch(`${sim.apiBase}/v10${path}`, {
      ...init,
      headers: { Authorization: `Bot ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });

  it('answers with Discord error codes and rate-limit headers', async () => {
    sim = await startDiscordSimulator({ seed: 1, rateLimit: { limit: 2, windowMs: 60_000 } });
    const me = await call('/users/@me');
    expect(me.status).toBe(200);
    expect(me.headers.get('x-ratelimit-limit')).toBe('2');
    expect(me.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(me.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]+$/);
    expect(Number(me.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);

    expect(await (await call('/channels/123456789012345678')).json()).toEqual({ message: 'Unknown Channel', code: 10003 });
    const badBody = await call(`/channels/${sim.channels.general}/messages`, { method: 'POST', body: JSON.stringify({ content: 42 }) });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
    expect((await call(`/guilds/${sim.guildId}/members/123456789012345678`)).status).toBe(404);
    expect((await call('/users/@me', {}, 'wrong')).status).toBe(401);

    await call('/users/@me');
    const limited = await call('/users/@me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
  });

  it('serves the gateway URL and rejects a wrong token with 401', async () => {
    sim = await startDiscordSimulator({ seed: 1 });
    const ok = await (await call('/gateway/bot')).json();
    expect(ok).toMatchObject({ url: `ws://127.0.0.1:${sim.port}/gateway`, shards: 1 });
    const denied = await call('/gateway/bot', {}, 'nope');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    const unprefixed = await fetch(`${sim.apiBase}/gateway/bot`, { headers: { Authorization: `Bot ${sim.token}` } });
    expect(unprefixed.status).toBe(200);
  });
});

describe('gateway wire protocol', () => {
  let sim: DiscordSimulator;
  afterEach(async () => {
    await sim.close();
  });

  /** Opens a raw gateway socket and collects every frame; `closed` resolves with the close code. */
  function open(): { ws: WebSocket; frames: Array<{ op: number; t?: string | null; s?: number | null; d?: unknown }>; closed: Promise<number> } {
    const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/gateway?v=10&encoding=json`);
    const frames: Array<{ op: number; t?: string | null; s?: number | null; d?: unknown }> = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as { op: number }));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    return { ws, frames, closed };
  }

  it('says HELLO, ACKs heartbeats, closes 4004 on a wrong token and answers an unknown RESUME with op 9', async () => {
    sim = await startDiscordSimulator({ seed: 2, heartbeatIntervalMs: 5000 });
    const bad = open();
    await until(() => bad.frames.length > 0);
    expect(bad.frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 5000 } });
    bad.ws.send(JSON.stringify({ op: 1, d: null }));
    await until(() => bad.frames.some((f) => f.op === 11));
    bad.ws.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    expect(await bad.closed).toBe(4004);

    const stale = open();
    await until(() => stale.frames.length > 0);
    stale.ws.send(JSON.stringify({ op: 6, d: { token: sim.token, session_id: 'no-such-session', seq: 3 } }));
    await until(() => stale.frames.some((f) => f.op === 9));
    expect(stale.frames.find((f) => f.op === 9)?.d).toBe(false);
    stale.ws.close();
  });

  it('numbers dispatches and replays only those after the resumed seq', async () => {
    sim = await startDiscordSimulator({ seed: 2 });
    const first = open();
    await until(() => first.frames.length > 0);
    first.ws.send(JSON.stringify({ op: 2, d: { token: sim.token, intents: (1 << 0) | (1 << 9) | (1 << 15), properties: {} } }));
    await until(() => first.frames.some((f) => f.t === 'GUILD_CREATE'));
    const ready = first.frames.find((f) => f.t === 'READY');
    expect(ready).toMatchObject({ s: 1, d: { v: 10, session_id: expect.any(String), resume_gateway_url: expect.stringContaining('/gateway') } });
    const sessionId = (ready?.d as { session_id: string }).session_id;
    first.ws.close(4000);
    await first.closed;

    const author = sim.memberIdsByRole('Member')[0] ?? '';
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'missed one' });
    sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'missed two' });

    const second = open();
    await until(() => second.frames.length > 0);
    second.ws.send(JSON.stringify({ op: 6, d: { token: sim.token, session_id: sessionId, seq: 2 } }));
    await until(() => second.frames.some((f) => f.t === 'RESUMED'));
    const dispatched = second.frames.filter((f) => f.op === 0);
    expect(dispatched.map((f) => [f.s, f.t])).toEqual([
      [3, 'MESSAGE_CREATE'],
      [4, 'MESSAGE_CREATE'],
      [5, 'RESUMED'],
    ]);
    expect(dispatched.map((f) => (f.d as { content?: string }).content).slice(0, 2)).toEqual(['missed one', 'missed two']);
    second.ws.close();
  });

  /** Identifies on a raw socket and waits for GUILD_CREATE. */
  async function identified(intents: number, largeThreshold?: number) {
    const socket = open();
    await until(() => socket.frames.length > 0);
    socket.ws.send(JSON.stringify({ op: 2, d: { token: sim.token, intents, properties: {}, ...(largeThreshold ? { large_threshold: largeThreshold } : {}) } }));
    await until(() => socket.frames.some((f) => f.t === 'GUILD_CREATE'));
    const created = socket.frames.find((f) => f.t === 'GUILD_CREATE')?.d as { large: boolean; member_count: number; members: Array<{ user: { id: string } }> };
    return { ...socket, created };
  }
  const GUILDS = 1 << 0;
  const MEMBERS = 1 << 1;
  const PRESENCES = 1 << 8;

  it('lists members in GUILD_CREATE only with the presence intent and below large_threshold', async () => {
    sim = await startDiscordSimulator({ seed: 3, memberCount: 60 });
    const withoutPresences = await identified(GUILDS | MEMBERS, 250);
    expect(withoutPresences.created.members.map((m) => m.user.id)).toEqual([sim.botUserId]);
    const small = await identified(GUILDS | MEMBERS | PRESENCES, 100);
    expect(small.created).toMatchObject({ large: false, member_count: 60 });
    expect(small.created.members).toHaveLength(60);
    // Default threshold 50: 60 members make the guild large.
    const large = await identified(GUILDS | MEMBERS | PRESENCES);
    expect(large.created).toMatchObject({ large: true, member_count: 60 });
    expect(large.created.members.map((m) => m.user.id)).toEqual([sim.botUserId]);
    for (const s of [withoutPresences, small, large]) s.ws.close();
  });

  it('answers op 8 in chunks of 1,000 with the nonce, names ids not found and rate-limits a second whole-list request', async () => {
    sim = await startDiscordSimulator({ seed: 4, memberCount: 2100 });
    const socket = await identified(GUILDS | MEMBERS);
    type Chunk = { members: Array<{ user: { id: string } }>; chunk_index: number; chunk_count: number; nonce?: string; not_found?: string[] };
    const chunks = (nonce: string) => socket.frames.filter((f) => f.t === 'GUILD_MEMBERS_CHUNK' && (f.d as Chunk).nonce === nonce).map((f) => f.d as Chunk);
    socket.ws.send(JSON.stringify({ op: 8, d: { guild_id: sim.guildId, query: '', limit: 0, nonce: 'all-1' } }));
    await until(() => chunks('all-1').length === 3);
    expect(chunks('all-1').map((c) => [c.chunk_index, c.chunk_count, c.members.length])).toEqual([
      [0, 3, 1000],
      [1, 3, 1000],
      [2, 3, 100],
    ]);
    expect(new Set(chunks('all-1').flatMap((c) => c.members.map((m) => m.user.id))).size).toBe(2100);

    const someone = sim.members()[5]!.userId;
    socket.ws.send(JSON.stringify({ op: 8, d: { guild_id: sim.guildId, user_ids: [someone, '1234567890123'], nonce: 'ids' } }));
    await until(() => chunks('ids').length === 1);
    expect(chunks('ids')[0]).toMatchObject({ chunk_index: 0, chunk_count: 1, not_found: ['1234567890123'] });
    expect(chunks('ids')[0]!.members.map((m) => m.user.id)).toEqual([someone]);

    socket.ws.send(JSON.stringify({ op: 8, d: { guild_id: sim.guildId, query: '', limit: 0, nonce: 'all-2' } }));
    await until(() => socket.frames.some((f) => f.t === 'RATE_LIMITED'));
    expect(socket.frames.find((f) => f.t === 'RATE_LIMITED')?.d).toMatchObject({ opcode: 8, retry_after: expect.any(Number), meta: { guild_id: sim.guildId, nonce: 'all-2' } });
    expect(chunks('all-2')).toEqual([]);
    socket.ws.close();
  });
});
