import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './records';
import type { LedgerEntry, RecordBody, SignedRecord } from './records';
import { emptyTeamState, reduceLedger, stateDigest } from './state';
import { ToyLedger, toyKey, toySign, toyVerify } from './testkit';

const ana = toyKey('ana');
const bo = toyKey('bo');
const eve = toyKey('eve');

function team(): ToyLedger {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'Asia/Shanghai', role: 'lead' });
  ledger.add(ana, { t: 'roster-add', key: bo, name: 'Bo', zone: 'America/Los_Angeles', role: 'moderator' });
  return ledger;
}

describe('team state', () => {
  it('the first roster record makes its author lead; the lead adds a moderator', () => {
    const state = reduceLedger(team().entries, toyVerify);
    expect(state.roster[ana]?.role).toBe('lead');
    expect(state.roster[bo]).toMatchObject({ name: 'Bo', role: 'moderator', zone: 'America/Los_Angeles' });
    expect(state.rejected).toEqual([]);
  });

  it('a plan edit by its author or a lead counts up its edit number and keeps versions it does not carry; the sender’s word on an edit stands once', () => {
    const ledger = team();
    const time = { start: '2026-12-02T10:00', zone: 'UTC' };
    ledger.add(bo, { t: 'post-plan', id: 'plan-0001', text: 'Game night', time, reminders: ['start'], targets: [{ p: 'discord', space: 'g', channel: 'c' }], pin: false, versions: [{ lang: 'de', text: 'Spieleabend' }] });
    ledger.add(bo, { t: 'post-claim', id: 'plan-0001', slot: '0:1764669600000:start' });
    ledger.add(bo, { t: 'post-sent', id: 'plan-0001', slot: '0:1764669600000:start', ok: true });
    ledger.add(eve, { t: 'post-edit', id: 'plan-0001', text: 'not a member' });
    ledger.add(ana, { t: 'post-edit', id: 'plan-0001', text: 'Game night at 20:00' });
    // Only the sender tells how its edit went, and only for an edit that exists.
    ledger.add(ana, { t: 'post-edited', id: 'plan-0001', slot: '0:1764669600000:start', rev: 1, ok: true });
    ledger.add(bo, { t: 'post-edited', id: 'plan-0001', slot: '0:1764669600000:start', rev: 2, ok: true });
    ledger.add(bo, { t: 'post-edited', id: 'plan-0001', slot: '0:1764669600000:start', rev: 1, ok: false, code: 'not_found' });
    ledger.add(bo, { t: 'post-edited', id: 'plan-0001', slot: '0:1764669600000:start', rev: 1, ok: true });
    const post = reduceLedger(ledger.entries, toyVerify).posts['plan-0001'];
    expect(post).toMatchObject({ text: 'Game night at 20:00', rev: 1, editedBy: ana, versions: [{ lang: 'de', text: 'Spieleabend' }] });
    expect(post?.slots['0:1764669600000:start']?.edited).toMatchObject({ rev: 1, ok: false, code: 'not_found' });
  });

  it('a claim race is settled by platform order: the earlier message wins, the later is reported lost', () => {
    const ledger = team();
    ledger.add(bo, { t: 'claim', item: 'item-1' });
    ledger.add(ana, { t: 'claim', item: 'item-1' });
    const state = reduceLedger([...ledger.entries].reverse(), toyVerify);
    expect(state.claims['item-1']?.by).toBe(bo);
    expect(state.lost).toEqual([expect.objectContaining({ item: 'item-1', by: ana, winner: bo })]);
  });

  it('releases only by the holder or a lead; resolve closes the item for everyone', () => {
    const ledger = team();
    ledger.add(ana, { t: 'claim', item: 'x' });
    ledger.add(bo, { t: 'release', item: 'x' });
    let state = reduceLedger(ledger.entries, toyVerify);
    expect(state.claims.x?.by).toBe(ana);
    expect(state.rejected.at(-1)).toMatchObject({ reason: 'not-allowed', type: 'release' });
    ledger.add(bo, { t: 'resolve', item: 'x', outcome: 'deleted' });
    ledger.add(bo, { t: 'claim', item: 'x' });
    state = reduceLedger(ledger.entries, toyVerify);
    expect(state.claims.x).toBeUndefined();
    expect(state.resolved.x).toMatchObject({ by: bo, outcome: 'deleted' });
  });

  it('ignores and reports forged, unsigned, unknown-key and replayed records', () => {
    const ledger = team();
    const claim = ledger.add(bo, { t: 'claim', item: 'a' });
    const signed = claim.raw as SignedRecord;
    ledger.push({ ...signed, n: signed.n + 1, r: { t: 'claim', item: 'b' } }); // body changed after signing
    const { s: _s, ...unsigned } = toySign(bo, 50, 1, { t: 'claim', item: 'c' });
    ledger.push(unsigned);
    ledger.push(toySign(eve, 1, 1, { t: 'claim', item: 'd' }));
    ledger.push(toySign(eve, 2, 1, { t: 'roster-add', key: eve, name: 'Eve', zone: 'UTC', role: 'lead' }));
    ledger.add(bo, { t: 'release', item: 'a' });
    ledger.push(signed); // the old claim copied back into the channel
    ledger.push({ hello: 'world' });
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(Object.keys(state.claims)).toEqual([]);
    expect(state.roster[eve]).toBeUndefined();
    expect(state.rejected.map((r) => r.reason)).toEqual(['forged', 'unsigned', 'unknown-key', 'unknown-key', 'replayed', 'malformed']);
  });

  it('a moderator cannot change the roster; the last lead cannot be removed', () => {
    const ledger = team();
    ledger.add(bo, { t: 'roster-add', key: eve, name: 'Eve', zone: 'UTC', role: 'lead' });
    ledger.add(ana, { t: 'roster-remove', key: ana });
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(state.roster[eve]).toBeUndefined();
    expect(state.roster[ana]).toBeDefined();
    expect(state.rejected.map((r) => r.reason)).toEqual(['not-allowed', 'not-allowed']);
  });

  it('a handoff is acknowledged once, by someone other than its author', () => {
    const ledger = team();
    const handoff: RecordBody = { t: 'handoff', id: 'h-00000001', to: bo, items: [], incidents: ['raid at 03:00'], promises: [{ text: 'check back', due: 5 }], notes: '' };
    ledger.add(ana, handoff);
    ledger.add(ana, { t: 'ack', handoff: 'h-00000001' });
    ledger.add(bo, { t: 'ack', handoff: 'h-00000001' }, 42);
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(state.handoffs[0]).toMatchObject({ by: ana, to: bo, ackedBy: bo, ackedAt: 42 });
    expect(state.rejected.map((r) => r.reason)).toEqual(['not-allowed']);
  });

  it("a lead's snapshot matching the state passes; one that differs is reported as diverged", () => {
    const ledger = team();
    ledger.add(bo, { t: 'claim', item: 'q' });
    const digest = stateDigest(reduceLedger(ledger.entries, toyVerify));
    ledger.add(ana, { t: 'snapshot', digest, records: 3 });
    ledger.add(ana, { t: 'snapshot', digest: '0000000000000000', records: 4 });
    ledger.add(ana, { t: 'snapshot', digest: '0000000000000000', records: 2 }); // stale count: not comparable
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(state.rejected.map((r) => r.reason)).toEqual(['diverged']);
  });

  it('carries records in messages and reads them back', () => {
    const records = [toySign(ana, 1, 1, { t: 'claim', item: 'discord:1:2:3' }), toySign(ana, 2, 2, { t: 'shift-start' })];
    expect(decodeMessage(encodeMessage(records))).toEqual(records);
    expect(decodeMessage('tk-ledger/1 is how we talk about it')).toBeNull();
  });
});

