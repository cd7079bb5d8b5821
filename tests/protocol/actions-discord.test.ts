// Every moderation action on Discord through the real discord.js client against the practice
// simulator: DMs and their refusal, lock/unlock, stale intents answered "already done", each failure
// with the Result the UI shows, and a member's DM to the bot arriving as a '@dm' event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionIntent } from '../../src/shared/domain/actions';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import type { RawEvent } from '../../src/main/core/connector';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { intentsIn } from './intents';
import { until } from './until';

let sim: DiscordSimulator;
let connector: DiscordConnector;
const events: RawEvent[] = [];
const used = new Set<string>();

const action = intentsIn(() => ({ sourceId: connector.sourceId, platform: 'discord', spaceId: sim.guildId, channelId: sim.channels.general }));

/** A plain member no other test here has touched. */
function aMember(): string {
  const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
  const id = sim.memberIdsByRole('Member').find((m) => !staff.has(m) && !used.has(m) && sim.member(m)?.present && !sim.member(m)?.banned);
  if (!id) throw new Error('no plain member left');
  used.add(id);
  return id;
}

async function run(intent: ActionIntent) {
  return connector.execute(intent);
}

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 23, memberCount: 40 });
  connector = new DiscordConnector({ id: 'practice', label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true });
  connector.onEvent((e) => events.push(e));
  expect((await connector.start()).ok).toBe(true);
});

afterAll(async () => {
  await connector.stop();
  await sim.close();
});

describe('direct messages', () => {
  it('DMs a member once per key, and a member writing back arrives as a @dm event', async () => {
    const member = aMember();
    const dm = action('dm', { memberId: member, text: 'Hi! A moderator here about your last message.' });
    const first = await run(dm);
    const again = await run(dm);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.value).toMatchObject({ kind: 'dm' });
    expect(again.value.createdMessageId).toBe(first.value.createdMessageId);
    const sent = sim.directMessages(member);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ authorId: sim.botUserId, content: 'Hi! A moderator here about your last message.' });

    const appeal = sim.memberWritesToBot(member, 'I think my timeout was a mistake');
    const event = await until(() => events.find((e) => e.messageId === appeal.id), 'the DM as an event');
    expect(event).toMatchObject({
      kind: 'message',
      spaceId: '@dm',
      channelId: appeal.channelId,
      channelName: 'DM',
      text: 'I think my timeout was a mistake',
      author: { id: member, bot: false },
      id: `discord:@dm:${appeal.channelId}:${appeal.id}`,
    });
    expect(appeal.channelId).toBe(sent[0]?.channelId);
  });

  it('says missing_permission in words for a member with DMs closed, not_found for an unknown user', async () => {
    const member = aMember();
    sim.setDmsOpen(member, false);
    const closed = await run(action('dm', { memberId: member, text: 'hello?' }));
    expect(closed.ok).toBe(false);
    if (!closed.ok) {
      expect(closed.error).toMatchObject({ code: 'missing_permission', retryable: false });
      expect(closed.error.message).toMatch(/does not accept direct messages/);
    }
    expect(sim.directMessages(member)).toHaveLength(0);
    const nobody = await run(action('dm', { memberId: '100000000000000001', text: 'hello?' }));
    expect(!nobody.ok && nobody.error.code).toBe('not_found');
  });

  it('catches up DMs written while no connector listened, from the DM channel position', async () => {
    const member = aMember();
    const seen = sim.memberWritesToBot(member, 'are you there?');
    await until(() => events.find((e) => e.messageId === seen.id), 'the first DM');
    await connector.stop();
    const missed = [sim.memberWritesToBot(member, 'hello??'), sim.memberWritesToBot(member, 'ok, I will wait')];
    expect((await connector.start()).ok).toBe(true);
    const newestGeneral = sim.messages(sim.channels.general).at(-1)?.id ?? '1';
    const caught = await connector.catchUp({ [seen.channelId]: seen.id, [sim.channels.general]: newestGeneral, members: '1' }, 0);
    const dms = caught.filter((e) => e.spaceId === '@dm');
    expect(dms.map((e) => e.messageId)).toEqual(missed.map((m) => m.id));
    expect(dms.every((e) => e.channelName === 'DM' && e.author?.id === member)).toBe(true);
  });
});

