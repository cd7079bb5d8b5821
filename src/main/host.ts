// Entry for host mode (`npm start` without an Electron binary): serves the console on 127.0.0.1 and
// prints the URL with its launch token. The address is the settings folder's own (see host/address.ts):
// the same on every start unless `--port` / TRIBE_PORT moves it.
import '@shared/zodSetup';
import { resolve } from 'node:path';
import { connectionsFromEnv } from './envConnections';
import { defaultHome } from './launch';
import { startHost } from './host/start';
import type { HostOptions } from './host/start';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be a port number from 1 to 65535, got "${raw}".`);
  return port;
}

async function main() {
  const options: HostOptions = {
    home: defaultHome(),
    rendererDir: process.env.TRIBE_RENDERER_DIR ?? resolve(__dirname, '../renderer'),
    version: process.env.npm_package_version ?? '0.1.0',
  };
  const port = parsePort(arg('port') ?? process.env.TRIBE_PORT);
  if (port) options.port = port;
  // TRIBE_DISCORD_*, TRIBE_TELEGRAM_*, TRIBE_WHATSAPP_* (a headless WhatsApp link prints its QR here).
  Object.assign(options, connectionsFromEnv(process.env));
  if (process.argv.includes('--practice') || process.env.TRIBE_PRACTICE === '1') {
    options.practice = { seed: Number(arg('seed') ?? 7), speed: Number(arg('speed') ?? 1) };
  }
  const host = await startHost(options);
  process.stdout.write(
    `\nTribekeeper is running in host mode (no Electron window here).\n` +
      `Open this address in a browser on this machine:\n\n  ${host.url}\n\n` +
      `The address stays the same on every start with this settings folder (${options.home}),\n` +
      `so the browser keeps its inbox and outbox; a tab left open reconnects by itself.\n\n` +
      (host.practice ? `Practice community: Discord API ${host.practice.apiBase}\n` : '') +
      (host.practiceTelegram ? `Practice community: Telegram server ${host.practiceTelegram.host}:${host.practiceTelegram.port}\n` : '') +
      (host.practiceWhatsApp ? `Practice community: WhatsApp server ${host.practiceWhatsApp.url}\n` : '') +
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
