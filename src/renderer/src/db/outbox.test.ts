import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { fail, ok, type Result } from '@shared/domain/result';
import { TribeDb } from './db';
import { ingestBatch } from './ingest';
import { cancelAction, dismissItem, enqueueAction, executeAction, pendingActions, recordResult, replayOutbox, type SendAction } from './outbox';
import { message, scamFlag, uniqueDbName } from './testing';

const dbs: TribeDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

const ITEM = 'msg:discord:g1:c1:1';

async function setup(): Promise<TribeDb> {
  const db = new TribeDb(uniqueDbName('outbox'));
  dbs.push(db);
  await ingestBatch(db, [message(1, { flags: [scamFlag] })]);
  return db;
}

function intent(n: number): ActionIntent {
  return {
    key: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'delete',
    sourceId: 's1',
    platform: 'discord',
    spaceId: 'g1',
    channelId: 'c1',
    messageId: '1',
    inboxItemId: ITEM,
  };
}

/** Stands in for main: runs each key once, like main's deduplication, and records what it saw. */
function fakeMain() {
  const seen: string[] = [];
  const ran = new Set<string>();
  const send: SendAction = async (a) => {
    seen.push(a.key);
    const duplicate = ran.has(a.key);
    ran.add(a.key);
    const receipt: ActionReceipt = { key: a.key, kind: a.kind, confirmedAt: 42, duplicate };
    return ok(receipt);
  };
  return { send, seen, ran };
}

/** Lets the scheduler release its tasks one at a time until `work` settles (IndexedDB runs between). */
async function drive<T>(s: fc.Scheduler, work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    if (s.count() > 0) await s.waitOne();
    else await new Promise((r) => setImmediate(r));
  }
  return work;
}

const offline: SendAction = () => Promise.reject(new Error('socket closed'));

