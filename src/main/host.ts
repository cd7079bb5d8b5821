// Entry for host mode (`npm start` without an Electron binary): serves the console on 127.0.0.1 and
// prints the URL with its launch token.
import { resolve } from 'node:path';
import { telegramServerFromEnv } from './connectors/telegram/client';
import { defaultHome, discordFromEnv, telegramAppFromEnv } from './launch';
import { startHost } from './host/start';
import type { HostOptions } from './host/start';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const options: HostOptions = {
    home: defaultHome(),
    rendererDir: process.env.TRIBE_RENDERER_DIR ?? resolve(__dirname, '../renderer'),
    version: process.env.npm_package_version ?? '0.1.0',
  };
  const port = Number(arg('port') ?? process.env.TRIBE_PORT ?? 0);
  if (port) options.port = port;
  const discord = discordFromEnv();
  if (discord) options.discord = discord;
  const telegram = telegramServerFromEnv(process.env);
  if (telegram.botToken || telegram.session) {
    // Against the practice server any app credentials work; Telegram itself needs real ones.
    const app = telegramAppFromEnv() ?? { apiId: 17349, apiHash: '3449e0b0c0ffee5e5ca1ab1ef00d0000' };
    options.telegram = { ...app, ...telegram };
  }
  if (process.argv.includes('--practice') || process.env.TRIBE_PRACTICE === '1') {
    options.practice = { seed: Number(arg('seed') ?? 7), speed: Number(arg('speed') ?? 1) };
  }
  const host = await startHost(options);
  process.stdout.write(
    `\nTribekeeper is running in host mode (no Electron window here).\n` +
      `Open this address in a browser on this machine:\n\n  ${host.url}\n\n` +
      (host.practice ? `Practice community: Discord API ${host.practice.apiBase}\n` : '') +
      (host.practiceTelegram ? `Practice community: Telegram server ${host.practiceTelegram.host}:${host.practiceTelegram.port}\n` : '') +
      `Press Ctrl-C to stop.\n`,
  );
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void host.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Tribekeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
