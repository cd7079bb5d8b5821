import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { handFlagRecord } from './handFlag';
import { encodeMessage, HAND_FLAG_TEXT_MAX, MAX_MESSAGE_CHARS, RecordBodySchema } from './records';
import { emptyTeamState, reduceLedger, stateDigest } from './state';
import { ToyLedger, toyKey, toySign, toyVerify } from './testkit';

const ana = toyKey('ana');
const bo = toyKey('bo');
const eve = toyKey('eve');
const base = { ev: 'discord:g:c:100', p: 'discord' as const, space: 'g', channel: 'c', msg: '100', cat: 'scam' as const };

function team(): ToyLedger {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'UTC', role: 'lead' });
  ledger.add(ana, { t: 'roster-add', key: bo, name: 'Bo', zone: 'UTC', role: 'moderator' });
  return ledger;
}

describe('hand flags on the team ledger', () => {
  it('a flag folds into the team state with who flagged it; the first flag of one message stands, a stranger’s is refused', () => {
    const ledger = team();
    ledger.add(bo, handFlagRecord({ ...base, text: 'send 0.1 btc to verify', note: 'wallet drainer', author: { id: 'u1', name: 'Rinko' }, chName: 'general', ts: 5 }));
    ledger.add(ana, handFlagRecord({ ...base, cat: 'spam', text: 'send 0.1 btc to verify' }));
    ledger.add(eve, handFlagRecord({ ...base, ev: 'discord:g:c:101', msg: '101', text: 'x' }));
    const state = reduceLedger(ledger.entries, toyVerify);
    expect(state.handFlags).toHaveLength(1);
    expect(state.handFlags[0]).toMatchObject({ by: bo, ev: base.ev, cat: 'scam', note: 'wallet drainer', text: 'send 0.1 btc to verify', author: { id: 'u1', name: 'Rinko' }, chName: 'general', ts: 5 });
    expect(state.rejected.map((r) => r.reason)).toEqual(['unknown-key']);
  });

  it('a state with hand flags digests differently, one without keeps its old digest', () => {
    const without = reduceLedger(team().entries, toyVerify);
    const { handFlags: _none, ...older } = without;
    expect(stateDigest(without)).toBe(stateDigest({ ...older, handFlags: undefined as never }));
    const ledger = team();
    ledger.add(bo, handFlagRecord({ ...base, text: 'hi' }));
    expect(stateDigest(reduceLedger(ledger.entries, toyVerify))).not.toBe(stateDigest(without));
    expect(emptyTeamState().handFlags).toEqual([]);
  });

  it('the record always fits one ledger message and parses, whatever the text and note (escapes, astral characters)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 4000 }), fc.string({ unit: 'binary', maxLength: 300 }), (text, note) => {
        const body = handFlagRecord({ ...base, text, note, author: { id: 'u', name: 'n'.repeat(200) }, chName: 'c'.repeat(200) });
        expect(RecordBodySchema.safeParse(body).success).toBe(true);
        const signed = toySign(ana, 1_000_000, 1_800_000_000_000, body);
        expect(encodeMessage([signed]).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        // Cut at a character's end: never half of a surrogate pair.
        expect(text.startsWith(body.text)).toBe(true);
        expect(body.text.length).toBeLessThanOrEqual(HAND_FLAG_TEXT_MAX);
      }),
      { numRuns: 200 },
    );
    const escaped = handFlagRecord({ ...base, text: '\u0001'.repeat(1000), note: '\u0002'.repeat(300) });
    expect(canonicalJson(escaped).length).toBeLessThan(MAX_MESSAGE_CHARS);
    expect(escaped.text.length).toBeGreaterThan(100);
  });
});
