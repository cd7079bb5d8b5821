// Measures banning a raid on Discord at the protocol level (real discord.js against the practice
// server, the action executor with its journal, as main runs an outbox action): one ban action per
// account, in turn, as the console sent them before the bulk ban (before), and one bulk-ban action per
// 200 accounts (after), for raids of 12 and 200. Reports wall time, requests and 429s. Prints one JSON object.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { ActionIntentSchema, MAX_BULK_BAN, type ActionIntent } from '@shared/domain/actions';
import { ActionExecutor } from '../src/main/actions/executor';
import { DiscordConnector } from '../src/main/connectors/discord/client';
import { startDiscordSimulator, type DiscordSimulator } from '../src/main/practice/discord/simulator';

function raid(sim: DiscordSimulator, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const m = sim.addMember({ username: `raider_${randomUUID().slice(0, 8)}`, accountCreatedAt: new Date(Date.now() - 20 * 60_000) });
    sim.postMessage({ channelId: sim.channels.general, authorId: m.userId, content: `join the real server ${i}` });
    return m.userId;
  });
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
