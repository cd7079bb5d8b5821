// Catch-up of the WhatsApp connector (real Baileys) against the practice server after downtime:
// 500 messages queued by the server while the device was down, delivered at the next login with the
// connection dropping halfway through the drain (what was not acked comes again, what cannot be
// decrypted again is resent by its sender on the device's retry receipt): 0 lost, 0 twice.
// And the phone's history sync (inline HistorySync in a 1:1 Signal peer message, as WhatsApp sends
// it): the bootstrap at linking, and the stretch an overflowing offline queue dropped, deduped by
// message key against what the server delivered and what the run before the restart took in.
import { afterEach, describe, expect, it } from 'vitest';
import type { RawEvent } from '../../src/main/core/connector';
import { memoryVault, type AuthVault } from '../../src/main/connectors/whatsapp/authState';
import type { WhatsAppSourceConfig } from '../../src/main/connectors/whatsapp/client';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { until } from './until';
import { connector as sharedConnector, linked as sharedLinked } from './whatsappLinked';

const GROUP = practiceGroupJid(1);
const MEMBERS = ['15550000002', '15550000003', '15550000004'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simulator(options: { offlineLimit?: number; phoneAnswers?: boolean } = {}): Promise<WhatsAppSimulator> {
  const sim = await startWhatsAppSimulator({
    ...options,
    groups: [{ id: GROUP, subject: 'Course group', members: [{ phone: '15550000001', name: 'Mod Phone', admin: 'superadmin' }, ...MEMBERS.map((phone, i) => ({ phone, name: `Member ${i}` }))] }],
  });
  cleanups.push(() => sim.close());
  return sim;
}

// The shared set-up (whatsappLinked.ts), under the names this file's tests use.
const connector = (sim: WhatsAppSimulator, vault: AuthVault, extra: Partial<WhatsAppSourceConfig> = {}) => sharedConnector(cleanups, sim, vault, extra);
const linked = (sim: WhatsAppSimulator, vault: AuthVault) => sharedLinked(cleanups, sim, {}, vault);

/** The ids of members' messages the connector emitted, in order (undecryptable ones included). */
const messageIds = (events: RawEvent[]) => events.filter((e) => e.kind === 'message').map((e) => e.messageId);

describe('WhatsApp catch-up after downtime', () => {
  it('500 messages posted while the device was down arrive once each, readable, though the connection drops mid-drain', { timeout: 400_000 }, async () => {
    const sim = await simulator();
    const vault = memoryVault();
    const first = await linked(sim, vault);
    const warm = await sim.post(GROUP, MEMBERS[0]!, { conversation: 'before the downtime' });
    await until(() => first.events.find((e) => e.messageId === warm), 'the first message');
    // The device's delivery receipt settles it with the server: it is not sent again.
    await until(() => sim.pendingForDevice() === 0, 'the receipt for the first message');
    await first.c.stop();
    await until(() => !sim.deviceOnline(), 'the server to see the device gone');

    const offline: string[] = [];
    for (let i = 0; i < 500; i += 1) offline.push(await sim.post(GROUP, MEMBERS[i % MEMBERS.length]!, { conversation: `while offline ${i}` }));

    const second = connector(sim, vault, { retryDelayMs: 50 });
    expect((await second.c.start()).ok).toBe(true);
    // Halfway through the drain the network drops: what the device had not acked comes again.
    await until(() => messageIds(second.events).length >= 200, 'the first part of the backlog', 120_000);
    expect(sim.pendingForDevice()).toBeGreaterThan(0);
    const connections = sim.connectionCount();
    sim.dropConnections();
    await until(() => sim.connectionCount() > connections && second.c.info().state === 'ready', 'the device back after the drop', 60_000);
    await until(() => offline.every((id) => second.events.some((e) => e.messageId === id)), 'every offline message', 180_000);
    // Whatever the server still had unacked is settled once the device acked the whole backlog.
    await until(() => sim.pendingForDevice() === 0, 'the server to have no unacked stanza left', 60_000);

    // A message caught between decrypting and acking when the connection died comes again with its
    // keys spent; the sender's resend (asked by retry receipt) makes it readable, a little later.
    const ids = messageIds(second.events);
    expect(ids).toHaveLength(offline.length);
    expect([...ids].sort()).toEqual([...offline].sort());
    expect(second.events.filter((e) => e.detail === 'undecryptable')).toEqual([]);
    expect(second.events.find((e) => e.messageId === offline[499])).toMatchObject({ text: 'while offline 499' });
  });

  it('catches up from the offline queue and the history it asks the phone for: every message once, none from before the downtime again', async () => {
    const sim = await simulator({ offlineLimit: 40, phoneAnswers: true });
    const vault = memoryVault();
    const first = await linked(sim, vault);
    const before: string[] = [];
    for (let i = 0; i < 10; i += 1) before.push(await sim.post(GROUP, MEMBERS[i % MEMBERS.length]!, { conversation: `before the downtime ${i}` }));
    await until(() => before.every((id) => first.events.some((e) => e.messageId === id)), 'the messages before the downtime');
    await until(() => sim.pendingForDevice() === 0, 'their receipts');
    await first.c.stop();
    await until(() => !sim.deviceOnline(), 'the server to see the device gone');

    // 100 posted while the device is down; the server keeps only the newest 40 for it.
    const offline: string[] = [];
    for (let i = 0; i < 100; i += 1) offline.push(await sim.post(GROUP, MEMBERS[i % MEMBERS.length]!, { conversation: `during the downtime ${i}` }));
    expect(sim.pendingForDevice()).toBe(40);

    const second = connector(sim, vault);
    expect((await second.c.start()).ok).toBe(true);
    await until(() => offline.every((id) => second.events.some((e) => e.messageId === id)), 'every message of the downtime', 120_000);
    // The device asked its phone for the history before the first message the queue still had, page by
    // page (50 a page) until a page reached what it had before the downtime; the last page overlapped that.
    const asked = sim.peerRequests().filter((r) => r.type === 'history');
    expect(asked.map((r) => r.ids[0])).toEqual([offline[60], offline[10]]);
    const syncs = sim.historySyncs().filter((h) => h.syncType === 'ON_DEMAND');
    expect(syncs.flatMap((h) => h.ids)).toEqual(expect.arrayContaining([...before, ...offline.slice(0, 60)]));
    await until(() => sim.pendingForDevice() === 0, 'the history sync settled');

    // The 60 the queue had dropped could only come from the history; each message came once, and
    // none of the first run's again (its keys were kept with the device state).
    const ids = messageIds(second.events);
    expect(ids).toHaveLength(offline.length);
    expect([...ids].sort()).toEqual([...offline].sort());
    expect(second.events.filter((e) => e.detail === 'undecryptable')).toEqual([]);
    const fromHistory = second.events.find((e) => e.messageId === offline[0]);
    expect(fromHistory).toMatchObject({ kind: 'message', text: 'during the downtime 0', spaceId: GROUP, author: { id: `${MEMBERS[0]}@s.whatsapp.net`, name: 'Member 0' } });
  });

  it('replaces a message shown as undecryptable with its readable copy from the phone’s history, after a restart', async () => {
    const sim = await simulator({ offlineLimit: 2 });
    const vault = memoryVault();
    const first = connector(sim, vault, { undecryptableGraceMs: 1 });
    expect((await first.c.start()).ok).toBe(true);
    expect(await sim.scan(await until(() => first.c.info().link?.qr, 'a QR'))).toBe(true);
    await until(() => first.c.info().state === 'ready', 'the linked device');
    const broken = await sim.post(GROUP, MEMBERS[0]!, { conversation: 'join my giveaway at https://free-prize.top' }, { undecryptable: true });
    await until(() => first.events.find((e) => e.messageId === broken && e.detail === 'undecryptable'), 'the placeholder');
    await first.c.stop();
    await until(() => !sim.deviceOnline(), 'the device gone');
    const offline: string[] = [];
    for (let i = 0; i < 5; i += 1) offline.push(await sim.post(GROUP, MEMBERS[1]!, { conversation: `while away ${i}` }));
    // The phone is online now: it answers the history request the restarted device makes.
    sim.setPhoneAnswers(true);
    const second = connector(sim, vault);
    expect((await second.c.start()).ok).toBe(true);
    const copy = await until(() => second.events.find((e) => e.messageId === broken), 'the readable copy');
    expect(copy).toMatchObject({ kind: 'edit', detail: 'decrypted later', text: 'join my giveaway at https://free-prize.top', author: { id: `${MEMBERS[0]}@s.whatsapp.net` } });
    await until(() => offline.every((id) => second.events.some((e) => e.messageId === id)), 'the messages of the downtime');
    expect(second.events.filter((e) => e.messageId === broken)).toHaveLength(1);
  });

  it('takes in the groups’ recent history the phone shares when the device is linked', async () => {
    const sim = await simulator();
    const earlier = [await sim.post(GROUP, MEMBERS[1]!, { conversation: 'posted before the console was linked' }), await sim.post(GROUP, MEMBERS[2]!, { extendedTextMessage: { text: 'a link from before https://example.org' } })];
    const { events } = await linked(sim, memoryVault());
    await until(() => earlier.every((id) => events.some((e) => e.messageId === id)), 'the bootstrap history');
    expect(sim.historySyncs().map((h) => h.syncType)).toEqual(['INITIAL_BOOTSTRAP']);
    expect(events.filter((e) => e.kind === 'message').map((e) => [e.messageId, e.text])).toEqual([
      [earlier[0], 'posted before the console was linked'],
      [earlier[1], 'a link from before https://example.org'],
    ]);
  });

  it('shows a message that could not be decrypted with its text once the sender resends it (retry receipt), never as undecryptable', async () => {
    const sim = await simulator();
    const { events } = await linked(sim, memoryVault());
    const garbled = await sim.post(GROUP, MEMBERS[0]!, { conversation: 'first copy arrived garbled' }, { garbled: true });
    const event = await until(() => events.find((e) => e.messageId === garbled), 'the resent message');
    expect(event).toMatchObject({ kind: 'message', text: 'first copy arrived garbled', author: { id: `${MEMBERS[0]}@s.whatsapp.net` } });
    expect(sim.received().some((n) => n.tag === 'receipt' && n.attrs.type === 'retry' && n.attrs.id === garbled)).toBe(true);
    const next = await sim.post(GROUP, MEMBERS[0]!, { conversation: 'and the next one' });
    await until(() => events.find((e) => e.messageId === next), 'the next message');
    expect(events.filter((e) => e.messageId === garbled)).toHaveLength(1);
    expect(events.filter((e) => e.detail === 'undecryptable')).toEqual([]);
  });

  it('a second login of the same device replaces the first: the older connection says so and stops, the newer gets the messages', async () => {
    const sim = await simulator();
    const vault = memoryVault();
    const older = await linked(sim, vault);
    const newer = connector(sim, vault, { retryDelayMs: 50 });
    expect((await newer.c.start()).ok).toBe(true);
    await until(() => older.c.info().stateFields?.reason === 'replaced', 'the older connection to say it was replaced');
    expect(older.c.info().state).toBe('error');
    const id = await sim.post(GROUP, MEMBERS[0]!, { conversation: 'after the takeover' });
    expect(await until(() => newer.events.find((e) => e.messageId === id), 'the message on the newer connection')).toMatchObject({ text: 'after the takeover' });
    expect(older.events.some((e) => e.messageId === id)).toBe(false);
    expect(sim.connectionCount()).toBeLessThanOrEqual(3);
  });
});
