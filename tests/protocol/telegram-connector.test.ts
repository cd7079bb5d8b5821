// The real gramjs client (through TelegramConnector) against the practice MTProto server: logins,
// every update kind, every action, FLOOD_WAIT, a dropped connection over 1,000 messages, catch-up
// from stored positions, a revoked login, and the session string never leaving the connector.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ActionIntentSchema } from '../../src/shared/domain/actions';
import type { ActionIntent } from '@shared/domain/actions';
import type { SourceInfo } from '@shared/domain/model';
import type { RawEvent } from '../../src/main/core/connector';
import { TelegramConnector, type TelegramSourceConfig } from '../../src/main/connectors/telegram/client';
import { REPORT_THANKS_TELEGRAM } from '../../src/main/connectors/telegram/thanks';
import { startTelegramScenario, telegramStorySteps } from '../../src/main/practice/telegram/scenario';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { createRng } from '../../src/main/practice/discord/random';
import { createTriageEngine } from '@shared/triage';
import { buildJourney } from '@shared/insights/journey';
import { Pipeline } from '../../src/main/pipeline/pipeline';
import { practiceTelegramSource } from './practiceTelegram';
import { until } from './until';

let sim: TelegramSimulator;
const running: TelegramConnector[] = [];

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 11 });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  await sim.close();
});

function connector(extra: Partial<TelegramSourceConfig> = {}) {
  const c = new TelegramConnector(practiceTelegramSource(sim, { id: `telegram-${randomUUID().slice(0, 8)}`, ...extra }));
  const events: RawEvent[] = [];
  const infos: SourceInfo[] = [];
  c.onEvent((e) => events.push(e));
  c.onInfo((i) => infos.push(i));
  running.push(c);
  return { c, events, infos };
}

/** A started bot connector that has seen the supergroup (bots learn chats from their first update). */
async function readyBot() {
  const bot = connector({ botToken: sim.botToken });
  const started = await bot.c.start();
  expect(started.ok).toBe(true);
  const hello = sim.postMessage({ authorId: regular(0), text: 'hello from the practice group' });
  await until(() => bot.events.find((e) => e.messageId === String(hello.id)), 'the first message');
  return bot;
}

const regular = (i: number) => sim.memberIds()[i] as string;

function intent<K extends ActionIntent['kind']>(kind: K, fields: Omit<Extract<ActionIntent, { kind: K }>, 'key' | 'sourceId' | 'platform' | 'spaceId' | 'kind' | 'channelId'> & { channelId?: string }): ActionIntent {
  return ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: sim.supergroupId, channelId: sim.supergroupId, kind, ...fields });
}

