// Property: gramjs messages of any shape Telegram may send (every optional field absent or present: who
// it is from — a user, the group, a channel, nobody —, reply headers, forward headers, entities whose
// offsets run past the text, media of every kind, service actions) become events without a throw, and
// every event is one the contract accepts.
import fc from 'fast-check';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import { messageEvents } from './events';
import { Known, bigOf } from './known';

const CHAT = '1700000001';
const big = (n: number | string) => bigOf(n);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const text = fc.string({ unit: 'binary', maxLength: 120 });
const int = fc.integer({ min: 0, max: 2 ** 31 - 1 });

const peer = fc.oneof(
  fc.constant(new Api.PeerUser({ userId: big(42) })),
  fc.constant(new Api.PeerUser({ userId: big(777) })),
  fc.constant(new Api.PeerChannel({ channelId: big(CHAT) })),
  fc.constant(new Api.PeerChannel({ channelId: big(555) })),
  fc.constant(new Api.PeerChat({ chatId: big(9) })),
);
const replyTo = fc.oneof(
  fc.record({ forumTopic: opt(fc.boolean()), replyToMsgId: opt(int), replyToTopId: opt(int) }).map((r) => new Api.MessageReplyHeader(r)),
  fc.constant(new Api.MessageReplyStoryHeader({ peer: new Api.PeerUser({ userId: big(42) }), storyId: 1 })),
);
const fwdFrom = fc.record({ fromId: opt(peer), fromName: opt(text), date: int, channelPost: opt(int) }).map((f) => new Api.MessageFwdHeader(f));
const entity = fc.record({ offset: fc.integer({ min: 0, max: 400 }), length: fc.integer({ min: 0, max: 400 }), url: fc.string({ maxLength: 3000 }) }).chain(({ offset, length, url }) =>
  fc.constantFrom(new Api.MessageEntityTextUrl({ offset, length, url }), new Api.MessageEntityMention({ offset, length }), new Api.MessageEntityBold({ offset, length })),
);
const answers = fc.array(text, { maxLength: 4 }).map((list) => list.map((t, i) => new Api.PollAnswer({ text: new Api.TextWithEntities({ text: t, entities: [] }), option: Buffer.from([i]) })));
const media = fc.oneof(
  fc.constant(new Api.MessageMediaPhoto({})),
  fc.record({ question: text, answers }).map(({ question, answers }) => new Api.MessageMediaPoll({ poll: new Api.Poll({ id: big(1), question: new Api.TextWithEntities({ text: question, entities: [] }), answers }), results: new Api.PollResults({}) })),
  fc.record({ firstName: text, lastName: text, phoneNumber: text }).map((c) => new Api.MessageMediaContact({ ...c, vcard: '', userId: big(0) })),
  fc.record({ title: text, address: text }).map((v) => new Api.MessageMediaVenue({ geo: new Api.GeoPointEmpty(), ...v, provider: '', venueId: '', venueType: '' })),
  fc.constant(new Api.MessageMediaDocument({ document: new Api.DocumentEmpty({ id: big(1) }) })),
  fc.record({ mimeType: fc.string({ maxLength: 60 }), fileName: opt(text) }).map(
    ({ mimeType, fileName }) =>
      new Api.MessageMediaDocument({
        document: new Api.Document({ id: big(1), accessHash: big(1), fileReference: Buffer.alloc(0), date: 0, mimeType, size: big(1), dcId: 1, attributes: fileName === undefined ? [] : [new Api.DocumentAttributeFilename({ fileName })] }),
      }),
  ),
  fc.record({ url: fc.string({ maxLength: 3000 }), title: opt(text) }).map(({ url, title }) => new Api.MessageMediaWebPage({ webpage: new Api.WebPage({ id: big(1), url, displayUrl: url, hash: 0, ...(title !== undefined ? { title } : {}) }) })),
  fc.string({ maxLength: 3000 }).map((url) => new Api.MessageMediaWebPage({ webpage: new Api.WebPagePending({ id: big(1), url, date: 0 }) })),
  fc.constant(new Api.MessageMediaDice({ value: 6, emoticon: '🎲' })),
  fc.constant(new Api.MessageMediaUnsupported()),
);
const buttons = fc.array(fc.record({ text, url: fc.string({ maxLength: 3000 }) }), { maxLength: 3 }).map(
  (list) => new Api.ReplyInlineMarkup({ rows: [new Api.KeyboardButtonRow({ buttons: list.map((b) => new Api.KeyboardButtonUrl(b)) })] }),
);

