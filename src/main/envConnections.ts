// The connections a headless start takes from the environment (TRIBE_DISCORD_*, TRIBE_TELEGRAM_*,
// TRIBE_WHATSAPP_*), read in one place so host mode and the Electron entry start the same console.
import { telegramServerFromEnv } from './connectors/telegram/login';
import { whatsappServerFromEnv } from './connectors/whatsapp/client';
import { printQr } from './connectors/whatsapp/terminalQr';
import { discordFromEnv, PRACTICE_TELEGRAM_APP, telegramAppFromEnv, type LaunchOptions } from './launch';

export type EnvConnections = Pick<LaunchOptions, 'discord' | 'telegram' | 'whatsapp'>;

/**
 * What the environment asks to connect. A WhatsApp link started this way draws its QR on `qrOut`
 * (the terminal) as well as in Settings. Throws with the variable's name when a value is malformed.
 */
export function connectionsFromEnv(env: NodeJS.ProcessEnv, qrOut: NodeJS.WritableStream = process.stdout): EnvConnections {
  const out: EnvConnections = {};
  const discord = discordFromEnv(env);
  if (discord) out.discord = discord;
  const telegram = telegramServerFromEnv(env);
  if (telegram.botToken || telegram.session) {
    // Against the practice server any app credentials work; Telegram itself needs real ones.
    const app = telegramAppFromEnv(env) ?? PRACTICE_TELEGRAM_APP;
    out.telegram = { ...app, ...telegram };
  }
  const whatsapp = whatsappServerFromEnv(env);
  if (whatsapp) out.whatsapp = { server: whatsapp, onQr: (qr) => void printQr(qr, qrOut) };
  return out;
}
