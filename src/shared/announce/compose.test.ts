import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ActionIntentSchema } from '../domain/actions';
import { announcementIntents, previewAnnouncement, telegramEntities } from './compose';

const draft = '**Voice chat** tonight at 19:00 — bring _questions_!\n\nAgenda: `v2.1` and [the roadmap](https://example.org/road?a=1&b=2)';

describe('previewAnnouncement', () => {
  it('renders Discord markdown, WhatsApp markers and Telegram entities from one draft', () => {
    expect(previewAnnouncement(draft, 'discord').messages[0]?.text).toBe(
      '**Voice chat** tonight at 19:00 — bring *questions*!\n\nAgenda: `v2.1` and [the roadmap](https://example.org/road?a=1&b=2)',
    );
    expect(previewAnnouncement(draft, 'whatsapp').messages[0]?.text).toBe(
      '*Voice chat* tonight at 19:00 — bring _questions_!\n\nAgenda: `v2.1` and the roadmap (https://example.org/road?a=1&b=2)',
    );
    const tg = previewAnnouncement(draft, 'telegram').messages[0];
    expect(tg?.text).toBe('Voice chat tonight at 19:00 — bring questions!\n\nAgenda: v2.1 and the roadmap');
    expect(tg?.entities).toEqual([
      { type: 'bold', offset: 0, length: 10 },
      { type: 'italic', offset: 36, length: 9 },
      { type: 'code', offset: 56, length: 4 },
      { type: 'text_link', offset: 65, length: 11, url: 'https://example.org/road?a=1&b=2' },
    ]);
  });

  it('splits at each platform limit: 2000 on Discord, 4096 on Telegram', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} of a long announcement about the summer event.`).join(' ');
    expect(long.length).toBeGreaterThan(2000);
    expect(long.length).toBeLessThan(4096);
    const discord = previewAnnouncement(long, 'discord');
    expect(discord.split).toBe(true);
    expect(discord.messages.every((m) => m.length <= 2000)).toBe(true);
    expect(previewAnnouncement(long, 'telegram').messages).toHaveLength(1);
    expect(previewAnnouncement(long, 'whatsapp').messages).toHaveLength(1);
  });

  it('never turns member-supplied text into pings or markup', () => {
    expect(previewAnnouncement('hi @everyone <@123>', 'discord').messages[0]?.text).not.toMatch(/@everyone|<@1/);
    const tg = previewAnnouncement('<b>not bold</b> & @admin', 'telegram').messages[0];
    expect(tg?.text).toBe('<b>not bold</b> & @\u2060admin');
    expect(tg?.entities).toBeUndefined();
  });
});

describe('telegramEntities', () => {
  it('counts offsets in UTF-16 units (emoji are two)', () => {
    expect(telegramEntities('😀 <b>hi</b>')).toEqual({ text: '😀 hi', entities: [{ type: 'bold', offset: 3, length: 2 }] });
  });

  it('keeps every entity inside the text, whatever the draft', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const m of previewAnnouncement(s, 'telegram').messages) {
          for (const e of m.entities ?? []) expect(e.offset + e.length).toBeLessThanOrEqual(m.text.length);
          expect(m.length).toBeLessThanOrEqual(4096);
        }
      }),
    );
  });
});

describe('announcementIntents', () => {
  it('makes one valid intent per message and target, pinning only the first part', () => {
    let n = 0;
    const newKey = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    const long = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of the summer event announcement, with details.`).join(' ');
    const intents = announcementIntents({
      announcementId: '11111111-1111-4111-8111-111111111111',
      draft: long,
      pin: true,
      newKey,
      targets: [
        { sourceId: 'dc', platform: 'discord', spaceId: 'g', channelId: 'c' },
        { sourceId: 'tg', platform: 'telegram', spaceId: 's', channelId: 's' },
      ],
    });
    const discord = intents.filter((i) => i.platform === 'discord');
    expect(discord.length).toBeGreaterThan(1);
    expect(intents.filter((i) => i.platform === 'telegram')).toHaveLength(1);
    expect(intents.filter((i) => i.pin).map((i) => i.platform)).toEqual(['discord', 'telegram']);
    expect(new Set(intents.map((i) => i.key)).size).toBe(intents.length);
    for (const i of intents) expect(ActionIntentSchema.parse(i)).toEqual(i);
  });
});