const message = fc.record(
  {
    id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    out: opt(fc.boolean()),
    fromId: opt(peer),
    date: int,
    editDate: opt(int),
    message: fc.oneof(text, fc.string({ minLength: 4000, maxLength: 4096 })),
    replyTo: opt(replyTo),
    fwdFrom: opt(fwdFrom),
    entities: opt(fc.array(entity, { maxLength: 4 })),
    media: opt(media),
    replyMarkup: opt(buttons),
    postAuthor: opt(text),
  },
  { requiredKeys: ['id', 'date', 'message'] },
).map((m) => new Api.Message({ ...m, peerId: new Api.PeerChannel({ channelId: big(CHAT) }) }));

const action = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 10 ** 9 }), { maxLength: 3 }).map((ids) => new Api.MessageActionChatAddUser({ users: ids.map(big) })),
  fc.constant(new Api.MessageActionChatJoinedByLink({ inviterId: big(42) })),
  fc.constant(new Api.MessageActionChatJoinedByRequest()),
  fc.constant(new Api.MessageActionChatDeleteUser({ userId: big(42) })),
  text.map((title) => new Api.MessageActionTopicCreate({ title, iconColor: 0 })),
  opt(text).map((title) => new Api.MessageActionTopicEdit(title === undefined ? {} : { title })),
  text.map((title) => new Api.MessageActionChatEditTitle({ title })),
  fc.constant(new Api.MessageActionPinMessage()),
  fc.constant(new Api.MessageActionEmpty()),
);
const service = fc
  .record({ id: fc.integer({ min: 1, max: 2 ** 31 - 1 }), fromId: opt(peer), date: int, replyTo: opt(replyTo), action }, { requiredKeys: ['id', 'date', 'action'] })
  .map((m) => new Api.MessageService({ ...m, peerId: new Api.PeerChannel({ channelId: big(CHAT) }) }));

function known(forum: boolean, withUsers: boolean): Known {
  const k = new Known('tg-1', () => undefined);
  k.learnEntity(new Api.Channel({ id: big(CHAT), accessHash: big(1), title: 'Practice Community Chat', photo: new Api.ChatPhotoEmpty(), date: 0, megagroup: true, forum }));
  k.learnEntity(new Api.Channel({ id: big(555), accessHash: big(2), title: 'Linked News', photo: new Api.ChatPhotoEmpty(), date: 0, broadcast: true }));
  if (withUsers) {
    k.learnEntity(new Api.User({ id: big(42), firstName: 'Ana', username: 'ana', langCode: 'pt-br' }));
    // A deleted account: Telegram sends it with no name at all.
    k.learnEntity(new Api.User({ id: big(777), deleted: true }));
  }
  return k;
}

describe('Telegram events from any gramjs message', () => {
  it('never throw and make only events the contract accepts', () => {
    fc.assert(
      fc.property(fc.oneof(message, service), fc.boolean(), fc.boolean(), fc.boolean(), (m, forum, withUsers, edit) => {
        const k = known(forum, withUsers);
        const chat = k.chats.get(CHAT)!;
        for (const event of messageEvents(k, chat, m, edit)) {
          const parsed = ChatEventSchema.safeParse(event);
          expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.map((i) => i.path.join('.')))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
