// Main dies at every step of running actions, and a new main over the same journal file finishes
// the run: the real discord.js connector against the practice Discord simulator, the process "dying"
// at the k-th journal write (before it lands, after it lands, or half written). Whatever k, each
// action reaches Discord at most once, and exactly once when the run finishes; a journal that cannot
// be written is reported, never turned into a failed (or a repeated) action.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionIntentSchema } from '../../src/shared/domain/actions';
import type { ActionIntent } from '../../src/shared/domain/actions';
import { ActionExecutor } from '../../src/main/actions/executor';
import type { ActionPlatform } from '../../src/main/actions/executor';
import { journalFile } from '../../src/main/actions/journal';
import type { JournalFile } from '../../src/main/actions/journal';
import { DiscordConnector } from '../../src/main/connectors/discord/client';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { crashThenReplay, deaths, dyingAt } from './crash';
import { until } from './until';

let sim: DiscordSimulator;
let connector: DiscordConnector;
let platform: ActionPlatform;

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 57, memberCount: 20 });
  connector = new DiscordConnector({ id: 'dc', label: 'Practice', token: sim.token, apiBase: sim.apiBase, practice: true });
  expect((await connector.start()).ok).toBe(true);
  platform = {
    run: (a) => connector.execute(a),
    reconcile: (a, since) => connector.reconcile(a, since),
    ready: () => connector.info().state === 'ready',
  };
});

afterAll(async () => {
  await connector.stop();
  await sim.close();
});

/** One moderator's run of actions on fresh targets, and how often each reached Discord. */
function aRun(tag: string) {
  const author = sim.addMember({ username: `author_${tag}` }).userId;
  const [timedOut, kicked, banned, unbanned] = [1, 2, 3, 4].map((n) => sim.addMember({ username: `m${n}_${tag}` }).userId);
  sim.banAsModerator(unbanned!, sim.memberIdsByRole('Moderator')[0]!);
  const target = sim.postMessage({ channelId: sim.channels.general, authorId: author, content: `spam ${tag}` });
  const general = sim.channels.general;
  const make = (kind: ActionIntent['kind'], fields: Record<string, unknown>) =>
    ActionIntentSchema.parse({ key: randomUUID(), kind, sourceId: 'dc', platform: 'discord', spaceId: sim.guildId, channelId: general, ...fields });
  const actions = [
    make('reply', { text: `Please stop, ${tag}.`, replyToMessageId: target.id }),
    make('dm', { memberId: author, text: `About your message, ${tag}` }),
    make('delete', { messageId: target.id }),
    make('timeout', { memberId: timedOut, durationSeconds: 600 }),
    make('kick', { memberId: kicked }),
    make('ban', { memberId: banned }),
    make('unban', { memberId: unbanned }),
  ];
  const requests = (method: string, path: RegExp) => sim.requestLog.filter((r) => r.method === method && path.test(r.path) && r.status < 300).length;
  const reached = () => ({
    reply: sim.messages(general).filter((m) => m.authorId === sim.botUserId && m.content === `Please stop, ${tag}.`).length,
    dm: sim.directMessages(author).filter((m) => m.authorId === sim.botUserId && m.content === `About your message, ${tag}`).length,
    delete: requests('DELETE', new RegExp(`/channels/${general}/messages/${target.id}$`)),
    timeout: requests('PATCH', new RegExp(`/guilds/${sim.guildId}/members/${timedOut}$`)),
    kick: requests('DELETE', new RegExp(`/guilds/${sim.guildId}/members/${kicked}$`)),
    ban: requests('PUT', new RegExp(`/guilds/${sim.guildId}/bans/${banned}$`)),
    unban: requests('DELETE', new RegExp(`/guilds/${sim.guildId}/bans/${unbanned}$`)),
  });
  const onDiscord = () => ({
    deleted: sim.message(general, target.id)?.deleted !== false,
    timedOut: sim.member(timedOut!)?.communicationDisabledUntil !== null,
    kickedGone: sim.member(kicked!)?.present === false,
    banned: sim.member(banned!)?.banned === true,
    unbanned: sim.member(unbanned!)?.banned === false,
  });
  return { actions, reached, onDiscord };
}

const once = { reply: 1, dm: 1, delete: 1, timeout: 1, kick: 1, ban: 1, unban: 1 };

let runs = 0;

