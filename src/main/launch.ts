// Starts the core with its connections: saved accounts, a headless TRIBE_DISCORD_* account, or — when
// there is nothing else — the built-in practice community with its scenario playing live.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DiscordConnector } from './connectors/discord/client';
import { TelegramConnector } from './connectors/telegram/client';
import { Core } from './core/app';
import type { Connection, TelegramConnection } from './core/app';
import { startDiscordSimulator } from './practice/discord/simulator';
import type { DiscordSimulator } from './practice/discord/simulator';
import { startScenario } from './practice/discord/scenario';
import { startTelegramSimulator } from './practice/telegram/simulator';
import type { TelegramSimulator } from './practice/telegram/simulator';
import { startTelegramScenario } from './practice/telegram/scenario';
import type { SecretStore } from './secrets/store';
import { logger } from './util/log';

const log = logger('launch');

export interface PracticeOptions {
  seed?: number;
  speed?: number;
  port?: number;
  /** Play the scenario (default true); tests may drive the simulator themselves. */
  scenario?: boolean;
  /** Also run the Telegram practice supergroup (default true). */
  telegram?: boolean;
}

/** Telegram app credentials the practice server accepts; any values work there. */
const PRACTICE_TELEGRAM_APP = { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' };

export interface LaunchOptions {
  home: string;
  mode: 'electron' | 'host';
  version: string;
  secrets: SecretStore;
  /** undefined: practice only when no account is configured; false: never. */
  practice?: PracticeOptions | false;
  discord?: { apiBase: string; token: string };
  telegram?: Omit<TelegramConnection, 'platform' | 'id' | 'label' | 'practice'>;
  backfill?: number;
}

export interface Launched {
  core: Core;
  practice?: DiscordSimulator;
  practiceTelegram?: TelegramSimulator;
  close(): Promise<void>;
}

export function defaultHome(): string {
  if (process.env.TRIBE_HOME) return process.env.TRIBE_HOME;
  const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(config, 'tribekeeper');
}

/** Telegram app credentials from TRIBE_TELEGRAM_API_ID / TRIBE_TELEGRAM_API_HASH, if set. */
export function telegramAppFromEnv(env: NodeJS.ProcessEnv = process.env): { apiId: number; apiHash: string } | undefined {
  const apiId = Number(env.TRIBE_TELEGRAM_API_ID);
  const apiHash = env.TRIBE_TELEGRAM_API_HASH?.trim();
  return apiId > 0 && apiHash ? { apiId, apiHash } : undefined;
}

/** Reads TRIBE_DISCORD_API / TRIBE_DISCORD_TOKEN for a headless start. */
export function discordFromEnv(env: NodeJS.ProcessEnv = process.env): LaunchOptions['discord'] {
  const apiBase = env.TRIBE_DISCORD_API?.trim();
  const token = env.TRIBE_DISCORD_TOKEN?.trim();
  if (!token) return undefined;
  return { apiBase: apiBase || 'https://discord.com/api', token };
}

async function hasSavedSources(home: string): Promise<boolean> {
  try {
    const list: unknown = JSON.parse(await readFile(join(home, 'sources.json'), 'utf8'));
    return Array.isArray(list) && list.length > 0;
  } catch {
    return false;
  }
}

async function whenReady(core: Core, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const states = core.sources().filter((s) => ids.includes(s.id));
    if (states.every((s) => s.state === 'ready')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  log.warn('the practice community is not fully connected yet; its story starts anyway');
}

export async function launch(options: LaunchOptions): Promise<Launched> {
  const ephemeral: Connection[] = [];
  let practice: DiscordSimulator | undefined;
  let practiceTelegram: TelegramSimulator | undefined;
  const stops: Array<() => void> = [];
  /** Scenarios start once the practice connections are ready: a Telegram bot cannot read history. */
  const stories: Array<() => void> = [];
  if (options.discord) {
    ephemeral.push({ platform: 'discord', id: 'env-discord', label: 'Discord (TRIBE_DISCORD_API)', practice: false, ...options.discord });
  }
  if (options.telegram) {
    ephemeral.push({ platform: 'telegram', id: 'env-telegram', label: 'Telegram (TRIBE_TELEGRAM_*)', practice: false, ...options.telegram });
  }
  const wantPractice =
    options.practice !== false &&
    (options.practice !== undefined || (!options.discord && !options.telegram && !(await hasSavedSources(options.home))));
  if (wantPractice) {
    const p = options.practice || {};
    const seed = p.seed ?? 7;
    practice = await startDiscordSimulator({ port: p.port ?? 0, seed });
    const discordSim = practice;
    if (p.scenario !== false) stories.push(() => stops.push(startScenario(discordSim, { seed, speed: p.speed ?? 1, loop: true }).stop));
    ephemeral.push({ platform: 'discord', id: 'practice-discord', label: 'Practice Community', practice: true, apiBase: practice.apiBase, token: practice.token });
    log.info(`practice community (Discord) at ${practice.apiBase}`);
    if (p.telegram !== false) {
      practiceTelegram = await startTelegramSimulator({ seed });
      const telegramSim = practiceTelegram;
      if (p.scenario !== false) stories.push(() => stops.push(startTelegramScenario(telegramSim, { seed, speed: p.speed ?? 1, loop: true }).stop));
      ephemeral.push({
        platform: 'telegram',
        id: 'practice-telegram',
        label: 'Practice Community Chat',
        practice: true,
        ...PRACTICE_TELEGRAM_APP,
        botToken: practiceTelegram.botToken,
        server: { host: practiceTelegram.host, port: practiceTelegram.port, rsaPublicKeyPem: practiceTelegram.rsaPublicKeyPem },
      });
      log.info(`practice community (Telegram) at ${practiceTelegram.host}:${practiceTelegram.port}`);
    }
  }
  const telegramApp = telegramAppFromEnv();
  const core = new Core({
    home: options.home,
    mode: options.mode,
    version: options.version,
    secrets: options.secrets,
    ephemeral,
    backfill: options.backfill ?? 50,
    ...(telegramApp ? { telegramApp } : {}),
    createConnector: (connection) =>
      connection.platform === 'discord' ? new DiscordConnector(connection) : new TelegramConnector(connection),
  });
  await core.start();
  if (stories.length > 0) {
    await whenReady(core, ['practice-discord', 'practice-telegram'], 20_000);
    for (const start of stories) start();
  }
  const launched: Launched = {
    core,
    close: async () => {
      for (const stop of stops) stop();
      await core.stop();
      await practice?.close();
      await practiceTelegram?.close();
    },
  };
  if (practice) launched.practice = practice;
  if (practiceTelegram) launched.practiceTelegram = practiceTelegram;
  return launched;
}
