import { describe, expect, it } from 'vitest';
import { personOfAccount, reduceLedger, stateDigest } from './state';
import { ToyLedger, toyKey, toyVerify } from './testkit';
import { codesIn, comparableName, linkedAccounts, linkedPairs, suggestLinks, verificationCode } from './people';

const ana = toyKey('ana');
const bo = toyKey('bo');

function team(): ToyLedger {
  const ledger = new ToyLedger();
  ledger.add(ana, { t: 'roster-add', key: ana, name: 'Ana', zone: 'Asia/Shanghai', role: 'lead' });
  ledger.add(ana, { t: 'roster-add', key: bo, name: 'Bo', zone: 'America/Los_Angeles', role: 'moderator' });
  return ledger;
}

const discord = { p: 'discord' as const, id: '4001', name: 'Mei' };
const telegram = { p: 'telegram' as const, id: '777', name: 'Mei L' };
const whatsapp = { p: 'whatsapp' as const, id: '4915123@s.whatsapp.net' };

describe('people across platforms in the team ledger', () => {
  it('links three accounts to one person, logs who linked each and how, and unlinks one', () => {
    const ledger = team();
    ledger.add(ana, { t: 'person-link', person: 'person-mei-1', account: discord, via: 'hand' });
    ledger.add(bo, { t: 'person-link', person: 'person-mei-1', account: telegram, via: 'code' });
    ledger.add(bo, { t: 'person-link', person: 'person-mei-1', account: whatsapp, via: 'name' });
    let state = reduceLedger(ledger.entries, toyVerify);
    expect(state.persons['person-mei-1']?.accounts.map((a) => [a.p, a.id, a.by, a.via])).toEqual([
      ['discord', '4001', ana, 'hand'],
      ['telegram', '777', bo, 'code'],
      ['whatsapp', '4915123@s.whatsapp.net', bo, 'name'],
    ]);
    expect(personOfAccount(state, { p: 'telegram', id: '777' })?.id).toBe('person-mei-1');
    expect(personOfAccount(state, { p: 'discord', id: '777' })).toBeUndefined();

    ledger.add(ana, { t: 'person-unlink', person: 'person-mei-1', account: { p: 'whatsapp', id: whatsapp.id } });
    state = reduceLedger(ledger.entries, toyVerify);
    expect(state.persons['person-mei-1']?.accounts.map((a) => a.p)).toEqual(['discord', 'telegram']);
    expect(state.personLog.map((l) => [l.op, l.p, l.by])).toEqual([
      ['link', 'discord', ana],
      ['link', 'telegram', bo],
      ['link', 'whatsapp', bo],
      ['unlink', 'whatsapp', ana],
    ]);
    expect(state.rejected).toEqual([]);
  });

  it('an account belongs to one person: linking it to another is refused until it is unlinked', () => {
    const ledger = team();
    ledger.add(ana, { t: 'person-link', person: 'person-aaaa-1', account: discord, via: 'hand' });
    ledger.add(bo, { t: 'person-link', person: 'person-bbbb-2', account: discord, via: 'name' });
    let state = reduceLedger(ledger.entries, toyVerify);
    expect(state.persons['person-bbbb-2']).toBeUndefined();
    expect(state.rejected).toEqual([expect.objectContaining({ reason: 'not-allowed', type: 'person-link' })]);
    ledger.add(bo, { t: 'person-unlink', person: 'person-aaaa-1', account: { p: 'discord', id: '4001' } });
    ledger.add(bo, { t: 'person-link', person: 'person-bbbb-2', account: discord, via: 'hand' });
    state = reduceLedger(ledger.entries, toyVerify);
    // The last account gone, the person is gone too.
    expect(Object.keys(state.persons)).toEqual(['person-bbbb-2']);
    // Unlinking what is not linked changes nothing and is reported.
    ledger.add(bo, { t: 'person-unlink', person: 'person-aaaa-1', account: { p: 'discord', id: '4001' } });
    expect(reduceLedger(ledger.entries, toyVerify).rejected.at(-1)).toMatchObject({ reason: 'not-allowed', type: 'person-unlink' });
  });

  it('records nominations, pages and their acknowledgement by the paged moderator only', () => {
    const ledger = team();
    ledger.add(bo, { t: 'nominate', account: discord, for: 'role', text: 'answers newcomers every evening' });
    ledger.add(bo, { t: 'page', id: 'page-0001', to: ana, text: 'Crisis in Practice Community' });
    ledger.add(bo, { t: 'page-ack', page: 'page-0001' });
    let state = reduceLedger(ledger.entries, toyVerify);
    expect(state.nominations).toEqual([expect.objectContaining({ by: bo, for: 'role', account: discord, text: 'answers newcomers every evening' })]);
    expect(state.pages).toEqual([expect.objectContaining({ id: 'page-0001', by: bo, to: ana })]);
    expect(state.pages[0]?.ackedAt).toBeUndefined();
    ledger.add(ana, { t: 'page-ack', page: 'page-0001' });
    state = reduceLedger(ledger.entries, toyVerify);
    expect(state.pages[0]?.ackedAt).toBeGreaterThan(0);
    // A page to someone off the roster is refused.
    ledger.add(bo, { t: 'page', id: 'page-0002', to: toyKey('nobody'), text: 'x' });
    expect(reduceLedger(ledger.entries, toyVerify).pages).toHaveLength(1);
  });

  it('a ledger without people keeps the digest it had before people existed', () => {
    const state = reduceLedger(team().entries, toyVerify);
    const { persons: _p, personLog: _l, nominations: _n, pages: _g, ...before } = state;
    expect(stateDigest(state)).toBe(stateDigest({ ...before } as typeof state));
    const linked = team();
    linked.add(ana, { t: 'person-link', person: 'person-mei-1', account: discord, via: 'hand' });
    expect(stateDigest(reduceLedger(linked.entries, toyVerify))).not.toBe(stateDigest(state));
  });
});

