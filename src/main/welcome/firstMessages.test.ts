// A newcomer's first message: the first message after a recent join, once; not a regular's, a bot's, a
// message long after the join, or the second one.
import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '@shared/domain/model';
import { NEWCOMER_WINDOW_MS, NewcomerFirsts } from './firstMessages';

let n = 0;
function event(kind: ChatEvent['kind'], author: string, ts: number, over: Partial<ChatEvent> = {}): ChatEvent {
  n += 1;
  return { id: `discord:g:c:${n}`, seq: n, sourceId: 'dc', platform: 'discord', spaceId: 'g', channelId: 'c', kind, ts, author: { id: author, name: author, bot: false }, ...over } as ChatEvent;
}

describe('a newcomer\'s first message', () => {
  it('is the first message after a recent join, once', () => {
    const firsts = new NewcomerFirsts();
    expect(firsts.observe(event('message', 'regular', 1_000))).toBe(false);
    expect(firsts.observe(event('join', 'ana', 2_000))).toBe(false);
    expect(firsts.observe(event('message', 'ana', 3_000))).toBe(true);
    expect(firsts.observe(event('message', 'ana', 4_000))).toBe(false);
  });

  it('leaves out bots, other spaces, a member who left, and a first message long after the join', () => {
    const firsts = new NewcomerFirsts();
    firsts.observe(event('join', 'bot', 0, { author: { id: 'bot', name: 'bot', bot: true } }));
    expect(firsts.observe(event('message', 'bot', 1, { author: { id: 'bot', name: 'bot', bot: true } }))).toBe(false);
    firsts.observe(event('join', 'bao', 0));
    expect(firsts.observe(event('message', 'bao', 1, { spaceId: 'other' }))).toBe(false);
    firsts.observe(event('join', 'chi', 0));
    firsts.observe(event('leave', 'chi', 1));
    expect(firsts.observe(event('message', 'chi', 2))).toBe(false);
    firsts.observe(event('join', 'dana', 0));
    expect(firsts.observe(event('message', 'dana', NEWCOMER_WINDOW_MS + 1))).toBe(false);
    // bao's first message in the space they joined still counts.
    expect(firsts.observe(event('message', 'bao', 5))).toBe(true);
  });
});
