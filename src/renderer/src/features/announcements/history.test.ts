import { describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import type { ActionRow } from '../../db/schema';
import { PIN_REFUSED } from '@shared/domain/discordNeeds';
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

  it('says a space was posted but not pinned when Discord refused the pin', () => {
    const [space] = sentAnnouncements([row(1, { pin: true }, 'confirmed', PIN_REFUSED)])[0]?.spaces ?? [];
    expect(space).toMatchObject({ pinned: false, pinRefused: true, shown: { status: 'confirmed' } });
  });

  it('follows the latest edit of each space and says when every posted part is deleted', () => {
    const posted = (n: number, part: number, messageId: string): ActionRow => {
      const r = row(n, { part, parts: 2, ...(part === 0 ? { draft: 'old draft' } : {}) }, 'confirmed');
      return { ...r, receipt: { key: r.key, kind: 'announce', confirmedAt: 2000, duplicate: false, createdMessageId: messageId } };
    };
    const change = (n: number, intent: Partial<Extract<ActionIntent, { kind: 'edit' }>> & { messageId: string }, status: ActionRow['status'], kind: 'edit' | 'delete' = 'edit'): ActionRow => {
      const base = { key: key(n), sourceId: 'dc', platform: 'discord' as const, spaceId: 'g', channelId: 'c' };
      const full: ActionIntent = kind === 'edit' ? { ...base, kind: 'edit', text: 'new', ...intent } : { ...base, kind: 'delete', messageId: intent.messageId };
      return { key: full.key, intent: full, status, createdAt: 1000 + n, updatedAt: 1000 + n, attempts: 1 };
    };
    const first = key(700);
    const second = key(701);
    const rows = [
      posted(1, 0, 'm1'),
      posted(2, 1, 'm2'),
      change(3, { messageId: 'm1', editId: first, draft: 'first edit' }, 'confirmed'),
      change(4, { messageId: 'm2', editId: first }, 'confirmed'),
      change(5, { messageId: 'm1', editId: second, draft: 'second edit' }, 'confirmed'),
      change(6, { messageId: 'm2', editId: second }, 'queued'),
      // A delete of a message of another announcement does not count here.
      change(7, { messageId: 'elsewhere' }, 'confirmed', 'delete'),
    ];
    let space = sentAnnouncements(rows)[0]?.spaces[0];
    expect(space?.messageIds).toEqual(['m1', 'm2']);
    expect(space?.draft).toBe('second edit');
    expect(space?.edits.map((r) => r.key)).toEqual([key(5), key(6)]);
    expect(space?.edited).toBe(false);
    expect(space?.deleted).toBe(false);
    space = sentAnnouncements([...rows, change(8, { messageId: 'm1' }, 'confirmed', 'delete')])[0]?.spaces[0];
    expect(space?.deleted).toBe(false);
    space = sentAnnouncements([...rows, change(8, { messageId: 'm1' }, 'confirmed', 'delete'), change(9, { messageId: 'm2' }, 'confirmed', 'delete')])[0]?.spaces[0];
    expect(space?.deleted).toBe(true);
  });
});