describe('lock and unlock', () => {
  it('denies and restores Send Messages for @everyone, keeping the other bits, and knows when it already holds', async () => {
    const channel = sim.channels.help;
    const locked = await run(action('lock', { channelId: channel, locked: true, reason: 'raid' }));
    expect(locked.ok && !locked.value.alreadyDone).toBe(true);
    expect(sim.channelLocked(channel)).toBe(true);
    const member = aMember();
    expect(sim.auditLog.at(-1)).toMatchObject({ action: 'channel_overwrite_update', targetId: channel, reason: 'raid' });

    const twice = await run(action('lock', { channelId: channel, locked: true }));
    expect(twice.ok && twice.value).toMatchObject({ alreadyDone: true, detail: 'The channel was already locked' });

    const unlocked = await run(action('lock', { channelId: channel, locked: false }));
    expect(unlocked.ok && !unlocked.value.alreadyDone).toBe(true);
    expect(sim.channelLocked(channel)).toBe(false);
    expect(sim.postMessage({ channelId: channel, authorId: member, content: 'can talk again' }).content).toBe('can talk again');

    const open = await run(action('lock', { channelId: channel, locked: false }));
    expect(open.ok && open.value).toMatchObject({ alreadyDone: true, detail: 'The channel was not locked' });
  });

  it('keeps what the channel already denies when locking and unlocking', async () => {
    // #mod-log hides itself from @everyone; a lock must not make it visible again.
    const channel = sim.channels.modLog;
    expect((await run(action('lock', { channelId: channel, locked: true }))).ok).toBe(true);
    expect((await run(action('lock', { channelId: channel, locked: false }))).ok).toBe(true);
    const probe = await connector.context(channel, '1', 1);
    expect(probe.ok).toBe(true);
    const everyone = sim.auditLog.filter((e) => e.action === 'channel_overwrite_update' && e.targetId === channel).at(-1);
    // View Channel (1 << 10) is still denied for @everyone after the round trip.
    expect(BigInt(String(everyone?.changes?.deny)) & (1n << 10n)).toBe(1n << 10n);
  });

  it('reads #announcements (members may never post there) as already locked', async () => {
    const result = await run(action('lock', { channelId: sim.channels.announcements, locked: true }));
    expect(result.ok && result.value).toMatchObject({ alreadyDone: true });
  });

  it('says missing_permission when the server did not grant Manage Permissions', async () => {
    sim.injectFailure({ method: 'PUT', path: /\/permissions\// }, { status: 403, code: 50013 });
    const refused = await run(action('lock', { channelId: sim.channels.help, locked: true }));
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'missing_permission', retryable: false });
    expect(sim.channelLocked(sim.channels.help)).toBe(false);
  });
});

