// The crash test of actions-crash.test.ts on Telegram: the real gramjs connector against the
// practice Telegram server, main dying at every journal write and a new main finishing the run.
// Telegram can tell a deleted message, a ban and a mute's end date; a reply or DM is sent again
// with the same random_id, which Telegram drops.
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
import { TelegramConnector } from '../../src/main/connectors/telegram/client';
import type { RawEvent } from '../../src/main/core/connector';
import { startTelegramSimulator, type TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { crashThenReplay, deaths, dyingAt } from './crash';
import { practiceTelegramSource } from './practiceTelegram';
import { until } from './until';

let sim: TelegramSimulator;
let bot: TelegramConnector;
let platform: ActionPlatform;
let admin: string;
const events: RawEvent[] = [];

beforeAll(async () => {
  sim = await startTelegramSimulator({ seed: 61, memberCount: 8 });
  bot = new TelegramConnector(practiceTelegramSource(sim, { id: 'tg', botToken: sim.botToken }));
  bot.onEvent((e) => events.push(e));
  expect((await bot.start()).ok).toBe(true);
  platform = { run: (a) => bot.execute(a), reconcile: (a, since) => bot.reconcile(a, since), ready: () => bot.info().state === 'ready' };
  // The setup's own ban (of the member the run unbans) is made by an admin in the app: the bot's account.
  admin = sim.botUserId;
});

afterAll(async () => {
  await bot.stop();
  await sim.close();
});

/** A new member who has spoken in the group, so the bot knows them. */
async function aSpeaker(tag: string): Promise<string> {
  const id = sim.addMember({ firstName: tag }).id;
  const hello = sim.postMessage({ authorId: id, text: `hello from ${tag}` });
  await until(() => events.find((e) => e.messageId === String(hello.id) && e.spaceId === sim.supergroupId), `${tag} known to the bot`);
  return id;
}

async function aRun(tag: string) {
  const [author, timedOut, kicked, banned, unbanned] = await Promise.all(['a', 't', 'k', 'b', 'u'].map((p) => aSpeaker(`${p}_${tag}`)));
  sim.restrictAsAdmin(unbanned!, admin, { ban: true });
  sim.memberWritesToBot(author!, `hi bot, ${tag}`);
  await until(() => events.find((e) => e.spaceId === '@dm' && e.text === `hi bot, ${tag}`), 'the DM');
  const target = sim.postMessage({ authorId: author!, text: `spam ${tag}` });
  await until(() => events.find((e) => e.messageId === String(target.id) && e.spaceId === sim.supergroupId), 'the target message');
  const group = sim.supergroupId;
  const make = (kind: ActionIntent['kind'], fields: Record<string, unknown>) =>
    ActionIntentSchema.parse({ key: randomUUID(), kind, sourceId: 'tg', platform: 'telegram', spaceId: group, channelId: group, ...fields });
  const actions = [
    make('reply', { text: `Please stop, ${tag}.`, replyToMessageId: String(target.id) }),
    make('dm', { memberId: author, text: `About your message, ${tag}` }),
    make('delete', { messageId: String(target.id) }),
    make('timeout', { memberId: timedOut, durationSeconds: 600 }),
    make('kick', { memberId: kicked }),
    make('ban', { memberId: banned }),
    make('unban', { memberId: unbanned }),
  ];
  const base = { deletes: sim.calls('channels.DeleteMessages'), edits: sim.calls('channels.EditBanned') };
  const reached = () => ({
    reply: sim.messages(group).filter((m) => m.fromId === sim.botUserId && m.text === `Please stop, ${tag}.`).length,
    dm: sim.directMessages(author!).filter((m) => m.fromId === sim.botUserId && m.text === `About your message, ${tag}`).length,
    deleteCalls: sim.calls('channels.DeleteMessages') - base.deletes,
    // timeout 1, kick 2 (Telegram kicks by ban + unban), ban 1, unban 1.
    editBannedCalls: sim.calls('channels.EditBanned') - base.edits,
  });
  const onTelegram = () => ({
    deleted: sim.message(group, target.id)?.deleted !== false,
    muted: (sim.member(group, timedOut!)?.restrictedUntil ?? 0) * 1000 > Date.now(),
    kicked: sim.member(group, kicked!)?.present === false && sim.member(group, kicked!)?.banned === false,
    banned: sim.member(group, banned!)?.banned === true,
    unbanned: sim.member(group, unbanned!)?.banned === false,
  });
  return { actions, reached, onTelegram };
}

let runs = 0;

describe('main crashing at every step of the executor, on Telegram', () => {
  for (const how of deaths) {
    it(`runs each action on Telegram exactly once when main dies ${how} of any journal line`, async () => {
      for (let k = 0; k <= 14; k++) {
        const { actions, reached, onTelegram } = await aRun(`r${runs++}`);
        const { answers } = await crashThenReplay(platform, actions, k, how, (first) => {
          expect(first.died, `k=${k}`).toBe(k < 14);
          expect(first.answered.every((r) => r.ok)).toBe(true);
          const before = reached();
          expect(before.reply <= 1 && before.dm <= 1 && before.deleteCalls <= 1 && before.editBannedCalls <= 5, `k=${k}: ${JSON.stringify(before)}`).toBe(true);
        });
        expect(
          answers.map((r) => (r.ok ? 'ok' : r.error.code)),
          `k=${k}`,
        ).toEqual(actions.map(() => 'ok'));
        expect(reached(), `k=${k}: what reached Telegram`).toEqual({ reply: 1, dm: 1, deleteCalls: 1, editBannedCalls: 5 });
        expect(onTelegram(), `k=${k}`).toEqual({ deleted: true, muted: true, kicked: true, banned: true, unbanned: true });
      }
    });
  }
});

describe('a kick cut by a crash between its ban and its lifting, on Telegram', () => {
  it('lifts the ban on the next start, once, and the kick answers done once', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tk-kick-'));
    const source = practiceTelegramSource(sim, { id: 'tg', botToken: sim.botToken, owedUnbansFile: join(home, 'telegram', 'tg.kicks.json') });
    const journal = join(home, 'actions-journal.jsonl');
    const member = await aSpeaker('cut_kick');
    const group = sim.supergroupId;
    const kick = ActionIntentSchema.parse({ key: randomUUID(), kind: 'kick', sourceId: 'tg', platform: 'telegram', spaceId: group, channelId: group, memberId: member });
    const before = sim.calls('channels.EditBanned');

    // The first main: its kick's ban lands, the lifting never gets an answer, and main dies there.
    const first = new TelegramConnector(source);
    const firstEvents: RawEvent[] = [];
    first.onEvent((e) => firstEvents.push(e));
    expect((await first.start()).ok).toBe(true);
    sim.postMessage({ authorId: member, text: 'seen by the first main' });
    await until(() => firstEvents.find((e) => e.text === 'seen by the first main'), 'the member known to the first main');
    sim.injectSilence('channels.EditBanned', 1, { after: 1 });
    const dying = dyingAt(journalFile(journal), 1, 'before the write lands');
    void new ActionExecutor(dying.file).execute(kick, { run: (a) => first.execute(a), reconcile: (a, since) => first.reconcile(a, since), ready: () => first.info().state === 'ready' });
    await until(() => sim.calls('channels.EditBanned') - before === 2, 'the lifting sent, unanswered');
    expect(sim.member(group, member)).toMatchObject({ banned: true, present: false });
    await first.stop();

    // The next main lifts the ban on its start, and the replayed kick is found done.
    const second = new TelegramConnector(source);
    try {
      expect((await second.start()).ok).toBe(true);
      const answer = await new ActionExecutor(journal).execute(kick, { run: (a) => second.execute(a), reconcile: (a, since) => second.reconcile(a, since), ready: () => second.info().state === 'ready' });
      expect(answer).toMatchObject({ ok: true, value: { kind: 'kick' } });
      expect(answer.ok && answer.value.duplicate).toBeFalsy();
      expect(answer.ok && answer.value.alreadyDone).toBeFalsy();
      expect(sim.member(group, member)).toMatchObject({ banned: false, present: false });
      // Lifted once: ban, the unanswered lifting, the lifting on start.
      expect(sim.calls('channels.EditBanned') - before).toBe(3);
    } finally {
      await second.stop();
    }
    // Nothing is owed any more: a third start lifts nothing.
    const third = new TelegramConnector(source);
    try {
      expect((await third.start()).ok).toBe(true);
      expect(JSON.parse(readFileSync(join(home, 'telegram', 'tg.kicks.json'), 'utf8'))).toEqual([]);
      expect(sim.calls('channels.EditBanned') - before).toBe(3);
    } finally {
      await third.stop();
    }
  });
});
