// One person's accounts across platforms, nominations and pages through the team ledger, between two
// moderators' consoles (two host-mode instances) on one practice Discord: both fold the same people.
import { generateKeyPairSync } from 'node:crypto';
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
  // Bo's pages escalate after 3 s (the team's acknowledgement time otherwise).
  ({ ana, bo } = await startTeamOfTwo(root, sim, { ana: 'Asia/Shanghai', bo: 'Europe/Berlin' }, { bo: { pageEscalateMs: 3_000 } }));
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
    // Nobody else is on the team to escalate to: the acknowledged page stays the only one.
    expect(bo.state.pages.filter((p) => p.of)).toEqual([]);
  });

  it('escalates a page nobody acknowledged to the other lead, once, and both consoles agree', async () => {
    // Cy, a second lead (an invite code carries the key, name and zone; Cy's console is not needed).
    const cy = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    const invite = `TK1.${Buffer.from(JSON.stringify({ k: cy, n: 'Cy', z: 'UTC' })).toString('base64url')}`;
    expect(await ana.invoke('team.roster.approve', { inviteCode: invite, role: 'lead' })).toMatchObject({ ok: true });
    await until(() => bo.state.roster[cy]?.role === 'lead', 'Bo to see Cy on the roster');
    expect(await bo.invoke('team.page', { to: ana.key, text: 'Raid in Practice Community' })).toMatchObject({ ok: true });
    const original = () => bo.state.pages.find((p) => p.text === 'Raid in Practice Community' && !p.of);
    await until(() => original() !== undefined, 'Bo to see the page');
    const id = original()!.id;
    // Ana does not acknowledge: Bo's console pages Cy with the same words, naming the page it escalates.
    await until(() => ana.state.pages.some((p) => p.of === id), 'the page to escalate to Cy', 30_000);
    expect(ana.state.pages.filter((p) => p.of === id)).toEqual([expect.objectContaining({ by: bo.key, to: cy, text: 'Raid in Practice Community' })]);
    expect(original()!.ackedAt).toBeUndefined();
    await until(() => stateDigest(ana.state) === stateDigest(bo.state), 'the consoles to agree', 10_000);
    expect(bo.state.pages.filter((p) => p.of === id)).toHaveLength(1);
  });

  it('flags a missed message by hand: main cuts a long hostile text to fit one ledger message, both consoles fold it, and a second flag of it changes nothing', async () => {
    // Quotes and control characters grow when escaped: 4,000 of them are far beyond one Discord message.
    const text = `<img src=x onerror=alert(1)>${'"\u0001'.repeat(1_900)}`;
    const request = { ev: 'discord:g:c:555', p: 'discord' as const, space: 'g', channel: 'c', msg: '555', cat: 'scam' as const, note: 'wallet drainer "again"', text, author: { id: '42', name: 'Rinko' }, chName: 'general', ts: 1_700_000_000_000 };
    expect(await ana.invoke('team.flag', request)).toMatchObject({ ok: true, value: { pending: false } });
    await until(() => bo.state.handFlags.length === 1, 'Bo to see the hand flag');
    const flag = bo.state.handFlags[0]!;
    expect(flag).toMatchObject({ by: ana.key, ev: 'discord:g:c:555', cat: 'scam', note: 'wallet drainer "again"', author: { id: '42', name: 'Rinko' } });
    expect(flag.text.length).toBeGreaterThan(100);
    expect(text.startsWith(flag.text)).toBe(true);
    expect(Math.max(...sim.messages(sim.channels.modLog).map((m) => m.content.length))).toBeLessThanOrEqual(2000);
    // Bo flags the same message a moment later: the first flag stands on both consoles.
    expect(await bo.invoke('team.flag', { ...request, cat: 'spam', note: 'spam' })).toMatchObject({ ok: true, value: { pending: false } });
    await until(() => stateDigest(ana.state) === stateDigest(bo.state) && ana.state.handFlags.length === 1, 'both consoles to agree');
    expect(ana.state.handFlags[0]).toMatchObject({ by: ana.key, cat: 'scam' });
  });
});
