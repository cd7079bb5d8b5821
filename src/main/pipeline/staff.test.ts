import { describe, expect, it } from 'vitest';
import { createTriageEngine } from '@shared/triage';
import type { StaffList } from '../core/connector';
import { Pipeline } from './pipeline';
import { AUTOMOD_RULE } from './platformFlags';
import { StaffDirectory } from './staff';

describe('StaffDirectory', () => {
  it('combines the space\'s staff with the roster, and hands out the same context until either changes', () => {
    let discord: StaffList = { names: ['mika'], ids: ['1'] };
    let roster: readonly string[] = ['Ana'];
    const staff = new StaffDirectory({ platform: (_s, space) => (space === 'g1' ? discord : undefined), roster: () => roster });
    const first = staff.context({ sourceId: 's', spaceId: 'g1' });
    expect(first).toEqual({ staffNames: ['mika', 'Ana'], staffIds: ['1'] });
    expect(staff.context({ sourceId: 's', spaceId: 'g1' })).toBe(first);
    expect(staff.context({ sourceId: 's', spaceId: 'g2' })).toEqual({ staffNames: ['Ana'], staffIds: [] });
    discord = { names: ['mika', 'kai'], ids: ['1', '2'] };
    expect(staff.context({ sourceId: 's', spaceId: 'g1' })?.staffNames).toEqual(['mika', 'kai', 'Ana']);
    roster = [];
    expect(staff.context({ sourceId: 's', spaceId: 'g2' })).toBeUndefined();
  });
});

describe('Pipeline with staff and platform flags', () => {
  const base = { sourceId: 's', platform: 'discord' as const, spaceId: 'g1', channelId: 'members', ts: 1 };

  it('passes the space\'s staff to triage: a look-alike name is flagged, the moderator is not', () => {
    const staff = new StaffDirectory({ platform: () => ({ names: ['kaito.dev', 'Kaito'], ids: ['mod-1'] }), roster: () => [] });
    const p = new Pipeline({ triage: createTriageEngine(), context: (e) => staff.context(e) });
    const join = p.process({ ...base, id: 'j1', kind: 'join', author: { id: 'u9', name: 'kaito_support', displayName: 'Kaito Support', bot: false } });
    expect(join.envelope.flags.map((f) => f.rule)).toContain('scam.impersonation');
    const rename = p.process({ ...base, id: 'r1', kind: 'rename', author: { id: 'u8', name: 'x', displayName: 'Kаito', bot: false } });
    expect(rename.envelope.flags.map((f) => f.rule)).toContain('scam.impersonation');
    const own = p.process({ ...base, id: 'j2', kind: 'join', author: { id: 'mod-1', name: 'kaito.dev', displayName: 'Kaito', bot: false } });
    expect(own.envelope.flags).toEqual([]);
    // Without the context production never passed before, nothing fires.
    const blind = new Pipeline({ triage: createTriageEngine() });
    expect(blind.process({ ...base, id: 'j3', kind: 'join', author: { id: 'u7', name: 'kaito_support', displayName: 'Kaito Support', bot: false } }).envelope.flags).toEqual([]);
  });

  it('flags what the platform\'s AutoMod caught, with its rule and match', () => {
    const p = new Pipeline({ triage: createTriageEngine() });
    const { envelope } = p.process({
      ...base,
      id: 'a1',
      kind: 'modAction',
      channelId: 'c1',
      text: 'cheap, buy followers',
      author: { id: 'u1', name: 'x', bot: false },
      moderation: { action: 'automod', response: 'block', rule: 'No selling', matched: 'buy followers', targetId: 'u1' },
    });
    expect(envelope.flags).toEqual([
      { rule: AUTOMOD_RULE, category: 'custom', severity: 'medium', reason: 'Discord AutoMod blocked a message · rule "No selling" · matched "buy followers"',
        why: { detail: { code: 'automod', fields: { platform: 'discord', response: 'block', rule: 'No selling', matched: 'buy followers' } } },
        evidence: [{ start: 7, end: 20, text: 'buy followers' }] },
    ]);
  });
});
