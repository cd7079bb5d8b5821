// A person's history follows their linked accounts: cases and notes on a Discord and a Telegram account
// of one person are read together, and the warn ladder counts them as one person's.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, proposeNextStep, type Case } from '@shared/domain/cases';
import { emptyTeamState, type TeamState } from '@shared/team';
import { getDb } from '../db/instance';
import { personCases, personNotes, personPlaces } from './moderation';
import { useSources } from './sources';

const NOW = Date.now();
function kase(id: string, sourceId: string, platform: Case['platform'], memberId: string, action: Case['action'], hoursAgo: number): Case {
  return { id, platform, sourceId, spaceId: 'g', memberId, memberName: 'Mei', action, reason: 'No spam', evidence: [], moderator: 'Ana', createdAt: NOW - hoursAgo * 3_600_000 };
}

describe('person history across platforms', () => {
  it('reads the cases and notes of every linked account, and the ladder climbs across platforms', async () => {
    useSources.getState().setAll([
      { id: 'd1', platform: 'discord', label: 'Discord', practice: true, state: 'ready', spaces: [] },
      { id: 't1', platform: 'telegram', label: 'Telegram', practice: true, state: 'ready', spaces: [] },
      { id: 'w1', platform: 'whatsapp', label: 'WhatsApp', practice: true, state: 'ready', spaces: [] },
    ]);
    const db = getDb();
    await db.cases.bulkAdd([
      kase('c1', 'd1', 'discord', '4001', 'warn', 5),
      kase('c2', 't1', 'telegram', '777', 'warn', 4),
      kase('c3', 'w1', 'whatsapp', '4915@s.whatsapp.net', 'warn', 3),
      // Someone else on Telegram.
      kase('c4', 't1', 'telegram', '778', 'warn', 2),
    ]);
    await db.notes.add({ id: 'n1', sourceId: 't1', memberId: '777', text: 'same person as Mei on Discord', author: 'Bo', createdAt: NOW });

    const unlinked = personPlaces('d1', '4001', emptyTeamState());
    expect(unlinked).toEqual([['d1', '4001']]);
    const alone = await personCases(unlinked);
    expect(proposeNextStep(alone, DEFAULT_LADDER, NOW, { platform: 'discord', memberId: '4001' })).toMatchObject({ action: 'warn', warnNumber: 2 });

    const state: TeamState = {
      ...emptyTeamState(),
      persons: {
        'person-mei-1': {
          id: 'person-mei-1',
          accounts: [
            { p: 'discord', id: '4001', by: 'k', at: 1, via: 'hand' },
            { p: 'telegram', id: '777', by: 'k', at: 2, via: 'code' },
            { p: 'whatsapp', id: '4915@s.whatsapp.net', by: 'k', at: 3, via: 'name' },
          ],
        },
      },
    };
    const places = personPlaces('d1', '4001', state);
    const cases = await personCases(places);
    expect(cases.map((c) => c.id)).toEqual(['c3', 'c2', 'c1']);
    expect((await personNotes(places)).map((n) => n.text)).toEqual(['same person as Mei on Discord']);
    // Three warns on three platforms: the next step is the ladder's timeout, here on Discord.
    expect(proposeNextStep(cases, DEFAULT_LADDER, NOW, { platform: 'discord', memberId: '4001' })).toMatchObject({ action: 'timeout', activeWarns: 3 });
    // A ban on WhatsApp stands there only: on Discord the ladder still proposes (the ban counts as a step climbed).
    await db.cases.add(kase('c5', 'w1', 'whatsapp', '4915@s.whatsapp.net', 'ban', 1));
    const after = await personCases(places);
    expect(proposeNextStep(after, DEFAULT_LADDER, NOW, { platform: 'whatsapp', memberId: '4915@s.whatsapp.net' })).toMatchObject({ action: 'none' });
    expect(proposeNextStep(after, DEFAULT_LADDER, NOW, { platform: 'discord', memberId: '4001' })).toMatchObject({ action: 'ban' });
  });
});
