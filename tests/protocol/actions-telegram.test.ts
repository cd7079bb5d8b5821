// Every moderation action on Telegram through the real gramjs client against the practice MTProto
// server: DMs (only to members who started the bot), lock/unlock, stale intents answered "already
// done", each failure with the Result the UI shows, and members' private messages as '@dm' events.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIntentSchema } from '../../src/shared/domain/actions';
import type { ActionIntent } from '../../src/shared/domain/actions';
import type { RawEvent } from '../../src/main/core/connector';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { practiceTelegramSource } from './practiceTelegram';
import { until } from './until';

let sim: TelegramSimulator;
let bot: TelegramConnector;
const events: RawEvent[] = [];
let next = 0;

/** A regular member no other test here has touched, who has said something in the group (so the bot knows them). */
async function aMember(): Promise<string> {
  const id = sim.memberIds()[next++];
  if (!id) throw new Error('no member left');
  const hello = sim.postMessage({ authorId: id, text: `hi, I am member ${next}` });
  await until(() => events.find((e) => e.messageId === String(hello.id) && e.spaceId === sim.supergroupId), 'the member speaks');
  return id;
}

type Fields<K extends ActionIntent['kind']> = Omit<Extract<ActionIntent, { kind: K }>, 'key' | 'kind' | 'sourceId' | 'platform' | 'spaceId' | 'channelId'> & {
  channelId?: string;
  spaceId?: string;
};

function intent<K extends ActionIntent['kind']>(kind: K, fields: Fields<K>): ActionIntent {
  return ActionIntentSchema.parse({ key: randomUUID(), sourceId: bot.sourceId, platform: 'telegram', spaceId: sim.supergroupId, channelId: sim.supergroupId, kind, ...fields });
}

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 31, memberCount: 16 });
  bot = new TelegramConnector(practiceTelegramSource(sim, { id: 'tg-actions', botToken: sim.botToken }));
  bot.onEvent((e) => events.push(e));
  expect((await bot.start()).ok).toBe(true);
});

afterAll(async () => {
  await bot.stop();
  await sim.close();
});

describe('direct messages', () => {
  it('refuses in words to write first, then answers a member who wrote to the bot, once per key', async () => {
    const member = await aMember();
    const first = await bot.execute(intent('dm', { memberId: member, text: 'Hello from the moderators' }));
    expect(first.ok ? null : first.error).toMatchObject({ code: 'missing_permission', retryable: false });
    if (!first.ok) expect(first.error.message).toMatch(/only to people who started a chat/);
    expect(sim.directMessages(member)).toHaveLength(0);

    const appeal = sim.memberWritesToBot(member, 'Why was my message removed?');
    const event = await until(() => events.find((e) => e.spaceId === '@dm' && e.messageId === String(appeal.id)), 'the private message');
    expect(event).toMatchObject({
      id: `telegram:@dm:${member}:${appeal.id}`,
      kind: 'message',
      channelId: member,
      channelName: 'DM',
      text: 'Why was my message removed?',
      author: { id: member, bot: false },
    });

    const answer = intent('dm', { spaceId: '@dm', channelId: member, memberId: member, text: 'It linked to a known scam site.' });
    const sent = await bot.execute(answer);
    const replayed = await bot.execute(answer);
    expect(sent.ok && replayed.ok).toBe(true);
    if (sent.ok) expect(sent.value).toMatchObject({ kind: 'dm', createdMessageId: expect.any(String) });
    expect(sim.directMessages(member).map((m) => [m.fromId, m.text])).toEqual([
      [member, 'Why was my message removed?'],
      [sim.botUserId, 'It linked to a known scam site.'],
    ]);
    // The bot's own answer is part of the conversation, by the bot (so never an appeal).
    const own = await until(() => events.find((e) => e.spaceId === '@dm' && e.text === 'It linked to a known scam site.'), 'our answer as an event');
    expect(own.author).toMatchObject({ id: sim.botUserId, bot: true });
  });

  it('says missing_permission for a member who blocked the bot, not_found for a stranger', async () => {
    const member = await aMember();
    sim.memberWritesToBot(member, 'hello');
    await until(() => events.find((e) => e.spaceId === '@dm' && e.channelId === member), 'the hello');
    sim.blockBot(member);
    const blocked = await bot.execute(intent('dm', { memberId: member, text: 'are you there?' }));
    expect(blocked.ok ? null : blocked.error).toMatchObject({ code: 'missing_permission' });
    if (!blocked.ok) expect(blocked.error.message).toMatch(/blocked the bot/);
    const stranger = await bot.execute(intent('dm', { memberId: '4242424242', text: 'hi' }));
    expect(stranger.ok ? null : stranger.error.code).toBe('not_found');
  });

  it('fills a gap in the private-chat box: DMs sent while the connection was down arrive once', async () => {
    const member = await aMember();
    const seen = () => events.filter((e) => e.spaceId === '@dm' && e.channelId === member);
    const differences = sim.calls('updates.GetDifference');
    sim.dropConnections();
    const missed = [sim.memberWritesToBot(member, 'first while you were away'), sim.memberWritesToBot(member, 'second while you were away')];
    await until(() => seen().length >= 2, 'the missed DMs', 20_000);
    // Nothing was pushed while the socket was gone: they came from updates.getDifference.
    expect(sim.calls('updates.GetDifference')).toBeGreaterThan(differences);
    const live = sim.memberWritesToBot(member, 'and one live');
    await until(() => seen().some((e) => e.messageId === String(live.id)), 'the live DM');
    expect(seen().map((e) => e.messageId)).toEqual([...missed, live].map((m) => String(m.id)));
  });
});