describe('Telegram connector against the practice MTProto server', () => {
  it('logs a bot in with its token and reports a wrong token as token_invalid', async () => {
    const { c } = connector({ botToken: sim.botToken });
    const t0 = Date.now();
    const started = await c.start();
    const loginMs = Date.now() - t0;
    expect(started.ok).toBe(true);
    expect(c.info()).toMatchObject({ platform: 'telegram', state: 'ready', self: { id: sim.botUserId, name: 'tribekeeper_practice_bot' } });
    console.info(`[telegram] bot login (auth key exchange + sign-in + getMe + getState): ${loginMs} ms`);

    // A key exchange answered with dh_gen_retry (what a key with a leading zero byte gets) is redone.
    const retrySim = await startTelegramSimulator({ seed: 12, dhGenRetries: 1 });
    try {
      const retried = connector({ botToken: retrySim.botToken, server: { host: retrySim.host, port: retrySim.port, rsaPublicKeyPem: retrySim.rsaPublicKeyPem } });
      expect((await retried.c.start()).ok).toBe(true);
      expect(retrySim.stats).toMatchObject({ dhGenRetries: 1, authKeys: 1 });
      await retried.c.stop();
    } finally {
      await retrySim.close();
    }

    const wrong = connector({ botToken: `${sim.botUserId}:not-the-token` });
    const failed = await wrong.c.start();
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('token_invalid');
    expect(wrong.c.info().state).toBe('token_invalid');
  });

  it('logs a user in with phone and code, then with a cloud password (SRP), and resumes from the session', async () => {
    const logged: string[] = [];
    const spies = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'), vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
    for (const spy of spies) (spy as MockInstance<(...args: unknown[]) => boolean>).mockImplementation((...args: unknown[]) => (logged.push(args.map(String).join(' ')), true));
    const { c, infos, events } = connector();
    const first = await c.start();
    expect(first.ok).toBe(false);
    expect(c.info()).toMatchObject({ state: 'token_invalid', stateDetail: expect.stringMatching(/phone/) });

    const owner = sim.userAccounts[0] as (typeof sim.userAccounts)[number];
    expect((await c.beginUserLogin(owner.phone)).ok).toBe(true);
    const wrongCode = await c.completeUserLogin('00000');
    expect(wrongCode.ok ? null : wrongCode.error.code).toBe('invalid_input');
    const signedIn = await c.completeUserLogin(owner.code);
    expect(signedIn.ok && signedIn.value.status).toBe('signed_in');
    const session = signedIn.ok && signedIn.value.status === 'signed_in' ? signedIn.value.session : '';
    expect(session.length).toBeGreaterThan(100);
    expect(c.info()).toMatchObject({ state: 'ready', self: { id: owner.userId } });
    // A user account lists its dialogs at once, topics included.
    const space = c.info().spaces.find((s) => s.id === sim.supergroupId);
    expect(space?.name).toBe('Practice Community Chat');
    expect(space?.channels.map((ch) => ch.name)).toEqual(['General', 'Help & Support']);

    // The session resumes without a code.
    const again = connector({ session });
    expect((await again.c.start()).ok).toBe(true);
    expect(again.c.info().self?.id).toBe(owner.userId);
    sim.postMessage({ authorId: regular(1), text: 'seen by the user account' });
    await until(() => again.events.find((e) => e.text === 'seen by the user account'), 'a live message on the user session');

    // 2FA: the code step asks for the password; a wrong one is refused; the right one signs in.
    const mod = sim.userAccounts[1] as (typeof sim.userAccounts)[number];
    const twoFa = connector();
    await twoFa.c.start();
    expect((await twoFa.c.beginUserLogin(mod.phone)).ok).toBe(true);
    const needs = await twoFa.c.completeUserLogin(mod.code);
    expect(needs.ok && needs.value.status).toBe('password_needed');
    const wrongPassword = await twoFa.c.completeUserLogin(mod.code, 'not-it');
    expect(wrongPassword.ok ? null : wrongPassword.error.code).toBe('invalid_input');
    const withPassword = await twoFa.c.completeUserLogin(mod.code, mod.password);
    expect(withPassword.ok && withPassword.value.status).toBe('signed_in');
    expect(twoFa.c.info().self?.id).toBe(mod.userId);

    // The session string never reaches an event or an info record.
    const emitted = JSON.stringify([infos, events, again.infos, again.events, again.c.info(), again.c.positions()]);
    expect(emitted).not.toContain(session);
    expect(emitted).not.toContain(session.slice(10, 60));
    for (const spy of spies) spy.mockRestore();
    expect(logged.join('\n')).not.toContain(session.slice(10, 60));
  });

  it('normalizes messages, topics, replies, forwards, edits, deletes, joins and leaves', async () => {
    const { events } = await readyBot();
    const chat = sim.supergroupId;
    const general = sim.postMessage({ authorId: regular(2), text: 'plain hello in General' });
    const inTopic = sim.postMessage({ authorId: regular(3), text: 'how do I verify?', topicId: sim.topics.help });
    const reply = sim.postMessage({ authorId: regular(4), text: 'like this', replyTo: inTopic.id });
    const fwd = sim.postMessage({ authorId: regular(5), text: 'FREE airdrop', forwardedFrom: 'Crypto Giveaways' });
    sim.editMessage(chat, general.id, 'plain hello in General (edited)');
    sim.deleteMessages(chat, [inTopic.id]);
    const newcomer = sim.addMember({ firstName: 'Zed', username: 'zed_new' });
    sim.removeMember(newcomer.id);
    await until(() => events.find((e) => e.kind === 'leave' && e.author?.id === newcomer.id), 'the leave');

    const byId = (id: string) => events.filter((e) => e.id === id);
    const generalEvent = byId(`telegram:${chat}:${chat}:${general.id}`)[0];
    expect(generalEvent).toMatchObject({ kind: 'message', platform: 'telegram', spaceId: chat, spaceName: 'Practice Community Chat', channelId: chat, channelName: 'General', text: 'plain hello in General' });
    expect(generalEvent?.author).toMatchObject({ id: regular(2), bot: false });
    expect(byId(`telegram:${chat}:${sim.topics.help}:${inTopic.id}`)[0]).toMatchObject({ channelId: String(sim.topics.help), channelName: 'Help & Support', text: 'how do I verify?' });
    expect(byId(`telegram:${chat}:${sim.topics.help}:${inTopic.id}`)[0]?.replyToMessageId).toBeUndefined();
    expect(byId(`telegram:${chat}:${sim.topics.help}:${reply.id}`)[0]).toMatchObject({ replyToMessageId: String(inTopic.id), channelId: String(sim.topics.help) });
    expect(byId(`telegram:${chat}:${chat}:${fwd.id}`)[0]).toMatchObject({ detail: 'forwarded from Crypto Giveaways' });
    const edit = events.find((e) => e.kind === 'edit' && e.messageId === String(general.id));
    expect(edit).toMatchObject({ text: 'plain hello in General (edited)', channelId: chat });
    expect(edit?.id).toMatch(new RegExp(`^telegram:${chat}:${chat}:${general.id}:edit:\\d+:[0-9a-f]{12}$`));
    expect(events.find((e) => e.kind === 'delete' && e.messageId === String(inTopic.id))).toMatchObject({
      id: `telegram:${chat}:${chat}:${inTopic.id}:delete`,
      channelId: String(sim.topics.help),
    });
    expect(events.find((e) => e.kind === 'join' && e.author?.id === newcomer.id)).toMatchObject({ channelId: 'members', author: { name: 'zed_new', displayName: 'Zed' } });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('names who a message was sent as (an anonymous admin, a channel, a linked channel\'s post), reads members\' polls, contact and venue cards, and follows a renamed topic', async () => {
    const { c, events } = await readyBot();
    const chat = sim.supergroupId;
    const admin = sim.users().find((u) => !u.bot && u.id !== sim.botUserId && sim.member(chat, u.id)?.admin);
    if (!admin) throw new Error('the practice group has no human admin');
    const before = c.positions();
    const anonymous = sim.postMessage({ authorId: admin.id, text: 'Reminder: no trading posts here', asGroup: { signature: 'Mod team' } });
    const asChannel = sim.postMessage({ authorId: regular(6), text: 'subscribe for signals', asChannel: { title: 'Moon Signals' } });
    const linked = sim.postMessage({ authorId: admin.id, text: 'Weekly update is out', asChannel: { title: 'Practice News', linkedPost: 42 } });
    const poll = sim.postMessage({ authorId: regular(7), text: '', poll: { question: 'Which wallet for the airdrop?', answers: ['claim at airdrop-claim.example', 'none'], multipleChoice: false } });
    const byMessage = (m: { id: number }) => until(() => events.find((e) => e.kind === 'message' && e.messageId === String(m.id)), `message ${m.id}`);
    expect((await byMessage(anonymous)).author).toEqual({ id: chat, name: 'Practice Community Chat', bot: false });
    // Only admins post as the group: triage counts that author as staff.
    expect((await until(() => c.staff(chat), 'the staff list')).ids).toContain(chat);
    const channelAuthor = (await byMessage(asChannel)).author;
    expect(channelAuthor?.name).toBe('Moon Signals');
    expect(channelAuthor?.id).not.toBe(regular(6));
    const post = await byMessage(linked);
    expect(post.author?.name).toBe('Practice News');
    expect(post.forwardedFrom).toBe('Practice News');
    const polled = await byMessage(poll);
    expect(polled).toMatchObject({ text: 'Which wallet for the airdrop?\n• claim at airdrop-claim.example\n• none', detail: 'poll', author: { id: regular(7) } });
    // Cards instead of text: a shared contact (its name, never its number), a venue.
    const contact = sim.postMessage({ authorId: regular(7), text: '', card: { contact: { firstName: 'Telegram', lastName: 'Support Desk', phone: '15550009999' } } });
    expect(await byMessage(contact)).toMatchObject({ text: 'Telegram Support Desk', attachments: [{ name: 'Telegram Support Desk', contentType: 'text/vcard' }] });
    const venue = sim.postMessage({ authorId: regular(7), text: '', card: { venue: { title: 'Meetup café', address: '1 Main St' } } });
    expect(await byMessage(venue)).toMatchObject({ text: 'Meetup café\n1 Main St', attachments: [{ name: 'location' }] });
    // A topic renamed in the app: later messages there, and the channel list, carry the new name.
    sim.renameTopic(sim.topics.help, 'Help desk');
    try {
      const renamed = sim.postMessage({ authorId: regular(7), text: 'is this the help topic?', topicId: sim.topics.help });
      expect((await byMessage(renamed)).channelName).toBe('Help desk');
      expect(c.info().spaces.find((s) => s.id === chat)?.channels.find((ch) => ch.id === String(sim.topics.help))?.name).toBe('Help desk');
    } finally {
      sim.renameTopic(sim.topics.help, 'Help & Support');
    }
    // Catch-up (getChannelDifference) names them the same way.
    const caught = await c.catchUp(before, 0);
    expect(caught.find((e) => e.messageId === String(asChannel.id))?.author?.name).toBe('Moon Signals');
    expect(caught.find((e) => e.messageId === String(anonymous.id))?.author?.name).toBe('Practice Community Chat');
  });

  it('bans a channel members post as by the channel, never the member behind it, and refuses in words to mute it or to act on an anonymous admin', async () => {
    const { c, events } = await readyBot();
    const chat = sim.supergroupId;
    const admin = sim.users().find((u) => !u.bot && sim.member(chat, u.id)?.admin);
    if (!admin) throw new Error('the practice group has no human admin');
    const poster = regular(8);
    const spam = sim.postMessage({ authorId: poster, text: 'join my pump signals channel', asChannel: { title: 'Pump Signals' } });
    const anonymous = sim.postMessage({ authorId: admin.id, text: 'rules updated, read them', asGroup: {} });
    const authorOf = async (m: { id: number }) => (await until(() => events.find((e) => e.kind === 'message' && e.messageId === String(m.id)), `message ${m.id}`)).author?.id as string;
    const channelId = await authorOf(spam);
    expect(channelId).not.toBe(poster);
    expect(await authorOf(anonymous)).toBe(chat);

    // Telegram can only ban a channel from a group: a mute or a kick is refused in words, nothing sent.
    const editBans = sim.calls('channels.EditBanned');
    const muted = await c.execute(intent('timeout', { memberId: channelId, durationSeconds: 600 }));
    expect(muted.ok ? null : muted.error).toMatchObject({ code: 'unsupported', fields: { reason: 'telegram_channel_ban_only' } });
    const kicked = await c.execute(intent('kick', { memberId: channelId }));
    expect(kicked.ok ? null : kicked.error).toMatchObject({ code: 'unsupported', fields: { reason: 'telegram_channel_ban_only' } });
    expect(sim.calls('channels.EditBanned')).toBe(editBans);
    // The ban goes to the channel (a "min" one here: addressed through the message it posted).
    const banned = await c.execute(intent('ban', { memberId: channelId }));
    expect(banned).toMatchObject({ ok: true, value: { kind: 'ban' } });
    expect(sim.channelBanned(chat, 'Pump Signals')).toBe(true);
    expect(sim.member(chat, poster)).toMatchObject({ present: true, banned: false, restrictedUntil: 0 });
    expect(() => sim.postMessage({ authorId: poster, text: 'still here', asChannel: { title: 'Pump Signals' } })).toThrow(/banned/);
    expect((await c.execute(intent('unban', { memberId: channelId }))).ok).toBe(true);
    expect(sim.channelBanned(chat, 'Pump Signals')).toBe(false);

    // An admin posting as the group: Telegram does not say which one; nothing is sent, the refusal says why.
    for (const action of [intent('ban', { memberId: chat }), intent('timeout', { memberId: chat, durationSeconds: 600 }), intent('kick', { memberId: chat })]) {
      const refused = await c.execute(action);
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'unsupported', fields: { reason: 'telegram_anonymous_admin' } });
    }
    expect(sim.calls('channels.EditBanned')).toBe(editBans + 2);
    expect(sim.member(chat, admin.id)).toMatchObject({ present: true, admin: true, banned: false });
  });

  it('reads basic groups: the short form (updateShortChatMessage), full messages with PeerChat, and catch-up', async () => {
    const bot = await readyBot();
    const lounge = sim.basicGroupId;
    const [a, b] = sim.basicGroupMemberIds() as [string, string];
    // Plain text comes as updateShortChatMessage: the group and the author by id only, learnt by getDifference.
    const short = sim.postToBasicGroup({ authorId: a, text: 'hi lounge, anyone around?' });
    const full = sim.postToBasicGroup({ authorId: b, text: 'yes, welcome', replyTo: short.id, links: { webPage: { url: 'https://example.org/welcome' } } });
    const shortEvent = await until(() => bot.events.find((e) => e.messageId === String(short.id) && e.spaceId === lounge), 'the short basic-group message');
    expect(shortEvent).toMatchObject({
      id: `telegram:${lounge}:${lounge}:${short.id}`,
      kind: 'message',
      spaceName: 'Practice Newcomers Lounge',
      channelId: lounge,
      channelName: 'Practice Newcomers Lounge',
      text: 'hi lounge, anyone around?',
      author: { id: a, bot: false },
    });
    const fullEvent = await until(() => bot.events.find((e) => e.messageId === String(full.id) && e.spaceId === lounge), 'the full basic-group message');
    expect(fullEvent).toMatchObject({ text: 'yes, welcome', replyToMessageId: String(short.id), author: { id: b } });
    const space = bot.c.info().spaces.find((s) => s.id === lounge);
    expect(space).toMatchObject({ name: 'Practice Newcomers Lounge', channels: [{ id: lounge, kind: 'text' }] });
    const context = await bot.c.context(lounge, String(full.id), 4);
    expect(context.ok && context.value.map((e) => e.text)).toEqual(['hi lounge, anyone around?', 'yes, welcome']);

    // Missed while away: the account position (@state) brings basic-group messages back.
    const positions = bot.c.positions();
    await bot.c.stop();
    const missed = sim.postToBasicGroup({ authorId: a, text: 'posted while the console was closed' });
    const again = connector({ botToken: sim.botToken });
    expect((await again.c.start()).ok).toBe(true);
    const caught = await again.c.catchUp(positions, 0);
    expect(caught.filter((e) => e.spaceId === lounge).map((e) => [e.messageId, e.text])).toEqual([[String(missed.id), 'posted while the console was closed']]);
  });

  it("carries a basic group's ranks (creator, admin) and an admin change the owner makes there (updateChatParticipantAdmin)", async () => {
    const { c, events } = await readyBot();
    const lounge = sim.basicGroupId;
    const [a] = sim.basicGroupMemberIds() as [string];
    const owner = sim.users().find((u) => u.username === 'mira_owner');
    if (!owner) throw new Error('the practice group has no owner');
    const said = (authorId: string, text: string) => {
      const m = sim.postToBasicGroup({ authorId, text });
      return until(() => events.find((e) => e.spaceId === lounge && e.messageId === String(m.id)), text);
    };
    // The group is learnt from its first message; its members list is read then, before later updates.
    await said(a, 'lounge hello');
    c.staff(lounge);
    expect((await said(owner.id, 'owner in the lounge')).author?.roles).toEqual(['creator']);
    expect((await said(a, 'member in the lounge')).author?.roles).toEqual([]);
    sim.setBasicAdminAsOwner(a, true);
    const promoted = await until(() => events.find((e) => e.kind === 'roles' && e.spaceId === lounge && e.author?.id === a), 'the promotion');
    expect(promoted.author?.roles).toEqual(['admin']);
    expect(promoted.moderation).toEqual({ action: 'promote', targetId: a, before: [] });
    expect((await said(a, 'admin now')).author?.roles).toEqual(['admin']);
    sim.setBasicAdminAsOwner(a, false);
    const demoted = await until(() => events.find((e) => e.kind === 'roles' && e.spaceId === lounge && e.moderation?.action === 'demote'), 'the demotion');
    expect(demoted.moderation?.before).toEqual(['admin']);
    expect((await said(a, 'member again')).author?.roles).toEqual([]);
  });

  it('carries hidden link targets (text links, URL buttons, previews) so triage reads where the links go', async () => {
    const bot = await readyBot();
    // Words with no lure of their own (the learned model rightly reads "complete the verification to keep
    // your account" as account-suspension phishing): only the link targets make this a phishing message.
    const words = 'The notes from the official verification call are up — café ✅ details';
    const lure = sim.postMessage({
      authorId: regular(8),
      text: words,
      links: {
        // After an emoji (two UTF-16 units) and an accent, to check the entity offsets.
        textUrls: [{ text: 'official verification', url: 'https://telegram-verify.click/login' }, { text: 'details', url: 'https://example.org/faq' }],
        buttons: [{ text: 'Verify now', url: 'https://telegram-verify.click/btn' }],
        webPage: { url: 'https://example.org/news', title: 'Community news' },
      },
    });
    const event = await until(() => bot.events.find((e) => e.messageId === String(lure.id) && e.kind === 'message'), 'the lure');
    expect(event.text).toBe(words);
    expect(event.linkTargets).toEqual([
      { via: 'text_link', shown: 'official verification', url: 'https://telegram-verify.click/login' },
      { via: 'text_link', shown: 'details', url: 'https://example.org/faq' },
      { via: 'button', shown: 'Verify now', url: 'https://telegram-verify.click/btn' },
      { via: 'preview', shown: 'Community news', url: 'https://example.org/news' },
    ]);
    // The visible words alone are harmless; the pipeline feeds triage the targets too.
    const engine = createTriageEngine();
    expect(engine.evaluate(event)).toEqual([]);
    const { envelope } = new Pipeline({ triage: engine }).process(event);
    expect(envelope.flags.map((f) => f.category)).toContain('phishing');
    expect(envelope.event.text).toBe(words);

    // In the basic group, through the full update form, and a button alone.
    const buttonOnly = sim.postToBasicGroup({ authorId: sim.basicGroupMemberIds()[0] as string, text: 'tap below', links: { buttons: [{ text: 'Claim', url: 'https://telegram-verify.click/claim' }] } });
    const inLounge = await until(() => bot.events.find((e) => e.spaceId === sim.basicGroupId && e.messageId === String(buttonOnly.id)), 'the lounge lure');
    expect(inLounge.linkTargets).toEqual([{ via: 'button', shown: 'Claim', url: 'https://telegram-verify.click/claim' }]);
  });

  it('triages the second of two edits made within one second (edit dates are whole seconds): a scam swapped in is not taken for a repeat', async () => {
    const { events } = await readyBot();
    const chat = sim.supergroupId;
    const m = sim.postMessage({ authorId: regular(3), text: 'nice weather today' });
    await until(() => events.find((e) => e.kind === 'message' && e.messageId === String(m.id)), 'the message');
    const first = sim.editMessage(chat, m.id, 'nice weather today, right?');
    const second = sim.editMessage(chat, m.id, 'Free Nitro for everyone! claim here: https://discord-gift.ru');
    const edits = await until(() => {
      const found = events.filter((e) => e.kind === 'edit' && e.messageId === String(m.id));
      return found.length === 2 && found;
    }, 'both edits');
    // Within one second here (the practice server counts seconds as Telegram does); the ids still differ.
    expect(first.editDate === second.editDate ? new Set(edits.map((e) => e.id)).size : 2).toBe(2);
    const pipeline = new Pipeline({ triage: createTriageEngine() });
    const [harmless, scam] = edits.map((e) => pipeline.process(e).envelope);
    expect(harmless?.flags).toEqual([]);
    expect(scam?.event.text).toBe('Free Nitro for everyone! claim here: https://discord-gift.ru');
    expect(scam?.flags.length).toBeGreaterThan(0);
  });

  it('names forum topics from their creation message when channels.getForumTopics fails, and keeps the names across a restart', async () => {
    const own = await startTelegramSimulator({ seed: 13 });
    try {
      const server = { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem };
      own.injectError('channels.GetForumTopics', 500, 'INTERNAL_SERVER_ERROR', 100);
      const first = connector({ botToken: own.botToken, server });
      expect((await first.c.start()).ok).toBe(true);
      const author = own.memberIds()[0] as string;
      const asked = own.postMessage({ authorId: author, text: 'where are the event rules?', topicId: own.topics.help });
      const event = await until(() => first.events.find((e) => e.messageId === String(asked.id)), 'the topic message');
      expect(own.calls('channels.GetForumTopics')).toBeGreaterThan(0);
      expect(event).toMatchObject({ channelId: String(own.topics.help), channelName: 'Help & Support' });
      expect(first.c.info().spaces[0]?.channels.map((ch) => ch.name)).toContain('Help & Support');
      // The name is stored with the event's position…
      expect(event.cursor?.at?.[`@topic:${own.supergroupId}:${own.topics.help}`]).toBe('Help & Support');
      const stored = { ...first.c.positions(), ...event.cursor?.at };
      await first.c.stop();

      // …so after a restart where neither the topic list nor the creation message can be read, it is still known.
      own.injectError('channels.GetMessages', 500, 'INTERNAL_SERVER_ERROR', 100);
      const second = connector({ botToken: own.botToken, server });
      expect((await second.c.start()).ok).toBe(true);
      await second.c.catchUp(stored, 0);
      const later = own.postMessage({ authorId: author, text: 'found them, thanks', topicId: own.topics.help });
      const laterEvent = await until(() => second.events.find((e) => e.messageId === String(later.id)), 'the message after the restart');
      expect(laterEvent).toMatchObject({ channelId: String(own.topics.help), channelName: 'Help & Support' });
      await second.c.stop();
    } finally {
      await own.close();
    }
  });

  it('reports a ban and a mute an admin did in the Telegram app, naming the admin', async () => {
    const { events } = await readyBot();
    const chat = sim.supergroupId;
    const admin = sim.users().find((u) => !u.bot && u.id !== sim.botUserId && sim.member(chat, u.id)?.admin);
    if (!admin) throw new Error('the practice group has no human admin');
    const banned = sim.addMember({ firstName: 'Spammy', username: 'spammy_1' });
    const muted = sim.addMember({ firstName: 'Loud', username: 'loud_1' });
    sim.restrictAsAdmin(banned.id, admin.id, { ban: true });
    sim.restrictAsAdmin(muted.id, admin.id, { ban: false, untilDate: Math.floor(Date.now() / 1000) + 3600 });
    const ban = await until(() => events.find((e) => e.kind === 'modAction' && e.moderation?.targetId === banned.id), 'the ban');
    expect(ban).toMatchObject({ platform: 'telegram', spaceId: chat, channelId: 'members', author: { id: admin.id, bot: false } });
    expect(ban.moderation).toEqual({ action: 'ban', targetId: banned.id });
    expect(ban.author?.name).toBe(admin.username ?? admin.firstName);
    const mute = await until(() => events.find((e) => e.kind === 'modAction' && e.moderation?.targetId === muted.id), 'the mute');
    expect(mute.moderation).toEqual({ action: 'timeout', targetId: muted.id });
    expect(sim.member(chat, banned.id)).toMatchObject({ banned: true, present: false });
  });

  it('counts a join told only as a participant update (hidden join messages) once, once when told both ways, and a raid of such joins once per account', async () => {
    const { events } = await readyBot();
    const chat = sim.supergroupId;
    const of = (kind: string, userId: string) => events.filter((e) => e.kind === kind && e.author?.id === userId);
    /** A message after the changes: updates are applied in order, so once it is here, all before it are. */
    const settled = async (label: string) => {
      const m = sim.postMessage({ authorId: regular(0), text: `after ${label}` });
      await until(() => events.find((e) => e.messageId === String(m.id)), label);
    };
    try {
      sim.setJoinMessages(chat, 'hidden');
      const quiet = sim.addMember({ firstName: 'Hana', username: 'hana_quiet' });
      sim.removeMember(quiet.id);
      await until(() => of('leave', quiet.id)[0], 'the hidden leave');
      await settled('the hidden join');
      expect(of('join', quiet.id)).toHaveLength(1);
      expect(of('join', quiet.id)[0]).toMatchObject({ platform: 'telegram', spaceId: chat, channelId: 'members', author: { name: 'hana_quiet', displayName: 'Hana', bot: false } });
      expect(of('leave', quiet.id)).toHaveLength(1);

      // Told both ways (service message and participant update): one join, one leave; a rejoin is a join again.
      sim.setJoinMessages(chat, 'both');
      const twice = sim.addMember({ firstName: 'Ivo', username: 'ivo_twice' });
      sim.removeMember(twice.id);
      await settled('the join told both ways');
      expect(of('join', twice.id)).toHaveLength(1);
      expect(of('leave', twice.id)).toHaveLength(1);

      // A raid by participant updates only: one join per account, flagged as a raid as service-message joins are.
      sim.setJoinMessages(chat, 'hidden');
      const raiders = Array.from({ length: 12 }, (_, i) => sim.addMember({ firstName: 'Wallet Support', username: `wallet_support_${i + 1}`, accountCreatedAt: new Date(Date.now() - 86_400_000) }));
      await settled('the raid');
      for (const r of raiders) expect(of('join', r.id)).toHaveLength(1);
      const triage = createTriageEngine();
      const joins = raiders.map((r) => of('join', r.id)[0] as RawEvent);
      const raidFlags = joins.flatMap((e) => triage.evaluate(e)).filter((f) => f.category === 'raid');
      expect(raidFlags.length).toBeGreaterThan(0);
      expect(new Set(raidFlags.map((f) => f.group)).size).toBe(1);
    } finally {
      sim.setJoinMessages(chat, 'messages');
    }
  });

  it("carries admins' ranks from the admin list on events, and the owner's promotions and demotions as rank changes the journey shows", async () => {
    const { c, events } = await readyBot();
    const chat = sim.supergroupId;
    const owner = sim.users().find((u) => u.username === 'mira_owner');
    const mod = sim.users().find((u) => u.username === 'sam_mod');
    if (!owner || !mod) throw new Error('the practice group has no owner or moderator');
    // The admin list is read when the group is first seen.
    await until(() => c.staff(chat), 'the admin list');
    const said = (authorId: string, text: string) => {
      const m = sim.postMessage({ authorId, text });
      return until(() => events.find((e) => e.messageId === String(m.id)), text);
    };
    const helper = regular(2);
    expect((await said(owner.id, 'owner here')).author?.roles).toEqual(['creator']);
    expect((await said(mod.id, 'mod here')).author?.roles).toEqual(['admin', 'title:Night shift']);
    expect((await said(helper, 'just a member')).author?.roles).toEqual([]);

    sim.setAdminAsOwner(helper, { admin: true, rank: 'Helper' });
    const promoted = await until(() => events.find((e) => e.kind === 'roles' && e.author?.id === helper), 'the promotion');
    expect(promoted).toMatchObject({ platform: 'telegram', spaceId: chat, channelId: 'members', author: { roles: ['admin', 'title:Helper'] } });
    expect(promoted.moderation).toEqual({ action: 'promote', targetId: helper, before: [] });
    expect((await said(helper, 'now with a title')).author?.roles).toEqual(['admin', 'title:Helper']);

    sim.setAdminAsOwner(helper, { admin: false });
    const demoted = await until(() => events.find((e) => e.kind === 'roles' && e.author?.id === helper && e.moderation?.action === 'demote'), 'the demotion');
    expect(demoted.author?.roles).toEqual([]);
    expect(demoted.moderation?.before).toEqual(['admin', 'title:Helper']);
    expect((await said(helper, 'a member again')).author?.roles).toEqual([]);

    const journey = buildJourney({ events: events.filter((e) => e.author?.id === helper), newcomerFirsts: new Set() });
    expect(journey.filter((s) => s.kind === 'role' || s.kind === 'role-lost').map((s) => [s.kind, s.detail])).toEqual([
      ['role', 'admin'],
      ['role', 'title:Helper'],
      ['role-lost', 'admin'],
    ]);
  });

  it("reads members' bios only when asked, once while cached, and none of a user whose access hash it never saw", async () => {
    const { c, events } = await readyBot();
    const member = regular(3);
    sim.setAbout(member, 'my art: wa.me/15551234567 <script>alert(1)</script>');
    const m = sim.postMessage({ authorId: member, text: 'hi, I draw' });
    await until(() => events.find((e) => e.messageId === String(m.id)), 'the message');
    const quiet = sim.addMember({ firstName: 'Quiet', username: 'quiet_1' });
    await until(() => events.find((e) => e.kind === 'join' && e.author?.id === quiet.id), 'the join');
    expect(sim.calls('users.GetFullUser')).toBe(0);
    // A user this connection never saw has no access hash here: not asked, not guessed.
    const bios = await c.bios([member, quiet.id, '4242424242']);
    expect(bios.get(member)).toBe('my art: wa.me/15551234567 <script>alert(1)</script>');
    expect(bios.get(quiet.id)).toBeNull();
    expect(bios.has('4242424242')).toBe(false);
    const calls = sim.calls('users.GetFullUser');
    expect(calls).toBe(2);
    expect((await c.bios([member])).get(member)).toContain('wa.me/15551234567');
    expect(sim.calls('users.GetFullUser')).toBe(calls);
  });

  it('executes every action, reaching the simulator, with typed failures', async () => {
    const { c, events } = await readyBot();
    const chat = sim.supergroupId;
    const asker = regular(6);
    const question = sim.postMessage({ authorId: asker, text: 'is this link safe?', topicId: sim.topics.help });
    const target = regular(7);
    sim.postMessage({ authorId: target, text: 'spam spam' });
    await until(() => events.find((e) => e.author?.id === target), 'the target speaks');

    const replied = await c.execute(intent('reply', { channelId: String(sim.topics.help), text: 'Please do not click it.', replyToMessageId: String(question.id) }));
    expect(replied.ok).toBe(true);
    const created = replied.ok ? Number(replied.value.createdMessageId) : 0;
    expect(sim.message(chat, created)).toMatchObject({ topicId: sim.topics.help, replyTo: question.id, text: 'Please do not click it.', fromId: sim.botUserId });
    await until(() => events.find((e) => e.messageId === String(created)), 'our own reply as an event');

    expect((await c.execute(intent('delete', { messageId: String(question.id) }))).ok).toBe(true);
    expect(sim.message(chat, question.id)?.deleted).toBe(true);
    await until(() => events.find((e) => e.kind === 'delete' && e.messageId === String(question.id)), 'the delete event');
    const gone = await c.execute(intent('delete', { messageId: '999999' }));
    expect(gone.ok ? null : gone.error.code).toBe('not_found');

    const muted = await c.execute(intent('timeout', { memberId: target, durationSeconds: 600 }));
    expect(muted.ok).toBe(true);
    const restricted = sim.member(chat, target)?.restrictedUntil ?? 0;
    expect(Math.abs(restricted - (Date.now() / 1000 + 600))).toBeLessThan(30);
    expect(muted.ok && muted.value.until).toBe(restricted * 1000);

    expect((await c.execute(intent('ban', { memberId: target }))).ok).toBe(true);
    expect(sim.member(chat, target)).toMatchObject({ banned: true, present: false, bannedUntil: 0 });
    expect((await c.execute(intent('unban', { memberId: target }))).ok).toBe(true);
    expect(sim.member(chat, target)).toMatchObject({ banned: false });

    const kicked = regular(8);
    sim.postMessage({ authorId: kicked, text: 'about to be kicked' });
    await until(() => events.find((e) => e.author?.id === kicked), 'the kicked member speaks');
    expect((await c.execute(intent('kick', { memberId: kicked }))).ok).toBe(true);
    expect(sim.member(chat, kicked)).toMatchObject({ present: false, banned: false });
    expect(sim.calls('channels.EditBanned')).toBeGreaterThanOrEqual(5);

    expect((await c.execute(intent('slowmode', { seconds: 25 }))).ok).toBe(true);
    expect(sim.slowModeSeconds(chat)).toBe(30);

    sim.setBotAdmin(false);
    try {
      const refused = await c.execute(intent('ban', { memberId: asker }));
      expect(refused.ok ? null : refused.error.code).toBe('missing_permission');
      expect(sim.member(chat, asker)?.banned).toBe(false);
    } finally {
      sim.setBotAdmin(true);
    }
  });

  it('deletes a whole album (grouped_id), as Telegram shows it, also one this run never saw', async () => {
    const chat = sim.supergroupId;
    const deletedOf = (album: { id: number }[]) => album.map((m) => sim.message(chat, m.id)?.deleted);
    // One it never saw: posted while no console ran.
    const unseen = sim.postAlbum({ authorId: regular(9), caption: 'airdrop claim steps in the pictures', photos: 3 });
    const { c, events } = await readyBot();
    const album = sim.postAlbum({ authorId: regular(9), caption: 'claim your airdrop, details in the photos', photos: 4 });
    await until(() => album.every((m) => events.find((e) => e.messageId === String(m.id))), 'the album, one message per photo');
    expect(events.filter((e) => album.some((m) => String(m.id) === e.messageId)).map((e) => e.attachments?.[0]?.name)).toEqual(['photo', 'photo', 'photo', 'photo']);
    const byCaption = await c.execute(intent('delete', { messageId: String((album[0] as { id: number }).id) }));
    expect(byCaption).toMatchObject({ ok: true, value: { kind: 'delete' } });
    expect(deletedOf(album)).toEqual([true, true, true, true]);
    const byPhoto = await c.execute(intent('delete', { messageId: String((unseen[1] as { id: number }).id) }));
    expect(byPhoto).toMatchObject({ ok: true, value: { kind: 'delete' } });
    expect(deletedOf(unseen)).toEqual([true, true, true]);
    // A message in no album is deleted alone.
    const before = sim.postMessage({ authorId: regular(9), text: 'next to the album' });
    const after = sim.postMessage({ authorId: regular(9), text: 'after it' });
    await until(() => events.find((e) => e.messageId === String(after.id)), 'the plain messages');
    expect((await c.execute(intent('delete', { messageId: String(before.id) }))).ok).toBe(true);
    expect(sim.message(chat, after.id)?.deleted).toBe(false);
  });

  it('waits out a short FLOOD_WAIT and sends once; a long one comes back as rate_limited', async () => {
    const { c } = await readyBot();
    const chat = sim.supergroupId;
    const before = sim.calls('messages.SendMessage');
    sim.injectFloodWait('messages.SendMessage', 1);
    const sent = await c.execute(intent('reply', { text: 'after a short flood wait' }));
    expect(sent.ok).toBe(true);
    expect(sim.calls('messages.SendMessage') - before).toBe(2);
    expect(sim.messages(chat).filter((m) => m.text === 'after a short flood wait')).toHaveLength(1);

    sim.injectFloodWait('messages.SendMessage', 120);
    const limited = await c.execute(intent('reply', { text: 'after a long flood wait' }));
    expect(limited.ok).toBe(false);
    if (!limited.ok) expect(limited.error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 120_000 });
    expect(sim.messages(chat).filter((m) => m.text === 'after a long flood wait')).toHaveLength(0);

    // The same intent replayed (same key → same random_id) is one message.
    const once = intent('reply', { text: 'exactly once' });
    expect((await c.execute(once)).ok).toBe(true);
    expect((await c.execute(once)).ok).toBe(true);
    expect(sim.messages(chat).filter((m) => m.text === 'exactly once')).toHaveLength(1);
  });

  it('finishes a kick whose lifting of the ban Telegram refused with a FLOOD_WAIT: the member is out, not banned', async () => {
    const { c, events } = await readyBot();
    const chat = sim.supergroupId;
    const joined = async (username: string) => {
      const member = sim.addMember({ username });
      await until(() => events.find((e) => e.kind === 'join' && e.author?.id === member.id), `${username} joins`);
      return member.id;
    };
    // A short wait between the ban and its lifting is slept through, and the kick finishes.
    const first = await joined('kick_short_wait');
    sim.injectFloodWait('channels.EditBanned', 1, 1, { after: 1 });
    expect(await c.execute(intent('kick', { memberId: first }))).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(sim.member(chat, first)).toMatchObject({ present: false, banned: false });
    // A long one comes back as rate_limited; the outbox's retry of the same intent lifts the ban.
    const second = await joined('kick_long_wait');
    sim.injectFloodWait('channels.EditBanned', 120, 1, { after: 1 });
    const kick = intent('kick', { memberId: second });
    const limited = await c.execute(kick);
    expect(limited.ok ? null : limited.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(sim.member(chat, second)).toMatchObject({ present: false, banned: true });
    expect(await c.execute(kick)).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(sim.member(chat, second)).toMatchObject({ present: false, banned: false });
    // Another intent still finds a banned member out already, and never lifts that ban.
    const banned = await joined('kick_banned');
    expect((await c.execute(intent('ban', { memberId: banned }))).ok).toBe(true);
    expect(await c.execute(intent('kick', { memberId: banned }))).toMatchObject({ ok: true, value: { kind: 'kick' } });
    expect(sim.member(chat, banned)).toMatchObject({ banned: true });
  });

  it('loses nothing and repeats nothing over 1,000 messages with the connection dropped mid-stream', async () => {
    const { c, events } = await readyBot();
    const tag = `burst-${randomUUID().slice(0, 6)}`;
    const authors = sim.memberIds().slice(0, 10);
    const differencesBefore = sim.calls('updates.GetChannelDifference');
    for (let i = 0; i < 1000; i++) {
      if (i === 300) sim.dropConnections();
      sim.postMessage({ authorId: authors[i % authors.length] as string, text: `${tag} #${i}` });
      if (i % 100 === 99) await new Promise((r) => setTimeout(r, 5));
    }
    const mine = () => events.filter((e) => e.kind === 'message' && e.text?.startsWith(`${tag} `));
    await until(() => mine().length >= 1000, '1,000 messages', 30_000);
    await new Promise((r) => setTimeout(r, 300));
    const got = mine();
    expect(got).toHaveLength(1000);
    expect(new Set(got.map((e) => e.id)).size).toBe(1000);
    expect(new Set(got.map((e) => e.text)).size).toBe(1000);
    expect(c.info().state).toBe('ready');
    // What was posted while the socket was down came through the channel difference, not a push.
    expect(sim.calls('updates.GetChannelDifference')).toBeGreaterThan(differencesBefore);
  });

  it('catches up from stored positions with exactly the missed events', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    expect(positions[`@channel:${sim.supergroupId}`]).toMatch(/^\d+:-?\d+:\d+$/);
    expect(positions['@state']).toMatch(/^\d+:\d+:\d+(:\d+)?$/);
    await first.c.stop();

    const missed = [];
    for (let i = 0; i < 40; i++) missed.push(sim.postMessage({ authorId: regular(i % 5), text: `while closed ${i}` }));
    sim.editMessage(sim.supergroupId, (missed[0] as { id: number }).id, 'while closed 0 (edited)');
    sim.deleteMessages(sim.supergroupId, [(missed[1] as { id: number }).id]);

    const second = connector({ botToken: sim.botToken });
    expect((await second.c.start()).ok).toBe(true);
    const caught = await second.c.catchUp(positions, 0);
    expect(caught.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(missed.map((m) => m.text));
    expect(caught.filter((e) => e.kind === 'edit').map((e) => e.text)).toEqual(['while closed 0 (edited)']);
    expect(caught.filter((e) => e.kind === 'delete').map((e) => e.messageId)).toEqual([String((missed[1] as { id: number }).id)]);
    expect(caught).toHaveLength(42);
    // Nothing older than the positions came back, and the space is known now.
    expect(second.c.info().spaces.map((s) => s.id)).toContain(sim.supergroupId);
    const again = await second.c.catchUp(second.c.positions(), 0);
    expect(again).toHaveLength(0);
  });

  it('reads a group again after the FLOOD_WAIT Telegram asks for at catch-up, losing nothing, and a group it cannot read stops no other', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    await first.c.stop();
    const missed: { id: number }[] = [];
    for (let i = 0; i < 6; i++) missed.push(sim.postMessage({ authorId: regular(i % 5), text: `missed during a flood wait ${i}` }));

    const second = connector({ botToken: sim.botToken });
    expect((await second.c.start()).ok).toBe(true);
    const differences = sim.calls('updates.GetChannelDifference');
    // Stored first: a group the account was removed from, or that was deleted (Telegram refuses to read it).
    const lostGroup = `9${sim.supergroupId}`;
    const stored = { [`@channel:${lostGroup}`]: '7:4242', ...positions };
    // Both reads are told to wait 2 s (floodSleepThreshold 0: gramjs hands the wait to the connector).
    sim.injectFloodWait('updates.GetChannelDifference', 2, 2);
    const caught = await second.c.catchUp(stored, 0);
    const seen = () => [...caught, ...second.events].filter((e) => e.kind === 'message' && e.spaceId === sim.supergroupId);
    await until(() => missed.every((m) => seen().some((e) => e.messageId === String(m.id))), 'the missed messages, read again after the wait', 20_000);
    expect(new Set(seen().map((e) => e.id)).size).toBe(missed.length);
    // The group Telegram will not let the account read: marked removed, and its unread stretch told (no message of it was ever seen).
    expect(second.c.info().spaces.find((s) => s.id === lostGroup)).toMatchObject({ removed: true, unread: [{}] });
    // The position the live events carry covers them; a later start from it brings none again.
    const third = connector({ botToken: sim.botToken });
    expect((await third.c.start()).ok).toBe(true);
    expect((await third.c.catchUp(second.c.positions(), 0)).filter((e) => e.kind === 'message')).toEqual([]);
    // Read again once each, not spun: the two refused reads, one each after the wait (the lost group's answered CHANNEL_INVALID), the third start's.
    await until(() => sim.calls('updates.GetChannelDifference') - differences >= 5, 'the lost group read once more');
    const live = sim.postMessage({ authorId: regular(0), text: 'after the flood wait' });
    await until(() => second.events.find((e) => e.messageId === String(live.id)), 'live messages go on');
    expect(sim.calls('updates.GetChannelDifference') - differences).toBeLessThanOrEqual(6);
  });

  it('reads back by id what a "too long" channel difference leaves out, each message once', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    await first.c.stop();
    const missed: { id: number; text: string }[] = [];
    for (let i = 0; i < 30; i++) missed.push(sim.postMessage({ authorId: regular(i % 5), text: `too far behind ${i}` }));
    sim.deleteMessages(sim.supergroupId, [(missed[3] as { id: number }).id]);
    // Telegram answers channelDifferenceTooLong: a fresh pts and the latest message, nothing in between.
    sim.setChannelDifferenceLimit(10);
    try {
      const second = connector({ botToken: sim.botToken });
      expect((await second.c.start()).ok).toBe(true);
      const caught = await second.c.catchUp(positions, 0);
      expect(caught.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(missed.filter((_, i) => i !== 3).map((m) => m.text));
      // Live from the fresh position on, and a catch-up from where it stands brings nothing again.
      const live = sim.postMessage({ authorId: regular(0), text: 'after the long difference' });
      await until(() => second.events.find((e) => e.messageId === String(live.id)), 'live after the long difference');
      expect((await second.c.catchUp(second.c.positions(), 0)).filter((e) => e.kind === 'message')).toEqual([]);
    } finally {
      sim.setChannelDifferenceLimit(undefined);
    }
  });

  it('tells which stretch a "too long" channel difference left unread past the read-back', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    const lastSeen = first.events.filter((e) => e.kind === 'message' && e.spaceId === sim.supergroupId).at(-1);
    await first.c.stop();
    const missed: { id: number; text: string; date: number }[] = [];
    for (let i = 0; i < 25; i++) missed.push(sim.postMessage({ authorId: regular(i % 5), text: `past the read-back ${i}` }));
    sim.setChannelDifferenceLimit(10);
    try {
      const second = connector({ botToken: sim.botToken, readBackMax: 10 });
      expect((await second.c.start()).ok).toBe(true);
      expect(second.c.info().spaces.find((s) => s.id === sim.supergroupId)?.unread).toBeUndefined();
      const caught = await second.c.catchUp(positions, 0);
      // The latest 10 are read back; the 15 before them are not, and the group says between when.
      expect(caught.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(missed.slice(-10).map((m) => m.text));
      const firstRead = missed[15] as { date: number };
      const space = () => second.c.info().spaces.find((s) => s.id === sim.supergroupId);
      expect(space()?.unread).toEqual([{ after: lastSeen?.ts, before: firstRead.date * 1000 }]);
      expect(second.infos.at(-1)?.spaces.find((s) => s.id === sim.supergroupId)?.unread).toEqual(space()?.unread);
    } finally {
      sim.setChannelDifferenceLimit(undefined);
    }
  });

  it('reads back by id the private messages and basic-group messages a "too long" account difference leaves out', async () => {
    const first = await readyBot();
    const writer = regular(1);
    const hello = sim.memberWritesToBot(writer, 'hello bot, before the gap');
    await until(() => first.events.find((e) => e.spaceId === '@dm' && e.messageId === String(hello.id)), 'the first DM');
    const positions = first.c.positions();
    expect(positions['@state']).toMatch(/^\d+:\d+:\d+:\d+$/);
    await first.c.stop();
    const dms = [1, 2, 3].map((i) => sim.memberWritesToBot(writer, `written while the console was closed ${i}`));
    const [inLounge] = sim.basicGroupMemberIds() as [string];
    const lounge = sim.postToBasicGroup({ authorId: inLounge, text: 'lounge message while closed' });
    // Telegram answers differenceTooLong: a fresh pts, nothing else.
    sim.setDifferenceLimit(1);
    try {
      const second = connector({ botToken: sim.botToken });
      expect((await second.c.start()).ok).toBe(true);
      const caught = await second.c.catchUp(positions, 0);
      expect(caught.filter((e) => e.spaceId === '@dm' && e.kind === 'message').map((e) => e.text)).toEqual(dms.map((m) => m.text));
      expect(caught.filter((e) => e.spaceId === sim.basicGroupId && e.kind === 'message').map((e) => e.text)).toEqual([lounge.text]);
      expect(new Set(caught.map((e) => e.id)).size).toBe(caught.length);
    } finally {
      sim.setDifferenceLimit(undefined);
    }
  });

  it('tells on the basic group what a "too long" account difference left unread past the read-back', async () => {
    const first = await readyBot();
    const [inLounge] = sim.basicGroupMemberIds() as [string];
    const hello = sim.postToBasicGroup({ authorId: inLounge, text: 'lounge message before the long gap' });
    await until(() => first.events.find((e) => e.spaceId === sim.basicGroupId && e.messageId === String(hello.id)), 'the lounge message');
    const positions = first.c.positions();
    await first.c.stop();
    const missed = [1, 2, 3, 4, 5].map((i) => sim.postToBasicGroup({ authorId: inLounge, text: `lounge while closed ${i}` }));
    sim.setDifferenceLimit(1);
    try {
      const second = connector({ botToken: sim.botToken, readBackMax: 2 });
      expect((await second.c.start()).ok).toBe(true);
      const caught = await second.c.catchUp(positions, 0);
      // The first 2 after the last one seen are read back; the rest of the lounge's messages are not, and the lounge says after when.
      expect(caught.filter((e) => e.spaceId === sim.basicGroupId && e.kind === 'message').map((e) => e.text)).toEqual(missed.slice(0, 2).map((m) => m.text));
      expect(second.c.info().spaces.find((s) => s.id === sim.basicGroupId)?.unread).toEqual([{ after: (missed[1] as { date: number }).date * 1000 }]);
    } finally {
      sim.setDifferenceLimit(undefined);
    }
  });

  it('reads forward by id when Telegram refuses a stored position (PERSISTENT_TIMESTAMP_INVALID), and stays live in that group', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    await first.c.stop();
    const missed: { id: number; text: string }[] = [];
    for (let i = 0; i < 5; i++) missed.push(sim.postMessage({ authorId: regular(i % 5), text: `behind a refused position ${i}` }));
    // A position this server never gave (another server's, or one kept from before its counters restarted).
    const key = `@channel:${sim.supergroupId}`;
    const [, hash, last] = (positions[key] as string).split(':');
    const refused = { ...positions, [key]: `${sim.counters().highest + 5000}:${hash}:${last}` };
    const second = connector({ botToken: sim.botToken });
    expect((await second.c.start()).ok).toBe(true);
    const caught = await second.c.catchUp(refused, 0);
    expect(caught.filter((e) => e.kind === 'message').map((e) => e.text)).toEqual(missed.map((m) => m.text));
    const live = sim.postMessage({ authorId: regular(0), text: 'live after a refused position' });
    await until(() => second.events.find((e) => e.messageId === String(live.id)), 'live after the refused position');
  });

  it('catches up a rank change the owner made while the console was closed, and hidden joins, from the account difference (qts)', async () => {
    const first = await readyBot();
    const positions = first.c.positions();
    await first.c.stop();
    const helper = regular(5);
    sim.setAdminAsOwner(helper, { admin: true, rank: 'Greeter' });
    // Joins while closed: one told only as a participant update, one told both ways (channel and account difference).
    sim.setJoinMessages(sim.supergroupId, 'hidden');
    const hidden = sim.addMember({ username: 'caught_hidden' });
    sim.setJoinMessages(sim.supergroupId, 'both');
    const twice = sim.addMember({ username: 'caught_twice' });
    sim.setJoinMessages(sim.supergroupId, 'messages');

    const second = connector({ botToken: sim.botToken });
    expect((await second.c.start()).ok).toBe(true);
    const caught = await second.c.catchUp(positions, 0);
    expect(caught.filter((e) => e.kind === 'join' && e.author?.id === hidden.id)).toHaveLength(1);
    expect(caught.filter((e) => e.kind === 'join' && e.author?.id === twice.id)).toHaveLength(1);
    const change = caught.find((e) => e.kind === 'roles' && e.author?.id === helper);
    expect(change?.author?.roles).toEqual(['admin', 'title:Greeter']);
    expect(change?.moderation).toEqual({ action: 'promote', targetId: helper, before: [] });
    // Its position moved past it: the next catch-up does not bring it again.
    expect((await second.c.catchUp(second.c.positions(), 0)).filter((e) => e.kind === 'roles')).toEqual([]);
    sim.setAdminAsOwner(helper, { admin: false });
  });

  it('counts a join told both ways once when the console restarts between the two reports, in either order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-joins-')), 'telegram', 'tg.joins.json');
    const id = `telegram-${randomUUID().slice(0, 8)}`;
    const chat = sim.supergroupId;
    const joinsOf = (events: readonly RawEvent[], userId: string) => events.filter((e) => e.kind === 'join' && e.author?.id === userId);
    try {
      for (const late of ['update', 'message'] as const) {
        const first = connector({ id, botToken: sim.botToken, recentJoinsFile: file });
        expect((await first.c.start()).ok).toBe(true);
        const hello = sim.postMessage({ authorId: regular(0), text: `before the ${late} comes late` });
        await until(() => first.events.find((e) => e.messageId === String(hello.id)), 'the first run sees the group');
        sim.setJoinMessages(chat, 'both', { late });
        const member = sim.addMember({ firstName: 'Rena', username: `restart_${late}` });
        await until(() => joinsOf(first.events, member.id)[0], 'the join’s first report');
        // The stored positions are the ones its events carried; the console closes before the second report.
        const positions = first.c.positions();
        await first.c.stop();
        sim.releaseLateJoinReports();
        sim.setJoinMessages(chat, 'messages');

        const second = connector({ id, botToken: sim.botToken, recentJoinsFile: file });
        expect((await second.c.start()).ok).toBe(true);
        const caught = await second.c.catchUp(positions, 0);
        // Catch-up brought the late report (its position moved past it); the join is not counted again.
        expect(second.c.positions()).not.toEqual(positions);
        const after = sim.postMessage({ authorId: regular(0), text: `after the ${late} came late` });
        await until(() => second.events.find((e) => e.messageId === String(after.id)), 'the second run is live');
        expect(joinsOf([...caught, ...second.events], member.id)).toEqual([]);
        await second.c.stop();
      }
    } finally {
      sim.setJoinMessages(chat, 'messages');
    }
  });

  it('marks a group the bot was removed from in the app, says so on actions there, and goes on reading its other chats', async () => {
    // A server of its own: the bot leaves its group for good here.
    const own = await startTelegramSimulator({ seed: 41 });
    try {
      const { c, events } = connector({ botToken: own.botToken, server: { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem } });
      expect((await c.start()).ok).toBe(true);
      const chat = own.supergroupId;
      const member = own.memberIds()[0] as string;
      const hello = own.postMessage({ authorId: member, text: 'hello before the bot is removed' });
      await until(() => events.find((e) => e.messageId === String(hello.id)), 'the first message');
      expect(c.info().spaces.find((s) => s.id === chat)?.removed).toBeUndefined();
      const owner = (own.userAccounts[0] as { userId: string }).userId;
      own.restrictAsAdmin(own.botUserId, owner, { ban: true });
      await until(() => c.info().spaces.find((s) => s.id === chat)?.removed, 'the group marked as removed');
      const deleted = await c.execute(ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: chat, channelId: chat, kind: 'delete', messageId: String(hello.id) }));
      expect(deleted.ok ? null : deleted.error).toMatchObject({ code: 'missing_permission', fields: { reason: 'telegram_removed' } });
      // The basic group next door is read on; the connection stays ready.
      const [a] = own.basicGroupMemberIds() as [string];
      const lounge = own.postToBasicGroup({ authorId: a, text: 'the lounge is still read' });
      await until(() => events.find((e) => e.spaceId === own.basicGroupId && e.messageId === String(lounge.id)), 'the basic group message');
      expect(c.info().state).toBe('ready');
      await c.stop();
    } finally {
      await own.close();
    }
  });

  it('follows a basic group upgraded to a supergroup: the space goes on under the new id, its member actions go there, its old messages say why nothing can be done to them', async () => {
    // A server of its own: its basic group becomes its supergroup here.
    const own = await startTelegramSimulator({ seed: 43, basicGroupMigrates: true });
    try {
      const { c, events, infos } = connector({ botToken: own.botToken, server: { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem } });
      expect((await c.start()).ok).toBe(true);
      const [author, other] = own.basicGroupMemberIds() as [string, string];
      const oldSpam = own.postToBasicGroup({ authorId: author, text: 'spam in the basic group before the upgrade' });
      const oldHello = own.postToBasicGroup({ authorId: other, text: 'hello from the basic group' });
      await until(() => events.find((e) => e.spaceId === own.basicGroupId && e.messageId === String(oldHello.id)), 'the basic group messages');
      expect(c.info().spaces.map((s) => s.id)).toEqual([own.basicGroupId]);

      own.migrateBasicGroup();
      const space = (id: string) => c.info().spaces.find((s) => s.id === id);
      await until(() => space(own.supergroupId)?.movedFrom, 'the supergroup listed as the basic group moved');
      expect(space(own.supergroupId)).toMatchObject({ name: own.basicGroupTitle, movedFrom: own.basicGroupId });
      expect(space(own.basicGroupId)).toMatchObject({ name: own.basicGroupTitle, movedTo: own.supergroupId });
      // The renderer is told.
      expect(infos.at(-1)?.spaces.find((s) => s.id === own.supergroupId)?.movedFrom).toBe(own.basicGroupId);

      // Live in the supergroup from its first message on (channel updates, with pts).
      const newSpam = own.postMessage({ authorId: author, text: 'spam in the supergroup after the upgrade' });
      await until(() => events.find((e) => e.spaceId === own.supergroupId && e.messageId === String(newSpam.id)), 'the supergroup message');

      // The old items stay actionable: member actions go to the supergroup, where the members now are.
      const onOld = (kind: ActionIntent['kind'], fields: Record<string, unknown>) =>
        ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: own.basicGroupId, channelId: own.basicGroupId, kind, ...fields });
      expect((await c.execute(onOld('timeout', { memberId: author, durationSeconds: 600 }))).ok).toBe(true);
      expect((own.member(own.supergroupId, author)?.restrictedUntil ?? 0) * 1000).toBeGreaterThan(Date.now());
      expect((await c.execute(onOld('ban', { memberId: other }))).ok).toBe(true);
      expect(own.member(own.supergroupId, other)?.banned).toBe(true);
      const replied = await c.execute(onOld('reply', { text: 'Please keep this group free of spam.', replyToMessageId: String(oldSpam.id) }));
      expect(replied.ok).toBe(true);
      expect(own.messages(own.supergroupId).filter((m) => m.fromId === own.botUserId && m.text === 'Please keep this group free of spam.')).toHaveLength(1);
      // The old chat's messages are history: deleting one says why it cannot be done.
      const deleteOld = await c.execute(onOld('delete', { messageId: String(oldSpam.id) }));
      expect(deleteOld.ok ? null : deleteOld.error).toMatchObject({ code: 'unsupported', fields: { reason: 'telegram_migrated' } });
      // The supergroup's own messages are acted on as any.
      const deleteNew = await c.execute(ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: own.supergroupId, channelId: own.supergroupId, kind: 'delete', messageId: String(newSpam.id) }));
      expect(deleteNew.ok).toBe(true);
      expect(own.message(own.supergroupId, newSpam.id)?.deleted).toBe(true);
      // The move travels with the supergroup's events: a restart from the stored positions still sends the old chat's items there.
      const stored: Record<string, string> = {};
      for (const e of events) Object.assign(stored, e.cursor?.at ?? {});
      await c.stop();
      const again = connector({ botToken: own.botToken, server: { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem } });
      expect((await again.c.start()).ok).toBe(true);
      await again.c.catchUp(stored, 0);
      expect(again.c.info().spaces.find((s) => s.id === own.basicGroupId)).toMatchObject({ name: own.basicGroupTitle, movedTo: own.supergroupId });
      expect(again.c.info().spaces.find((s) => s.id === own.supergroupId)).toMatchObject({ name: own.basicGroupTitle, movedFrom: own.basicGroupId });
      const third = own.basicGroupMemberIds()[2] as string;
      const later = own.postMessage({ authorId: third, text: 'spam after the restart' });
      await until(() => again.events.find((e) => e.spaceId === own.supergroupId && e.messageId === String(later.id)), 'the supergroup message after the restart');
      const kicked = await again.c.execute(onOld('kick', { memberId: third }));
      expect(kicked.ok ? null : kicked.error).toBeNull();
      expect(own.member(own.supergroupId, third)).toMatchObject({ present: false, banned: false });
      await again.c.stop();
    } finally {
      await own.close();
    }
  });

  it('follows the upgrade when the new supergroup speaks before the old chat says where it went', async () => {
    const own = await startTelegramSimulator({ seed: 47, basicGroupMigrates: true });
    try {
      const { c, events } = connector({ botToken: own.botToken, server: { host: own.host, port: own.port, rsaPublicKeyPem: own.rsaPublicKeyPem } });
      expect((await c.start()).ok).toBe(true);
      const [author] = own.basicGroupMemberIds() as [string];
      const hello = own.postToBasicGroup({ authorId: author, text: 'hello before the upgrade' });
      await until(() => events.find((e) => e.spaceId === own.basicGroupId && e.messageId === String(hello.id)), 'the basic group message');
      own.migrateBasicGroup({ channelFirst: true });
      const space = (id: string) => c.info().spaces.find((s) => s.id === id);
      await until(() => space(own.basicGroupId)?.movedTo && space(own.supergroupId)?.movedFrom, 'both sides of the move');
      expect(space(own.supergroupId)).toMatchObject({ name: own.basicGroupTitle, movedFrom: own.basicGroupId });
      const banned = await c.execute(ActionIntentSchema.parse({ key: randomUUID(), sourceId: 'tg', platform: 'telegram', spaceId: own.basicGroupId, channelId: own.basicGroupId, kind: 'ban', memberId: author }));
      expect(banned.ok ? null : banned.error).toBeNull();
      expect(own.member(own.supergroupId, author)?.banned).toBe(true);
      await c.stop();
    } finally {
      await own.close();
    }
  });

  it('turns a revoked login into a clear "log in again" state', async () => {
    const { c } = await readyBot();
    sim.revokeAuthKeys();
    await until(() => c.info().state === 'token_invalid', 'token_invalid after revocation');
    expect(c.info().stateDetail).toMatch(/Log in again/);
    const refused = await c.execute(intent('reply', { text: 'after revocation' }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(['offline', 'token_invalid']).toContain(refused.error.code);
  });

  it('takes down a thank-you its last run left in the group, once, when it starts again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tk-thanks-')), 'telegram', 'tg.thanks.json');
    const id = `telegram-${randomUUID().slice(0, 8)}`;
    const pending = async () => (existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as { messageId: string }[]) : undefined);
    const first = connector({ id, botToken: sim.botToken, pendingThanksFile: file });
    expect((await first.c.start()).ok).toBe(true);
    const members = sim.memberIds().filter((m) => m !== sim.botUserId && !sim.user(m)?.bot && !sim.member(sim.supergroupId, m)?.admin);
    const target = sim.postMessage({ authorId: members.at(-1)!, text: 'selling my account, dm me' });
    await until(() => first.events.find((e) => e.messageId === String(target.id)), 'the first run sees the group');
    const command = sim.postMessage({ authorId: members.at(-2)!, text: '/report', replyTo: target.id });
    const thanks = () => sim.messages(sim.supergroupId).filter((m) => m.fromId === sim.botUserId && m.text === REPORT_THANKS_TELEGRAM && m.replyTo === command.id);
    await until(() => thanks().length > 0 || undefined, 'the thank-you');
    // Kept for the next start before its minute is up; then the console closes.
    await expect.poll(async () => (await pending())?.map((e) => e.messageId), { timeout: 30_000 }).toEqual([String(thanks()[0]!.id)]);
    await first.c.stop();
    expect(thanks()[0]!.deleted).toBe(false);

    // The next start, an hour later, knows nothing of the group yet and takes the thank-you down, once.
    const deletes = sim.calls('channels.DeleteMessages');
    const second = connector({ id, botToken: sim.botToken, pendingThanksFile: file, clock: () => Date.now() + 3_600_000 });
    expect((await second.c.start()).ok).toBe(true);
    await until(() => thanks()[0]!.deleted || undefined, 'the thank-you taken down on the next start');
    await expect.poll(pending, { timeout: 30_000 }).toEqual([]);
    expect(sim.calls('channels.DeleteMessages') - deletes).toBe(1);
    expect(thanks()).toHaveLength(1);
    expect(target.deleted).toBe(false);
  });

  it('runs the practice story: the cross-posted Nitro scam and an airdrop lure within ~20 s, flagged by triage', async () => {
    let at = 0;
    const when = new Map<string, number>();
    for (const step of telegramStorySteps(createRng(3))) when.set(step.label, (at += step.after));
    expect(when.get('incident: cross-posted scam')).toBeLessThan(20_000);
    expect(when.get('incident: airdrop lure')).toBeLessThan(20_000);

    const { events } = await readyBot();
    const story = startTelegramScenario(sim, { seed: 3, speed: 100 });
    await story.done;
    const scam = await until(() => events.find((e) => e.text?.includes('https://discord-gift.ru/claim')), 'the scam');
    const lure = await until(() => events.find((e) => e.text?.includes('AIRDROP')), 'the airdrop lure');
    expect(scam.text).toMatch(/^Free Nitro/);
    expect(lure.detail).toBe('forwarded from TON Official Rewards');
    expect(events.some((e) => e.kind === 'join' && e.author?.name === 'nitro_drops_official')).toBe(true);
    const triage = createTriageEngine();
    const flags = [scam, lure].map((e) => triage.evaluate(e));
    expect(flags[0]?.length).toBeGreaterThan(0);
    expect(flags[1]?.length).toBeGreaterThan(0);
  });
});
