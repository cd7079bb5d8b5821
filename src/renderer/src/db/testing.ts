// Fixtures shared by the store's unit tests: envelopes shaped like main's pipeline output.
import type { Envelope, Flag } from '@shared/domain/model';

let counter = 0;
/** A fresh database name per test, so tests never see each other's rows. */
export function uniqueDbName(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2)}`;
}

export const scamFlag: Flag = {
  rule: 'keyword.scam-lure',
  category: 'scam',
  severity: 'medium',
  reason: 'Scam lure phrase "free nitro"',
  evidence: [{ start: 0, end: 10, text: 'free nitro' }],
};

export function message(n: number, opts: { flags?: Flag[]; channelId?: string; sourceId?: string; text?: string } = {}): Envelope {
  const channelId = opts.channelId ?? 'c1';
  const sourceId = opts.sourceId ?? 's1';
  return {
    event: {
      id: `discord:g1:${channelId}:${n}`,
      sourceId,
      platform: 'discord',
      kind: 'message',
      spaceId: 'g1',
      channelId,
      channelName: channelId === 'c1' ? 'general' : channelId,
      messageId: String(n),
      ts: 1_700_000_000_000 + n,
      author: { id: `u${n % 3}`, name: `user${n % 3}`, bot: false },
      text: opts.text ?? `hello ${n}`,
      // The move every connector puts on a message (core/connector.ts).
      cursor: { after: { [channelId]: String(n) } },
    },
    flags: opts.flags ?? [],
  };
}

export function deletion(n: number, channelId = 'c1'): Envelope {
  return {
    event: {
      id: `discord:g1:${channelId}:${n}:delete`,
      sourceId: 's1',
      platform: 'discord',
      kind: 'delete',
      spaceId: 'g1',
      channelId,
      messageId: String(n),
      ts: 1_700_000_100_000 + n,
    },
    flags: [],
  };
}
