// Shared set-up of the WhatsApp benches: wait on a condition, and a device linked by QR to a practice
// WhatsApp server the way the phone does it (real Baileys), with the send pace off unless asked for.
import type { WhatsAppSourceConfig } from '../src/main/connectors/whatsapp/client';
import { WhatsAppConnector } from '../src/main/connectors/whatsapp/client';
import { memoryVault } from '../src/main/connectors/whatsapp/authState';
import type { WhatsAppSimulator } from '../src/main/practice/whatsapp/simulator';

export async function until(probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('bench condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A device linked to `sim` and ready; `linkMs`: from the phone's scan to ready. `extra` overrides the config (e.g. the pace). */
export async function linkedDevice(sim: WhatsAppSimulator, extra: Partial<WhatsAppSourceConfig> = {}): Promise<{ connector: WhatsAppConnector; linkMs: number }> {
  const connector = new WhatsAppConnector({ id: 'bench', label: 'bench', practice: true, server: { url: sim.url, noiseRootKey: sim.noiseRootKey }, vault: memoryVault(), sendSpacingMs: 0, ...extra });
  await connector.start();
  let qr: string | undefined;
  await until(() => (qr = connector.info().link?.qr) !== undefined);
  const t0 = Date.now();
  await sim.scan(qr!);
  await until(() => connector.info().state === 'ready');
  return { connector, linkMs: Date.now() - t0 };
}
