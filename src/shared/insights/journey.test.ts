import { describe, expect, it } from 'vitest';
import { buildJourney, repliesToCheck, roleLabel, roleNames, titleRole, type JourneyEvent } from './journey';

const T0 = Date.UTC(2026, 10, 2, 12);
const H = 3_600_000;
let n = 0;
function ev(kind: string, ts: number, extra: Partial<JourneyEvent> = {}): JourneyEvent {
  n++;
  return { id: `e${n}`, platform: 'discord', kind, ts, spaceId: 'g1', spaceName: 'Practice', channelId: 'c1', author: { id: 'mei' }, ...extra };
}

describe('member journey', () => {
  it('lists first seen, joined, first message, first answer to a newcomer and roles gained, per platform, in time order', () => {
    const events = [
      ev('message', T0 + 5 * H, { messageId: 'm3', replyToMessageId: 'old' }),
      ev('join', T0),
      ev('message', T0 + H, { messageId: 'm1', author: { id: 'mei', roles: ['100'] } }),
      // Answers a newcomer's first message (the second answer is not another first).
      ev('message', T0 + 6 * H, { messageId: 'm4', replyToMessageId: 'q1' }),
      ev('message', T0 + 7 * H, { messageId: 'm5', replyToMessageId: 'q2' }),
      ev('message', T0 + 30 * H, { messageId: 'm6', author: { id: 'mei', roles: ['100', '501'] } }),
      ev('message', T0 + 31 * H, { messageId: 'm7', author: { id: 'mei', roles: ['501', '100'] } }),
      // The same person on Telegram.
      ev('message', T0 + 2 * H, { platform: 'telegram', spaceId: 'chat', spaceName: 'Practice Chat', author: { id: '777' } }),
    ];
    const steps = buildJourney({
      events,
      newcomerFirsts: new Set(['c1|q1', 'c1|q2']),
      cases: [
        { platform: 'telegram', action: 'warn', reason: 'No spam', createdAt: T0 + 3 * H },
        { platform: 'discord', action: 'warn', reason: 'overturned', createdAt: T0 + 4 * H, appeal: { outcome: 'overturned' } },
      ],
      links: [{ op: 'link', p: 'telegram', at: T0 + 10 * H }],
      nominations: [{ for: 'role', text: 'answers newcomers', at: T0 + 40 * H, account: { p: 'discord' } }],
    });
    expect(steps.map((s) => [s.kind, (s.at - T0) / H, s.platform, s.detail])).toEqual([
      ['first-seen', 0, 'discord', 'Practice'],
      ['joined', 0, 'discord', 'Practice'],
      ['first-message', 1, 'discord', 'Practice'],
      ['first-seen', 2, 'telegram', 'Practice Chat'],
      ['first-message', 2, 'telegram', 'Practice Chat'],
      ['case', 3, 'telegram', 'warn'],
      ['first-answer', 6, 'discord', 'Practice'],
      ['linked', 10, 'telegram', undefined],
      ['role', 30, 'discord', '501'],
      ['nominated', 40, 'discord', 'role'],
    ]);
  });

  it("shows a Telegram member's rank changes: became admin with a title, a new title, creator, lost admin", () => {
    const tg = (kind: string, hours: number, roles: string[] | undefined, before?: string[]) =>
      ev(kind, T0 + hours * H, { platform: 'telegram', spaceId: 'chat', spaceName: 'Chat', author: { id: '777', ...(roles ? { roles } : {}) }, ...(before ? { moderation: { before } } : {}) });
    const steps = buildJourney({
      events: [
        // Before the admin list was read: nothing known of their rank.
        tg('message', 0, undefined),
        tg('message', 1, []),
        tg('roles', 2, ['admin', 'title:Helper'], []),
        tg('message', 3, ['admin', 'title:Helper']),
        tg('roles', 4, ['admin', 'title:Night mod'], ['admin', 'title:Helper']),
        tg('roles', 5, [], ['admin', 'title:Night mod']),
        // A message read with a stale list does not bring a role back; only a rank change does.
        tg('message', 6, []),
        tg('roles', 7, ['creator'], []),
      ],
      newcomerFirsts: new Set(),
    });
    expect(steps.filter((s) => s.kind === 'role' || s.kind === 'role-lost').map((s) => [s.kind, (s.at - T0) / H, s.platform, s.detail])).toEqual([
      ['role', 2, 'telegram', 'admin'],
      ['role', 2, 'telegram', 'title:Helper'],
      ['role', 4, 'telegram', 'title:Night mod'],
      ['role-lost', 5, 'telegram', 'admin'],
      ['role', 7, 'telegram', 'creator'],
    ]);
  });

  it('reads a rank change that is the first event seen against the roles before it', () => {
    const steps = buildJourney({
      events: [ev('roles', T0, { platform: 'telegram', spaceId: 'chat', author: { id: '9', roles: [] }, moderation: { before: ['admin', 'title:Old'] } })],
      newcomerFirsts: new Set(),
    });
    expect(steps.filter((s) => s.kind.startsWith('role')).map((s) => [s.kind, s.detail])).toEqual([['role-lost', 'admin']]);
    // Other events never report a loss: a Discord message whose member came partly loses nothing.
    const discord = buildJourney({
      events: [ev('message', T0, { author: { id: 'mei', roles: ['100', '200'] } }), ev('message', T0 + H, { author: { id: 'mei', roles: [] } })],
      newcomerFirsts: new Set(),
    });
    expect(discord.filter((s) => s.kind.startsWith('role'))).toEqual([]);
  });

  it('tells Discord role changes as gained and lost, each with the role\'s name when it was told', () => {
    const names = [
      { id: '100', name: 'Member' },
      { id: '501', name: 'Helper <img src=x onerror=alert(1)>' },
    ];
    const steps = buildJourney({
      events: [
        ev('message', T0, { author: { id: 'mei', roles: ['100'] } }),
        // A rename stored with @everyone (the server's id) among the roles: no role gained.
        ev('rename', T0 + H / 2, { channelId: 'members', author: { id: 'mei', roles: ['g1', '100'] } }),
        ev('roles', T0 + H, { channelId: 'members', author: { id: 'mei', roles: ['100', '501'] }, moderation: { before: ['100'], roleNames: names } }),
        // A message whose member came partly loses nothing; the role change after it does.
        ev('message', T0 + 2 * H, { author: { id: 'mei', roles: [] } }),
        ev('roles', T0 + 3 * H, { channelId: 'members', author: { id: 'mei', roles: ['100'] }, moderation: { before: ['100', '501'], roleNames: names } }),
      ],
      newcomerFirsts: new Set(),
    });
    const roles = steps.filter((s) => s.kind.startsWith('role'));
    expect(roles.map((s) => [s.kind, (s.at - T0) / H, s.platform, s.detail, s.note])).toEqual([
      ['role', 1, 'discord', '501', 'Helper <img src=x onerror=alert(1)>'],
      ['role-lost', 3, 'discord', '501', 'Helper <img src=x onerror=alert(1)>'],
    ]);
    // Worded by the name a connected server gives the role now (renamed since), else by the name it had then (deleted since).
    const now = roleNames([{ platform: 'discord', spaces: [{ roles: [{ id: '501', name: 'Helpers' }] }] }]);
    expect(roleLabel('discord', '501', now, roles[0]?.note)).toEqual({ name: 'Helpers' });
    expect(roleLabel('discord', '501', new Map(), roles[0]?.note)).toEqual({ name: 'Helper <img src=x onerror=alert(1)>' });
    expect(roleLabel('discord', '501', new Map())).toEqual({ id: '501' });
  });

  it('checks the earliest replies first', () => {
    const replies = repliesToCheck([ev('message', 3, { replyToMessageId: 'a' }), ev('message', 1, { replyToMessageId: 'b' }), ev('message', 2)], 1);
    expect(replies.map((r) => r.replyToMessageId)).toEqual(['b']);
  });
});