describe('link suggestions', () => {
  const state = () => {
    const ledger = team();
    ledger.add(ana, { t: 'person-link', person: 'person-mei-1', account: discord, via: 'hand' });
    ledger.add(ana, { t: 'person-link', person: 'person-mei-1', account: telegram, via: 'hand' });
    ledger.add(ana, { t: 'person-link', person: 'person-kai-1', account: { p: 'telegram', id: '900' }, via: 'hand' });
    ledger.add(ana, { t: 'person-link', person: 'person-kai-1', account: { p: 'discord', id: '901' }, via: 'hand' });
    return reduceLedger(ledger.entries, toyVerify);
  };

  it('reads linked accounts and the pairs insights merges', () => {
    const s = state();
    expect(linkedAccounts(s, { p: 'telegram', id: '777' })).toEqual([{ p: 'telegram', id: '777' }, { p: 'discord', id: '4001' }]);
    expect(linkedAccounts(s, { p: 'whatsapp', id: 'x' })).toEqual([{ p: 'whatsapp', id: 'x' }]);
    expect(linkedPairs(s).sort()).toEqual([
      ['discord|4001', 'person-mei-1'],
      ['discord|901', 'person-kai-1'],
      ['telegram|777', 'person-mei-1'],
      ['telegram|900', 'person-kai-1'],
    ]);
  });

  it('suggests the same display name on another platform, and a posted verification code first', () => {
    const target = { p: 'discord' as const, id: '4001', name: 'Mei 🌸' };
    const seen = [
      { p: 'whatsapp' as const, id: 'w1', name: 'MEI' },
      { p: 'whatsapp' as const, id: 'w2', name: 'someone', codes: ['TK-ABCD2345'] },
      // Same platform as the target: never suggested.
      { p: 'discord' as const, id: '4002', name: 'mei' },
      // Already linked to Mei.
      { p: 'telegram' as const, id: '777', name: 'Mei' },
      // Same name, but linked to Kai: suggested with a warning.
      { p: 'telegram' as const, id: '900', name: 'mei' },
      { p: 'whatsapp' as const, id: 'w3', name: 'Meiling' },
    ];
    const got = suggestLinks(state(), target, seen, ['tk-abcd2345']);
    expect(got.map((g) => [g.account.id, g.via, g.elsewhere])).toEqual([
      ['w2', 'code', undefined],
      ['900', 'name', 'person-kai-1'],
      ['w1', 'name', undefined],
    ]);
    // Very short names match too much to suggest anything.
    expect(suggestLinks(undefined, { p: 'discord', id: '1', name: 'Al' }, [{ p: 'telegram', id: '2', name: 'al' }])).toEqual([]);
  });

  it('makes codes without look-alike characters and finds them in text whatever the case', () => {
    let i = 0;
    const code = verificationCode((n) => Uint8Array.from({ length: n }, () => i++ * 37));
    expect(code).toMatch(/^TK-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(codesIn(`my code is ${code.toLowerCase()}, thanks`)).toEqual([code]);
    expect(codesIn('TK-0000OOOO and tk-short')).toEqual([]);
    expect(comparableName('  Mei_Ling 🌸 ')).toBe('meiling');
  });
});
