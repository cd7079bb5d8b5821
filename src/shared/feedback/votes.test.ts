import { describe, expect, it } from 'vitest';
import { applyReaction, votesOn, type ReactionBook, type ReactionEventLike } from './votes';

const on = (platform: 'discord' | 'whatsapp', messageId: string, member: string, text: string, removed = false, bot = false): ReactionEventLike => ({
  kind: 'reaction',
  platform,
  spaceId: 'g1',
  channelId: platform === 'whatsapp' ? 'g1' : 'c1',
  messageId,
  text,
  author: { id: member, bot },
  ...(removed ? { detail: 'removed' } : {}),
});
const apply = (events: ReactionEventLike[], book: ReactionBook = {}) => events.reduce(applyReaction, book);
const A = 'discord:g1:c1:100';
const B = 'discord:g1:c1:200';

describe('reactions as votes', () => {
  it('counts distinct members over all of a cluster’s messages, once each', () => {
    const book = apply([on('discord', '100', 'ann', '👍'), on('discord', '100', 'ann', '❤️'), on('discord', '200', 'ann', '👍'), on('discord', '200', 'bob', '🎉')]);
    expect(votesOn(book, [A, B])).toBe(2);
    expect(votesOn(book, [A])).toBe(1);
    expect(votesOn(book, ['discord:g1:c1:300'])).toBe(0);
  });

  it('a take-back counts down only when the member holds no other reaction there', () => {
    let book = apply([on('discord', '100', 'ann', '👍'), on('discord', '100', 'ann', '❤️'), on('discord', '100', 'bob', '👍')]);
    book = applyReaction(book, on('discord', '100', 'ann', '👍', true));
    expect(votesOn(book, [A])).toBe(2);
    book = applyReaction(book, on('discord', '100', 'ann', '❤️', true));
    expect(votesOn(book, [A])).toBe(1);
    // A take-back of something never held changes nothing.
    book = applyReaction(book, on('discord', '100', 'cid', '👍', true));
    expect(votesOn(book, [A])).toBe(1);
    book = applyReaction(book, on('discord', '100', 'bob', '👍', true));
    expect(votesOn(book, [A])).toBe(0);
    expect(book).toEqual({});
  });

  it('a repeated add is still one vote', () => {
    expect(votesOn(apply([on('discord', '100', 'ann', '👍'), on('discord', '100', 'ann', '👍')]), [A])).toBe(1);
  });

  it('WhatsApp: a new reaction replaces the old one, an empty one removes it', () => {
    const W = 'whatsapp:g1:g1:M1';
    let book = apply([on('whatsapp', 'M1', 'ann', '👍'), on('whatsapp', 'M1', 'ann', '❤️')]);
    expect(votesOn(book, [W])).toBe(1);
    expect(book[W]).toEqual({ ann: ['❤️'] });
    book = applyReaction(book, on('whatsapp', 'M1', 'ann', ''));
    expect(votesOn(book, [W])).toBe(0);
  });

  it('bots and other events do not vote', () => {
    const book = apply([on('discord', '100', 'bot', '👍', false, true), { ...on('discord', '100', 'ann', 'hi'), kind: 'message' }]);
    expect(votesOn(book, [A])).toBe(0);
  });
});
