// Exactly once across both processes: the renderer's outbox (Dexie) and main's idempotency journal,
// under random interleavings of queueing, replaying, cancelling, lost answers, a dropped connection,
// a renderer crash mid-replay (a new database handle, in-flight work abandoned) and a main restart (a
// new executor over the same journal file). However it goes, a cancelled action never reaches the
// platform, and once the connection is back every other action the moderator queued runs on the
// platform exactly once and ends confirmed.
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionIntent, ActionReceipt } from '../../src/shared/domain/actions';
import { ok, type Result } from '../../src/shared/domain/result';
import { ActionExecutor } from '../../src/main/actions/executor';
import { TribeDb } from '../../src/renderer/src/db/db';
import { cancelAction, enqueueAction, executeAction, pendingActions, replayOutbox, type SendAction } from '../../src/renderer/src/db/outbox';

const kinds = ['delete', 'timeout', 'ban', 'reply', 'kick'] as const;

function intent(n: number): ActionIntent {
  const base = { key: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, sourceId: 's1', platform: 'discord' as const, spaceId: 'g1', channelId: `c${n % 3}` };
  switch (kinds[n % kinds.length]!) {
    case 'delete':
      return { ...base, kind: 'delete', messageId: String(1000 + n) };
    case 'timeout':
      return { ...base, kind: 'timeout', memberId: `u${n}`, durationSeconds: 600 };
    case 'ban':
      return { ...base, kind: 'ban', memberId: `u${n}` };
    case 'reply':
      return { ...base, kind: 'reply', text: `reply ${n}` };
    default:
      return { ...base, kind: 'kick', memberId: `u${n}` };
  }
}

type Step =
  | { op: 'queue'; n: number }
  | { op: 'send' }
  | { op: 'replay' }
  | { op: 'cancel'; n: number }
  | { op: 'network'; up: boolean }
  | { op: 'loseNextAnswer' }
  | { op: 'crashRenderer' }
  | { op: 'restartMain' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 39 }).map((n): Step => ({ op: 'queue', n })) },
  { weight: 4, arbitrary: fc.constant<Step>({ op: 'send' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ op: 'replay' }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 39 }).map((n): Step => ({ op: 'cancel', n })) },
  { weight: 2, arbitrary: fc.boolean().map((up): Step => ({ op: 'network', up })) },
  { weight: 2, arbitrary: fc.constant<Step>({ op: 'loseNextAnswer' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ op: 'crashRenderer' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ op: 'restartMain' }) },
);

let run = 0;

describe('outbox + main executor', () => {
  it('runs every queued action on the platform exactly once, whatever crashes and drops happen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), async (steps) => {
        const dbName = `exactly-once-${run++}`;
        const journal = join(mkdtempSync(join(tmpdir(), 'tk-once-')), 'actions.jsonl');
        /** What reached the platform: runs per key. */
        const platform = new Map<string, number>();
        let main = new ActionExecutor(journal);
        let networkUp = true;
        let loseAnswer = false;
        let db = new TribeDb(dbName);
        const queued = new Set<string>();
        const cancelled = new Set<string>();
        const inFlight: Array<Promise<unknown>> = [];

        const send: SendAction = async (a) => {
          if (!networkUp) throw new Error('socket closed');
          const result: Result<ActionReceipt> = await main.execute(a, async (action) => {
            platform.set(action.key, (platform.get(action.key) ?? 0) + 1);
            return ok({ kind: action.kind });
          });
          if (loseAnswer) {
            loseAnswer = false;
            throw new Error('connection dropped before the answer');
          }
          return result;
        };

        for (const s of steps) {
          switch (s.op) {
            case 'queue': {
              const a = intent(s.n);
              if (queued.has(a.key)) break;
              queued.add(a.key);
              await enqueueAction(db, a);
              break;
            }
            case 'send': {
              const next = (await pendingActions(db))[0];
              // Not awaited: a crash may abandon it half way, as a closing window would.
              if (next) inFlight.push(executeAction(db, next.key, send).catch(() => undefined));
              break;
            }
            case 'replay':
              // Not awaited either: a cancel may come while it runs.
              inFlight.push(replayOutbox(db, send).catch(() => undefined));
              break;
            case 'cancel': {
              const key = intent(s.n).key;
              if (await cancelAction(db, key)) cancelled.add(key);
              break;
            }
            case 'network':
              networkUp = s.up;
              break;
            case 'loseNextAnswer':
              loseAnswer = true;
              break;
            case 'crashRenderer':
              db.close();
              db = new TribeDb(dbName);
              break;
            case 'restartMain':
              await Promise.allSettled(inFlight.splice(0));
              main = new ActionExecutor(journal);
              break;
          }
        }
        // The connection comes back for good; the renderer replays until nothing is pending.
        await Promise.allSettled(inFlight.splice(0));
        networkUp = true;
        loseAnswer = false;
        for (let i = 0; i < 5 && (await pendingActions(db)).length > 0; i++) await replayOutbox(db, send);

        const rows = await db.actions.toArray();
        db.close();
        expect(rows.length).toBe(queued.size - cancelled.size);
        expect(rows.every((r) => r.status === 'confirmed')).toBe(true);
        for (const key of queued) expect(platform.get(key) ?? 0, key).toBe(cancelled.has(key) ? 0 : 1);
      }),
      { numRuns: 60 },
    );
  });
});
