// Host mode as a function: listens on the settings folder's own address, launches the core and serves
// it; used by the host entry and by the tests.
import { join } from 'node:path';
import { launch } from '../launch';
import type { LaunchOptions } from '../launch';
import type { DiscordSimulator } from '../practice/discord/simulator';
import type { TelegramSimulator } from '../practice/telegram/simulator';
import type { WhatsAppSimulator } from '../practice/whatsapp/simulator';
import { FileSecretStore } from '../secrets/store';
import WebSocket from 'ws';
import { listenForHome, PortInUseError, readHostAddress, writeHostAddress } from './address';
import { newLaunchToken, serveHost } from './server';

export interface HostOptions {
  /** `--port` / TRIBE_PORT: this port instead of the settings folder's, kept from then on. */
  port?: number;
  home: string;
  rendererDir: string;
  practice?: LaunchOptions['practice'];
  discord?: LaunchOptions['discord'];
  telegram?: LaunchOptions['telegram'];
  whatsapp?: LaunchOptions['whatsapp'];
  version?: string;
  backfill?: number;
  postTickMs?: number;
  postGraceMs?: number;
  /** How long a page waits for its acknowledgement before it escalates (tests shorten it; else the team's ack time). */
  pageEscalateMs?: number;
  /** Join waves (tests shorten them): quiet spell and cap, in ms. */
  welcomeWave?: { quietMs: number; maxMs: number };
}

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  practice?: DiscordSimulator;
  practiceTelegram?: TelegramSimulator;
  practiceWhatsApp?: WhatsAppSimulator;
  close(): Promise<void>;
}

/** Does a console on this port accept this settings folder's launch token (so it is ours, running already)? */
function answersWithToken(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const origin = `http://127.0.0.1:${port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc?token=${encodeURIComponent(token)}`, { origin, handshakeTimeout: 5_000 });
    const done = (yes: boolean) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(yes);
    };
    // Asked for its version, our console answers; anything else closes, refuses or stays silent.
    const timer = setTimeout(() => done(false), 10_000);
    ws.once('open', () => ws.send(JSON.stringify({ t: 'req', id: 1, name: 'app.info', payload: {} })));
    ws.on('message', (data: WebSocket.RawData) => {
      try {
        const frame = JSON.parse(data.toString()) as { t?: string; id?: number };
        if (frame.t === 'res' && frame.id === 1) done(true);
      } catch {
        done(false);
      }
    });
    ws.once('close', () => done(false));
    ws.once('error', () => done(false));
    ws.once('unexpected-response', () => done(false));
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  // The same origin on every start, so the browser finds its local store again; the same token, so a
  // tab left open across a restart reconnects by itself.
  const kept = await readHostAddress(options.home);
  const token = kept.token ?? newLaunchToken();
  const wanted = options.port ? { port: options.port, asked: 'option' as const } : kept.port ? { port: kept.port, asked: 'stored' as const } : undefined;
  const server = await serveHost({ rendererDir: options.rendererDir, token, listen: (s) => listenForHome(s, options.home, wanted) }).catch(async (error: unknown) => {
    // The kept port may be held by this very settings folder's console, started twice: say where it is.
    if (error instanceof PortInUseError && kept.token && (await answersWithToken(error.port, kept.token))) {
      throw new PortInUseError(error.port, error.home, error.asked, `http://127.0.0.1:${error.port}/#token=${kept.token}`);
    }
    throw error;
  });
  try {
    if (server.port !== kept.port || token !== kept.token) await writeHostAddress(options.home, { port: server.port, token });
  } catch (error) {
    await server.close();
    throw error;
  }
  const launchOptions: LaunchOptions = {
    home: options.home,
    mode: 'host',
    version: options.version ?? '0.0.0-dev',
    secrets: new FileSecretStore(join(options.home, 'secrets.json')),
  };
  if (options.practice !== undefined) launchOptions.practice = options.practice;
  if (options.discord) launchOptions.discord = options.discord;
  if (options.telegram) launchOptions.telegram = options.telegram;
  if (options.whatsapp) launchOptions.whatsapp = options.whatsapp;
  if (options.backfill !== undefined) launchOptions.backfill = options.backfill;
  if (options.postTickMs !== undefined) launchOptions.postTickMs = options.postTickMs;
  if (options.postGraceMs !== undefined) launchOptions.postGraceMs = options.postGraceMs;
  if (options.pageEscalateMs !== undefined) launchOptions.pageEscalateMs = options.pageEscalateMs;
  if (options.welcomeWave !== undefined) launchOptions.welcomeWave = options.welcomeWave;
  let launched: Awaited<ReturnType<typeof launch>>;
  try {
    launched = await launch(launchOptions);
  } catch (error) {
    await server.close();
    throw error;
  }
  server.attach(launched.core);
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
  if (launched.practiceWhatsApp) running.practiceWhatsApp = launched.practiceWhatsApp;
  return running;
}
