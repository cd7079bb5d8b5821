// Starts the core with its connections: saved accounts, a headless TRIBE_DISCORD_* account, or — when
// there is nothing else — the built-in practice community with its scenario playing live.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DiscordConnector } from './connectors/discord/client';
import { TelegramConnector } from './connectors/telegram/client';
import { memoryVault, vaultInSecrets } from './connectors/whatsapp/authState';
import { WhatsAppConnector } from './connectors/whatsapp/client';
import type { Connector } from './core/connector';
import { Core } from './core/app';
import type { Connection, TelegramConnection } from './core/app';
import type { WhatsAppServerAddress } from './core/connections';
import { startDiscordSimulator } from './practice/discord/simulator';
import type { DiscordSimulator } from './practice/discord/simulator';
import { startScenario } from './practice/discord/scenario';
import { startTelegramSimulator } from './practice/telegram/simulator';
import type { TelegramSimulator } from './practice/telegram/simulator';
import { startTelegramScenario } from './practice/telegram/scenario';
import { practiceWhatsAppGroups, startWhatsAppScenario } from './practice/whatsapp/scenario';
import { startWhatsAppSimulator } from './practice/whatsapp/simulator';
import type { WhatsAppSimulator } from './practice/whatsapp/simulator';
import type { DesktopShell } from './desktop/shell';
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
  /**
   * Also run the WhatsApp practice group (default true). Its phone links the console's device by
   * scanning the QR as soon as it shows, unless `whatsappAutoLink` is false.
   */
  whatsapp?: boolean;
  whatsappAutoLink?: boolean;
  /** How many messages the practice Telegram bot reads back after a "too long" difference (default 3,000; tests shorten it). */
  telegramReadBack?: number;
}

