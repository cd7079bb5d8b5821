// Test helpers: build ChatEvents tersely. Lives beside the tests; not used by the engine.
import type { ChatEvent, Flag } from '../domain/model';

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

/** The span of `words` in `text` (its first occurrence), as the context checks take it. */
export function spanOf(text: string, words: string): [string, number, number] {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`${words} not in ${text}`);
  return [text, start, start + words.length];
}

/** The flags' categories, each once, sorted. */
export const flagCategories = (flags: readonly Flag[]): string[] => [...new Set(flags.map((f) => f.category))].sort();
