// Shared set-up of the WhatsApp protocol tests: a practice server, a connector on the real Baileys
// pointed at it, and a device linked by QR the way the phone does it.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { SourceInfo } from '@shared/domain/model';
import type { RawEvent } from '../../src/main/core/connector';
import type { AuthVault } from '../../src/main/connectors/whatsapp/authState';
import { WhatsAppConnector, whatsappServerFromEnv, type WhatsAppSourceConfig } from '../../src/main/connectors/whatsapp/client';
import { startWhatsAppSimulator, type WhatsAppSimulator, type WhatsAppSimulatorOptions } from '../../src/main/practice/whatsapp/simulator';
import { until } from './until';

export type Cleanups = Array<() => Promise<void>>;

/** A vault that keeps the serialized state in memory and counts writes (what main's secret store gets). */
export function memoryVault() {
  const box: { value: string | undefined; writes: number } = { value: undefined, writes: 0 };
  const vault: AuthVault = {
    load: async () => box.value,
    save: async (v) => {
      box.value = v;
      box.writes += 1;
    },
    clear: async () => {
      box.value = undefined;
    },
  };
  return { vault, box };
}

export async function simulator(cleanups: Cleanups, options: WhatsAppSimulatorOptions): Promise<WhatsAppSimulator> {
  const sim = await startWhatsAppSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}

export function connector(cleanups: Cleanups, sim: WhatsAppSimulator, vault: AuthVault, extra: Partial<WhatsAppSourceConfig> = {}) {
  const server = whatsappServerFromEnv({ TRIBE_WHATSAPP_SERVER: sim.url, TRIBE_WHATSAPP_NOISE_ROOT_KEY: sim.noiseRootKey });
  const c = new WhatsAppConnector({ id: `whatsapp-${randomUUID().slice(0, 8)}`, label: 'Practice WhatsApp', practice: true, server: server!, vault, sendSpacingMs: 0, ...extra });
  const events: RawEvent[] = [];
  const infos: SourceInfo[] = [];
  c.onEvent((e) => events.push(e));
  c.onInfo((i) => infos.push(i));
  cleanups.push(() => c.stop());
  return { c, events, infos };
}

/** Links a fresh device by QR, as the phone would, and waits until it is ready. */
export async function linked(cleanups: Cleanups, sim: WhatsAppSimulator, extra: Partial<WhatsAppSourceConfig> = {}, vault = memoryVault().vault) {
  const conn = connector(cleanups, sim, vault, extra);
  const started = await conn.c.start();
  expect(started.ok).toBe(true);
  const qr = await until(() => conn.c.info().link?.qr, 'a QR in the connection state');
  expect(await sim.scan(qr)).toBe(true);
  await until(() => conn.c.info().state === 'ready', 'the linked device to be ready');
  return conn;
}

export const intentIn =
  (group: string) =>
  (fields: Record<string, unknown>): ActionIntent =>
    ({ key: randomUUID(), sourceId: 'x', platform: 'whatsapp', spaceId: group, channelId: group, ...fields }) as ActionIntent;
