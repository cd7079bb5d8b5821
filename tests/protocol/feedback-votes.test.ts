// Reactions on the originals count as votes, end to end in main: the real discord.js delivers the
// practice server's MESSAGE_REACTION_ADD / _REMOVE, the feedback board counts distinct members per
// cluster (one vote however many emojis or originals, a take-back counts down, a reaction made before
// the mark counts too), keeps them over a restart, and the Notion page and Slack digest carry them.
// Telegram too: the real gramjs bot (an admin) gets the practice server's updateBotMessageReaction (a
// member's reactions before and after); anonymous reactions (updateBotMessageReactions, counts only) are
// no member's vote.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackMark } from '../../src/shared/feedback/cluster';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import type { RawEvent } from '../../src/main/core/connector';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { practiceTelegramSource } from './practiceTelegram';
import { FeedbackBoardService } from '../../src/main/export/feedback';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startNotionPeer, type NotionPeer } from '../../src/main/practice/export/notion';
import { startSlackPeer, type SlackPeer } from '../../src/main/practice/export/slack';
import { FileSecretStore } from '../../src/main/secrets/store';
import { Console } from './ledger-console';
import { until } from './until';

let sim: DiscordSimulator;
let discord: DiscordConnector;
let notion: NotionPeer;
let slack: SlackPeer;
let home: string;
let board: FeedbackBoardService;
let reactionsSeen = 0;
let tg: TelegramSimulator;
let telegram: TelegramConnector;
const telegramEvents: RawEvent[] = [];

function service(): FeedbackBoardService {
  return new FeedbackBoardService({ home, secrets: new FileSecretStore(join(home, 'secrets.json')), notionApi: notion.url, slackApi: slack.url, queue: { spacingMs: { notion: 0, slack: 0 }, backoffMs: { base: 50, max: 500 } } });
}