describe('lock and unlock', () => {
  it('bans and lifts sending for members, and knows when it already holds', async () => {
    const member = await aMember();
    const locked = await bot.execute(intent('lock', { locked: true }));
    expect(locked.ok && !locked.value.alreadyDone).toBe(true);
    expect(sim.chatLocked(sim.supergroupId)).toBe(true);
    expect(() => sim.postMessage({ authorId: member, text: 'can I still talk?' })).toThrow(/locked/);
    const twice = await bot.execute(intent('lock', { locked: true }));
    expect(twice.ok && twice.value).toMatchObject({ alreadyDone: true, detail: 'The group was already locked' });

    expect((await bot.execute(intent('lock', { locked: false }))).ok).toBe(true);
    expect(sim.chatLocked(sim.supergroupId)).toBe(false);
    expect(sim.postMessage({ authorId: member, text: 'talking again' }).text).toBe('talking again');
    const open = await bot.execute(intent('lock', { locked: false }));
    expect(open.ok && open.value).toMatchObject({ alreadyDone: true, detail: 'The group was not locked' });

    sim.setBotAdmin(false);
    try {
      const refused = await bot.execute(intent('lock', { locked: true }));
      expect(refused.ok ? null : refused.error.code).toBe('missing_permission');
      expect(sim.chatLocked(sim.supergroupId)).toBe(false);
    } finally {
      sim.setBotAdmin(true);
    }
  });
});

