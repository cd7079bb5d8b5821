import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { onNow, openSwaps, teamShiftsBetween } from './schedule';
import { reduceLedger } from './state';
import { ToyLedger, toyKey, toyVerify } from './testkit';

const ana = toyKey('ana');
const bo = toyKey('bo');
const cy = toyKey('cy');
const la = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' }).toMillis();
const OFFER = 'offer-0001';

function team(): ToyLedger {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'Asia/Shanghai', role: 'lead' });
  ledger.add(ana, { t: 'roster-add', key: bo, name: 'Bo', zone: 'America/Los_Angeles', role: 'moderator' });
  ledger.add(ana, { t: 'roster-add', key: cy, name: 'Cy', zone: 'Europe/Berlin', role: 'moderator' });
  // Bo: Mondays 09:00–17:00 Los Angeles.
  ledger.add(bo, { t: 'schedule', key: bo, zone: 'America/Los_Angeles', weeks: 1, slots: [{ weekday: 1, start: '09:00', hours: 8, week: 0 }] });
  return ledger;
}

describe('shift swaps', () => {
  it('gives the offered shift to the first teammate who takes it, on every console alike', () => {
    const ledger = team();
    ledger.add(bo, { t: 'swap-offer', id: OFFER, start: la('2025-03-10T09:00'), end: la('2025-03-10T17:00') });
    const offered = reduceLedger(ledger.entries, toyVerify);
    expect(openSwaps(offered, ana, la('2025-03-09T12:00')).map((o) => [o.id, o.mine])).toEqual([[OFFER, false]]);
    expect(openSwaps(offered, bo, la('2025-03-09T12:00')).map((o) => o.mine)).toEqual([true]);

    ledger.add(cy, { t: 'swap-take', offer: OFFER });
    ledger.add(ana, { t: 'swap-take', offer: OFFER });
    const one = reduceLedger(ledger.entries, toyVerify);
    const other = reduceLedger([...ledger.entries].reverse(), toyVerify);
    expect(one.swaps[OFFER]?.takenBy).toBe(cy);
    expect(other.swaps[OFFER]).toEqual(one.swaps[OFFER]);
    expect(one.rejected.map((r) => r.type)).toEqual(['swap-take']);
    expect(openSwaps(one, ana, la('2025-03-09T12:00'))).toEqual([]);

    // Cy covers that Monday; the next Monday is Bo's again.
    expect(onNow(one, la('2025-03-10T12:00'))).toEqual([cy]);
    expect(onNow(one, la('2025-03-17T12:00'))).toEqual([bo]);
  });

  it('splits a shift when only part of it is swapped', () => {
    const ledger = team();
    ledger.add(bo, { t: 'swap-offer', id: OFFER, start: la('2025-03-10T13:00'), end: la('2025-03-10T17:00') });
    ledger.add(cy, { t: 'swap-take', offer: OFFER });
    const state = reduceLedger(ledger.entries, toyVerify);
    const day = teamShiftsBetween(state, la('2025-03-10T00:00'), la('2025-03-11T00:00'));
    expect(day.map((s) => [s.key, DateTime.fromMillis(s.start, { zone: 'America/Los_Angeles' }).toFormat('HH:mm'), DateTime.fromMillis(s.end, { zone: 'America/Los_Angeles' }).toFormat('HH:mm')])).toEqual([
      [bo, '09:00', '13:00'],
      [cy, '13:00', '17:00'],
    ]);
  });

  it('lets the offerer withdraw before anyone takes it, not after; refuses taking one’s own and overlong offers', () => {
    const ledger = team();
    ledger.add(bo, { t: 'swap-offer', id: OFFER, start: la('2025-03-10T09:00'), end: la('2025-03-10T17:00') });
    ledger.add(bo, { t: 'swap-take', offer: OFFER });
    ledger.add(bo, { t: 'swap-offer', id: 'offer-0002', start: la('2025-03-10T09:00'), end: la('2025-03-12T09:00') });
    ledger.add(bo, { t: 'swap-cancel', offer: OFFER });
    ledger.add(cy, { t: 'swap-take', offer: OFFER });
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(state.swaps[OFFER]).toMatchObject({ cancelled: true });
    expect(state.swaps[OFFER]?.takenBy).toBeUndefined();
    expect(state.swaps['offer-0002']).toBeUndefined();
    expect(state.rejected.map((r) => r.type)).toEqual(['swap-take', 'swap-offer', 'swap-take']);
    expect(onNow(state, la('2025-03-10T12:00'))).toEqual([bo]);
  });
});