describe('stale intents', () => {
  it('answers alreadyDone for a delete replayed after a native delete', async () => {
    const message = sim.postMessage({ channelId: sim.channels.general, authorId: aMember(), content: 'free nitro here' });
    sim.deleteMessage(sim.channels.general, message.id);
    const result = await run(action('delete', { messageId: message.id }));
    expect(result.ok && result.value).toMatchObject({ kind: 'delete', alreadyDone: true, detail: 'The message was already deleted' });
  });

  it('bans once: a second ban of the same member is alreadyDone and purges nothing again', async () => {
    const member = aMember();
    const first = await run(action('ban', { memberId: member, deleteMessageSeconds: 3600 }));
    expect(first.ok && !first.value.alreadyDone).toBe(true);
    const second = await run(action('ban', { memberId: member, deleteMessageSeconds: 3600 }));
    expect(second.ok && second.value).toMatchObject({ alreadyDone: true, detail: 'The member was already banned' });
    expect(sim.auditLog.filter((e) => e.action === 'member_ban_add' && e.targetId === member)).toHaveLength(1);

    expect((await run(action('unban', { memberId: member }))).ok).toBe(true);
    const notBanned = await run(action('unban', { memberId: member }));
    expect(notBanned.ok && notBanned.value).toMatchObject({ alreadyDone: true, detail: 'The member was not banned' });
    const unknown = await run(action('unban', { memberId: '100000000000000002' }));
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });

  it('kicks once: a member who already left is alreadyDone; a timeout twice is simply fine', async () => {
    const member = aMember();
    sim.removeMember(member);
    const kicked = await run(action('kick', { memberId: member }));
    expect(kicked.ok && kicked.value).toMatchObject({ alreadyDone: true, detail: 'The member had already left the server' });
    const unknown = await run(action('kick', { memberId: '100000000000000003' }));
    expect(!unknown.ok && unknown.error.code).toBe('not_found');

    const muted = aMember();
    const a = await run(action('timeout', { memberId: muted, durationSeconds: 300 }));
    const b = await run(action('timeout', { memberId: muted, durationSeconds: 300 }));
    expect(a.ok && b.ok).toBe(true);
    expect(sim.canPost(muted)).toBe(false);
  });

  it('a timeout of a member who left is Unknown Member, told as such, not retried; an unknown user stays plain not_found', async () => {
    const member = aMember();
    sim.removeMember(member);
    const left = await run(action('timeout', { memberId: member, durationSeconds: 600 }));
    expect(left.ok ? null : left.error).toMatchObject({ code: 'not_found', retryable: false, fields: { reason: 'member_left' } });
    const nobody = await run(action('timeout', { memberId: '100000000000000005', durationSeconds: 600 }));
    expect(nobody.ok ? null : nobody.error).toMatchObject({ code: 'not_found', retryable: false });
    expect(nobody.ok ? null : nobody.error.fields).toBeUndefined();
  });
});

describe('every action kind reaches the simulator; failures in words', () => {
  it('runs reply, dm, delete, timeout, kick, ban, unban, slowmode and lock', async () => {
    const author = aMember();
    const target = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: 'buy cheap followers' });
    const results = await Promise.all([
      run(action('reply', { text: 'Please keep it on topic.', replyToMessageId: target.id })),
      run(action('dm', { memberId: author, text: 'About your message in #general' })),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await run(action('delete', { messageId: target.id }))).ok).toBe(true);
    expect(sim.message(sim.channels.general, target.id)?.deleted).toBe(true);
    const kicked = aMember();
    const banned = aMember();
    for (const intent of [
      action('timeout', { memberId: author, durationSeconds: 60 }),
      action('timeout', { memberId: author, durationSeconds: 0 }),
      action('kick', { memberId: kicked }),
      action('ban', { memberId: banned }),
      action('unban', { memberId: banned }),
      action('slowmode', { seconds: 10 }),
      action('lock', { locked: true }),
      action('lock', { locked: false }),
    ]) {
      const result = await run(intent);
      expect(result.ok ? result.value.alreadyDone ?? false : result.error, intent.kind).toBe(false);
    }
    expect(sim.member(author)?.communicationDisabledUntil).toBeNull();
    expect(sim.member(kicked)?.present).toBe(false);
    expect(sim.member(banned)?.banned).toBe(false);
    expect(sim.directMessages(author).map((m) => m.content)).toEqual(['About your message in #general']);
    expect(sim.channelLocked(sim.channels.general)).toBe(false);
  });

  it('answers missing_permission, not_found and rate_limited as the UI shows them', async () => {
    const admin = sim.memberIdsByRole('Admin')[0] as string;
    const refused = await run(action('kick', { memberId: admin }));
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'missing_permission', retryable: false });

    const gone = await run(action('ban', { memberId: '100000000000000004' }));
    expect(gone.ok ? null : gone.error).toMatchObject({ code: 'not_found', retryable: false });

    // A long 429 (beyond what the connector waits out) comes back with the wait, nothing applied.
    sim.injectFailure({ method: 'PATCH', path: new RegExp(`/channels/${sim.channels.modLog}$`) }, { status: 429, retryAfterMs: 30_000 });
    const limited = await run(action('slowmode', { channelId: sim.channels.modLog, seconds: 60 }));
    expect(limited.ok ? null : limited.error).toMatchObject({ code: 'rate_limited', retryable: true });
    if (!limited.ok) expect(limited.error.retryAfterMs).toBeGreaterThan(20_000);
  });
});
