import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectionsFromEnv } from './envConnections';

const ROOT = 'ab'.repeat(32);

describe('connections from the environment', () => {
  it('reads Discord, Telegram and WhatsApp in one go', () => {
    const got = connectionsFromEnv({
      TRIBE_DISCORD_API: 'http://127.0.0.1:1/api',
      TRIBE_DISCORD_TOKEN: 't0k',
      TRIBE_TELEGRAM_BOT_TOKEN: '1:abc',
      TRIBE_WHATSAPP_SERVER: 'ws://127.0.0.1:2/ws/chat',
      TRIBE_WHATSAPP_NOISE_ROOT_KEY: ROOT.toUpperCase(),
    });
    expect(got.discord).toEqual({ apiBase: 'http://127.0.0.1:1/api', token: 't0k' });
    expect(got.telegram).toMatchObject({ botToken: '1:abc', apiId: expect.any(Number) });
    expect(got.whatsapp?.server).toEqual({ url: 'ws://127.0.0.1:2/ws/chat', noiseRootKey: ROOT });
  });

  it('reads nothing from an empty environment', () => {
    expect(connectionsFromEnv({})).toEqual({});
  });

  it('names the variable when a value is malformed', () => {
    expect(() => connectionsFromEnv({ TRIBE_WHATSAPP_SERVER: 'http://x' })).toThrow(/TRIBE_WHATSAPP_SERVER/);
    expect(() => connectionsFromEnv({ TRIBE_WHATSAPP_SERVER: 'ws://x/ws/chat', TRIBE_WHATSAPP_NOISE_ROOT_KEY: 'abc' })).toThrow(/TRIBE_WHATSAPP_NOISE_ROOT_KEY/);
  });

  it('draws a headless WhatsApp link’s QR on the given terminal', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    connectionsFromEnv({ TRIBE_WHATSAPP_SERVER: 'ws://127.0.0.1:2/ws/chat' }, out).whatsapp?.onQr?.('2@ref,noise,identity,adv');
    await expect.poll(() => text).toContain('QR string: 2@ref,noise,identity,adv');
  });

  // Electron cannot start here (its test reports itself skipped), so this checks the wiring instead:
  // both entries hand launch() what connectionsFromEnv read, and neither reads a TRIBE_ connection
  // variable of its own (the Electron entry used to read only TRIBE_DISCORD_*).
  it('is what both entries, host mode and Electron, start with', () => {
    for (const entry of ['../main/host.ts', '../main/electron/window.ts']) {
      const source = readFileSync(resolve(__dirname, entry.replace('../main/', '')), 'utf8');
      expect(source, entry).toMatch(/connectionsFromEnv\(process\.env\)/);
      expect(source, entry).not.toMatch(/(discord|telegram\w*|whatsapp\w*)FromEnv\(/i);
    }
  });
});
