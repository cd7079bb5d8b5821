// The Discord connector on the real discord.js client against the practice simulator: login, every
// event kind, every action, resume without loss or duplicates, rate limits, a rejected token.
import { MessageType } from 'discord-api-types/v10';
import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { REPORT_COMMAND } from '../../src/main/connectors/discord/reports';
import type { RawEvent } from '../../src/main/core/connector';
import { applyCursorMove } from '../../src/shared/domain/cursor';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { intentsIn } from './intents';
import { until } from './until';

let sim: DiscordSimulator;
let connector: DiscordConnector;
const events: RawEvent[] = [];

const action = intentsIn(() => ({ sourceId: connector.sourceId, platform: 'discord', spaceId: sim.guildId, channelId: sim.channels.general }));

function aMember(): string {
  const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
  const id = sim.memberIdsByRole('Member').find((m) => {
    if (staff.has(m)) return false;
    const member = sim.member(m);
    return member && member.present && !member.banned && !member.bot;
  });
  if (!id) throw new Error('no plain member left');
  return id;
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 11 });
  connector = new DiscordConnector({ id: 'practice', label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true });
  connector.onEvent((e) => events.push(e));
  const started = await connector.start();
  expect(started.ok).toBe(true);
});

afterAll(async () => {
  await connector.stop();
  await sim.close();
});

describe('login', () => {
  it('is ready with the guild, its channels and members', () => {
    const info = connector.info();
    expect(info.state).toBe('ready');
    expect(info.self?.id).toBe(sim.botUserId);
    const space = info.spaces.find((s) => s.id === sim.guildId);
    expect(space?.name).toBe('Practice Community');
    expect(space?.channels.map((c) => c.name)).toEqual(expect.arrayContaining(['general', 'help', 'announcements', 'mod-log']));
    expect(space?.memberCount).toBeGreaterThanOrEqual(40);
  });

  it('reports a rejected token as token_invalid, in words', async () => {
    const bad = new DiscordConnector({ id: 'bad', label: 'Bad', token: 'definitely.not.the-token-of-this-bot', apiBase: sim.apiBase, practice: false });
    const result = await bad.start();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('token_invalid');
    expect(bad.info().state).toBe('token_invalid');
    expect(bad.info().stateDetail).toMatch(/rejected the bot token/);
    await bad.stop();
  });
});

describe('events', () => {
  it('normalizes messages, edits, deletes, joins and leaves', async () => {
    const author = aMember();
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'gm everyone <b>bold</b>' });
    const message = await until(() => events.find((e) => e.kind === 'message' && e.messageId === posted.id), 'message');
    expect(message).toMatchObject({
      id: `discord:${sim.guildId}:${sim.channels.general}:${posted.id}`,
      text: 'gm everyone <b>bold</b>',
      channelName: 'general',
      spaceName: 'Practice Community',
      author: { id: author, bot: false },
    });
    expect(message.author?.accountCreatedAt).toBeTypeOf('number');

    // Mentions read as names, as in the Discord app.
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const moderatorRole = sim.roleIds.moderator;
    const mentioning = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `hey <@${moderator}>, <@&${moderatorRole}> see <#${sim.channels.help}> (<@12345678901>)` });
    const named = await until(() => events.find((e) => e.kind === 'message' && e.messageId === mentioning.id), 'mentions');
    const moderatorName = sim.member(moderator)!.globalName ?? sim.member(moderator)!.username;
    expect(named.text).toBe(`hey @${moderatorName}, @Moderator see #help (<@12345678901>)`);

    sim.editMessage(sim.channels.general, posted.id, 'gm everyone (edited)');
    const edit = await until(() => events.find((e) => e.kind === 'edit' && e.messageId === posted.id), 'edit');
    expect(edit.text).toBe('gm everyone (edited)');

    sim.deleteMessage(sim.channels.general, posted.id);
    await until(() => events.find((e) => e.kind === 'delete' && e.messageId === posted.id), 'delete');

    const newcomer = sim.addMember({ username: 'fresh_face' });
    const join = await until(() => events.find((e) => e.kind === 'join' && e.author?.id === newcomer.userId), 'join');
    expect(join.author?.name).toBe('fresh_face');
    sim.removeMember(newcomer.userId);
    await until(() => events.find((e) => e.kind === 'leave' && e.author?.id === newcomer.userId), 'leave');
  });
});

