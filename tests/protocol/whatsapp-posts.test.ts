// Announcements on WhatsApp after they are posted, with the real Baileys against the practice server,
// through the renderer's outbox (Dexie) and main's executor journal: an edit goes out as a protocol
// message of type MESSAGE_EDIT that the group's phones apply once (a replay, also with the journal
// lost, changes nothing twice), and a poll goes out under the console's id, so a replay is recognized.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BinaryNode } from 'baileys';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import type { Result } from '../../src/shared/domain/result';
import { capabilities } from '../../src/shared/domain/capabilities';
import { ActionExecutor } from '../../src/main/actions/executor';
import type { WhatsAppConnector } from '../../src/main/connectors/whatsapp/client';
import { practiceGroupJid, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { TribeDb } from '../../src/renderer/src/db/db';
import { enqueueAction, pendingActions, replayOutbox } from '../../src/renderer/src/db/outbox';
import { until } from './until';
import { PollBook } from '../../src/main/polls/book';
import { connector, intentIn, linked, memoryVault, simulator, type Cleanups } from './whatsappLinked';

const GROUP = practiceGroupJid(1);
const MOD = '15550000001';
const ANA = '15550000002';
const BEN = '15550000003';
const intent = intentIn(GROUP);

const cleanups: Cleanups = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

const course = () =>
  simulator(cleanups, {
    groups: [
      {
        id: GROUP,
        subject: 'Course group',
        members: [
          { phone: MOD, name: 'Mod Phone', admin: 'admin' },
          { phone: ANA, name: 'Ana' },
          { phone: BEN, name: 'Ben' },
        ],
      },
    ],
  });

const newJournal = () => new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-waposts-')), 'actions.jsonl'));

/** What the `actions.execute` handler does: the executor's journal around the connector. */
const sender = (c: WhatsAppConnector, journal: { executor: ActionExecutor }) => (action: ActionIntent): Promise<Result<ActionReceipt>> =>
  journal.executor.execute(action, {
    run: (a) => c.execute(a),
    reconcile: () => Promise.resolve({ ok: true, value: { state: 'unknown', why: 'WhatsApp cannot be asked; the console-chosen id guards a repeat' } }),
    ready: () => c.info().state === 'ready',
  });

async function drain(db: TribeDb, send: (a: ActionIntent) => Promise<Result<ActionReceipt>>) {
  for (let i = 0; i < 6 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);
}

/** Group message stanzas the device sent with this id (what reached WhatsApp, repeats included). */
const stanzas = (sim: WhatsAppSimulator, id: string) => sim.received().filter((n: BinaryNode) => n.tag === 'message' && n.attrs.id === id && n.attrs.to === GROUP);
const shownText = (sim: WhatsAppSimulator, id: string) => {
  const m = sim.messages().get(id)?.message;
  return m?.conversation ?? m?.extendedTextMessage?.text;
};

describe('WhatsApp announcements after posting', () => {
  it('edits a posted announcement once: the phones show the new text; a replay, also with the journal lost, sends nothing', async () => {
    expect(capabilities.whatsapp.edit.supported).toBe(true);
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const journal = { executor: newJournal() };
    const send = sender(c, journal);
    const db = new TribeDb(`waposts-${randomUUID()}`);

    const announcementId = randomUUID();
    await enqueueAction(db, intent({ kind: 'announce', announcementId, part: 0, parts: 1, text: 'Study call at *18:00* today', pin: false }));
    await drain(db, send);
    const [posted] = await db.actions.toArray();
    const postedId = posted?.receipt?.createdMessageId ?? '';
    await until(() => shownText(sim, postedId) === 'Study call at *18:00* today', 'the announcement in the group');

    const edit = intent({ kind: 'edit', messageId: postedId, text: 'Study call moved to *19:30* today', announcementId });
    await enqueueAction(db, edit);
    await drain(db, send);
    await until(() => shownText(sim, postedId) === 'Study call moved to *19:30* today', 'the phones to show the edit');
    expect(sim.messages().get(postedId)?.edits).toBe(1);
    expect(sim.edits()).toEqual([{ group: GROUP, id: expect.any(String), target: postedId, text: 'Study call moved to *19:30* today', applied: true }]);
    // An edit is not a message of its own in the group.
    expect([...sim.messages().values()].filter((m) => m.author === MOD)).toHaveLength(1);
    const editId = sim.edits()[0]!.id;
    expect(stanzas(sim, editId).map((n) => n.attrs.edit)).toEqual(['1']);
    const editRows = async () => (await db.actions.toArray()).filter((r) => r.intent.kind === 'edit');
    expect((await editRows()).map((r) => r.status)).toEqual(['confirmed']);

    // Replayed as if the answer were lost, and once more after main lost its journal: nothing is sent again.
    for (const row of await editRows()) await db.actions.put({ ...row, status: 'sent' });
    await replayOutbox(db, send);
    journal.executor = newJournal();
    for (const row of await editRows()) await db.actions.put({ ...row, status: 'sent' });
    await replayOutbox(db, send);
    expect((await editRows()).map((r) => r.status)).toEqual(['confirmed']);
    expect(stanzas(sim, editId)).toHaveLength(1);
    // A second moderator saving the same text (a new action): it already shows it, so nothing goes out.
    const received = sim.received().length;
    expect(await c.execute(intent({ kind: 'edit', messageId: postedId, text: 'Study call moved to *19:30* today' }))).toMatchObject({ ok: true, value: { alreadyDone: true } });
    expect(sim.received().filter((n, i) => i >= received && n.tag === 'message')).toHaveLength(0);
    expect(sim.edits()).toHaveLength(1);
    expect(sim.messages().get(postedId)?.edits).toBe(1);

    // Only the author edits on WhatsApp: a member's message is refused, with nothing sent.
    const anas = await sim.post(GROUP, ANA, { conversation: 'see you there' });
    await until(() => events.find((e) => e.messageId === anas), 'Ana’s message on the device');
    expect(await c.execute(intent({ kind: 'edit', messageId: anas, text: 'changed' }))).toMatchObject({ ok: false, error: { code: 'missing_permission' } });
    expect(sim.edits()).toHaveLength(1);
    db.close();
  });

  it('refuses an edit past WhatsApp’s 15 minutes, with the reason as data, and sends nothing', async () => {
    const sim = await course();
    const { c } = await linked(cleanups, sim);
    const posted = await c.execute(intent({ kind: 'announce', announcementId: randomUUID(), part: 0, parts: 1, text: 'Quiz at 20:00', pin: false }));
    const postedId = posted.ok ? posted.value.createdMessageId! : '';
    await until(() => shownText(sim, postedId) === 'Quiz at 20:00', 'the announcement in the group');
    // Within the window it goes through; sixteen minutes on (only the clock moves) WhatsApp no longer allows it.
    expect(await c.execute(intent({ kind: 'edit', messageId: postedId, text: 'Quiz at 20:30' }))).toMatchObject({ ok: true, value: { kind: 'edit' } });
    await until(() => shownText(sim, postedId) === 'Quiz at 20:30', 'the first edit shown');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60 * 1000 });
    expect(await c.execute(intent({ kind: 'edit', messageId: postedId, text: 'Quiz at 21:00' }))).toMatchObject({ ok: false, error: { code: 'unsupported', fields: { reason: 'whatsapp_edit_window' } } });
    vi.useRealTimers();
    expect(sim.edits()).toHaveLength(1);
    expect(shownText(sim, postedId)).toBe('Quiz at 20:30');
  });

  it('posts a poll once under the console’s id: single and multiple choice, a replay is recognized', async () => {
    expect(capabilities.whatsapp.poll.supported).toBe(true);
    const sim = await course();
    const { c } = await linked(cleanups, sim);
    const journal = { executor: newJournal() };
    const send = sender(c, journal);
    const db = new TribeDb(`waposts-${randomUUID()}`);

    const single = intent({ kind: 'poll', question: 'Which day for the next AMA?', answers: ['Friday', 'Saturday', 'Sunday'], multiple: false, hours: 48 });
    const multiple = intent({ kind: 'poll', question: 'Which topics?', answers: ['Exams', 'Projects'], multiple: true, hours: 24 });
    await enqueueAction(db, single);
    await enqueueAction(db, multiple);
    await drain(db, send);
    const rows = await db.actions.toArray();
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    const idOf = (key: string) => rows.find((r) => r.key === key)?.receipt?.createdMessageId ?? '';
    const [singleId, multipleId] = [idOf(single.key), idOf(multiple.key)];
    const one = await until(() => sim.messages().get(singleId!)?.message, 'the single-choice poll in the group');
    expect(one.pollCreationMessageV3).toMatchObject({ name: 'Which day for the next AMA?', selectableOptionsCount: 1, options: [{ optionName: 'Friday' }, { optionName: 'Saturday' }, { optionName: 'Sunday' }] });
    const many = await until(() => sim.messages().get(multipleId!)?.message, 'the multiple-choice poll in the group');
    expect(many.pollCreationMessage).toMatchObject({ name: 'Which topics?', selectableOptionsCount: 0, options: [{ optionName: 'Exams' }, { optionName: 'Projects' }] });

    // Replayed with main's journal lost: the console's id is recognized and nothing goes out again.
    journal.executor = newJournal();
    for (const row of await db.actions.toArray()) await db.actions.put({ ...row, status: 'sent' });
    await replayOutbox(db, send);
    expect((await db.actions.toArray()).map((r) => r.status)).toEqual(['confirmed', 'confirmed']);
    expect(stanzas(sim, singleId!)).toHaveLength(1);
    expect(stanzas(sim, multipleId!)).toHaveLength(1);
    expect([...sim.messages().values()].filter((m) => m.message.pollCreationMessage ?? m.message.pollCreationMessageV3)).toHaveLength(2);
    db.close();
  });

  it('reads members’ votes back: a tally per answer, a changed or taken-back vote, and votes cast while the console was closed', async () => {
    const sim = await course();
    const home = mkdtempSync(join(tmpdir(), 'tk-polls-'));
    const { vault } = memoryVault();
    const sourceId = 'whatsapp-polls';
    const open = async () => {
      const conn = connector(cleanups, sim, vault, { id: sourceId });
      const book = new PollBook(home);
      await book.start();
      conn.c.onPollVote((v) => book.vote(v));
      expect((await conn.c.start()).ok).toBe(true);
      return { ...conn, book };
    };
    const first = await open();
    const qr = await until(() => first.c.info().link?.qr, 'a QR in the connection state');
    expect(await sim.scan(qr)).toBe(true);
    await until(() => first.c.info().state === 'ready', 'the linked device to be ready');

    const ask = { ...intent({ kind: 'poll', question: 'Which day for the next AMA?', answers: ['Friday', 'Saturday', 'Sunday'], multiple: false, hours: 48 }), sourceId } as ActionIntent;
    const posted = await first.c.execute(ask);
    const pollId = posted.ok ? posted.value.createdMessageId! : '';
    first.book.posted(ask, 'whatsapp', pollId);
    await until(() => sim.messages().get(pollId), 'the poll in the group');
    const tally = (book: PollBook) => book.list().polls.find((p) => p.messageId === pollId)?.answers.map((a) => a.votes);

    await sim.vote(GROUP, ANA, pollId, ['Friday']);
    await sim.vote(GROUP, BEN, pollId, ['Saturday']);
    await until(() => tally(first.book)?.join() === '1,1,0', 'Ana’s and Ben’s votes counted');
    // Ana changes her mind: her vote moves, it does not add up.
    await sim.vote(GROUP, ANA, pollId, ['Sunday']);
    await until(() => tally(first.book)?.join() === '0,1,1', 'Ana’s vote moved to Sunday');
    expect(first.book.list().polls[0]).toMatchObject({ counted: true, voters: 2, question: 'Which day for the next AMA?' });
    // Votes are not members' messages.
    expect(first.events.filter((e) => e.kind === 'message')).toHaveLength(0);

    // The console closes; Ben takes his vote back and Ana votes Saturday meanwhile.
    await first.c.stop();
    await first.book.flush();
    await sim.vote(GROUP, BEN, pollId, []);
    await sim.vote(GROUP, ANA, pollId, ['Saturday']);
    // The tally was kept on disk.
    const reloaded = new PollBook(home);
    await reloaded.start();
    expect(tally(reloaded)?.join()).toBe('0,1,1');
    const second = await open();
    await until(() => tally(second.book)?.join() === '0,1,0', 'the votes cast while closed counted after the restart');
    expect(second.book.list().polls[0]?.voters).toBe(1);

    // Several answers where the poll allows them.
    const topics = { ...intent({ kind: 'poll', question: 'Which topics?', answers: ['Exams', 'Projects'], multiple: true, hours: 24 }), sourceId } as ActionIntent;
    const many = await second.c.execute(topics);
    const manyId = many.ok ? many.value.createdMessageId! : '';
    second.book.posted(topics, 'whatsapp', manyId);
    await until(() => sim.messages().get(manyId), 'the second poll in the group');
    await sim.vote(GROUP, BEN, manyId, ['Exams', 'Projects']);
    await until(() => second.book.list().polls.find((p) => p.messageId === manyId)?.answers.map((a) => a.votes).join() === '1,1', 'both of Ben’s answers counted');
  });

  it('names a voter in a LID-addressed group as their messages’ author: the number WhatsApp gives, else the LID', async () => {
    const sim = await course();
    const { c, events } = await linked(cleanups, sim);
    const votes: Array<{ voterId: string; optionSha256: string[] }> = [];
    c.onPollVote((v) => votes.push(v));
    const posted = await c.execute(intent({ kind: 'poll', question: 'Meet-up day?', answers: ['Friday', 'Saturday'], multiple: false, hours: 24 }));
    const pollId = posted.ok ? posted.value.createdMessageId! : '';
    await until(() => sim.messages().get(pollId), 'the poll in the group');
    // Ana's phone shares her number beside her LID; Ben's group hides it.
    await sim.vote(GROUP, ANA, pollId, ['Friday'], { lid: 'with-phone' });
    await until(() => votes.length === 1, 'Ana’s vote');
    expect(votes[0]!.voterId).toBe(`${ANA}@s.whatsapp.net`);
    const said = await sim.post(GROUP, BEN, { conversation: 'Saturday suits me' }, { lid: 'only' });
    const ben = (await until(() => events.find((e) => e.messageId === said), 'Ben’s message')).author!.id;
    expect(ben).toMatch(/^\d+@lid$/);
    await sim.vote(GROUP, BEN, pollId, ['Saturday'], { lid: 'only' });
    await until(() => votes.length === 2, 'Ben’s vote');
    // The same id as his message: his vote and his words are one member's, and no phone number is made up.
    expect(votes[1]!.voterId).toBe(ben);
    expect(votes.map((v) => v.optionSha256.length)).toEqual([1, 1]);
  });
});
