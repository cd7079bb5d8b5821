// Starts the core with its connections: saved accounts, a headless TRIBE_DISCORD_* account, or — when
// there is nothing else — the built-in practice community with its scenario playing live.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DiscordConnector } from './connectors/discord/client';
import { Core } from './core/app';
import type { DiscordConnection } from './core/app';
import { startDiscordSimulator } from './practice/discord/simulator';
import type { DiscordSimulator } from './practice/discord/simulator';
import { startScenario } from './practice/discord/scenario';
import type { SecretStore } from './secrets/store';
import { logger } from './util/log';

const log = logger('launch');

export interface PracticeOptions {
  seed?: number;
  speed?: number;
  port?: number;
  /** Play the scenario (default true); tests may drive the simulator themselves. */
  scenario?: boolean;
}

export interface LaunchOptions {
  home: string;
  mode: 'electron' | 'host';
  version: string;
  secrets: SecretStore;
  /** undefined: practice only when no account is configured; false: never. */
  practice?: PracticeOptions | false;
  discord?: { apiBase: string; token: string };
  backfill?: number;
}

export interface Launched {
  core: Core;
  practice?: DiscordSimulator;
  close(): Promise<void>;
}

export function defaultHome(): string {
  if (process.env.TRIBE_HOME) return process.env.TRIBE_HOME;
  const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(config, 'tribekeeper');
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

export async function launch(options: LaunchOptions): Promise<Launched> {
  const ephemeral: DiscordConnection[] = [];
  let practice: DiscordSimulator | undefined;
  let stopScenario: (() => void) | undefined;
  if (options.discord) {
    ephemeral.push({ id: 'env-discord', label: 'Discord (TRIBE_DISCORD_API)', practice: false, ...options.discord });
  }
  const wantPractice =
    options.practice !== false && (options.practice !== undefined || (!options.discord && !(await hasSavedSources(options.home))));
  if (wantPractice) {
    const p = options.practice || {};
    practice = await startDiscordSimulator({ port: p.port ?? 0, seed: p.seed ?? 7 });
    if (p.scenario !== false) stopScenario = startScenario(practice, { seed: p.seed ?? 7, speed: p.speed ?? 1, loop: true }).stop;
    ephemeral.push({ id: 'practice-discord', label: 'Practice Community', practice: true, apiBase: practice.apiBase, token: practice.token });
    log.info(`practice community at ${practice.apiBase}`);
  }
  const core = new Core({
    home: options.home,
    mode: options.mode,
    version: options.version,
    secrets: options.secrets,
    ephemeral,
    backfill: options.backfill ?? 50,
    createDiscordConnector: (connection) => new DiscordConnector(connection),
  });
  await core.start();
  return {
    core,
    practice,
    close: async () => {
      stopScenario?.();
      await core.stop();
      await practice?.close();
    },
  };
}
