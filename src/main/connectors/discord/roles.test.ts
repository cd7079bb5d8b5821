import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnownRoles, ROLES_PER_MEMBER } from './roles';

const G = '1000';

describe('known Discord roles', () => {
  it('tells a change only against roles seen before, numbers each member’s changes, and keeps what it was told', () => {
    const known = new KnownRoles();
    // Never seen, and discord.js had no old member: nothing to tell, but the roles now are kept.
    expect(known.update(G, 'u1', ['5'], undefined, true)).toBeUndefined();
    expect(known.update(G, 'u1', ['5', '6'], [], true)).toEqual({ userId: 'u1', before: ['5'], after: ['5', '6'], n: 2 });
    // The same roles in another order are no change.
    expect(known.update(G, 'u1', ['6', '5'], undefined, true)).toBeUndefined();
    // A guild not kept (too large) tells against discord.js's old member only, and keeps nothing.
    expect(known.update('2000', 'u1', ['7'], ['8'], false)).toEqual({ userId: 'u1', before: ['8'], after: ['7'], n: undefined });
    expect(known.update('2000', 'u1', ['7'], undefined, false)).toBeUndefined();
    expect(known.knows('2000')).toBe(false);
  });

  it('compares a whole member list: changes of known members, newcomers kept as they are, members gone forgotten', () => {
    const known = new KnownRoles();
    known.baseline(G, 'a', ['5']);
    known.baseline(G, 'b', ['5', '6']);
    known.baseline(G, 'gone', ['6']);
    known.baseline(G, 'a', ['9']); // a baseline never overwrites what is known
    const changes = known.reconcile(G, new Map([['a', ['5', '6']], ['b', ['5', '6']], ['new', ['6']]]));
    expect(changes).toEqual([{ userId: 'a', before: ['5'], after: ['5', '6'], n: 1 }]);
    expect(known.rolesOf(G, 'new')).toEqual(['6']);
    expect(known.rolesOf(G, 'gone')).toBeUndefined();
    expect(known.reconcile(G, new Map([['a', ['5', '6']], ['b', ['5', '6']], ['new', ['6']]]))).toEqual([]);
    // A role deleted leaves its holders without a loss; a guild forgotten knows nothing.
    known.dropRoles(G, (id) => id !== '6');
    expect([known.rolesOf(G, 'a'), known.rolesOf(G, 'new')]).toEqual([['5'], []]);
    expect(known.reconcile(G, new Map([['a', ['5']], ['b', ['5']], ['new', []]]))).toEqual([]);
    known.forgetGuild(G);
    expect(known.knows(G)).toBe(false);
  });

  it('survives a restart through its file, and a broken file knows nothing instead of failing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-known-roles-')), 'discord', 'src.roles.json');
    const first = new KnownRoles(path);
    await first.load();
    first.baseline(G, '11', Array.from({ length: ROLES_PER_MEMBER + 10 }, (_, i) => String(100 + i)));
    first.update(G, '12', ['5'], [], true);
    await first.flush(true);
    const written = Date.now();
    const second = new KnownRoles(path);
    await second.load();
    // Until when the last run knew the roles: the file's time.
    expect(second.knownUntil).toBeGreaterThan(0);
    expect(second.knownUntil).toBeLessThanOrEqual(written);
    expect(second.rolesOf(G, '11')).toHaveLength(ROLES_PER_MEMBER);
    expect(second.update(G, '12', ['6'], undefined, true)).toEqual({ userId: '12', before: ['5'], after: ['6'], n: 2 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ v: 1 });

    writeFileSync(path, '{"v":1,"guilds":{"1000":{"11":{"r":["<b>"],"n":0}}}}');
    const broken = new KnownRoles(path);
    await broken.load();
    expect(broken.knows(G)).toBe(false);
  });
});
