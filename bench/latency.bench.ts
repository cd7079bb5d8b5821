// Measures, in a real browser through host mode: platform event → visible in the inbox (Discord at 100
// and 500 msgs/s of background chat, Telegram at 100), Telegram's bot login time, and the time to show
// 10k cached items after a reload.
// Prints one JSON object.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startHost } from '../src/main/host/start';
import { startDiscordSimulator } from '../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../src/main/practice/discord/simulator';
import { TelegramConnector } from '../src/main/connectors/telegram/client';
import { startTelegramSimulator } from '../src/main/practice/telegram/simulator';
import type { TelegramSimulator } from '../src/main/practice/telegram/simulator';
import { benchBrowser, firstRowAfterReload, openConsole } from './console';

const rendererDir = resolve(__dirname, '../out/renderer');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const lures = [
  'Free Nitro for everyone, claim here https://discord-gift.ru/claim?code=',
  'you are such an idiot honestly',
  'STEAM GIFT giveaway: log in at https://steamcommunlty.ru/gift/',
  'airdrop live now, validate your wallet at https://wallet-validate.xyz/',
  'what a moron, nobody asked',
];
// Ordinary chat, varied the way people write, so behaviour rules do not read it as a spam wave.
const openers = ['gm', 'ok so', 'honestly', 'lol', 'wait', 'yo', 'hmm', 'btw', 'ngl', 'fr'];
const subjects = ['the new patch', 'ranked tonight', 'my build', 'the tournament', 'that boss fight', 'the event', 'our clan', 'the map rotation', 'the dev stream', 'this meta'];
const verdicts = ['is wild', 'feels way better', 'needs a nerf', 'was so much fun', 'is kinda mid', 'broke my brain', 'slaps', 'took forever', 'is underrated', 'makes no sense'];
const tails = ['', ' ngl', ' tbh', '!!', ' :)', ' anyone else?', ' right?', ' 😂', ' imo', ' lmao'];
function chatLine(n: number): string {
  const pick = <T>(list: T[], k: number) => list[(n * k + (n >> 3)) % list.length]!;
  return `${pick(openers, 7)} ${pick(subjects, 3)} ${pick(verdicts, 11)}${pick(tails, 13)}`;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function installWatcher(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __probeSeen: Record<string, number> };
    w.__probeSeen = {};
    const scan = () => {
      for (const el of document.querySelectorAll('.inbox-row .preview')) {
        const m = /probe-(\d+)-/.exec(el.textContent ?? '');
        if (m && w.__probeSeen[m[1]!] === undefined) w.__probeSeen[m[1]!] = Date.now();
      }
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Posts one message as a member would: a probe (flagged, from its own author) or ordinary chat. */
type Poster = (kind: 'probe' | 'chat', n: number, text: string) => void;

function discordPoster(sim: DiscordSimulator, chatAuthors: string[], probeAuthors: string[]): Poster {
  const channels = [sim.channels.general, sim.channels.help];
  let probes = 0;
  return (kind, n, text) => {
    const authorId = kind === 'probe' ? probeAuthors[probes++ % probeAuthors.length]! : chatAuthors[n % chatAuthors.length]!;
    sim.postMessage({ channelId: channels[n % 2]!, authorId, content: text });
  };
}

function telegramPoster(sim: TelegramSimulator, chatAuthors: string[], probeAuthors: string[]): Poster {
  const topics = [sim.topics.general, sim.topics.help];
  let probes = 0;
  return (kind, n, text) => {
    const authorId = kind === 'probe' ? probeAuthors[probes++ % probeAuthors.length]! : chatAuthors[n % chatAuthors.length]!;
    sim.postMessage({ authorId, text, topicId: topics[n % 2]! });
  };
}

async function latencyAt(page: Page, post: Poster, rate: number, runId: number) {
  await installWatcher(page);
  const posted = new Map<string, number>();
  const start = Date.now();
  let sent = 0;
  let probes = 0;
  while (Date.now() - start < seconds * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * rate);
    while (sent < due) {
      const n = sent++;
      // Every 25th message is a probe: a flagged message from its own author, so no grouping hides it.
      if (n % 25 === 0) {
        const id = `${runId}${String(probes).padStart(4, '0')}`;
        probes++;
        posted.set(id, Date.now());
        post('probe', n, `probe-${id}- ${lures[probes % lures.length]}${id}`);
      } else {
        post('chat', n, chatLine(n));
      }
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await page.waitForTimeout(1500);
  const seen = await page.evaluate(() => (window as unknown as { __probeSeen: Record<string, number> }).__probeSeen);
  const frames = await page.evaluate(() => (window as unknown as { __probeFrame: Record<string, number> }).__probeFrame);
  const latencies = [...posted].filter(([id]) => seen[id] !== undefined).map(([id, at]) => seen[id]! - at).sort((a, b) => a - b);
  const toPage = [...posted].filter(([id]) => frames[id] !== undefined).map(([id, at]) => frames[id]! - at).sort((a, b) => a - b);
  return {
    rate,
    seconds,
    messages: sent,
    probes: posted.size,
    probesSeen: latencies.length,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies.at(-1) ?? NaN,
    // How much of it is main + the socket (post → frame in the page); the rest is storing and drawing.
    to_page_p50_ms: percentile(toPage, 50),
    to_page_p99_ms: percentile(toPage, 99),
  };
}

async function cachedReload(page: Page, count: number) {
  // Fill the store with `count` items shaped exactly like a real one, then time the reload.
  await page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('tribekeeper');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    // A single-message flag item as the template (an incident holds hundreds of event ids).
    const template = await new Promise<Record<string, unknown>>((ok, fail) => {
      const req = db.transaction('inboxItems').objectStore('inboxItems').openCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return fail(new Error('no single-message item to copy'));
        const value = cursor.value as Record<string, unknown>;
        if (value.kind === 'flag' && (value.eventIds as unknown[]).length === 1) ok(value);
        else cursor.continue();
      };
      req.onerror = () => fail(req.error);
    });
    const tx = db.transaction('inboxItems', 'readwrite');
    const store = tx.objectStore('inboxItems');
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      store.put({ ...template, id: `bench-item-${i}`, text: `cached item ${i} ${String(template.text ?? '')}`, createdAt: now - i * 1000, updatedAt: now - i * 1000, status: 'open' });
    }
    await new Promise<void>((ok, fail) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, count);
  const firstRowMs = await firstRowAfterReload(page, 30_000);
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  // Filtering: from the click on a filter to the frame that shows the filtered list.
  const filterMs = await page.evaluate(async () => {
    const timings: number[] = [];
    for (const name of ['all', 'resolved', 'open']) {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('.filters button')];
      const button = buttons[['open', 'resolved', 'all'].indexOf(name)];
      const t0 = performance.now();
      button?.click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      timings.push(performance.now() - t0);
    }
    return Math.max(...timings);
  });
  return {
    items: count,
    first_row_after_reload_ms: Math.round(firstRowMs),
    filter_switch_max_ms: Math.round(filterMs),
    js_heap_mb: Math.round(heap / 1e5) / 10,
  };
}

