// A scheduled post to a WhatsApp group: the plan lives on the team ledger (carried by the practice
// Discord); Ana's console has the WhatsApp group linked (the real Baileys against the practice
// WhatsApp server), Bo's has not. At its time the post reaches the WhatsApp group once, sent by the
// console that reaches it, and both consoles say who sent it; later ticks send nothing more.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LEDGER_PREFIX, decodeMessage } from '../../src/shared/team';
import { whatsappServerFromEnv } from '../../src/main/connectors/whatsapp/client';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../../src/main/practice/whatsapp/simulator';
import { startTeamOfTwo, type Console } from './ledger-console';
import { until } from './until';

const GROUP = practiceGroupJid(1);
const MOD = '15550000001';
let sim: DiscordSimulator;
let wa: WhatsAppSimulator;
let ana: Console;
let bo: Console;
const root = mkdtempSync(join(tmpdir(), 'tk-waposts-'));

beforeAll(async () => {
  sim = await startDiscordSimulator({ seed: 17 });
  wa = await startWhatsAppSimulator({
    phone: { number: MOD, name: 'Mod Phone' },
    groups: [{ id: GROUP, subject: 'Course group', members: [{ phone: MOD, name: 'Mod Phone', admin: 'admin' }, { phone: '15550000002', name: 'Ana M' }, { phone: '15550000003', name: 'Ben' }] }],
  });
  const server = whatsappServerFromEnv({ TRIBE_WHATSAPP_SERVER: wa.url, TRIBE_WHATSAPP_NOISE_ROOT_KEY: wa.noiseRootKey })!;
  // The phone scans the QR as soon as Ana's console shows it.
  const anaOptions = { postTickMs: 150, whatsapp: { server, onQr: (qr: string) => void wa.scan(qr) } };
  ({ ana, bo } = await startTeamOfTwo(root, sim, { ana: 'Europe/Berlin', bo: 'America/Los_Angeles' }, { ana: anaOptions, bo: { postTickMs: 150 } }));
  await until(() => wa.linked() && wa.deviceOnline(), 'Ana’s console linked to the WhatsApp phone', 30_000);
}, 90_000);

afterAll(async () => {
  await bo?.close();
  await ana?.close();
  await wa?.close();
  await sim?.close();
});

const inGroup = (needle: string) =>
  [...wa.messages().values()].filter((m) => m.group === GROUP && m.author === MOD && (m.message.conversation ?? m.message.extendedTextMessage?.text ?? '').includes(needle));
const ledgerRecords = () => sim.messages(sim.channels.modLog).flatMap((m) => (m.content.startsWith(LEDGER_PREFIX) ? (decodeMessage(m.content) ?? []) : [])) as Array<{ a: string; r: { t: string } }>;

describe('a scheduled post to a WhatsApp group', () => {
  it('reaches the group once at its time, sent by the console that reaches it; both consoles say who', async () => {
    const planned = (await bo.invoke('posts.plan', {
      text: 'Weekly **study call** starts now!',
      time: { start: DateTime.utc().toFormat("yyyy-MM-dd'T'HH:mm"), zone: 'UTC', recurrence: { freq: 'weekly', interval: 1 } },
      reminders: [],
      targets: [{ p: 'whatsapp', space: GROUP, channel: GROUP }],
      pin: false,
    })) as { ok: true; value: { id: string } };
    expect(planned.ok).toBe(true);
    const id = planned.value.id;
    const sentOn = (c: Console) => Object.values(c.state.posts[id]?.slots ?? {}).find((s) => s.sent?.ok);
    await until(() => sentOn(ana) && sentOn(bo), 'both consoles to see the post sent', 30_000);
    expect(sentOn(ana)?.by).toBe(ana.key);
    expect(sentOn(bo)?.by).toBe(ana.key);
    // WhatsApp formatting: bold is one asterisk.
    expect(inGroup('study call').map((m) => m.message.conversation ?? m.message.extendedTextMessage?.text)).toEqual(['Weekly *study call* starts now!']);
    expect(ledgerRecords().filter((r) => r.r.t === 'post-sent')).toHaveLength(1);
    // Later ticks of both consoles find nothing open: still one message once more claims could have come.
    const claims = () => ledgerRecords().filter((r) => r.r.t === 'post-claim').length;
    const seen = claims();
    await bo.invoke('team.note', { text: 'after the study call post' });
    await until(() => ana.state.notes.some((n) => n.text === 'after the study call post'), 'Ana to read a later record');
    expect(claims()).toBe(seen);
    expect(inGroup('study call')).toHaveLength(1);
  });

  it('an edit of the plan after it went out edits the WhatsApp message in place, once; past 15 minutes it says why not', async () => {
    const id = Object.values(bo.state.posts).find((p) => p.text.includes('study call'))!.id;
    const [slot] = Object.entries(bo.state.posts[id]!.slots).find(([, s]) => s.sent?.ok)!;
    const [message] = inGroup('study call');
    // Bo wrote the plan; Ana's console sent it, so Ana's console edits it (the phones apply a MESSAGE_EDIT).
    expect(await bo.invoke('posts.edit', { id, text: 'Weekly **study call** starts now, in the new room!' })).toMatchObject({ ok: true });
    await until(() => bo.state.posts[id]?.slots[slot]?.edited, 'Bo to hear the edit was made', 30_000);
    expect(bo.state.posts[id]?.slots[slot]?.edited).toMatchObject({ rev: 1, ok: true });
    expect(wa.edits()).toEqual([{ group: GROUP, id: expect.any(String), target: message!.id, text: 'Weekly *study call* starts now, in the new room!', applied: true }]);
    expect(wa.messages().get(message!.id)?.edits).toBe(1);

    // Sixteen minutes on (only the clock moves) WhatsApp no longer lets it be edited: nothing is sent, the ledger says why.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60 * 1000 });
    try {
      expect(await bo.invoke('posts.edit', { id, text: 'Weekly **study call** is cancelled' })).toMatchObject({ ok: true });
      await until(() => bo.state.posts[id]?.slots[slot]?.edited?.rev === 2, 'the word on the late edit', 30_000);
    } finally {
      vi.useRealTimers();
    }
    expect(bo.state.posts[id]?.slots[slot]?.edited).toMatchObject({ rev: 2, ok: false, code: 'whatsapp_edit_window' });
    expect(wa.edits()).toHaveLength(1);
    expect(inGroup('study call')).toHaveLength(1);
  });
});