describe('shapes Discord sends that are not plain text', () => {
  it('reads polls and stickers, and passes over system messages (join, pin, boost) as nobody\'s words', async () => {
    const author = aMember();
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const newcomer = sim.addMember({ username: 'system_joiner' });
    const system = [
      sim.postSystemMessage({ channelId: sim.channels.general, authorId: newcomer.userId, type: MessageType.UserJoin }),
      sim.postSystemMessage({ channelId: sim.channels.general, authorId: moderator, type: MessageType.ChannelPinnedMessage }),
      sim.postSystemMessage({ channelId: sim.channels.general, authorId: author, type: MessageType.GuildBoost }),
    ];
    const poll = sim.postMessage({
      channelId: sim.channels.general,
      authorId: author,
      content: '',
      poll: { question: 'Claim your free nitro?', answers: ['yes at nitro-gift.example', 'later'], multiselect: false, expiry: Date.now() + 3_600_000 },
    });
    const sticker = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: '', stickers: [{ id: '749054660769218631', name: 'Wumpus wave' }] });
    // A listener that fails on one event (a bug further down the pipeline) stops neither the others nor the stream.
    connector.onEvent((e) => {
      if (e.text === 'boom') throw new TypeError('a pipeline bug');
    });
    const boom = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'boom' });
    const after = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'after the boom' });
    await until(() => events.find((e) => e.messageId === after.id), 'the message after a failing listener');
    expect(events.some((e) => e.messageId === boom.id)).toBe(true);
    const polled = await until(() => events.find((e) => e.kind === 'message' && e.messageId === poll.id), 'poll');
    expect(polled.text).toBe('Claim your free nitro?\n• yes at nitro-gift.example\n• later');
    expect(polled.detail).toBe('poll');
    const stuck = await until(() => events.find((e) => e.kind === 'message' && e.messageId === sticker.id), 'sticker');
    expect(stuck.attachments).toEqual([{ name: 'Wumpus wave', contentType: 'sticker' }]);
    // Gateway order: the system messages came before these, so they were seen and passed over.
    const systemIds = new Set(system.map((m) => m.id));
    expect(events.filter((e) => e.messageId !== undefined && systemIds.has(e.messageId))).toEqual([]);
    // Catch-up reads the channel's history, system messages included, and passes over them too.
    const caught = await connector.catchUp({ [sim.channels.general]: system[0]!.id }, 0);
    expect(caught.filter((e) => e.messageId !== undefined && systemIds.has(e.messageId))).toEqual([]);
    expect(caught.map((e) => e.messageId)).toEqual(expect.arrayContaining([poll.id, sticker.id]));
  });

  it('reads threads: the "started a thread" line in the parent, and the thread\'s messages live and in catch-up', async () => {
    const author = aMember();
    const thread = sim.startThread(sim.channels.help, 'Claim free nitro here', author);
    const first = sim.postMessage({ channelId: thread, authorId: author, content: 'first in the thread' });
    expect(await until(() => events.find((e) => e.messageId === first.id), 'the thread message')).toMatchObject({ channelId: thread, channelName: 'Claim free nitro here', author: { id: author } });
    // The thread's name is the member's words (a lure can sit there), read in the parent channel.
    expect(events.find((e) => e.kind === 'message' && e.channelId === sim.channels.help && e.text === 'Claim free nitro here')?.author?.id).toBe(author);
    const missed = sim.postMessage({ channelId: thread, authorId: author, content: 'missed in the thread' });
    const caught = await connector.catchUp({ [thread]: first.id }, 0);
    expect(caught.filter((e) => e.channelId === thread).map((e) => e.text)).toEqual(['missed in the thread']);
    expect(caught.find((e) => e.messageId === missed.id)?.channelName).toBe('Claim free nitro here');
    // The console's delete reaches a message in a thread (the thread is its channel).
    expect(await connector.execute(action('delete', { channelId: thread, messageId: missed.id }))).toMatchObject({ ok: true, value: { kind: 'delete' } });
    expect(sim.message(thread, missed.id)?.deleted).toBe(true);
  });

  it('marks a webhook\'s message as a webhook\'s (no member to act on), live and in catch-up; its message deletes, a ban of its id is not found', async () => {
    const hook = sim.addWebhook(sim.channels.general, 'Nitro Drops');
    const before = sim.messages(sim.channels.general).at(-1)!.id;
    const posted = sim.postWebhookMessage(hook, 'FREE NITRO for everyone: https://discord-gift.ru/claim');
    const live = await until(() => events.find((e) => e.messageId === posted.id), 'the webhook message');
    expect(live.author).toMatchObject({ id: hook, name: 'Nitro Drops', bot: true, webhook: true });
    const caught = (await connector.catchUp({ [sim.channels.general]: before }, 0)).find((e) => e.messageId === posted.id);
    expect(caught?.author).toMatchObject({ id: hook, webhook: true });
    // A member's message is no webhook's.
    const plain = sim.postMessage({ channelId: sim.channels.general, authorId: aMember(), content: 'just a member (not a webhook)' });
    expect((await until(() => events.find((e) => e.messageId === plain.id), 'the member message')).author?.webhook).toBeUndefined();
    // Discord answers a ban of a webhook's id with Unknown User: nothing is banned.
    expect(await connector.execute(action('ban', { memberId: hook, reason: 'scam' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await connector.execute(action('delete', { messageId: posted.id }))).toMatchObject({ ok: true });
    expect(sim.message(sim.channels.general, posted.id)?.deleted).toBe(true);
  });

  it('reads the text chat of a voice channel, live and in catch-up', async () => {
    const author = aMember();
    const lounge = sim.addVoiceChannel('Lounge', 'voice');
    const first = sim.postMessage({ channelId: lounge, authorId: author, content: 'can you hear me?' });
    expect(await until(() => events.find((e) => e.messageId === first.id), 'the voice chat message')).toMatchObject({ channelId: lounge, channelName: 'Lounge', text: 'can you hear me?' });
    const missed = sim.postMessage({ channelId: lounge, authorId: author, content: 'free nitro in the voice chat' });
    const caught = await connector.catchUp({ [lounge]: first.id }, 0);
    expect(caught.filter((e) => e.channelId === lounge).map((e) => e.text)).toEqual(['free nitro in the voice chat']);
    expect(caught.find((e) => e.messageId === missed.id)?.channelName).toBe('Lounge');
  });
});

describe('member reports', () => {
  it('names the reported message\'s author with their roles and server name, also when discord.js had not cached them', async () => {
    const moderator = sim.memberIdsByRole('Moderator').find((id) => sim.canPost(id))!;
    sim.setMemberProfile(moderator, { nick: 'Mod Kim' });
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: moderator, content: 'a message someone reports (report-author)' });
    await until(() => events.find((e) => e.messageId === posted.id), 'the live message');
    // As on a server too large to cache whole: discord.js does not know the author.
    (connector as unknown as { client: Client }).client.guilds.cache.get(sim.guildId)!.members.cache.delete(moderator);
    const before = events.length;
    sim.useMessageCommand({ name: REPORT_COMMAND, channelId: sim.channels.general, messageId: posted.id, userId: aMember() });
    await until(() => events.slice(before).find((e) => e.kind === 'report' && e.messageId === posted.id), 'the report');
    const reported = events.slice(before).find((e) => e.kind === 'message' && e.messageId === posted.id);
    expect(reported?.author).toMatchObject({ id: moderator, displayName: 'Mod Kim', roles: expect.arrayContaining([sim.roleIds.moderator]) });
  });
});

