// Scheduled announcements across two moderators' consoles (two host-mode instances, two homes, two
// keys, one practice Discord): a plan written on one console's ledger is sent at its time by whichever
// console claims it first — both run and race, the announcement is posted once, and both consoles agree
// who sent it. A cancelled plan posts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { GuildScheduledEventStatus, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSlots } from '../../src/shared/announce/schedule';
import { LEDGER_PREFIX, decodeMessage } from '../../src/shared/team';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { Console, startTeamOfTwo } from './ledger-console';
import { until } from './until';

let sim: DiscordSimulator;
let ana: Console;
let bo: Console;
const root = mkdtempSync(join(tmpdir(), 'tk-posts-'));

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 13 });
  ({ ana, bo } = await startTeamOfTwo(root, sim, { ana: 'Europe/Berlin', bo: 'America/Los_Angeles' }, { ana: { postTickMs: 150 }, bo: { postTickMs: 150 } }));
}, 60_000);

afterAll(async () => {
  await bo?.close();
  await ana?.close();
  await sim?.close();
});

const posted = (needle: string) => sim.messages(sim.channels.general).filter((m) => m.authorId === sim.botUserId && m.content.includes(needle));
const ledgerRecords = () => sim.messages(sim.channels.modLog).flatMap((m) => (m.content.startsWith(LEDGER_PREFIX) ? (decodeMessage(m.content) ?? []) : [])) as Array<{ a: string; r: { t: string } }>;

/** This minute, as a wall-clock time in UTC: due at once (within the grace). */
function thisMinute(): string {
  return DateTime.utc().toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A one-off post in #general planned on `c` for this minute, sent at its start: the plan's id. */
async function planNow(c: Console, text: string): Promise<string> {
  const planned = (await c.invoke('posts.plan', {
    text,
    time: { start: thisMinute(), zone: 'UTC' },
    reminders: ['start'],
    targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general }],
    pin: false,
  })) as { ok: true; value: { id: string } };
  return planned.value.id;
}

