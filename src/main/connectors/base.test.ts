import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RawEvent } from '../core/connector';

const good: RawEvent = { id: 'whatsapp:g:g:ABC', sourceId: 'wa', platform: 'whatsapp', kind: 'message', spaceId: 'g', channelId: 'g', messageId: 'ABC', ts: 1, text: 'ok' };

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.TRIBE_LOG_LEVEL;
});

describe('admissible', () => {
  it('passes an event the contract accepts and skips one it refuses, logging the fields at fault, never their values', async () => {
    process.env.TRIBE_LOG_LEVEL = 'debug';
    vi.resetModules();
    const { admissible, admissibleOnly } = await import('./base');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const refused: RawEvent = { ...good, messageId: 'M'.repeat(250), text: 'send 0.1 BTC to secret-wallet', author: { id: 'u1', name: 'Private Name', bot: false } };
    expect(admissible(good)).toBe(true);
    expect(admissible(refused)).toBe(false);
    expect(admissibleOnly([good, refused, good])).toEqual([good, good]);
    const log = lines.join('');
    expect(log).toContain('messageId');
    expect(log).not.toMatch(/secret-wallet|Private Name|MMMM/);
  });
});
