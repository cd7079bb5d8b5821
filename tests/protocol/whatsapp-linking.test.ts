// Linking a WhatsApp device with the real Baileys against the practice server, when it does not go
// to plan: the phone refuses, or the QR codes run out unscanned. The connection says which, stops
// (no loop), and is clean for another try: starting it again shows a new QR that links.
import type { BinaryNode } from 'baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { practiceGroupJid } from '../../src/main/practice/whatsapp/simulator';
import { until } from './until';
import { connector, memoryVault, simulator, type Cleanups } from './whatsappLinked';

const GROUP = practiceGroupJid(1);
const cleanups: Cleanups = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const groups = [{ id: GROUP, subject: 'Course group', members: [{ phone: '15550000001', name: 'Mod Phone', admin: 'superadmin' as const }, { phone: '15550000002', name: 'Ana' }] }];

describe('WhatsApp linking by pairing code', () => {
  it('shows an 8-character code instead of a QR; typed on the phone, it links the device', async () => {
    const sim = await simulator(cleanups, { groups });
    const { vault, box } = memoryVault();
    const { c, infos } = connector(cleanups, sim, vault, { pairingPhone: '+1 555 000 0001' });
    const started = await c.start();
    expect(started.ok).toBe(true);
    const code = await until(() => c.info().pairingCode, 'the pairing code');
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    expect(c.info()).toMatchObject({ state: 'connecting', stateFields: { reason: 'link_code' } });
    // No QR is shown while a code is offered.
    expect(infos.some((i) => i.link)).toBe(false);
    // The phone shows it grouped (ABCD-EFGH); typed either way it is the same code.
    expect(await sim.enterCode(`${code.slice(0, 4)}-${code.slice(4)}`)).toBe(true);
    await until(() => c.info().state === 'ready', 'the device linked by code');
    expect(c.info().pairingCode).toBeUndefined();
    expect(c.info().self?.id).toBe('15550000001@s.whatsapp.net');
    expect(c.info().spaces.map((s) => s.id)).toEqual([GROUP]);
    await until(() => box.value, 'the device state saved');
    // It works like a QR-linked device: a member's message comes through.
    const events: string[] = [];
    c.onEvent((e) => e.messageId && events.push(e.messageId));
    const id = await sim.post(GROUP, '15550000002', { conversation: 'hello after linking by code' });
    await until(() => events.includes(id), 'a message on the code-linked device');
  });

  it('a wrong code does not link: the device stays unlinked', async () => {
    const sim = await simulator(cleanups, { groups });
    const { c } = connector(cleanups, sim, memoryVault().vault, { pairingPhone: '15550000001', retryDelayMs: 60_000 });
    expect((await c.start()).ok).toBe(true);
    const code = await until(() => c.info().pairingCode, 'the pairing code');
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect(await sim.enterCode(wrong)).toBe(true);
    // The device unwraps the phone's key with the code it showed, gets the wrong key, and its key
    // bundle does not open on the phone: the server refuses the finish, and nothing links.
    const finish = (n: BinaryNode) => n.tag === 'iq' && Array.isArray(n.content) && n.content[0]?.tag === 'link_code_companion_reg' && n.content[0].attrs.stage === 'companion_finish';
    await until(() => sim.received().some(finish), 'the device’s finish of the code exchange');
    expect(sim.linked()).toBe(false);
    expect(c.info().state).not.toBe('ready');
  });
});

describe('WhatsApp linking that fails, and the next try', () => {
  it('says the phone refused, forgets the half-made device, and links on the next try', async () => {
    const sim = await simulator(cleanups, { groups });
    const { vault, box } = memoryVault();
    const { c, infos } = connector(cleanups, sim, vault, { retryDelayMs: 1 });
    expect((await c.start()).ok).toBe(true);
    const first = await until(() => c.info().link?.qr, 'the first QR');
    expect(sim.refuse(first)).toBe(true);
    await until(() => c.info().stateFields?.reason === 'link_refused', 'the refusal');
    expect(c.info()).toMatchObject({ state: 'token_invalid' });
    expect(c.info().link).toBeUndefined();
    // Nothing of the refused attempt is kept, and nothing retries by itself.
    expect(box.value).toBeUndefined();
    const connections = sim.connectionCount();
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.connectionCount()).toBe(connections);

    // Link again: a new QR (a new device identity), and this time the phone scans it.
    expect((await c.start()).ok).toBe(true);
    const second = await until(() => c.info().link?.qr, 'a new QR');
    expect(second).not.toBe(first);
    expect(second.split(',')[2]).not.toBe(first.split(',')[2]);
    expect(await sim.scan(second)).toBe(true);
    await until(() => c.info().state === 'ready', 'the device linked on the second try');
    expect(c.info().spaces.map((s) => s.id)).toEqual([GROUP]);
    expect(infos.some((i) => i.stateFields?.reason === 'link_refused')).toBe(true);
  });

  it('says the QR codes expired unscanned, stops, and links on the next try', async () => {
    const sim = await simulator(cleanups, { groups, qrRefs: 2 });
    const { c } = connector(cleanups, sim, memoryVault().vault, { qrTimeoutMs: 50, retryDelayMs: 1 });
    expect((await c.start()).ok).toBe(true);
    await until(() => c.info().stateFields?.reason === 'link_expired', 'the expired link');
    expect(c.info()).toMatchObject({ state: 'error' });
    expect(c.info().link).toBeUndefined();
    const connections = sim.connectionCount();
    await new Promise((r) => setTimeout(r, 200));
    expect(sim.connectionCount()).toBe(connections);

    // The next try gets fresh codes from the server; scanned at once this time.
    expect((await c.start()).ok).toBe(true);
    const qr = await until(() => c.info().link?.qr, 'a new QR');
    expect(await sim.scan(qr)).toBe(true);
    await until(() => c.info().state === 'ready', 'the device linked on the second try');
  });
});