describe('scheduled posts with two consoles running', () => {
  it('posts once at its time, whichever console claims first, and both say who sent it', async () => {
    const planned = (await ana.invoke('posts.plan', {
      text: 'Weekly **voice chat** starts now!',
      time: { start: thisMinute(), zone: 'UTC', recurrence: { freq: 'weekly', interval: 1 } },
      reminders: [],
      targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general }],
      pin: true,
    })) as { ok: true; value: { id: string } };
    expect(planned.ok).toBe(true);
    const id = planned.value.id;
    const sentOn = (c: Console) => Object.values(c.state.posts[id]?.slots ?? {}).find((s) => s.sent?.ok);
    await until(() => sentOn(ana) && sentOn(bo), 'both consoles to see the post sent', 30_000);
    expect(sentOn(ana)?.by).toBe(sentOn(bo)?.by);
    expect([ana.key, bo.key]).toContain(sentOn(ana)?.by);
    expect(posted('voice chat')).toHaveLength(1);
    expect(posted('voice chat')[0]?.content).toBe('Weekly **voice chat** starts now!');
    expect(posted('voice chat')[0]?.pinned).toBe(true);
    // Only the claimer sent (the bot's nonce would hide a second send from the channel, not from the ledger).
    expect(ledgerRecords().filter((r) => r.r.t === 'post-sent')).toHaveLength(1);
    // The next ticks of both consoles find nothing open: still one message once more claims could have come.
    const claims = () => ledgerRecords().filter((r) => r.r.t === 'post-claim').length;
    const seen = claims();
    await ana.invoke('team.note', { text: 'after the voice chat post' });
    await until(() => bo.state.notes.some((n) => n.text === 'after the voice chat post'), 'Bo to read a later record');
    expect(claims()).toBe(seen);
    expect(posted('voice chat')).toHaveLength(1);
  });

  it('a post nobody sent in time waits for a moderator on the next console to start: sent late once on their word', async () => {
    // Ana's console stays up but looks at plans only once an hour; Bo's is closed.
    await bo.close();
    await ana.close();
    ana = await new Console(join(root, 'ana'), sim, { postTickMs: 3_600_000 }).start();
    await ana.member();
    const id = await planNow(ana, 'Late AMA reminder');
    // Bo starts after the grace (one second here): the slot is late, so his console asks instead of sending.
    const slotAt = DateTime.fromISO(thisMinute(), { zone: 'UTC' }).toMillis();
    await until(() => Date.now() - slotAt > 1_500, 'the grace to pass', 5_000);
    bo = await new Console(join(root, 'bo'), sim, { postTickMs: 150, postGraceMs: 1_000 }).start();
    await bo.member();
    await until(() => bo.state.posts[id], 'Bo to read the plan');
    const { late, due } = openSlots(bo.state.posts[id]!, Date.now(), 1_000);
    expect(due).toEqual([]);
    expect(late).toHaveLength(1);
    await ana.invoke('team.note', { text: 'a later record' });
    await until(() => bo.state.notes.some((n) => n.text === 'a later record'), 'Bo to read past the plan');
    expect(posted('Late AMA')).toHaveLength(0);

    const slot = late[0]!.slot;
    expect(await bo.invoke('posts.sendLate', { id, slot })).toMatchObject({ ok: true });
    await until(() => posted('Late AMA').length > 0, 'the late post');
    await until(() => ana.state.posts[id]?.slots[slot]?.sent?.ok, 'Ana to see it sent');
    expect(ana.state.posts[id]?.slots[slot]).toMatchObject({ by: bo.key, late: true });
    // Asked twice (two moderators answering the same question): still one post.
    expect(await ana.invoke('posts.sendLate', { id, slot })).toMatchObject({ ok: true });
    expect(posted('Late AMA')).toHaveLength(1);
  });

  it('a plan with versions in other languages posts the one in the target space\'s language', async () => {
    const planned = (await bo.invoke('posts.plan', {
      text: 'Game night starts now',
      time: { start: thisMinute(), zone: 'UTC' },
      reminders: ['start'],
      targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general, lang: 'de-DE' }],
      pin: false,
      versions: [
        { lang: 'de', text: 'Spieleabend beginnt jetzt' },
        { lang: 'zh-CN', text: '游戏之夜现在开始' },
      ],
    })) as { ok: true; value: { id: string } };
    expect(planned.ok).toBe(true);
    const id = planned.value.id;
    // Bo's console allows one second of grace: past it the slot waits for a word, which Bo gives.
    await until(() => bo.state.posts[id], 'Bo to read the plan');
    const late = openSlots(bo.state.posts[id]!, Date.now(), 1_000).late[0];
    if (late) expect(await bo.invoke('posts.sendLate', { id, slot: late.slot })).toMatchObject({ ok: true });
    await until(() => posted('Spieleabend').length > 0, 'the German version posted', 30_000);
    await until(() => Object.values(ana.state.posts[id]?.slots ?? {}).some((s) => s.sent?.ok), 'Ana to see it sent');
    expect(posted('Spieleabend').map((m) => m.content)).toEqual(['Spieleabend beginnt jetzt']);
    expect(posted('Game night')).toHaveLength(0);
    expect(posted('游戏之夜')).toHaveLength(0);
  });

  it('refuses a plan whose versions together are longer than one ledger message carries', async () => {
    const answer = await bo.invoke('posts.plan', {
      text: 'x'.repeat(700),
      time: { start: thisMinute(), zone: 'UTC' },
      reminders: ['start'],
      targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general }],
      pin: false,
      versions: [{ lang: 'de', text: 'y'.repeat(700) }],
    }).catch((error: unknown) => ({ ok: false, error }));
    expect(answer).toMatchObject({ ok: false });
    // Each alone fits: the limit is on the whole plan.
    const alone = await bo.invoke('posts.plan', {
      text: 'x'.repeat(600),
      time: { start: DateTime.utc().plus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm"), zone: 'UTC' },
      reminders: ['start'],
      targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general }],
      pin: false,
      versions: [{ lang: 'de', text: 'y'.repeat(600) }],
    });
    expect(alone).toMatchObject({ ok: true });
  });

  it('a plan\'s Discord event made on one console is seen, moved and cancelled from the other, once', async () => {
    // The owner lets the bot manage events, and opens a voice channel for the chat.
    sim.grantBotPermissions(PermissionFlagsBits.ManageEvents);
    const lounge = sim.addVoiceChannel('Lounge', 'voice');
    const planned = (await ana.invoke('posts.plan', {
      text: 'Weekly voice chat in the Lounge',
      time: { start: DateTime.utc().plus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm"), zone: 'UTC', recurrence: { freq: 'weekly', interval: 1 } },
      reminders: ['start'],
      targets: [{ p: 'discord', space: sim.guildId, channel: sim.channels.general }],
      pin: false,
    })) as { ok: true; value: { id: string } };
    const id = planned.value.id;
    await until(() => ana.state.posts[id], 'Ana to read her plan');
    const sources = (await ana.invoke('sources.list', {})) as Array<{ id: string; platform: string; spaces: Array<{ channels: Array<{ id: string }> }> }>;
    const source = sources.find((s) => s.platform === 'discord');
    await expect.poll(async () => ((await ana.invoke('sources.list', {})) as typeof sources).some((s) => s.spaces.some((sp) => sp.channels.some((c) => c.id === lounge))), { timeout: 30_000 }).toBe(true);
    const start = DateTime.utc().plus({ days: 2 }).startOf('minute').toMillis();
    // Ana's console makes the event as the announcements view does: an 'event' action through the outbox.
    const made = (await ana.invoke('actions.execute', {
      action: { key: randomUUID(), kind: 'event', op: 'create', sourceId: source!.id, platform: 'discord', spaceId: sim.guildId, channelId: lounge, name: 'Weekly voice chat', start, entity: 'voice', planId: id },
    })) as { ok: true; value: { createdMessageId: string } };
    expect(made).toMatchObject({ ok: true });
    const eventId = made.value.createdMessageId;
    // Bo's console sees it through the team ledger.
    await until(() => bo.state.posts[id]?.events?.[eventId], 'Bo to see Ana’s event');
    expect(bo.state.posts[id]?.events?.[eventId]).toMatchObject({ channel: lounge, name: 'Weekly voice chat', start, entity: 'voice', by: ana.key });

    // Bo moves it an hour later and renames it, through his own connection: Discord changes, Ana sees it.
    expect(await bo.invoke('posts.event', { id, event: eventId, op: 'update', name: 'Weekly voice chat (moved)', start: start + 3_600_000 })).toMatchObject({ ok: true });
    expect(sim.scheduledEvents().find((e) => e.id === eventId)).toMatchObject({ name: 'Weekly voice chat (moved)', start: start + 3_600_000 });
    await until(() => ana.state.posts[id]?.events?.[eventId]?.changedBy === bo.key, 'Ana to see Bo’s change');
    expect(ana.state.posts[id]?.events?.[eventId]).toMatchObject({ name: 'Weekly voice chat (moved)', start: start + 3_600_000 });

    // Bo cancels it; Ana, not knowing yet, cancels too: Discord cancels once, the ledger says so once.
    expect(await bo.invoke('posts.event', { id, event: eventId, op: 'cancel' })).toMatchObject({ ok: true });
    expect(sim.scheduledEvents().find((e) => e.id === eventId)?.status).toBe(GuildScheduledEventStatus.Canceled);
    expect(await ana.invoke('posts.event', { id, event: eventId, op: 'cancel' })).toMatchObject({ ok: true });
    await until(() => ana.state.posts[id]?.events?.[eventId]?.cancelled && bo.state.posts[id]?.events?.[eventId]?.cancelled, 'both to see it cancelled');
    const changes = () => ledgerRecords().filter((r) => r.r.t === 'post-event-change' && (r.r as { cancelled?: boolean }).cancelled);
    await ana.invoke('team.note', { text: 'after the event was cancelled' });
    await until(() => bo.state.notes.some((n) => n.text === 'after the event was cancelled'), 'Bo to read past the cancel');
    expect(changes()).toHaveLength(1);
    expect(ledgerRecords().filter((r) => r.r.t === 'post-event')).toHaveLength(1);
  });

  it('editing a plan after it went out edits the post in place once, by the console that sent it, and says why not where it cannot', async () => {
    const id = await planNow(ana, 'Quiz night starts now in #general');
    // Either console's ticks may find it past the grace: then Ana's word sends it late.
    await until(() => ana.state.posts[id], 'Ana to read her plan');
    const late = openSlots(ana.state.posts[id]!, Date.now(), 1_000).late[0];
    if (late) await ana.invoke('posts.sendLate', { id, slot: late.slot });
    const sentSlot = (c: Console) => Object.entries(c.state.posts[id]?.slots ?? {}).find(([, s]) => s.sent?.ok);
    await until(() => sentSlot(ana) && sentSlot(bo), 'both consoles to see it sent');
    await until(() => posted('Quiz night').length === 1, 'the post');
    const [slot, state] = sentSlot(ana)!;
    const messageId = posted('Quiz night')[0]!.id;

    // Bo is not the plan's author nor a lead: his edit is not taken.
    expect(await bo.invoke('posts.edit', { id, text: 'Bo was here' })).toMatchObject({ ok: true });
    await ana.invoke('team.note', { text: 'after Bo tried an edit' });
    await until(() => bo.state.notes.some((n) => n.text === 'after Bo tried an edit'), 'Bo to read past his edit');
    expect(bo.state.posts[id]?.rev).toBeUndefined();

    expect(await ana.invoke('posts.edit', { id, text: 'Quiz night starts at **20:30** in #general' })).toMatchObject({ ok: true });
    await until(() => ana.state.posts[id]?.slots[slot]?.edited && bo.state.posts[id]?.slots[slot]?.edited, 'both consoles to hear the edit was made');
    expect(bo.state.posts[id]?.slots[slot]?.edited).toMatchObject({ rev: 1, ok: true });
    expect(posted('Quiz night').map((m) => [m.id, m.content])).toEqual([[messageId, 'Quiz night starts at **20:30** in #general']]);
    // Only the console that sent it edits, once: one word on the ledger, whatever the ticks since.
    await ana.invoke('team.note', { text: 'after the quiz edit' });
    await until(() => bo.state.notes.some((n) => n.text === 'after the quiz edit'), 'Bo to read past the edit');
    const edited = () => ledgerRecords().filter((r) => r.r.t === 'post-edited');
    expect(edited()).toHaveLength(1);
    expect((edited()[0] as unknown as { a: string }).a).toBe(state.by);

    // The post was deleted in the app meanwhile: the next edit cannot land, and the ledger says why in a code the console words.
    sim.deleteMessage(sim.channels.general, messageId);
    expect(await ana.invoke('posts.edit', { id, text: 'Quiz night moved to Friday' })).toMatchObject({ ok: true });
    await until(() => ana.state.posts[id]?.slots[slot]?.edited?.rev === 2, 'the word on the second edit');
    expect(ana.state.posts[id]?.slots[slot]?.edited).toMatchObject({ rev: 2, ok: false, code: 'not_found' });
    expect(posted('Quiz night moved')).toHaveLength(0);
  });
});
