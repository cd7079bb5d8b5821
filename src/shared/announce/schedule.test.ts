import { describe, expect, it } from 'vitest';
import { reduceLedger } from '../team/state';
import { ToyLedger, toyKey, toyVerify } from '../team/testkit';
import { occurrenceSlots, openSlots, slotsBetween } from './schedule';

const ana = toyKey('ana');
const bo = toyKey('bo');
const utc = (s: string) => Date.parse(s);
const PLAN = 'plan-00001';

function team(planAt: number): ToyLedger {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'Europe/Berlin', role: 'lead' });
  ledger.add(ana, { t: 'roster-add', key: bo, name: 'Bo', zone: 'America/Los_Angeles', role: 'moderator' });
  ledger.add(
    ana,
    {
      t: 'post-plan',
      id: PLAN,
      text: 'Voice chat **now**',
      time: { start: '2026-03-26T19:00', zone: 'Europe/Berlin', recurrence: { freq: 'weekly', interval: 1 } },
      reminders: ['1h', 'start'],
      targets: [
        { p: 'discord', space: 'g', channel: 'c' },
        { p: 'telegram', space: 's', channel: 's' },
      ],
      pin: false,
    },
    planAt,
  );
  return ledger;
}

describe('scheduled posts on the team ledger', () => {
  it('lists each target, occurrence and reminder as a slot, across the DST change', () => {
    const state = reduceLedger(team(utc('2026-03-20T00:00:00Z')).entries, toyVerify);
    const post = state.posts[PLAN];
    if (!post) throw new Error('no plan');
    const slots = slotsBetween(post, utc('2026-03-26T00:00:00Z'), utc('2026-04-03T00:00:00Z'));
    expect(slots.map((s) => [s.target, new Date(s.at).toISOString().slice(5, 16), s.reminder])).toEqual([
      [0, '03-26T17:00', '1h'],
      [1, '03-26T17:00', '1h'],
      [0, '03-26T18:00', 'start'],
      [1, '03-26T18:00', 'start'],
      [0, '04-02T16:00', '1h'],
      [1, '04-02T16:00', '1h'],
      [0, '04-02T17:00', 'start'],
      [1, '04-02T17:00', 'start'],
    ]);
  });

  it('the first claim in platform order sends; a second changes nothing; only the sender reports', () => {
    const ledger = team(utc('2026-03-20T00:00:00Z'));
    const slot = `0:${utc('2026-03-26T18:00:00Z')}:start`;
    ledger.add(bo, { t: 'post-claim', id: PLAN, slot });
    ledger.add(ana, { t: 'post-claim', id: PLAN, slot });
    ledger.add(ana, { t: 'post-sent', id: PLAN, slot, ok: true });
    ledger.add(bo, { t: 'post-sent', id: PLAN, slot, ok: true });
    const one = reduceLedger(ledger.entries, toyVerify);
    const other = reduceLedger([...ledger.entries].reverse(), toyVerify);
    expect(one.posts[PLAN]?.slots[slot]).toMatchObject({ by: bo, sent: { ok: true } });
    expect(other.posts[PLAN]).toEqual(one.posts[PLAN]);
    expect(one.rejected.map((r) => [r.type, r.by])).toEqual([['post-sent', ana]]);
  });

  it('splits open slots into due (within the grace) and late; before the plan was written counts for nothing', () => {
    const ledger = team(utc('2026-03-26T17:30:00Z'));
    const state = reduceLedger(ledger.entries, toyVerify);
    const post = state.posts[PLAN];
    if (!post) throw new Error('no plan');
    // 18:02 UTC: the 1 h reminder (17:00) is from before the plan; the start (18:00) is due.
    const at1802 = openSlots(post, utc('2026-03-26T18:02:00Z'));
    expect(at1802.due.map((s) => s.slot)).toEqual([`0:${utc('2026-03-26T18:00:00Z')}:start`, `1:${utc('2026-03-26T18:00:00Z')}:start`]);
    expect(at1802.late).toEqual([]);
    // Nobody ran until 20:00: both are late now, and one skipped is no longer open.
    ledger.add(bo, { t: 'post-skip', id: PLAN, slot: `1:${utc('2026-03-26T18:00:00Z')}:start` });
    const later = reduceLedger(ledger.entries, toyVerify).posts[PLAN];
    if (!later) throw new Error('no plan');
    const at2000 = openSlots(later, utc('2026-03-26T20:00:00Z'));
    expect(at2000.due).toEqual([]);
    expect(at2000.late.map((s) => s.slot)).toEqual([`0:${utc('2026-03-26T18:00:00Z')}:start`]);
  });

  it('a cancelled plan has no slots, and only its author or a lead cancels it', () => {
    const ledger = team(utc('2026-03-20T00:00:00Z'));
    ledger.add(bo, { t: 'post-cancel', id: PLAN });
    expect(reduceLedger(ledger.entries, toyVerify).posts[PLAN]?.cancelled).toBeUndefined();
    ledger.add(ana, { t: 'post-cancel', id: PLAN });
    const post = reduceLedger(ledger.entries, toyVerify).posts[PLAN];
    expect(post?.cancelled).toBe(true);
    if (post) expect(slotsBetween(post, 0, utc('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('cancelling one occurrence skips all its posts on every target; the next occurrence still posts', () => {
    const ledger = team(utc('2026-03-20T00:00:00Z'));
    let post = reduceLedger(ledger.entries, toyVerify).posts[PLAN];
    if (!post) throw new Error('no plan');
    const [first, second] = [...new Set(slotsBetween(post, utc('2026-03-26T00:00:00Z'), utc('2026-04-03T00:00:00Z')).map((s) => s.occurrence))];
    // Bo (not the author, not a lead) may cancel one time: it is a skip, not a cancel of the plan.
    const skips = occurrenceSlots(post, first ?? 0);
    expect(skips).toHaveLength(4);
    for (const slot of skips) ledger.add(bo, { t: 'post-skip', id: PLAN, slot });
    post = reduceLedger(ledger.entries, toyVerify).posts[PLAN];
    if (!post) throw new Error('no plan');
    expect(occurrenceSlots(post, first ?? 0)).toEqual([]);
    const afterFirst = openSlots(post, utc('2026-03-26T18:00:30Z'));
    expect(afterFirst.due).toEqual([]);
    const afterSecond = openSlots(post, utc('2026-04-02T17:00:30Z'));
    expect(afterSecond.due.map((s) => s.occurrence)).toEqual([second, second]);
  });
});