describe('stale intents', () => {
  it('answers alreadyDone for a delete after a native delete; not_found for a message that never was', async () => {
    const member = await aMember();
    const message = sim.postMessage({ authorId: member, text: 'claim your airdrop now' });
    sim.deleteMessages(sim.supergroupId, [message.id]);
    const result = await bot.execute(intent('delete', { messageId: String(message.id) }));
    expect(result.ok && result.value).toMatchObject({ kind: 'delete', alreadyDone: true, detail: 'The message was already deleted' });
    const never = await bot.execute(intent('delete', { messageId: '987654' }));
    expect(never.ok ? null : never.error.code).toBe('not_found');
  });

  it('bans once, unbans once, never kicks a banned member back in, and knows who left', async () => {
    const member = await aMember();
    const bansBefore = sim.calls('channels.EditBanned');
    expect((await bot.execute(intent('ban', { memberId: member }))).ok).toBe(true);
    const again = await bot.execute(intent('ban', { memberId: member }));
    expect(again.ok && again.value).toMatchObject({ alreadyDone: true, detail: 'The member was already banned' });
    const kick = await bot.execute(intent('kick', { memberId: member }));
    expect(kick.ok && kick.value.alreadyDone).toBe(true);
    expect(sim.member(sim.supergroupId, member)?.banned).toBe(true);
    expect(sim.calls('channels.EditBanned') - bansBefore).toBe(1);

    expect((await bot.execute(intent('unban', { memberId: member }))).ok).toBe(true);
    const notBanned = await bot.execute(intent('unban', { memberId: member }));
    expect(notBanned.ok && notBanned.value).toMatchObject({ alreadyDone: true, detail: 'The member was not banned' });

    const leaver = await aMember();
    sim.removeMember(leaver);
    const gone = await bot.execute(intent('kick', { memberId: leaver }));
    expect(gone.ok && gone.value).toMatchObject({ alreadyDone: true, detail: 'The member had already left the group' });
  });
});

describe('every action kind reaches the simulator; failures in words', () => {
  it('runs reply, delete, timeout (twice), kick, ban, unban, slowmode and lock', async () => {
    const author = await aMember();
    const kicked = await aMember();
    const banned = await aMember();
    const target = sim.postMessage({ authorId: author, text: 'buy followers cheap' });
    for (const action of [
      intent('reply', { text: 'Please keep it on topic.', replyToMessageId: String(target.id) }),
      intent('delete', { messageId: String(target.id) }),
      intent('timeout', { memberId: author, durationSeconds: 120 }),
      intent('timeout', { memberId: author, durationSeconds: 120 }),
      intent('kick', { memberId: kicked }),
      intent('ban', { memberId: banned }),
      intent('unban', { memberId: banned }),
      intent('slowmode', { seconds: 10 }),
      intent('lock', { locked: true }),
      intent('lock', { locked: false }),
    ]) {
      const result = await bot.execute(action);
      expect(result.ok ? result.value.alreadyDone ?? false : result.error, action.kind).toBe(false);
    }
    expect(sim.message(sim.supergroupId, target.id)?.deleted).toBe(true);
    expect(sim.member(sim.supergroupId, author)?.restrictedUntil).toBeGreaterThan(Date.now() / 1000);
    expect(sim.member(sim.supergroupId, kicked)).toMatchObject({ present: false, banned: false });
    expect(sim.member(sim.supergroupId, banned)).toMatchObject({ banned: false });
    expect(sim.slowModeSeconds(sim.supergroupId)).toBe(10);
  });

  it('answers missing_permission, not_found and FLOOD_WAIT as the UI shows them', async () => {
    const admin = sim.userAccounts[0]?.userId as string;
    // The bot learns the owner from a message, then may not touch an admin.
    const hello = sim.postMessage({ authorId: admin, text: 'owner here' });
    await until(() => events.find((e) => e.messageId === String(hello.id)), 'the owner speaks');
    const refused = await bot.execute(intent('ban', { memberId: admin }));
    // Said as what it is: the member is an admin (USER_ADMIN_INVALID), not a right the bot lacks.
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'missing_permission', retryable: false, fields: { reason: 'telegram_target_admin' } });

    const unknown = await bot.execute(intent('timeout', { memberId: '5151515151', durationSeconds: 60 }));
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'not_found', retryable: false });

    const member = await aMember();
    sim.memberWritesToBot(member, 'hi');
    await until(() => events.find((e) => e.spaceId === '@dm' && e.channelId === member), 'the DM');
    sim.injectFloodWait('messages.SendMessage', 90);
    const limited = await bot.execute(intent('dm', { memberId: member, text: 'later' }));
    expect(limited.ok ? null : limited.error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 90_000 });
    expect(sim.directMessages(member).filter((m) => m.text === 'later')).toHaveLength(0);
  });
});
