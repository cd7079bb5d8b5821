// The practice community with its WhatsApp group (`npm start` without accounts): the practice phone
// links the console's device by QR over the wire, the story plays on all three platforms, and the
// "Free Nitro" lure posted on Discord, Telegram and WhatsApp within seconds shares one similarity
// key (the inbox folds it into one cross-platform incident); the chain message arrives marked as
// forwarded many times; the raid's joins arrive as joins.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/shared/domain/model';
import type { EventName, EventPayload } from '../../src/shared/ipc/contract';
import { launch, type Launched } from '../../src/main/launch';
import { FileSecretStore } from '../../src/main/secrets/store';
import { until } from './until';

const home = mkdtempSync(join(tmpdir(), 'tk-practice-whatsapp-'));
let running: Launched | undefined;

afterAll(async () => {
  await running?.close();
});

describe('the practice community’s WhatsApp group', () => {
  it('links by QR, plays the story, and the cross-platform lure shares one similarity key', async () => {
    running = await launch({ home, mode: 'host', version: 'test', secrets: new FileSecretStore(join(home, 'secrets.json')), practice: { seed: 5, speed: 6 } });
    const launched = running;
    expect(launched.practiceWhatsApp).toBeDefined();
    const envelopes: Envelope[] = [];
    const session = launched.core.openSession({
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'events.received') envelopes.push(...(payload as EventPayload<'events.received'>).envelopes);
      },
    });
    void session.invoke('sync.subscribe', { cursors: [] });
    await until(() => launched.core.sources().find((s) => s.id === 'practice-whatsapp')?.state === 'ready', 'the practice WhatsApp device linked', 30_000);
    const whatsapp = launched.core.sources().find((s) => s.id === 'practice-whatsapp')!;
    expect(whatsapp.spaces.map((s) => s.name)).toEqual(['Course study group']);
    // The device state of the practice device never reaches the secret store (it lives for the run).
    expect(await new FileSecretStore(join(home, 'secrets.json')).get('source:practice-whatsapp:whatsappAuth')).toBeUndefined();

    const lure = (platform: string) => envelopes.find((e) => e.event.platform === platform && e.event.kind === 'message' && e.event.text?.includes('Free Nitro') && e.flags.length > 0);
    await until(() => lure('whatsapp') && lure('discord') && lure('telegram'), 'the lure flagged on all three platforms', 60_000);
    const keys = ['whatsapp', 'discord', 'telegram'].map((p) => new Set(lure(p)!.similar ?? []));
    const shared = [...keys[0]!].filter((k) => keys[1]!.has(k) && keys[2]!.has(k));
    expect(shared.length).toBeGreaterThan(0);

    const chain = await until(() => envelopes.find((e) => e.event.platform === 'whatsapp' && e.event.text?.startsWith('URGENT forward this')), 'the chain message', 30_000);
    expect([chain.event.forwarded, chain.event.forwardedFrom]).toEqual(['many', undefined]);
    await until(() => envelopes.filter((e) => e.event.platform === 'whatsapp' && e.event.kind === 'join').length >= 6, 'the raid’s joins', 30_000);
    session.close?.();
  });
});
