// The start-up most browser tests share: host mode on a fresh settings folder with the practice
// community, one Chromium page on the console's address, connected; and a picker of regular members.
// `startWatchedConsole` is the same for the files that link Telegram and WhatsApp and keep the page's frames.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startHost, type HostOptions, type RunningHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';

const results = join(resolve(__dirname, '../..'), 'test-results');

export interface PracticeConsole {
  host: RunningHost;
  practice: DiscordSimulator;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Host mode on a fresh settings folder (`prepare` writes into it first) and one Chromium page on it. */
async function launch(
  name: string,
  options: Omit<HostOptions, 'home' | 'rendererDir'>,
  prepare?: (home: string) => void,
): Promise<{ home: string; host: RunningHost; browser: BrowserContext; page: Page }> {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, `e2e-renderer-${name}`));
  const home = mkdtempSync(join(tmpdir(), `tk-e2e-${name}-`));
  prepare?.(home);
  const host = await startHost({ home, rendererDir, ...options });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return { home, host, browser, page };
}

/** `name` keeps each file's renderer build and settings folder apart. */
/** `prepare` writes into the fresh settings folder before the console starts (a saved rule pack). */
/** `timers` shortens the product's timers: how often scheduled posts are looked at, how late one still goes
 * out unasked, how long a welcome wave waits. */
export async function startPracticeConsole(
  name: string,
  practice: { seed: number; speed: number; scenario?: boolean },
  prepare?: (home: string) => void,
  timers?: Pick<HostOptions, 'postTickMs' | 'postGraceMs' | 'welcomeWave'>,
): Promise<PracticeConsole> {
  const { host, browser, page } = await launch(name, { practice, ...timers }, prepare);
  if (!host.practice) throw new Error('host started without the practice community');
  await page.goto(host.url);
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  return {
    host,
    practice: host.practice,
    browser,
    page,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/** A console whose page's WebSocket traffic is kept, to show what never reaches the page. */
export interface WatchedConsole {
  home: string;
  host: RunningHost;
  browser: BrowserContext;
  page: Page;
  /** Every frame the page received, as text (a token, a session or a device's keys must be in none). */
  frames: string[];
  close(): Promise<void>;
}

/**
 * The start-up of the files that link accounts through Settings (Telegram, WhatsApp): host mode with
 * the `practice` communities asked for, the page's frames kept from its first one, the inbox shown.
 */
export async function startWatchedConsole(name: string, practice: NonNullable<HostOptions['practice']>): Promise<WatchedConsole> {
  const { home, host, browser, page } = await launch(name, { practice });
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString())));
  await page.goto(host.url);
  await page.locator('nav.inbox').waitFor();
  return {
    home,
    host,
    browser,
    page,
    frames,
    async close() {
      await browser.close();
      await host.close();
    },
  };
}

/** Names that share no shape (letters without digits and separators), so the test's joins never look like a raid's. */
const OWN_NAMES = ['maple_fern', 'otto.brick', 'juniper_q', 'kestrel', 'ruben_s', 'wren.h', 'tamsin', 'oriel_k', 'basil.t', 'quill_mo'];

/**
 * Hands out members of the test's own, for files whose practice story loops: each joined now, with an
 * account years old and no role, so the story never casts them. A community member may be in its cast, and
 * after a minute or two (a slow run) the ambient lines many of them repeat are a copy-paste raid to triage,
 * whose incident takes every later message of theirs: a test's message by one of them never got a row of
 * its own. Their first message is a newcomer's: one without a flag opens a newcomer item.
 */
export function ownMemberMaker(practice: () => DiscordSimulator): () => string {
  let made = 0;
  return () => {
    const name = OWN_NAMES[made % OWN_NAMES.length]!;
    made++;
    return practice().addMember({ username: made > OWN_NAMES.length ? `${name}${made}` : name, accountCreatedAt: new Date(Date.now() - 3 * 365 * 86_400_000) }).userId;
  };
}

/**
 * Hands out members who can still post, are no moderators (so the bot may act on them) and have not
 * posted for this file before: one author per message keeps triage from folding them into one flood.
 */
export function memberPicker(practice: () => DiscordSimulator): () => string {
  const used = new Set<string>();
  return () => {
    const sim = practice();
    const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
    const id = sim.memberIdsByRole('Member').find((m) => !staff.has(m) && !used.has(m) && sim.canPost(m));
    if (!id) throw new Error('no regular member left');
    used.add(id);
    return id;
  };
}
