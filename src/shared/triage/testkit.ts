// Test helpers: build ChatEvents tersely. Lives beside the tests; not used by the engine.
import type { ChatEvent } from '../domain/model';

let seq = 0;

export function message(text: string, over: Partial<ChatEvent> & { authorId?: string; authorName?: string; ts?: number } = {}): ChatEvent {
  const { authorId, authorName, ...rest } = over;
  seq++;
  return {
    id: `discord:g:c:${seq}`,
    sourceId: 's',
    platform: 'discord',
    kind: 'message',
    spaceId: 'g',
    channelId: 'c',
    ts: 1_700_000_000_000 + seq * 60_000,
    author: { id: authorId ?? `u${seq}`, name: authorName ?? `user${seq}`, bot: false, accountCreatedAt: 1_500_000_000_000, joinedAt: 1_600_000_000_000 },
    text,
    ...rest,
  };
}

export function join(authorId: string, name: string, ts: number, accountCreatedAt: number, spaceId = 'g'): ChatEvent {
  seq++;
  return {
    id: `discord:${spaceId}:c:join${seq}`,
    sourceId: 's',
    platform: 'discord',
    kind: 'join',
    spaceId,
    channelId: 'c',
    ts,
    author: { id: authorId, name, bot: false, accountCreatedAt, joinedAt: ts },
  };
}
