// Host mode as a function: launches the core and serves it; used by the host entry and by the tests.
import { join } from 'node:path';
import { launch } from '../launch';
import type { LaunchOptions } from '../launch';
import type { DiscordSimulator } from '../practice/discord/simulator';
import type { TelegramSimulator } from '../practice/telegram/simulator';
import { FileSecretStore } from '../secrets/store';
import { serveHost } from './server';

export interface HostOptions {
  port?: number;
  home: string;
  rendererDir: string;
  practice?: LaunchOptions['practice'];
  discord?: LaunchOptions['discord'];
  telegram?: LaunchOptions['telegram'];
  version?: string;
  backfill?: number;
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  practice?: DiscordSimulator;
  practiceTelegram?: TelegramSimulator;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const launchOptions: LaunchOptions = {
    home: options.home,
    mode: 'host',
    version: options.version ?? '0.0.0-dev',
    secrets: new FileSecretStore(join(options.home, 'secrets.json')),
  };
  if (options.practice !== undefined) launchOptions.practice = options.practice;
  if (options.discord) launchOptions.discord = options.discord;
  if (options.telegram) launchOptions.telegram = options.telegram;
  if (options.backfill !== undefined) launchOptions.backfill = options.backfill;
  const launched = await launch(launchOptions);
  const server = await serveHost(launched.core, { rendererDir: options.rendererDir, ...(options.port ? { port: options.port } : {}) });
  const running: RunningHost = {
    url: server.url,
    origin: server.origin,
    token: server.token,
    port: server.port,
    close: async () => {
      await server.close();
      await launched.close();
    },
  };
  if (launched.practice) running.practice = launched.practice;
  if (launched.practiceTelegram) running.practiceTelegram = launched.practiceTelegram;
  return running;
}
