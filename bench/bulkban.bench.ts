// Measures banning a raid on Discord at the protocol level (real discord.js against the practice
// server, the action executor with its journal, as main runs an outbox action): one ban action per
// account, in turn, as the console sent them before the bulk ban (before), and one bulk-ban action per
// 200 accounts (after), for raids of 12 and 200. Reports wall time, requests and 429s.
// WhatsApp (real Baileys against the practice WhatsApp server): a raid of 200 removed one request per
// account (kick, before) and one request per 50 accounts (bulkRemove, after). `protocolMs` is measured
// with the device's send pace off; `pacedMs` is measured with the pace on for the bulk removal, and for
// the per-account removals is that time plus the waits the pace (1.5 s apart, 20 a minute, the
// connector's own sendWait) puts between 200 sends (BENCH_WHATSAPP_PACED_BEFORE=1 measures it too: ~10
// minutes, mostly waiting). Prints one JSON object.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { ActionIntentSchema, MAX_BULK_BAN, MAX_BULK_REMOVE, type ActionIntent } from '@shared/domain/actions';
import { ActionExecutor } from '../src/main/actions/executor';
import { DiscordConnector } from '../src/main/connectors/discord/client';
import { startDiscordSimulator, type DiscordSimulator } from '../src/main/practice/discord/simulator';
import { WHATSAPP_PACE, sendWait, type WhatsAppConnector } from '../src/main/connectors/whatsapp/client';
import { practiceGroupJid, startWhatsAppSimulator, type WhatsAppSimulator } from '../src/main/practice/whatsapp/simulator';
import { linkedDevice } from './whatsappDevice';

function raid(sim: DiscordSimulator, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const m = sim.addMember({ username: `raider_${randomUUID().slice(0, 8)}`, accountCreatedAt: new Date(Date.now() - 20 * 60_000) });
    sim.postMessage({ channelId: sim.channels.general, authorId: m.userId, content: `join the real server ${i}` });
    return m.userId;
  });
}

/** How long the device's pace alone holds `sends` sends back (ms), as the connector applies it. */
function paceWaitMs(sends: number): number {
  const sent: number[] = [];
  let now = 0;
  for (let i = 0; i < sends; i++) {
    now += Math.max(0, sendWait(sent, now, WHATSAPP_PACE));
    sent.push(now);
  }
  return now;
}

async function whatsApp() {
  const MOD = '15550000001';
  const raider = (set: number, i: number) => `1557${set}${String(i).padStart(6, '0')}`;
  const group = practiceGroupJid(1);
  const start = (sets: number[]) =>
    startWhatsAppSimulator({ phone: { number: MOD, name: 'Mod' }, groups: [{ id: group, subject: 'Raided', members: [{ phone: MOD, name: 'Mod', admin: 'superadmin' }, ...sets.flatMap((set) => Array.from({ length: 200 }, (_, i) => ({ phone: raider(set, i), name: `Promo ${set}.${i}` })))] }] });
  const removals = (sim: WhatsAppSimulator) => sim.received().filter((n) => n.tag === 'iq' && n.attrs.type === 'set' && Array.isArray(n.content) && n.content[0]?.tag === 'remove').length;
  const executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-waremove-bench-')), 'actions.jsonl'));
  const base = { sourceId: 'bench', platform: 'whatsapp', spaceId: group, channelId: group, reason: 'Raid' };

  async function measure(sim: WhatsAppSimulator, connector: WhatsAppConnector, set: number, how: 'perAccount' | 'bulk') {
    const platform = { run: (a: ActionIntent) => connector.execute(a) };
    const ids = Array.from({ length: 200 }, (_, i) => `${raider(set, i)}@s.whatsapp.net`);
    const from = removals(sim);
    const t0 = performance.now();
    if (how === 'perAccount') {
      for (const memberId of ids) {
        const r = await executor.execute(ActionIntentSchema.parse({ ...base, key: randomUUID(), kind: 'kick', memberId }), platform);
        if (!r.ok) throw new Error(r.error.message);
      }
    } else {
      for (let at = 0; at < ids.length; at += MAX_BULK_REMOVE) {
        const r = await executor.execute(ActionIntentSchema.parse({ ...base, key: randomUUID(), kind: 'bulkRemove', memberIds: ids.slice(at, at + MAX_BULK_REMOVE) }), platform);
        if (!r.ok || r.value.accounts?.some((a) => a.state !== 'removed')) throw new Error('a bulk removal did not remove every account');
      }
    }
    const ms = Math.round(performance.now() - t0);
    const left = new Set(sim.groups()[0]!.members.map((m) => m.phone));
    if (ids.some((id) => left.has(id.split('@')[0]!))) throw new Error('not every account was removed');
    return { accounts: ids.length, requests: removals(sim) - from, ms };
  }

  const free = await start([1, 2]);
  const { connector: freeDevice } = await linkedDevice(free, { sendsPerMinute: 1_000_000 });
  const before = await measure(free, freeDevice, 1, 'perAccount');
  const after = await measure(free, freeDevice, 2, 'bulk');
  await freeDevice.stop();
  await free.close();
  const measureBefore = process.env.BENCH_WHATSAPP_PACED_BEFORE === '1';
  const paced = await start(measureBefore ? [3, 4] : [3]);
  const { connector: pacedDevice } = await linkedDevice(paced, { sendSpacingMs: WHATSAPP_PACE.spacingMs, sendsPerMinute: WHATSAPP_PACE.perMinute });
  const afterPaced = await measure(paced, pacedDevice, 3, 'bulk');
  const beforePaced = measureBefore ? await measure(paced, pacedDevice, 4, 'perAccount') : undefined;
  await pacedDevice.stop();
  await paced.close();
  return {
    pace: WHATSAPP_PACE,
    before: {
      raid200: beforePaced
        ? { accounts: 200, requests: before.requests, protocolMs: before.ms, pacedMs: beforePaced.ms, pacedHow: 'measured with the pace on' }
        : { accounts: 200, requests: before.requests, protocolMs: before.ms, pacedMs: before.ms + paceWaitMs(before.requests), pacedHow: 'protocol time + the pace’s waits for that many sends' },
    },
    after: { raid200: { accounts: 200, requests: after.requests, protocolMs: after.ms, pacedMs: afterPaced.ms, pacedHow: 'measured with the pace on' } },
  };
}