describe('main crashing at every step of the executor', () => {
  // 7 actions: an intent and a result line each. k = 14 never comes: the run without a crash.
  for (const how of deaths) {
    it(`runs each action on Discord exactly once when main dies ${how} of any journal line`, async () => {
      for (let k = 0; k <= 14; k++) {
        const tag = `r${runs++}`;
        const { actions, reached, onDiscord } = aRun(tag);
        // A new main over the same journal; the renderer replays every action it holds.
        const { first, answers } = await crashThenReplay(platform, actions, k, how, (first) => {
          expect(first.died, `k=${k}`).toBe(k < 14);
          for (const [kind, n] of Object.entries(reached())) expect(n, `k=${k}: ${kind} before the restart`).toBeLessThanOrEqual(1);
          expect(first.answered.every((r) => r.ok)).toBe(true);
        });
        expect(
          answers.map((r) => (r.ok ? 'ok' : r.error.code)),
          `k=${k}`,
        ).toEqual(actions.map(() => 'ok'));
        expect(reached(), `k=${k}: what reached Discord`).toEqual(once);
        expect(onDiscord(), `k=${k}`).toEqual({ deleted: true, timedOut: true, kickedGone: true, banned: true, unbanned: true });
        // Answers already given before the crash stand: a replay is a duplicate of the same receipt.
        first.answered.forEach((r, i) => {
          const again = answers[i]!;
          if (r.ok && again.ok) expect(again.value).toEqual({ ...r.value, duplicate: true });
        });
      }
    });
  }

  it('keeps an action in doubt while Discord cannot be asked, then settles it without acting twice', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-crash-')), 'actions-journal.jsonl');
    const { actions, reached } = aRun(`r${runs++}`);
    const timeout = actions[3]!;
    // Dies after the timeout reached Discord, before its result line is written (write 1 = the result).
    const dying = dyingAt(journalFile(path), 1, 'before the write lands');
    expect(await Promise.race([new ActionExecutor(dying.file).execute(timeout, platform), dying.death])).toBe('died');
    expect(reached().timeout).toBe(1);

    const restarted = new ActionExecutor(path);
    sim.setNetworkDown(true);
    try {
      await until(() => connector.info().state !== 'ready', 'the connector to notice the network is down');
      // Not "offline": that would let the outbox cancel an action that may have happened.
      const waiting = await restarted.execute(timeout, platform);
      expect(waiting.ok ? waiting.value : waiting.error.code).toBe('in_doubt');
      // Ready again as far as the connector knows, but Discord's REST does not answer: in doubt.
      const unchecked = await restarted.execute(timeout, { ...platform, ready: () => true });
      expect(unchecked.ok ? unchecked.value : unchecked.error).toMatchObject({ code: 'in_doubt', retryable: true });
    } finally {
      sim.setNetworkDown(false);
    }
    await until(() => connector.info().state === 'ready', 'the connector back');
    const settled = await restarted.execute(timeout, platform);
    expect(settled.ok ? settled.value : settled.error).toMatchObject({ kind: 'timeout', duplicate: false });
    expect(reached().timeout).toBe(1);
  });
});

describe('a journal that cannot be written', () => {
  const failing = (real: JournalFile, failAt: (n: number) => boolean): JournalFile => {
    let n = 0;
    const write = (w: () => Promise<void>) => (failAt(n++) ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) : w());
    return { read: () => real.read(), append: (t) => write(() => real.append(t)), replace: (t) => write(() => real.replace(t)) };
  };

  it('reports a done action as done, with the journal warning, and still runs it only once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-journal-')), 'actions-journal.jsonl');
    const { actions, reached } = aRun(`r${runs++}`);
    const timeout = actions[3]!;
    const executor = new ActionExecutor(failing(journalFile(path), (n) => n === 1));
    const answer = await executor.execute(timeout, platform);
    expect(answer.ok ? answer.value : answer.error).toMatchObject({ kind: 'timeout', duplicate: false, warning: { code: 'journal_unwritable' } });
    const replay = await executor.execute(timeout, platform);
    expect(replay.ok && replay.value.duplicate).toBe(true);
    // After a restart the intent is found without its result: Discord is asked, nothing runs again.
    const restarted = await new ActionExecutor(path).execute(timeout, platform);
    expect(restarted.ok ? restarted.value : restarted.error).toMatchObject({ kind: 'timeout' });
    expect(reached().timeout).toBe(1);
  });

  it('sends nothing when even the intent cannot be written, and says why', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-journal-')), 'actions-journal.jsonl');
    const { actions, reached } = aRun(`r${runs++}`);
    const timeout = actions[3]!;
    const answer = await new ActionExecutor(failing(journalFile(path), () => true)).execute(timeout, platform);
    expect(answer.ok ? answer.value : answer.error).toMatchObject({ code: 'journal_unwritable' });
    expect(reached().timeout).toBe(0);
    const later = await new ActionExecutor(path).execute(timeout, platform);
    expect(later.ok).toBe(true);
    expect(reached().timeout).toBe(1);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
