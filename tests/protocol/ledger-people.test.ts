// One person's accounts across platforms, nominations and pages through the team ledger, between two
// moderators' consoles (two host-mode instances) on one practice Discord: both fold the same people.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personOfAccount, stateDigest } from '../../src/shared/team';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startTeamOfTwo, type Console } from './ledger-console';
import { until } from './until';

let sim: DiscordSimulator;
let ana: Console;
let bo: Console;
const root = mkdtempSync(join(tmpdir(), 'tk-people-'));

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 12 });
  ({ ana, bo } = await startTeamOfTwo(root, sim, { ana: 'Asia/Shanghai', bo: 'Europe/Berlin' }));
}, 60_000);

afterAll(async () => {
  await bo?.close();
  await ana?.close();
  await sim?.close();
});

describe('people in the team ledger, two consoles', () => {
  it('links a Discord, a Telegram and a WhatsApp account to one person; the other console agrees; unlinking is logged', async () => {
    const first = (await ana.invoke('team.person.link', { account: { p: 'discord', id: '4001', name: 'Mei' }, via: 'hand' })) as { ok: true; value: { person: string; pending: boolean } };
    expect(first).toMatchObject({ ok: true, value: { pending: false } });
    const person = first.value.person;
    expect(await bo.invoke('team.person.link', { person, account: { p: 'telegram', id: '777', name: 'Mei L' }, via: 'code' })).toMatchObject({ ok: true });
    expect(await bo.invoke('team.person.link', { person, account: { p: 'whatsapp', id: '4915123@s.whatsapp.net' }, via: 'name' })).toMatchObject({ ok: true });
    // Linking an account again finds its person (no second person is made).
    const again = (await ana.invoke('team.person.link', { account: { p: 'telegram', id: '777' }, via: 'hand' })) as { ok: true; value: { person: string } };
    expect(again.value.person).toBe(person);
    await until(() => ana.state.persons[person]?.accounts.length === 3 && bo.state.persons[person]?.accounts.length === 3, 'both consoles to hold the three accounts');
    expect(personOfAccount(bo.state, { p: 'whatsapp', id: '4915123@s.whatsapp.net' })?.id).toBe(person);

    expect(await ana.invoke('team.person.unlink', { person, account: { p: 'whatsapp', id: '4915123@s.whatsapp.net' } })).toMatchObject({ ok: true });
    await until(() => bo.state.persons[person]?.accounts.length === 2, 'Bo to see the unlink');
    expect(bo.state.personLog.map((l) => [l.op, l.p, l.by === ana.key ? 'ana' : 'bo'])).toEqual([
      ['link', 'discord', 'ana'],
      ['link', 'telegram', 'bo'],
      ['link', 'whatsapp', 'bo'],
      ['unlink', 'whatsapp', 'ana'],
    ]);
    await until(() => stateDigest(ana.state) === stateDigest(bo.state), 'both consoles to agree');
  });

  it('notes a contributor for a role, and pages the lead, who acknowledges', async () => {
    expect(await bo.invoke('team.nominate', { account: { p: 'telegram', id: '777', name: 'Mei L' }, for: 'role', text: 'Answers newcomers every evening' })).toMatchObject({ ok: true });
    expect(await bo.invoke('team.page', { to: ana.key, text: 'Crisis in Practice Community: volume 6× usual' })).toMatchObject({ ok: true, value: { pending: false } });
    await until(() => ana.state.pages.length === 1 && ana.state.nominations.length === 1, 'Ana to see the page and the nomination');
    const page = ana.state.pages[0]!;
    expect(page).toMatchObject({ by: bo.key, to: ana.key, text: 'Crisis in Practice Community: volume 6× usual' });
    expect(await ana.invoke('team.page.ack', { page: page.id })).toMatchObject({ ok: true });
    await until(() => bo.state.pages[0]?.ackedAt !== undefined, 'Bo to see the lead acknowledge');
    // Paging someone who is not on the team is refused with a reason.
    expect(await bo.invoke('team.page', { to: 'A'.repeat(43), text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found', fields: { reason: 'not_on_roster' } } });
  });
});