describe('moderators acting in the Discord app', () => {
  it('reports who deleted a message natively, from the audit log', async () => {
    const author = aMember();
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'buy cheap followers here' });
    await until(() => events.find((e) => e.messageId === posted.id), 'the message');
    sim.deleteMessage(sim.channels.general, posted.id, moderator);
    const handled = await until(() => events.find((e) => e.kind === 'modAction' && e.author?.id === moderator), 'the audit entry');
    expect(handled.channelId).toBe(sim.channels.general);
    expect(handled.moderation).toEqual({ action: 'delete', targetId: author });
    expect(handled.author?.name).toBe(sim.member(moderator)?.username);
    await until(() => events.find((e) => e.kind === 'delete' && e.messageId === posted.id), 'the delete');
  });

  it('names the moderator who deleted natively also when discord.js had not cached them', async () => {
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: aMember(), content: 'buy cheap followers (uncached mod)' });
    await until(() => events.find((e) => e.messageId === posted.id), 'the message');
    // As on a server too large to cache whole: discord.js knows neither the member nor the user.
    const client = (connector as unknown as { client: Client }).client;
    client.guilds.cache.get(sim.guildId)!.members.cache.delete(moderator);
    client.users.cache.delete(moderator);
    const before = events.length;
    sim.deleteMessage(sim.channels.general, posted.id, moderator);
    const handled = await until(() => events.slice(before).find((e) => e.kind === 'modAction' && e.author?.id === moderator), 'the audit entry');
    expect(handled.author?.name).toBe(sim.member(moderator)?.username);
  });

  it('reports a ban done in the app, and names the banned member', async () => {
    const target = aMember();
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    sim.banAsModerator(target, moderator);
    const handled = await until(
      () => events.find((e) => e.kind === 'modAction' && e.moderation?.action === 'ban' && e.moderation.targetId === target),
      'the ban entry',
    );
    expect(handled.author?.id).toBe(moderator);
    expect(sim.member(target)?.banned).toBe(true);
  });
});