async function main(): Promise<void> {
  const sim = await startDiscordSimulator({ seed: 7, memberCount: 20 });
  sim.grantBotPermissions(PermissionFlagsBits.ManageGuild);
  const connector = new DiscordConnector({ id: 'bench', label: 'bench', token: sim.token, apiBase: sim.apiBase, practice: true });
  if (!(await connector.start()).ok) throw new Error('the connector did not start');
  const executor = new ActionExecutor(join(mkdtempSync(join(tmpdir(), 'tk-bulkban-bench-')), 'actions.jsonl'));
  const platform = { run: (a: ActionIntent) => connector.execute(a), reconcile: (a: ActionIntent, since: number) => connector.reconcile(a, since) };
  const base = { sourceId: connector.sourceId, platform: 'discord', spaceId: sim.guildId, channelId: sim.channels.general, reason: 'Raid', deleteMessageSeconds: 86_400 };

  async function measure(n: number, how: 'perAccount' | 'bulk') {
    const ids = raid(sim, n);
    const from = sim.requestLog.length;
    const t0 = performance.now();
    if (how === 'perAccount') {
      for (const memberId of ids) {
        const r = await executor.execute(ActionIntentSchema.parse({ ...base, key: randomUUID(), kind: 'ban', memberId }), platform);
        if (!r.ok) throw new Error(r.error.message);
      }
    } else {
      for (let at = 0; at < ids.length; at += MAX_BULK_BAN) {
        const r = await executor.execute(ActionIntentSchema.parse({ ...base, key: randomUUID(), kind: 'bulkBan', memberIds: ids.slice(at, at + MAX_BULK_BAN) }), platform);
        if (!r.ok) throw new Error(r.error.message);
      }
    }
    const ms = performance.now() - t0;
    if (!ids.every((id) => sim.member(id)?.banned)) throw new Error('not every account was banned');
    const sent = sim.requestLog.slice(from);
    return { accounts: n, ms: Math.round(ms), requests: sent.length, rateLimited: sent.filter((q) => q.status === 429).length };
  }

  const out = {
    load: loadavg().map((x) => Number(x.toFixed(2))),
    simulatorRateLimit: '50 requests per route and second',
    before: { raid12: await measure(12, 'perAccount'), raid200: await measure(200, 'perAccount') },
    after: { raid12: await measure(12, 'bulk'), raid200: await measure(200, 'bulk') },
    whatsapp: await whatsApp(),
  };
  await connector.stop();
  await sim.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
