import { describe, expect, it } from 'vitest';
import { BioReader } from './bios';

function reader(bios: Record<string, string | null | Error>, options: { perAsk?: number; ttlMs?: number } = {}) {
  let clock = 1_000_000;
  const calls: string[] = [];
  const waits: number[] = [];
  const r = new BioReader(
    async (id) => {
      calls.push(id);
      const bio = bios[id];
      if (bio instanceof Error) throw bio;
      return bio;
    },
    {
      gapMs: 400,
      ...options,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      waitOf: (e) => (e instanceof Error && /^FLOOD_WAIT_(\d+)$/.test(e.message) ? Number(e.message.slice(11)) : undefined),
    },
  );
  return { r, calls, waits, tick: (ms: number) => (clock += ms) };
}

describe('bio reader', () => {
  it('reads each bio once within its time to live, spaced, a few per ask, capped', async () => {
    const { r, calls, waits, tick } = reader({ a: 'wa.me/1555', b: null, c: 'x'.repeat(1000), d: 'd' }, { perAsk: 3, ttlMs: 60_000 });
    const first = await r.bios(['a', 'b', 'c', 'd', 'a']);
    expect([...first.keys()]).toEqual(['a', 'b', 'c']);
    expect(first.get('b')).toBeNull();
    expect(first.get('c')).toHaveLength(300);
    // The calls were spaced by the gap (the first needed none).
    expect(waits).toEqual([400, 400]);
    const second = await r.bios(['a', 'b', 'c', 'd']);
    expect(second.get('d')).toBe('d');
    expect(calls).toEqual(['a', 'b', 'c', 'd']);
    tick(61_000);
    await r.bios(['a']);
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('stops reading during a FLOOD_WAIT, and keeps nothing for an account it could not read', async () => {
    const { r, calls, tick } = reader({ a: new Error('FLOOD_WAIT_30'), b: 'b', u: undefined as unknown as null });
    expect((await r.bios(['a', 'b'])).size).toBe(0);
    expect(calls).toEqual(['a']);
    tick(31_000);
    expect((await r.bios(['b', 'u'])).get('b')).toBe('b');
    expect((await r.bios(['u'])).has('u')).toBe(false);
    expect(calls).toEqual(['a', 'b', 'u', 'u']);
  });
});