describe('role names', () => {
  it("names a Discord role from a connected server's roles, words platform ranks, and falls back to the id", () => {
    const names = roleNames([
      { platform: 'discord', spaces: [{ roles: [{ id: '900000000000000002', name: 'Moderator' }] }, {}] },
      { platform: 'whatsapp', spaces: [{}] },
    ]);
    expect(roleLabel('discord', '900000000000000002', names)).toEqual({ name: 'Moderator' });
    expect(roleLabel('discord', '900000000000000009', names)).toEqual({ id: '900000000000000009' });
    expect(roleLabel('whatsapp', 'superadmin', names)).toEqual({ rank: 'superadmin' });
    expect(roleLabel('whatsapp', 'admin', names)).toEqual({ rank: 'admin' });
    expect(roleLabel('telegram', 'creator', names)).toEqual({ rank: 'creator' });
    expect(roleLabel('telegram', 'title:<b>Night mod</b>', names)).toEqual({ title: '<b>Night mod</b>' });
    expect(roleLabel('telegram', `title:${'x'.repeat(500)}`, names)).toEqual({ title: 'x'.repeat(64) });
    expect(titleRole('  ')).toBeUndefined();
    expect(titleRole(' Helper ')).toBe('title:Helper');
    // The same id on another platform is not that role.
    expect(roleLabel('telegram', '900000000000000002', names)).toEqual({ id: '900000000000000002' });
  });
});