describe('convergence (property)', () => {
  const keys = [ana, bo, eve];
  const body = fc.oneof(
    fc.record({ t: fc.constant('claim' as const), item: fc.constantFrom('i1', 'i2', 'i3') }),
    fc.record({ t: fc.constant('release' as const), item: fc.constantFrom('i1', 'i2', 'i3') }),
    fc.record({ t: fc.constant('resolve' as const), item: fc.constantFrom('i1', 'i2', 'i3'), outcome: fc.constantFrom('deleted', 'warned') }),
    fc.constant({ t: 'shift-start' as const }),
    fc.constant({ t: 'shift-end' as const }),
    fc.record({ t: fc.constant('ack' as const), handoff: fc.constantFrom('h-00000001', 'h-00000002') }),
    fc.record({ t: fc.constant('handoff' as const), id: fc.constantFrom('h-00000001', 'h-00000002'), items: fc.constant([] as never[]), incidents: fc.constant([] as string[]), promises: fc.constant([] as never[]), notes: fc.string({ maxLength: 20 }) }),
    fc.record({ t: fc.constant('roster-add' as const), key: fc.constantFrom(...keys), name: fc.constantFrom('A', 'B'), zone: fc.constant('UTC'), role: fc.constantFrom('lead' as const, 'moderator' as const) }),
    fc.record({ t: fc.constant('swap-offer' as const), id: fc.constantFrom('s-00000001', 's-00000002'), start: fc.constantFrom(0, 3_600_000), end: fc.constantFrom(7_200_000, 90_000_000) }),
    fc.record({ t: fc.constant('swap-take' as const), offer: fc.constantFrom('s-00000001', 's-00000002') }),
    fc.record({ t: fc.constant('swap-cancel' as const), offer: fc.constantFrom('s-00000001', 's-00000002') }),
  ).map((b): RecordBody => b);
  const step = fc.record({ author: fc.constantFrom(...keys), body, tamper: fc.integer({ min: 0, max: 9 }), replay: fc.integer({ min: 0, max: 9 }) });

  function build(steps: Array<{ author: string; body: RecordBody; tamper: number; replay: number }>): LedgerEntry[] {
    const ledger = new ToyLedger();
    ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'UTC', role: 'lead' });
    for (const s of steps) {
      const entry = ledger.add(s.author, s.body);
      if (s.tamper === 0) ledger.push({ ...(entry.raw as SignedRecord), n: 10_000, r: { t: 'shift-start' } });
      if (s.replay === 0) ledger.push(entry.raw);
    }
    return ledger.entries;
  }

  it('any reordering and duplication of delivery converges to the same state on two consoles', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 80 }), (steps, dupA, dupB) => {
        const entries = build(steps);
        const deliver = (picks: number[]) => {
          const copy = [...entries];
          for (const p of picks) copy.splice(p % (copy.length + 1), 0, entries[p % entries.length]!);
          return copy.reverse();
        };
        const a = reduceLedger(deliver(dupA), toyVerify);
        const b = reduceLedger(deliver(dupB), toyVerify);
        expect(a).toEqual(b);
        expect(a).toEqual(reduceLedger(entries, toyVerify));
      }),
      { numRuns: 200 },
    );
  });

  it('folding in order, a batch at a time, equals folding everything at once', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (steps, size) => {
        const entries = build(steps);
        let state = emptyTeamState();
        for (let i = 0; i < entries.length; i += size) state = reduceLedger(entries.slice(i, i + size), toyVerify, state);
        expect(state).toEqual(reduceLedger(entries, toyVerify));
      }),
      { numRuns: 200 },
    );
  });

  it('no item is held and resolved at once', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const state = reduceLedger(build(steps), toyVerify);
        for (const claim of Object.values(state.claims)) expect(state.resolved[claim.item]).toBeUndefined();
      }),
    );
  });
});
