// Reactions as votes, the Discord side: the real discord.js asks for GuildMessageReactions and turns
// the practice server's MESSAGE_REACTION_ADD / _REMOVE (sent as Discord sends them, also for a message
// discord.js never cached) into one `reaction` event each, a take-back marked `removed`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawEvent } from '../../src/main/core/connector';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { until } from './until';

let sim: DiscordSimulator;
let discord: DiscordConnector;
const events: RawEvent[] = [];

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 41, memberCount: 8 });
  discord = new DiscordConnector({ id: 'dc-reactions', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: true });
  discord.onEvent((e) => events.push(e));
  expect((await discord.start()).ok).toBe(true);
});

afterAll(async () => {
  await discord?.stop();
  await sim?.close();
});

/** Posts a marker and waits for it: every event the server sent before it has been delivered by then. */
async function settle(author: string): Promise<void> {
  const marker = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `marker ${Math.random()}` });
  await until(() => events.some((e) => e.kind === 'message' && e.messageId === marker.id), 'the marker message');
}

describe('Discord reactions', () => {
  it('a reaction added and taken back reaches the event stream once each', async () => {
    const [author, voter] = sim.memberIdsByRole('Member');
    const posted = sim.postMessage({ channelId: sim.channels.general, authorId: author!, content: 'please add dark mode' });
    await until(() => events.some((e) => e.kind === 'message' && e.messageId === posted.id), 'the original message');

    expect(sim.react(sim.channels.general, posted.id, voter!, '👍')).toBe(true);
    // The same emoji twice by the same member is nothing new on Discord.
    expect(sim.react(sim.channels.general, posted.id, voter!, '👍')).toBe(false);
    await settle(author!);
    const added = events.filter((e) => e.kind === 'reaction' && e.messageId === posted.id);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ platform: 'discord', spaceId: sim.guildId, channelId: sim.channels.general, text: '👍', author: { id: voter } });
    expect(added[0]!.detail).toBeUndefined();

    expect(sim.unreact(sim.channels.general, posted.id, voter!, '👍')).toBe(true);
    await settle(author!);
    const all = events.filter((e) => e.kind === 'reaction' && e.messageId === posted.id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ text: '👍', detail: 'removed', author: { id: voter } });
    expect(new Set(all.map((e) => e.id)).size).toBe(2);
  });
});