beforeAll(async () => {
  [sim, notion, slack, tg] = await Promise.all([startDiscordSimulator({ seed: 43, memberCount: 10 }), startNotionPeer(), startSlackPeer(), startTelegramSimulator({ seed: 43 })]);
  home = mkdtempSync(join(tmpdir(), 'tk-votes-'));
  board = service();
  await board.start();
  discord = new DiscordConnector({ id: 'dc-votes', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: true });
  discord.onEvent((e) => {
    if (e.kind !== 'reaction') return;
    reactionsSeen++;
    board.react(e);
  });
  telegram = new TelegramConnector(practiceTelegramSource(tg, { id: 'tg-votes', botToken: tg.botToken }));
  telegram.onEvent((e) => {
    telegramEvents.push(e);
    if (e.kind === 'reaction') board.react(e);
  });
  const [d, t] = await Promise.all([discord.start(), telegram.start()]);
  expect(d.ok && t.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await Promise.all([discord?.stop(), telegram?.stop()]);
  await Promise.all([sim?.close(), notion?.close(), slack?.close(), tg?.close()]);
});

const idOf = (messageId: string) => `discord:${sim.guildId}:${sim.channels.general}:${messageId}`;
const votes = (b: FeedbackBoardService = board) => b.board().clusters.map((c) => c.votes);

describe('reactions as votes on the feedback board', () => {
  it('counts distinct members over the originals of a cluster, down on a take-back, and exports them', async () => {
    const [a, b, v1, v2, v3] = sim.memberIdsByRole('Member');
    const general = sim.channels.general;
    const first = sim.postMessage({ channelId: general, authorId: a!, content: 'please add a dark mode to the app' });
    const second = sim.postMessage({ channelId: general, authorId: b!, content: 'Please add dark mode to the app!' });
    // A reaction before anyone marked the message counts once it is marked.
    sim.react(general, first.id, v1!, '👍');
    await until(() => reactionsSeen === 1, 'the early reaction');
    const mark = (id: string, text: string): FeedbackMark => ({ eventId: idOf(id), kind: 'idea', text, platform: 'discord', spaceId: sim.guildId, author: 'someone', at: Date.now() });
    const handlers = board.handlers();
    await handlers['feedback.mark']({ mark: mark(first.id, first.content) });
    await handlers['feedback.mark']({ mark: mark(second.id, second.content) });
    expect(board.board().clusters).toHaveLength(1);
    expect(votes()).toEqual([1]);

    // v1 again on the other original, with another emoji: still one vote; v2 and v3 make three.
    sim.react(general, first.id, v1!, '❤️');
    sim.react(general, second.id, v1!, '👍');
    sim.react(general, second.id, v2!, '🎉');
    sim.react(general, first.id, v3!, '👍');
    await until(() => votes()[0] === 3 && reactionsSeen === 5, 'three voters');
    // v3 takes theirs back: two; v1 takes one of three back: still counted.
    sim.unreact(general, first.id, v3!, '👍');
    sim.unreact(general, first.id, v1!, '👍');
    await until(() => reactionsSeen === 7, 'the take-backs');
    expect(votes()).toEqual([2]);

    await handlers['feedback.configure']({ notion: { token: notion.token, dataSourceId: notion.dataSourceId }, slack: { token: slack.token, channel: slack.channels[0]!.name } });
    const id = board.board().clusters[0]!.id;
    await handlers['feedback.export']({ ids: [id], to: 'notion' });
    await handlers['feedback.export']({ ids: [id], to: 'slack' });
    await until(() => notion.pages().length === 1 && slack.messages().length === 1, 'both exports');
    expect(notion.pages()[0]!.properties.Votes).toEqual({ number: 2 });
    expect(slack.messages()[0]!.text).toContain('2 votes');

    // Kept over a restart (once the exports are done: the queue file is the same).
    const again = service();
    await again.start();
    expect(votes(again)).toEqual([2]);
  });

  it('counts reactions added and taken back while the console was closed, asked of the REST API at the next start', async () => {
    const [author, , v1, v2, v3] = sim.memberIdsByRole('Member');
    const general = sim.channels.general;
    const original = sim.postMessage({ channelId: general, authorId: author!, content: 'an export of the leaderboard to CSV would help' });
    await board.handlers()['feedback.mark']({ mark: { eventId: idOf(original.id), kind: 'idea', text: original.content, platform: 'discord', spaceId: sim.guildId, author: 'someone', at: Date.now() } });
    const seen = reactionsSeen;
    sim.react(general, original.id, v1!, '👍');
    await until(() => reactionsSeen === seen + 1, 'the live reaction');
    const votesOf = (b: FeedbackBoardService = board) => b.board().clusters.find((c) => c.title.includes('leaderboard to CSV'))?.votes;
    expect(votesOf()).toBe(1);

    // The console closes; meanwhile two members react (one with two emojis), the first takes theirs back, and the bot reacts too.
    await discord.stop();
    // As main does when it stops: the live vote's write lands before the next start reads the file.
    await board.flush();
    sim.react(general, original.id, v2!, '👍');
    sim.react(general, original.id, v3!, '🎉');
    sim.react(general, original.id, v3!, '👍');
    sim.unreact(general, original.id, v1!, '👍');
    sim.react(general, original.id, sim.botUserId, '👀');
    const again = service();
    await again.start();
    expect(votesOf(again)).toBe(1);
    discord = new DiscordConnector({ id: 'dc-votes', label: 'Practice Discord', token: sim.token, apiBase: sim.apiBase, practice: true });
    discord.onEvent((e) => {
      if (e.kind === 'reaction') again.react(e);
    });
    expect((await discord.start()).ok).toBe(true);
    // What main does when a source becomes ready: nothing was replayed by the gateway, the REST API tells.
    expect(await again.catchUpReactions(discord)).toBe(1);
    expect(votesOf(again)).toBe(2);
    // Kept on disk, and a second catch-up with nothing new changes nothing.
    const third = service();
    await third.start();
    expect(votesOf(third)).toBe(2);
    expect(await again.catchUpReactions(discord)).toBe(0);
    // Live reactions go on counting after the catch-up.
    sim.unreact(general, original.id, v2!, '👍');
    await until(() => votesOf(again) === 1, 'the live take-back after the catch-up');

    // A member reacts while a catch-up's question is on its way, and the live reaction is counted before
    // the answer (read before the reaction) arrives: the answer must not take the vote back.
    let reacted = false;
    const racing = {
      info: () => discord.info(),
      reactionHolders: async (channelId: string, messageId: string) => {
        const answer = await discord.reactionHolders(channelId, messageId);
        if (messageId === original.id && !reacted) {
          reacted = true;
          sim.react(general, original.id, v1!, '🎉');
          await until(() => votesOf(again) === 2, 'the live reaction while the catch-up asked');
        }
        return answer;
      },
    };
    expect(await again.catchUpReactions(racing)).toBe(0);
    expect(reacted).toBe(true);
    expect(votesOf(again)).toBe(2);
  });

  it('main catches up by itself at start: a console closed while members reacted counts them when it starts again', async () => {
    const [author, , v1, v2] = sim.memberIdsByRole('Member');
    const general = sim.channels.general;
    const original = sim.postMessage({ channelId: general, authorId: author!, content: 'a calendar export for the events page' });
    const consoleHome = join(home, 'console');
    let console_ = await new Console(consoleHome, sim).start();
    const board = async () => ((await console_.invoke('feedback.list', {})) as { clusters: Array<{ title: string; votes: number }> }).clusters.find((c) => c.title.includes('calendar export'));
    const mark = { eventId: idOf(original.id), kind: 'idea', text: original.content, platform: 'discord', spaceId: sim.guildId, author: 'someone', at: Date.now() };
    expect(await console_.invoke('feedback.mark', { mark })).toMatchObject({ ok: true });
    expect((await board())?.votes).toBe(0);
    await console_.close();
    sim.react(general, original.id, v1!, '👍');
    sim.react(general, original.id, v2!, '🎉');
    console_ = await new Console(consoleHome, sim).start();
    try {
      await expect.poll(async () => (await board())?.votes, { timeout: 30_000 }).toBe(2);
    } finally {
      await console_.close();
    }
  });
});

describe('Telegram reactions as votes', () => {
  it("counts each member's reactions from updateBotMessageReaction, down on a take-back, and never anonymous counts", async () => {
    const [a, v1, v2, v3] = tg.memberIds();
    const original = tg.postMessage({ authorId: a!, text: 'a weekly digest of the best threads, please' });
    const originalId = `telegram:${tg.supergroupId}:${tg.supergroupId}:${original.id}`;
    // The bot learns the group from its first update (the message itself).
    await until(() => telegramEvents.some((e) => e.id === originalId), 'the original message');
    await board.handlers()['feedback.mark']({ mark: { eventId: originalId, kind: 'idea', text: original.text, platform: 'telegram', spaceId: tg.supergroupId, author: 'someone', at: Date.now() } });
    const cluster = () => board.board().clusters.find((c) => c.platforms.includes('telegram'))!;
    const reactions = () => telegramEvents.filter((e) => e.kind === 'reaction').length;
    expect(cluster().votes).toBe(0);

    tg.react(tg.supergroupId, original.id, v1!, ['👍']);
    // v1 adds a second emoji (the set before and after): still one vote; v2 and v3 make three.
    tg.react(tg.supergroupId, original.id, v1!, ['👍', '🔥']);
    tg.react(tg.supergroupId, original.id, v2!, ['❤']);
    tg.react(tg.supergroupId, original.id, v3!, ['👍']);
    await until(() => reactions() === 4 && cluster().votes === 3, 'three voters');
    // Anonymous reactions are counts with no member: no vote, no event.
    tg.reactAnonymously(tg.supergroupId, original.id, { '👍': 40 });
    // v3 takes theirs back; v1 takes one of two back and still counts.
    tg.react(tg.supergroupId, original.id, v3!, []);
    tg.react(tg.supergroupId, original.id, v1!, ['🔥']);
    await until(() => reactions() === 6, 'the take-backs');
    expect(cluster().votes).toBe(2);
    expect(telegramEvents.filter((e) => e.kind === 'reaction').every((e) => e.author && [v1, v2, v3].includes(e.author.id))).toBe(true);

    // A bot that is no admin hears no reactions (Telegram sends them to admin bots only).
    tg.setBotAdmin(false);
    tg.react(tg.supergroupId, original.id, a!, ['👍']);
    tg.setBotAdmin(true);
    tg.react(tg.supergroupId, original.id, v2!, []);
    await until(() => reactions() === 7, "v2's take-back");
    expect(cluster().votes).toBe(1);
  }, 60_000);
});
