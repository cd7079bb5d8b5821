import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ActionIntent } from '@shared/domain/actions';
import { fail, ok } from '@shared/domain/result';
import { ActionExecutor } from './executor';

function intent(key: string, channelId = 'c', messageId = 'm'): ActionIntent {
  return { key, kind: 'delete', sourceId: 's', platform: 'discord', spaceId: 'g', channelId, messageId };
}
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('ActionExecutor', () => {
  it('runs a key once, however often the outbox replays it, also across a restart', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'tk-exec-')), 'actions.jsonl');
    let runs = 0;
    const run = async () => {
      runs++;
      return ok({ kind: 'delete' as const });
    };
    const a = new ActionExecutor(journal);
    const [first, concurrent] = await Promise.all([a.execute(intent(uuid(1)), run), a.execute(intent(uuid(1)), run)]);
    const replay = await a.execute(intent(uuid(1)), run);
    expect(first.ok && first.value.duplicate).toBe(false);
    // The concurrent replay joined the running call: the same answer, told that it did not run again.
    expect(concurrent).toEqual(first.ok ? { ...first, value: { ...first.value, duplicate: true } } : first);
    expect(replay.ok && replay.value.duplicate).toBe(true);
    const restarted = new ActionExecutor(journal);
    const afterRestart = await restarted.execute(intent(uuid(1)), run);
    expect(afterRestart.ok && afterRestart.value.duplicate).toBe(true);
    expect(runs).toBe(1);
  });

  it('lets a retryable failure run again with the same key, but remembers a final one', async () => {
    const a = new ActionExecutor(undefined);
    let calls = 0;
    const offlineThenOk = async () => (++calls === 1 ? fail('offline', 'no network') : ok({ kind: 'delete' as const }));
    expect((await a.execute(intent(uuid(2)), offlineThenOk)).ok).toBe(false);
    expect((await a.execute(intent(uuid(2)), offlineThenOk)).ok).toBe(true);
    let denied = 0;
    const forbidden = async () => {
      denied++;
      return fail('missing_permission', 'no');
    };
    await a.execute(intent(uuid(3)), forbidden);
    const again = await a.execute(intent(uuid(3)), forbidden);
    expect(!again.ok && again.error.code).toBe('missing_permission');
    expect(denied).toBe(1);
  });

  it('keeps the order of actions on one conversation', async () => {
    const a = new ActionExecutor(undefined);
    const order: string[] = [];
    const slowFirst = (label: string, ms: number) => async () => {
      await new Promise((r) => setTimeout(r, ms));
      order.push(label);
      return ok({ kind: 'delete' as const });
    };
    await Promise.all([a.execute(intent(uuid(4)), slowFirst('first', 30)), a.execute(intent(uuid(5)), slowFirst('second', 0))]);
    expect(order).toEqual(['first', 'second']);
  });

  it('executes every distinct key exactly once under any replay pattern', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 40 }), async (keys) => {
        const a = new ActionExecutor(undefined);
        const runs = new Map<string, number>();
        await Promise.all(
          keys.map((k) =>
            a.execute(intent(uuid(k), `c${k % 3}`), async (action) => {
              runs.set(action.key, (runs.get(action.key) ?? 0) + 1);
              await Promise.resolve();
              return ok({ kind: 'delete' as const });
            }),
          ),
        );
        return [...runs.values()].every((n) => n === 1) && runs.size === new Set(keys).size;
      }),
      { numRuns: 50 },
    );
  });

  it('turns a thrown error into a Result', async () => {
    const a = new ActionExecutor(undefined);
    const result = await a.execute(intent(uuid(9)), async () => {
      throw new Error('boom');
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('after a failure the platform may have acted on, asks it; what it cannot tell stays in doubt, never "offline"', async () => {
    const a = new ActionExecutor(undefined);
    let looks = 0;
    const dropped = async () => fail('offline', 'connection reset');
    const notLanded = { run: dropped, reconcile: async () => (looks++, ok({ state: 'not_landed' as const })) };
    expect(await a.execute(intent(uuid(20)), notLanded)).toMatchObject({ ok: false, error: { code: 'offline' } });
    const cannotTell = { run: dropped, reconcile: async () => (looks++, ok({ state: 'unknown' as const, why: 'no lookup' })) };
    expect(await a.execute(intent(uuid(21)), cannotTell)).toMatchObject({ ok: false, error: { code: 'in_doubt', retryable: true } });
    const landed = { run: dropped, reconcile: async () => (looks++, ok({ state: 'landed' as const, confirmed: { kind: 'delete' as const } })) };
    expect(await a.execute(intent(uuid(22)), landed)).toMatchObject({ ok: true, value: { kind: 'delete', duplicate: false } });
    expect(looks).toBe(3);
    // A 429 refused before acting: nothing to ask.
    const limited = { run: async () => fail('rate_limited', 'slow down', { retryAfterMs: 1000 }), reconcile: async () => (looks++, ok({ state: 'unknown' as const, why: '' })) };
    expect(await a.execute(intent(uuid(23)), limited)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(looks).toBe(3);
  });

  it('answers "offline" only for a key it never started: one in doubt stays in doubt while the connection is down', async () => {
    const a = new ActionExecutor(undefined);
    let up = false;
    let runs = 0;
    const platform = {
      run: async () => (runs++, up ? ok({ kind: 'delete' as const }) : fail('offline', 'reset')),
      reconcile: async () => ok({ state: 'not_landed' as const }),
      ready: () => up,
    };
    expect(await a.execute(intent(uuid(30)), platform)).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(runs).toBe(0);
    // Started, then the connection dropped with the call: the platform cannot be asked.
    up = true;
    const midCall = { ...platform, run: async () => ((up = false), fail('offline', 'reset')), reconcile: async () => fail('offline', 'down') };
    expect(await a.execute(intent(uuid(31)), midCall)).toMatchObject({ ok: false, error: { code: 'in_doubt' } });
    expect(await a.execute(intent(uuid(31)), platform)).toMatchObject({ ok: false, error: { code: 'in_doubt' } });
    up = true;
    expect(await a.execute(intent(uuid(31)), platform)).toMatchObject({ ok: true });
  });
});