describe('actions', () => {
  it('replies in the channel, once per idempotency key even when sent twice', async () => {
    const target = sim.postMessage({ channelId: sim.channels.help, authorId: aMember(), content: 'how do I verify?' });
    const reply = action('reply', { channelId: sim.channels.help, text: 'Hi! Check #announcements for the steps.', replyToMessageId: target.id });
    const first = await connector.execute(reply);
    const second = await connector.execute(reply);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value.createdMessageId).toBe(first.value.createdMessageId);
    const mine = sim.messages(sim.channels.help).filter((m) => m.authorId === sim.botUserId && m.content.startsWith('Hi! Check'));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.replyTo).toBe(target.id);
  });

  it('deletes a message, and says alreadyDone for one that is gone', async () => {
    const target = sim.postMessage({ channelId: sim.channels.general, authorId: aMember(), content: 'free nitro lol' });
    const result = await connector.execute(action('delete', { messageId: target.id }));
    expect(result.ok).toBe(true);
    expect(sim.message(sim.channels.general, target.id)?.deleted).toBe(true);
    const again = await connector.execute(action('delete', { messageId: target.id }));
    // Discord answers 10008 for a message deleted by anyone: the intent holds, nothing to do (issue 6).
    expect(again.ok && again.value.alreadyDone).toBe(true);
  });

  it('times out, kicks, bans and unbans a member', async () => {
    const victim = aMember();
    const timeout = await connector.execute(action('timeout', { memberId: victim, durationSeconds: 600, reason: 'spam' }));
    expect(timeout.ok).toBe(true);
    const until = sim.member(victim)?.communicationDisabledUntil;
    expect(until && Date.parse(until)).toBeGreaterThan(Date.now() + 500_000);

    const kicked = aMember();
    expect((await connector.execute(action('kick', { memberId: kicked }))).ok).toBe(true);
    expect(sim.member(kicked)?.present).toBe(false);

    const banned = aMember();
    expect((await connector.execute(action('ban', { memberId: banned, deleteMessageSeconds: 3600 }))).ok).toBe(true);
    expect(sim.member(banned)?.banned).toBe(true);
    expect((await connector.execute(action('unban', { memberId: banned }))).ok).toBe(true);
    expect(sim.member(banned)?.banned).toBe(false);

    expect((await connector.execute(action('slowmode', { seconds: 30 }))).ok).toBe(true);
  });

  it('says missing_permission for an Admin and for a channel the bot may not post in', async () => {
    const admin = sim.memberIdsByRole('Admin')[0]!;
    const result = await connector.execute(action('timeout', { memberId: admin, durationSeconds: 60 }));
    expect(!result.ok && result.error.code).toBe('missing_permission');
    const post = await connector.execute(action('reply', { channelId: sim.channels.announcements, text: 'hello' }));
    expect(!post.ok && post.error.code).toBe('missing_permission');
  });

  it('waits out a 429 on a delete and deletes exactly once', async () => {
    const target = sim.postMessage({ channelId: sim.channels.general, authorId: aMember(), content: 'buy followers cheap' });
    sim.injectFailure({ method: 'DELETE', path: new RegExp(`/messages/${target.id}$`) }, { status: 429, retryAfterMs: 300, times: 1 });
    const result = await connector.execute(action('delete', { messageId: target.id }));
    expect(result.ok).toBe(true);
    const attempts = sim.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${target.id}`));
    expect(attempts.map((a) => a.status)).toEqual([429, 204]);
    expect(sim.message(sim.channels.general, target.id)?.deleted).toBe(true);
  });
});

describe('resume and catch-up', () => {
  it('loses and repeats nothing over 1,000 messages with gateway drops mid-stream', async () => {
    const start = events.length;
    const authors = sim.memberIdsByRole('Member').slice(0, 10);
    const posted: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      if (i === 300 || i === 700) sim.dropConnections(4000);
      posted.push(sim.postMessage({ channelId: sim.channels.general, authorId: authors[i % authors.length]!, content: `stream ${i}` }).id);
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const seen = () => events.slice(start).filter((e) => e.kind === 'message' && e.text?.startsWith('stream '));
    await until(() => seen().length >= 1_000, '1,000 messages', 30_000);
    await new Promise((r) => setTimeout(r, 200));
    const ids = seen().map((e) => e.messageId);
    expect(ids).toHaveLength(1_000);
    expect(new Set(ids).size).toBe(1_000);
    expect(new Set(ids)).toEqual(new Set(posted));
    expect(sim.stats.resumes).toBeGreaterThanOrEqual(1);
  });

  it('catches up exactly the messages after a cursor, across pages', async () => {
    const authors = sim.memberIdsByRole('Member').slice(0, 5);
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      ids.push(sim.postMessage({ channelId: sim.channels.help, authorId: authors[i % 5]!, content: `page ${i}` }).id);
    }
    const cursor = ids[9]!;
    const caught = await connector.catchUp({ [sim.channels.help]: cursor, [sim.channels.general]: ids[0]! }, 0);
    const help = caught.filter((e) => e.channelId === sim.channels.help).map((e) => e.messageId);
    expect(help).toEqual(ids.slice(10));
    const fresh = await connector.catchUp({}, 20);
    expect(fresh.filter((e) => e.channelId === sim.channels.help).map((e) => e.messageId)).toEqual(ids.slice(-20));
    // Each caught-up message carries the cursor move the connector produces (core/connector.ts): its
    // channel's position forward to it; the newest one's is the cursor the next catch-up starts from.
    const last = caught.filter((e) => e.channelId === sim.channels.help).at(-1);
    expect(last?.cursor).toEqual({ after: { [sim.channels.help]: ids.at(-1) } });
    const positions: Record<string, string> = {};
    for (const e of caught) if (e.cursor) applyCursorMove(positions, e.cursor);
    expect(positions[sim.channels.help]).toBe(ids.at(-1));
    expect((await connector.catchUp(positions, 0)).filter((e) => e.channelId === sim.channels.help)).toEqual([]);
  });
});