/** Median time for the gramjs client to log a bot in to the practice server (key exchange included). */
async function telegramLoginMs(sim: TelegramSimulator): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const connector = new TelegramConnector({ id: `login-${i}`, label: 'bench', practice: true, ...telegramApp, botToken: sim.botToken, server: serverOf(sim) });
    const t0 = Date.now();
    const started = await connector.start();
    times.push(started.ok ? Date.now() - t0 : NaN);
    await connector.stop();
  }
  return times.sort((a, b) => a - b)[1]!;
}

const telegramApp = { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' };
const serverOf = (sim: TelegramSimulator) => ({ host: sim.host, port: sim.port, rsaPublicKeyPem: sim.rsaPublicKeyPem });

async function main() {
  const sim = await startDiscordSimulator({ seed: 3, memberCount: 50 });
  const probeAuthors = Array.from({ length: 60 }, (_, i) => sim.addMember({ username: `probe_author_${i}`, accountCreatedAt: new Date(Date.UTC(2019, 0, 1 + i)) }).userId);
  const chatAuthors = Array.from({ length: 300 }, (_, i) => sim.addMember({ username: `regular_${i}`, accountCreatedAt: new Date(Date.UTC(2018, 0, 1 + i)) }).userId);
  const tg = await startTelegramSimulator({ seed: 3 });
  const tgProbeAuthors = Array.from({ length: 60 }, (_, i) => tg.addMember({ firstName: `Probe ${i}`, username: `probe_${i}`, accountCreatedAt: new Date(Date.UTC(2019, 0, 1 + i)) }).id);
  const tgChatAuthors = Array.from({ length: 150 }, (_, i) => tg.addMember({ firstName: `Regular ${i}`, username: `regular_${i}`, accountCreatedAt: new Date(Date.UTC(2018, 0, 1 + i)) }).id);
  const loginMs = await telegramLoginMs(tg);
  const home = mkdtempSync(join(tmpdir(), 'tk-bench-'));
  const host = await startHost({
    home,
    rendererDir,
    practice: false,
    discord: { apiBase: sim.apiBase, token: sim.token },
    telegram: { ...telegramApp, botToken: tg.botToken, server: serverOf(tg) },
    backfill: 0,
  });
  const context = await benchBrowser();
  try {
    const page = await context.newPage();
    // Split the latency: when the frame carrying a probe reaches the page, vs when its row shows.
    await page.addInitScript(() => {
      const w = window as unknown as { __probeFrame: Record<string, number> };
      w.__probeFrame = {};
      const Native = WebSocket;
      class Watched extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('message', (ev: MessageEvent) => {
            if (typeof ev.data !== 'string' || !ev.data.includes('probe-')) return;
            const now = Date.now();
            for (const m of ev.data.matchAll(/probe-(\d+)-/g)) w.__probeFrame[m[1]!] ??= now;
          });
        }
      }
      (window as unknown as { WebSocket: typeof WebSocket }).WebSocket = Watched;
    });
    await openConsole(page, host.url, 30_000);
    await page.waitForTimeout(1500);
    const discord = discordPoster(sim, chatAuthors, probeAuthors);
    const at100 = await latencyAt(page, discord, 100, 1);
    const at500 = await latencyAt(page, discord, 500, 2);
    // A bot learns its group from the first update it gets: one message before measuring.
    tg.postMessage({ authorId: tgChatAuthors[0]!, text: 'hello bench' });
    await page.waitForTimeout(1000);
    const telegram = telegramPoster(tg, tgChatAuthors, tgProbeAuthors);
    const tgAt100 = await latencyAt(page, telegram, 100, 3);
    const reload = await cachedReload(page, 10_000);
    process.stdout.write(
      JSON.stringify({ discord: { latency: [at100, at500] }, telegram: { login_ms: loginMs, latency: [tgAt100] }, cachedReload: reload }) + '\n',
    );
  } finally {
    await context.close();
    await host.close();
    await sim.close();
    await tg.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`latency bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
