import { describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { ActionRow } from '../../db/schema';
import { sentAnnouncements } from './history';

const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(n: number, over: Partial<Extract<ActionIntent, { kind: 'announce' }>>, status: ActionRow['status'], detail?: string): ActionRow {
  const intent: ActionIntent = {
    key: key(n),
    kind: 'announce',
    announcementId: key(900),
    sourceId: 'dc',
    platform: 'discord',
    spaceId: 'g',
    channelId: 'c',
    part: 0,
    parts: 1,
    text: `part ${n}`,
    pin: false,
    ...over,
  };
  return {
    key: intent.key,
    intent,
    status,
    createdAt: 1000 + n,
    updatedAt: 1000 + n,
    attempts: 1,
    ...(status === 'confirmed' ? { receipt: { key: intent.key, kind: 'announce', confirmedAt: 2000, duplicate: false, ...(detail ? { detail } : {}) } } : {}),
  };
}

describe('sentAnnouncements', () => {
  it('groups the outbox rows of one announcement by space, and speaks for a space by its worst row', () => {
    const other: ActionRow = { key: key(50), intent: { key: key(50), kind: 'delete', sourceId: 'dc', platform: 'discord', spaceId: 'g', channelId: 'c', messageId: '1' }, status: 'confirmed', createdAt: 1, updatedAt: 1, attempts: 1 };
    const list = sentAnnouncements([
      other,
      row(2, { part: 1, parts: 2 }, 'queued'),
      row(1, { part: 0, parts: 2, pin: true }, 'confirmed', 'pinned'),
      row(3, { sourceId: 'tg', platform: 'telegram', spaceId: 's', channelId: 's', pin: true }, 'failed'),
    ]);
    expect(list).toHaveLength(1);
    expect(list[0]?.text).toBe('part 1');
    const [discord, telegram] = list[0]?.spaces ?? [];
    expect(discord?.rows.map((r) => r.key)).toEqual([key(1), key(2)]);
    expect(discord?.shown.key).toBe(key(2));
    expect(discord?.pinned).toBe(true);
    expect(telegram?.shown.status).toBe('failed');
    expect(telegram?.pinned).toBe(false);
  });
});
