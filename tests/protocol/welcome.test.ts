// Welcomes for new members (issue 19), with the real discord.js against the simulator: a raid of two
// hundred look-alike joins (triage's raid rule) gets no welcome at all, nor does anyone who joins while its
// item is open; once the item is resolved welcomes resume, without the raiders (the batched "and N others"
// of an ordinary wave is in the welcomer's unit test); a single
// join gets one welcome in the space's language (Discord tells no member locale; the server's primary
// language changed to Chinese); a join seen again, also by a restarted console, is not welcomed again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent, Flag } from '../../src/shared/domain/model';
import { commands } from '../../src/shared/ipc/contract';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import type { WelcomeSettings } from '../../src/shared/welcome/welcome';
import type { Core, Session } from '../../src/main/core/app';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { openDiscordCore } from './discordCore';
import { until } from './until';

let dc: DiscordSimulator;
let home: string;
let core: Core;
let session: Session;

const welcomes = () => dc.messages(dc.channels.general).filter((m) => m.authorId === dc.botUserId && !m.deleted);

const joins: ChatEvent[] = [];
const joinFlags = new Map<string, Flag[]>();

async function open(): Promise<void> {
  ({ core, session } = await openDiscordCore(
    home,
    dc,
    <E extends EventName>(name: E, payload: EventPayload<E>) => {
      if (name !== 'events.received') return;
      for (const { event, flags } of (payload as EventPayload<'events.received'>).envelopes) {
        if (event.kind !== 'join') continue;
        joins.push(event);
        joinFlags.set(event.author?.id ?? '', flags);
      }
    },
    // No wave ends by the clock in this test: it waits until the joins are seen, then sends what is gathered.
    { welcomeQuietMs: 3_600_000 },
  ));
}

beforeAll(async () => {
  dc = await startDiscordSimulator({ seed: 19 });
  home = mkdtempSync(join(tmpdir(), 'tk-welcome-'));
  await open();
  const settings: WelcomeSettings[] = [
    {
      sourceId: 'dc',
      platform: 'discord',
      spaceId: dc.guildId,
      enabled: true,
      delivery: 'channel',
      channelId: dc.channels.general,
      rulesLink: 'https://example.org/rules',
      macros: [
        { lang: 'en', text: 'Welcome {member} to {space}! Please read {rules}' },
        { lang: 'zh-CN', text: '欢迎 {member} 加入 {space}！请先阅读 {rules}' },
      ],
    },
  ];
  const saved = commands['welcome.save'].response.parse(await session.invoke('welcome.save', { settings }));
  expect(saved.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  session?.close();
  await core?.stop();
  await dc?.close();
});

describe('welcomes through discord.js', () => {
  it("welcomes a single newcomer once, in the space's language", async () => {
    dc.setPreferredLocale('zh-CN');
    await until(() => core.sources()[0]?.spaces.find((s) => s.id === dc.guildId)?.language === 'zh-CN', 'space language told');
    const before = welcomes().length;
    dc.addMember({ username: 'mei_new', globalName: 'Mei' });
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    const sent = welcomes().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content).toMatch(/^欢迎 Mei 加入 .+！请先阅读 https:\/\/example\.org\/rules$/);
  }, 60_000);

  it('does not welcome the same join twice: seen again, or after a restart (the journal holds the key)', async () => {
    const before = welcomes().length;
    const member = dc.addMember({ username: 'once_only' });
    const join = await until(() => joins.find((e) => e.author?.id === member.userId), 'join streamed');
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    expect(welcomes().slice(before)).toHaveLength(1);
    // A catch-up or resume that brings the join again: nothing is gathered.
    core.welcomes.observe(join);
    expect(core.welcomes.pending()).toBe(0);
    // A restarted console (a new core on the same folder) that sees the join again finds the welcome journaled.
    session.close();
    await core.stop();
    await open();
    core.welcomes.observe(join);
    expect(core.welcomes.pending()).toBe(1);
    await core.welcomes.flush();
    expect(welcomes().slice(before)).toHaveLength(1);
  }, 60_000);

  it('sends the welcome as a DM when the moderator chose it (Discord allows one)', async () => {
    const { settings } = commands['welcome.get'].response.parse(await session.invoke('welcome.get', {}));
    const dm = settings.map((s) => ({ ...s, delivery: 'dm' as const }));
    expect(commands['welcome.save'].response.parse(await session.invoke('welcome.save', { settings: dm })).ok).toBe(true);
    const before = welcomes().length;
    const member = dc.addMember({ username: 'dm_newcomer' });
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    const sent = dc.directMessages(member.userId).filter((m) => m.authorId === dc.botUserId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.content).toMatch(/dm_newcomer/);
    expect(welcomes().slice(before)).toHaveLength(0);
  }, 60_000);

  it('gives a raid of two hundred look-alike joins no welcome, nor anyone while its item is open; resolved, welcomes resume', async () => {
    // Back to the channel (the DM test before changed it).
    const { settings } = commands['welcome.get'].response.parse(await session.invoke('welcome.get', {}));
    expect(commands['welcome.save'].response.parse(await session.invoke('welcome.save', { settings: settings.map((s) => ({ ...s, delivery: 'channel' as const })) })).ok).toBe(true);
    const before = welcomes().length;
    const joined = Array.from({ length: 200 }, (_, i) => dc.addMember({ username: `wave${i}` }));
    await until(() => joined.every((m) => joinFlags.has(m.userId)), 'all joins streamed');
    const group = joined.map((m) => joinFlags.get(m.userId)!.find((f) => f.category === 'raid')?.group).find((g) => g !== undefined);
    expect(group).toBeDefined();
    // A regular with a years-old account joins during the raid: not a raider, but not welcomed while it is open.
    const years = new Date(Date.now() - 3 * 365 * 86_400_000);
    const bystander = dc.addMember({ username: 'bystander_during_raid', globalName: 'Bystander', accountCreatedAt: years });
    await until(() => joinFlags.has(bystander.userId), 'bystander streamed');
    expect(joinFlags.get(bystander.userId)!.some((f) => f.category === 'raid')).toBe(false);
    expect(core.welcomes.pending()).toBe(0);
    await core.welcomes.flush();
    expect(welcomes().slice(before)).toHaveLength(0);
    // The moderator resolves the raid item (the renderer tells main): the next newcomer is welcomed alone.
    expect(commands['welcome.resume'].response.parse(await session.invoke('welcome.resume', { sourceId: 'dc', spaceId: dc.guildId, group }))).toEqual({ paused: false });
    dc.addMember({ username: 'after_the_raid', globalName: 'Ada', accountCreatedAt: years });
    await until(() => core.welcomes.pending() === 1, 'join gathered');
    await core.welcomes.flush();
    const sent = welcomes().slice(before);
    expect(sent).toHaveLength(1);
    // In Chinese: an earlier test set the server's language.
    expect(sent[0]!.content).toMatch(/^欢迎 Ada 加入 .+！请先阅读 https:\/\/example\.org\/rules$/);
    expect(sent[0]!.nonce).toBeDefined();
  }, 120_000);
});
