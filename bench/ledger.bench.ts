// Team ledger (issue 7): catch-up of a fresh console over a channel holding 10k signed records, and claim
// propagation from one console to another through the practice Discord (p50/p99, to `team.changed`).
// Prints one JSON object.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordConnector } from '../src/main/connectors/discord/client';
import { Core } from '../src/main/core/app';
import { startDiscordSimulator } from '../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../src/main/practice/discord/simulator';
import { FileSecretStore } from '../src/main/secrets/store';
import { encodeMessage, signingInput } from '../src/shared/team';
import type { RecordBody, SignedRecord, TeamView } from '../src/shared/team';

const RECORDS = Number(process.env.BENCH_LEDGER_RECORDS ?? 10_000);
const CLAIMS = Number(process.env.BENCH_LEDGER_CLAIMS ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function core(sim: DiscordSimulator): Core {
  const home = mkdtempSync(join(tmpdir(), 'tk-bench-ledger-'));
  return new Core({
    home,
    mode: 'host',
    version: 'bench',
    secrets: new FileSecretStore(join(home, 'secrets.json')),
    ephemeral: [{ platform: 'discord', id: 'env-discord', label: 'bench', token: sim.token, apiBase: sim.apiBase, practice: false }],
    createConnector: (c) => {
      if (c.platform !== 'discord') throw new Error('Discord only');
      return new DiscordConnector(c);
    },
    backfill: 0,
  });
}

async function until(probe: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function catchUp() {
  const sim = await startDiscordSimulator({ seed: 31 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const a = privateKey.export({ format: 'jwk' }).x as string;
  let n = 0;
  const record = (r: RecordBody): SignedRecord => {
    const unsigned = { v: 1 as const, a, n: ++n, ts: Date.now(), r };
    return { ...unsigned, s: sign(null, Buffer.from(signingInput(unsigned)), privateKey).toString('base64url') };
  };
  const author = sim.memberIdsByRole('Moderator')[0] ?? sim.memberIdsByRole('Member')[0]!;
  const records = [record({ t: 'roster-add', key: a, name: 'Ana', zone: 'UTC', role: 'lead' })];
  for (let i = 1; i < RECORDS; i++) records.push(record(i % 3 === 2 ? { t: 'release', item: `item-${i - 1}` } : { t: 'claim', item: `item-${i}` }));
  let messages = 0;
  for (let i = 0; i < records.length; ) {
    const batch: SignedRecord[] = [];
    while (i < records.length && encodeMessage([...batch, records[i]!]).length <= 1_950) batch.push(records[i++]!);
    sim.postMessage({ channelId: sim.channels.modLog, authorId: author, content: encodeMessage(batch) });
    messages++;
  }
  const console = core(sim);
  const started = performance.now();
  await console.start();
  await until(() => console.ledger.current().records >= RECORDS, 'catch-up');
  const ms = performance.now() - started;
  await console.stop();
  await sim.close();
  return { records: RECORDS, messages, ms: Math.round(ms), recordsPerSecond: Math.round((RECORDS / ms) * 1000) };
}

async function propagation() {
  const sim = await startDiscordSimulator({ seed: 32 });
  const a = core(sim);
  const b = core(sim);
  const seenAtB = new Map<string, number>();
  await a.start();
  const sessionA = a.openSession({ emit: () => undefined });
  await until(() => a.ledger.view().standing === 'no-team', 'A reads the empty ledger');
  await sessionA.invoke('team.configure', { name: 'Ana', zone: 'UTC' });
  await until(() => a.ledger.view().standing === 'member', 'A founds the team');
  await b.start();
  const sessionB = b.openSession({
    emit: (name, payload) => {
      if (name !== 'team.changed') return;
      for (const item of Object.keys((payload as TeamView).state.claims)) if (!seenAtB.has(item)) seenAtB.set(item, performance.now());
    },
  });
  await until(() => b.ledger.view().standing === 'awaiting-approval', 'B waits');
  await sessionA.invoke('team.roster.approve', { inviteCode: b.ledger.inviteCode(), role: 'moderator' });
  await until(() => b.ledger.view().standing === 'member', 'B approved');
  const latencies: number[] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const item = `p-${i}`;
    const t0 = performance.now();
    await sessionA.invoke('team.claim', { item });
    await until(() => seenAtB.has(item), 'claim at B', 10_000);
    latencies.push(seenAtB.get(item)! - t0);
  }
  sessionA.close();
  sessionB.close();
  await a.stop();
  await b.stop();
  await sim.close();
  latencies.sort((x, y) => x - y);
  return { claims: CLAIMS, p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), maxMs: Math.round(latencies.at(-1) ?? NaN) };
}

async function main() {
  const result = { catchUp10k: await catchUp(), claimPropagation: await propagation() };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

void main();