describe('outbox', () => {
  it('writes the intent queued, then confirms it and resolves the item with the outcome', async () => {
    const db = await setup();
    const row = await enqueueAction(db, intent(1), 10);
    expect(row.status).toBe('queued');
    const main = fakeMain();
    const out = await executeAction(db, row.key, main.send, () => 20);
    expect(out?.action).toMatchObject({ status: 'confirmed', attempts: 1 });
    expect(out?.item).toMatchObject({ status: 'resolved', outcome: { kind: 'delete', ok: true, at: 42, actionKey: row.key } });
    expect((await db.inboxItems.get(ITEM))?.status).toBe('resolved');
  });

  it('records a failure in words-ready form and keeps the item open', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1));
    const denied: SendAction = async () => fail('missing_permission', 'Missing Permissions') as Result<ActionReceipt>;
    const out = await executeAction(db, intent(1).key, denied);
    expect(out?.action.status).toBe('failed');
    expect(out?.item).toMatchObject({ status: 'open', outcome: { ok: false, error: { code: 'missing_permission', message: 'Missing Permissions' } } });
  });

  it('keeps an action pending when the transport fails, and replays it exactly once later', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1), 1);
    await enqueueAction(db, intent(2), 2);
    await expect(executeAction(db, intent(1).key, offline)).rejects.toThrow('socket closed');
    expect((await pendingActions(db)).map((a) => [a.key, a.status])).toEqual([
      [intent(1).key, 'sent'],
      [intent(2).key, 'queued'],
    ]);
    // Replay while still offline stops at the first failure and loses nothing.
    expect(await replayOutbox(db, offline)).toEqual([]);
    expect(await pendingActions(db)).toHaveLength(2);

    const main = fakeMain();
    const outcomes = await replayOutbox(db, main.send);
    expect(outcomes.map((o) => o.action.status)).toEqual(['confirmed', 'confirmed']);
    expect(main.seen).toEqual([intent(1).key, intent(2).key]);
    expect(await pendingActions(db)).toEqual([]);
    // A second reconnect finds nothing to send.
    await replayOutbox(db, main.send);
    expect(main.seen).toHaveLength(2);
  });

  it('never sends a cancelled action, and sends every other one exactly once, however cancel, run and replay interleave', async () => {
    // Each operation starts at a moment the scheduler picks, and main's answers come back in an
    // order it picks too; main is offline for some answers (the row goes back to queued, so a
    // later cancel may rightly win). A cancel that returned the row must mean main never saw it.
    const op = fc.oneof(
      fc.record({ op: fc.constant('run' as const), n: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ op: fc.constant('cancel' as const), n: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ op: fc.constant('replay' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(op, { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), async (s, ops, offlineAnswers) => {
        const db = await setup();
        for (let n = 1; n <= 4; n++) await enqueueAction(db, intent(n), n);
        const cancelled = new Set<string>();
        const seenByMain = new Map<string, number>();
        const ranOnPlatform = new Map<string, number>();
        let answer = 0;
        let online = false;
        const send: SendAction = (a) =>
          s.schedule(Promise.resolve(), `main answers ${a.key.slice(-1)}`).then(() => {
            seenByMain.set(a.key, (seenByMain.get(a.key) ?? 0) + 1);
            if (!online && offlineAnswers[answer++]) return fail('offline', 'down') as Result<ActionReceipt>;
            // Main's journal: a key runs on the platform once, a repeat answers duplicate.
            const duplicate = ranOnPlatform.has(a.key);
            if (!duplicate) ranOnPlatform.set(a.key, 1);
            return ok<ActionReceipt>({ key: a.key, kind: a.kind, confirmedAt: 1, duplicate });
          });
        const inFlight = new Set<string>();
        const started = ops.map((o) =>
          s.schedule(Promise.resolve(), o.op).then(async () => {
            if (o.op === 'run') await executeAction(db, intent(o.n).key, send);
            else if (o.op === 'replay') await replayOutbox(db, send, inFlight);
            else if (await cancelAction(db, intent(o.n).key)) cancelled.add(intent(o.n).key);
          }),
        );
        await drive(s, Promise.all(started));
        // The connection is back for good: replay until nothing is pending.
        online = true;
        for (let i = 0; i < 3 && (await pendingActions(db)).length > 0; i++) {
          await drive(s, replayOutbox(db, send, inFlight));
        }
        for (const key of cancelled) expect(seenByMain.get(key) ?? 0, `cancelled ${key} reached main`).toBe(0);
        for (let n = 1; n <= 4; n++) {
          const key = intent(n).key;
          if (cancelled.has(key)) continue;
          expect(ranOnPlatform.get(key), `${key} ran`).toBe(1);
          expect((await db.actions.get(key))?.status).toBe('confirmed');
        }
        db.close();
      }),
      { numRuns: 80 },
    );
  });

  it('does not cancel an action once it is claimed for sending, nor put it back to queued while a later send is out', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1));
    let release!: (r: Result<ActionReceipt>) => void;
    const first = executeAction(db, intent(1).key, () => new Promise((r) => (release = r)));
    await expect.poll(async () => (await db.actions.get(intent(1).key))?.status).toBe('sent');
    expect(await cancelAction(db, intent(1).key)).toBeUndefined();
    // A second claim of the same row (a replay after a lost answer) is out when the first gets "offline".
    let releaseSecond!: (r: Result<ActionReceipt>) => void;
    const second = executeAction(db, intent(1).key, () => new Promise((r) => (releaseSecond = r)));
    await expect.poll(async () => (await db.actions.get(intent(1).key))?.attempts).toBe(2);
    release(fail('offline', 'down'));
    await first;
    expect((await db.actions.get(intent(1).key))?.status).toBe('sent');
    expect(await cancelAction(db, intent(1).key)).toBeUndefined();
    releaseSecond(fail('offline', 'down'));
    await second;
    expect((await db.actions.get(intent(1).key))?.status).toBe('queued');
    expect(await cancelAction(db, intent(1).key)).toMatchObject({ key: intent(1).key });
  });

  it('keeps an action main is in doubt about sent: not cancellable, replayed later', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1));
    const out = await executeAction(db, intent(1).key, async () => fail('in_doubt', 'checking after a restart') as Result<ActionReceipt>);
    expect(out?.action).toMatchObject({ status: 'sent', error: { code: 'in_doubt' } });
    expect((await db.inboxItems.get(ITEM))?.status).toBe('open');
    expect(await cancelAction(db, intent(1).key)).toBeUndefined();
    expect((await pendingActions(db)).map((a) => a.key)).toEqual([intent(1).key]);
  });

  it('skips keys that are already in flight', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1));
    const main = fakeMain();
    await replayOutbox(db, main.send, new Set([intent(1).key]));
    expect(main.seen).toEqual([]);
  });

  it('never lets a late failure overturn a confirmation', async () => {
    const db = await setup();
    await enqueueAction(db, intent(1));
    await recordResult(db, intent(1).key, ok({ key: intent(1).key, kind: 'delete', confirmedAt: 1, duplicate: false }));
    await recordResult(db, intent(1).key, fail('offline', 'late'));
    expect((await db.actions.get(intent(1).key))?.status).toBe('confirmed');
  });

  it('resolves an item without action locally', async () => {
    const db = await setup();
    const item = await dismissItem(db, ITEM, 99);
    expect(item).toMatchObject({ status: 'resolved', outcome: { kind: 'dismissed', ok: true, at: 99 } });
  });

  it('keeps an action waiting while the platform connection is down, and runs it once when it is back', async () => {
    const db = await setup();
    await enqueueAction(db, intent(9));
    let platformUp = false;
    let ran = 0;
    const send: SendAction = async () => {
      if (!platformUp) return fail('offline', 'The Discord connection is down; the action waits in the outbox.');
      ran += 1;
      return ok<ActionReceipt>({ key: intent(9).key, confirmedAt: 5, kind: 'delete', duplicate: false });
    };
    const first = await replayOutbox(db, send);
    expect(first[0]?.action).toMatchObject({ status: 'queued', error: { code: 'offline' } });
    expect((await db.inboxItems.get(ITEM))?.status).toBe('open');
    expect((await pendingActions(db)).map((a) => a.key)).toEqual([intent(9).key]);
    platformUp = true;
    await replayOutbox(db, send);
    await replayOutbox(db, send);
    expect(ran).toBe(1);
    expect((await db.actions.get(intent(9).key))?.status).toBe('confirmed');
    expect((await db.inboxItems.get(ITEM))?.status).toBe('resolved');
  });
});
