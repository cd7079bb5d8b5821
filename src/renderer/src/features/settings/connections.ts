// Settings → Connections talks to main through here, never from a view: each command's answer comes
// back as main gave it (a send that never reached main throws, as `send` does) for the view to word,
// and what succeeded is applied here (the sources store learns a connection added or removed).
import type { CommandRequest } from '@shared/ipc/contract';
import { send } from '../../ipc/client';
import { useSources } from '../../stores/sources';

export async function addDiscordSource(request: CommandRequest<'sources.addDiscord'>) {
  const res = await send('sources.addDiscord', request);
  if (res.ok) useSources.getState().upsert(res.value);
  return res;
}

export async function addTelegramBot(request: CommandRequest<'sources.addTelegramBot'>) {
  const res = await send('sources.addTelegramBot', request);
  if (res.ok) useSources.getState().upsert(res.value);
  return res;
}

/** Links a WhatsApp device: main answers the new source, whose state then carries the QR offer. */
export async function linkWhatsApp(request: CommandRequest<'sources.linkWhatsApp'>) {
  const res = await send('sources.linkWhatsApp', request);
  if (res.ok) useSources.getState().upsert(res.value);
  return res;
}

/** Links a WhatsApp connection again after linking was refused, expired or logged out. */
export async function relinkWhatsApp(request: CommandRequest<'sources.relinkWhatsApp'>) {
  const res = await send('sources.relinkWhatsApp', request);
  if (res.ok) useSources.getState().upsert(res.value);
  return res;
}

/** A user account's login, step 1: Telegram sends the code. */
export function startTelegramLogin(request: CommandRequest<'sources.telegramLogin.start'>) {
  return send('sources.telegramLogin.start', request);
}

/** Step 2 (and 3): the code, then the cloud password; signed in, the new source is listed. */
export async function finishTelegramLogin(request: CommandRequest<'sources.telegramLogin.finish'>) {
  const res = await send('sources.telegramLogin.finish', request);
  if (res.ok && res.value.status === 'signed_in') useSources.getState().upsert(res.value.source);
  return res;
}

export async function removeSource(sourceId: string) {
  const res = await send('sources.remove', { sourceId });
  if (res.ok) useSources.getState().remove(sourceId);
  return res;
}

/** How tokens and sessions are kept on this computer. */
export function secretProtection() {
  return send('secrets.protection', {});
}

export function allowUnencryptedSecrets(allow: boolean) {
  return send('secrets.allowUnencrypted', { allow });
}