/** Telegram app credentials the practice server accepts; any values work there. */
export const PRACTICE_TELEGRAM_APP = { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' };

export interface LaunchOptions {
  home: string;
  mode: 'electron' | 'host';
  version: string;
  secrets: SecretStore;
  /** undefined: practice only when no account is configured; false: never. */
  practice?: PracticeOptions | false;
  discord?: { apiBase: string; token: string };
  telegram?: Omit<TelegramConnection, 'platform' | 'id' | 'label' | 'practice'>;
  /** TRIBE_WHATSAPP_SERVER / _NOISE_ROOT_KEY: a WhatsApp-compatible server; `onQr` prints the QR. */
  whatsapp?: { server: WhatsAppServerAddress; onQr?: (qr: string) => void };
  backfill?: number;
  /** How often scheduled posts are looked for (tests shorten it). */
  postTickMs?: number;
  postGraceMs?: number;
  /** How long a page waits for its acknowledgement before it escalates (tests shorten it). */
  pageEscalateMs?: number;
  /** Join waves (tests shorten them): quiet spell and cap, in ms. */
  welcomeWave?: { quietMs: number; maxMs: number };
  /** The Electron shell's tray and notifications (src/main/desktop/shell.ts). */
  desktop?: DesktopShell;
}

export interface Launched {
  core: Core;
  practice?: DiscordSimulator;
  practiceTelegram?: TelegramSimulator;
  practiceWhatsApp?: WhatsAppSimulator;
  close(): Promise<void>;
}

/**
 * The connector for a connection; a WhatsApp device keeps its auth state in the secret store, a Telegram
 * bot the thank-yous it still has to take down and its recent joins in files under `home`, a Discord bot its
 * members' last known roles.
 */
export function connectorFor(connection: Connection, secrets: SecretStore, home?: string): Connector {
  switch (connection.platform) {
    case 'discord':
      // The built-in practice community starts afresh every run: roles kept from the last one would tell changes that never were.
      return new DiscordConnector({ ...connection, ...(home && !connection.practice ? { rolesFile: knownRolesFile(home, connection.id) } : {}) });
    case 'telegram':
      return new TelegramConnector({ ...connection, ...(home ? { pendingThanksFile: pendingThanksFile(home, connection.id), recentJoinsFile: recentJoinsFile(home, connection.id), owedUnbansFile: owedUnbansFile(home, connection.id) } : {}) });
    case 'whatsapp':
      return new WhatsAppConnector({
        id: connection.id,
        label: connection.label,
        practice: connection.practice,
        ...(connection.server ? { server: connection.server } : {}),
        ...(connection.onQr ? { onQr: connection.onQr } : {}),
        ...(connection.pairingPhone ? { pairingPhone: connection.pairingPhone } : {}),
        vault: connection.ephemeralAuth ? memoryVault() : vaultInSecrets(secrets, whatsappAuthSecret(connection.id)),
      });
  }
}

/** Where a Telegram source's thank-yous still to take down are kept (one file per source; ids made file-safe). */
export const pendingThanksFile = (home: string, sourceId: string) => join(home, 'telegram', `${sourceId.replace(/[^\w-]/g, '_')}.thanks.json`);

/** Where a Telegram source keeps the kicks whose ban is still to lift (a crash between a kick's ban and its lifting). */
export const owedUnbansFile = (home: string, sourceId: string) => join(home, 'telegram', `${sourceId.replace(/[^\w-]/g, '_')}.kicks.json`);

/** Where a Discord source keeps its members' last known roles (one file per source; ids made file-safe). */
export const knownRolesFile = (home: string, sourceId: string) => join(home, 'discord', `${sourceId.replace(/[^\w-]/g, '_')}.roles.json`);

/** Where a Telegram source's joins and leaves of the last 120 s are kept (so a restart between two reports of one join counts it once). */
export const recentJoinsFile = (home: string, sourceId: string) => join(home, 'telegram', `${sourceId.replace(/[^\w-]/g, '_')}.joins.json`);

/** The secret holding a WhatsApp device's auth state. */
export const whatsappAuthSecret = (sourceId: string) => `source:${sourceId}:whatsappAuth`;

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

/**
 * The built-in practice community starts afresh with every start of the console, but the browser
 * keeps its store across restarts (host mode keeps its address). Telegram numbers messages and
 * updates (pts) per chat from 1, so a new practice server would hand out numbers the store already
 * holds: new messages taken for known ones, and a catch-up from a pts the server has not reached.
 * Each run continues above the last one's numbers, kept in <home>/practice.json.
 */
const PRACTICE_STATE = 'practice.json';
/** Numbers a run may hand out between two saves of its counters (a crash loses at most those). */
const PRACTICE_MARGIN = 100_000;
const PRACTICE_SAVE_MS = 10_000;

async function practiceTelegramBase(home: string): Promise<number> {
  try {
    const state: unknown = JSON.parse(await readFile(join(home, PRACTICE_STATE), 'utf8'));
    const highest = typeof state === 'object' && state && 'telegramHighest' in state ? Number(state.telegramHighest) : NaN;
    return Number.isSafeInteger(highest) && highest > 0 ? highest + PRACTICE_MARGIN : 1;
  } catch {
    return 1;
  }
}

async function savePracticeTelegram(home: string, highest: number): Promise<void> {
  await mkdir(home, { recursive: true, mode: 0o700 });
  const tmp = join(home, `.practice-${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify({ telegramHighest: highest })}\n`, { mode: 0o600 });
  await rename(tmp, join(home, PRACTICE_STATE));
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
  let practiceWhatsApp: WhatsAppSimulator | undefined;
  const stops: Array<() => void> = [];
  /** Last words before the practice servers close. */
  const closing: Array<() => Promise<void>> = [];
  /** Scenarios start once the practice connections are ready: a Telegram bot cannot read history. */
  const stories: Array<() => void> = [];
  if (options.discord) {
    ephemeral.push({ platform: 'discord', id: 'env-discord', label: 'Discord (TRIBE_DISCORD_API)', practice: false, ...options.discord });
  }
  if (options.telegram) {
    ephemeral.push({ platform: 'telegram', id: 'env-telegram', label: 'Telegram (TRIBE_TELEGRAM_*)', practice: false, ...options.telegram });
  }
  if (options.whatsapp) {
    ephemeral.push({ platform: 'whatsapp', id: 'env-whatsapp', label: 'WhatsApp (TRIBE_WHATSAPP_SERVER)', practice: false, ...options.whatsapp });
  }
  const wantPractice =
    options.practice !== false &&
    (options.practice !== undefined || (!options.discord && !options.telegram && !options.whatsapp && !(await hasSavedSources(options.home))));
  if (wantPractice) {
    const p = options.practice || {};
    const seed = p.seed ?? 7;
    practice = await startDiscordSimulator({ port: p.port ?? 0, seed });
    const discordSim = practice;
    if (p.scenario !== false) stories.push(() => stops.push(startScenario(discordSim, { seed, speed: p.speed ?? 1, loop: true }).stop));
    ephemeral.push({ platform: 'discord', id: 'practice-discord', label: 'Practice Community', practice: true, apiBase: practice.apiBase, token: practice.token });
    log.info(`practice community (Discord) at ${practice.apiBase}`);
    if (p.telegram !== false) {
      const counterBase = await practiceTelegramBase(options.home);
      practiceTelegram = await startTelegramSimulator({ seed, counterBase });
      const telegramSim = practiceTelegram;
      // Saved at once (a crash before the first save still starts the next run above this one) and then as it goes.
      const save = () => savePracticeTelegram(options.home, telegramSim.counters().highest).catch((error: unknown) => log.warn('could not save the practice community counters', error));
      await save();
      const saver = setInterval(() => void save(), PRACTICE_SAVE_MS);
      saver.unref();
      stops.push(() => clearInterval(saver));
      closing.push(save);
      if (p.scenario !== false) stories.push(() => stops.push(startTelegramScenario(telegramSim, { seed, speed: p.speed ?? 1, loop: true }).stop));
      ephemeral.push({
        platform: 'telegram',
        id: 'practice-telegram',
        label: 'Practice Community Chat',
        practice: true,
        ...PRACTICE_TELEGRAM_APP,
        botToken: practiceTelegram.botToken,
        server: { host: practiceTelegram.host, port: practiceTelegram.port, rsaPublicKeyPem: practiceTelegram.rsaPublicKeyPem },
        ...(p.telegramReadBack !== undefined ? { readBackMax: p.telegramReadBack } : {}),
      });
      log.info(`practice community (Telegram) at ${practiceTelegram.host}:${practiceTelegram.port}`);
    }
    if (p.whatsapp !== false) {
      practiceWhatsApp = await startWhatsAppSimulator({ groups: practiceWhatsAppGroups(), phoneAnswers: true });
      const whatsappSim = practiceWhatsApp;
      if (p.scenario !== false) stories.push(() => stops.push(startWhatsAppScenario(whatsappSim, { seed, speed: p.speed ?? 1, loop: true }).stop));
      ephemeral.push({
        platform: 'whatsapp',
        id: 'practice-whatsapp',
        label: 'Practice WhatsApp Group',
        practice: true,
        server: { url: whatsappSim.url, noiseRootKey: whatsappSim.noiseRootKey },
        // The practice server forgets linked devices when it stops, so the device state lives as long.
        ephemeralAuth: true,
        // The practice phone scans the QR as soon as the console shows it.
        ...(p.whatsappAutoLink === false ? {} : { onQr: (qr: string) => void whatsappSim.scan(qr) }),
      });
      log.info(`practice community (WhatsApp) at ${whatsappSim.url}`);
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
    ...(options.postTickMs ? { postTickMs: options.postTickMs } : {}),
    ...(options.postGraceMs ? { postGraceMs: options.postGraceMs } : {}),
    ...(options.pageEscalateMs ? { pageEscalateMs: options.pageEscalateMs } : {}),
    ...(options.welcomeWave ? { welcomeQuietMs: options.welcomeWave.quietMs, welcomeMaxWaveMs: options.welcomeWave.maxMs } : {}),
    ...(telegramApp ? { telegramApp } : {}),
    ...(options.desktop ? { desktop: options.desktop } : {}),
    createConnector: (connection) => connectorFor(connection, options.secrets, options.home),
  });
  await core.start();
  if (stories.length > 0) {
    await whenReady(core, ['practice-discord', 'practice-telegram', ...(practiceWhatsApp && options.practice && options.practice.whatsappAutoLink === false ? [] : ['practice-whatsapp'])], 20_000);
    for (const start of stories) start();
  }
  const launched: Launched = {
    core,
    close: async () => {
      for (const stop of stops) stop();
      await core.stop();
      for (const last of closing) await last();
      await practice?.close();
      await practiceTelegram?.close();
      await practiceWhatsApp?.close();
    },
  };
  if (practice) launched.practice = practice;
  if (practiceTelegram) launched.practiceTelegram = practiceTelegram;
  if (practiceWhatsApp) launched.practiceWhatsApp = practiceWhatsApp;
  return launched;
}
