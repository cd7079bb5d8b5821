import { describe, expect, it } from 'vitest';
import { announcementIntents } from './compose';
import { draftFor, languageOfLocale, versionFor } from './languages';

const versions = [
  { lang: 'zh-CN', draft: '**语音聊天**今晚' },
  { lang: 'es', draft: '**Chat de voz** esta noche' },
];

describe('per-language versions', () => {
  it('picks the exact tag, then the base language, else the default draft', () => {
    expect(draftFor('**Voice chat** tonight', versions, 'zh-CN')).toBe('**语音聊天**今晚');
    expect(draftFor('**Voice chat** tonight', versions, 'ZH-cn')).toBe('**语音聊天**今晚');
    expect(draftFor('**Voice chat** tonight', versions, 'es-ES')).toBe('**Chat de voz** esta noche');
    expect(draftFor('**Voice chat** tonight', versions, 'zh-TW')).toBe('**语音聊天**今晚');
    expect(draftFor('**Voice chat** tonight', versions, 'de')).toBe('**Voice chat** tonight');
    expect(draftFor('**Voice chat** tonight', versions, undefined)).toBe('**Voice chat** tonight');
  });

  it('prefers the exact tag over an earlier version of the same base language', () => {
    const both = [
      { lang: 'zh-CN', draft: 'simplified' },
      { lang: 'zh-TW', draft: 'traditional' },
    ];
    expect(versionFor(both, 'zh-TW')?.draft).toBe('traditional');
  });

  it('an empty version does not replace the default', () => {
    expect(draftFor('default', [{ lang: 'de', draft: '  ' }], 'de')).toBe('default');
  });

  it('reads a platform locale as a tag, or tells nothing', () => {
    expect(languageOfLocale('zh-CN')).toBe('zh-CN');
    expect(languageOfLocale('en-US')).toBe('en-US');
    expect(languageOfLocale('')).toBeUndefined();
    expect(languageOfLocale('<script>')).toBeUndefined();
  });

  it('each target gets the version in its language, rendered for its platform', () => {
    let n = 0;
    const intents = announcementIntents({
      announcementId: '00000000-0000-4000-8000-000000000001',
      draft: '**Voice chat** tonight',
      versions,
      targets: [
        { sourceId: 'dc', platform: 'discord', spaceId: 'g1', channelId: 'c1', language: 'zh-CN' },
        { sourceId: 'dc', platform: 'discord', spaceId: 'g2', channelId: 'c2' },
        { sourceId: 'tg', platform: 'telegram', spaceId: 's1', channelId: 's1', language: 'es' },
      ],
      pin: false,
      newKey: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    expect(intents.map((i) => i.text)).toEqual(['**语音聊天**今晚', '**Voice chat** tonight', 'Chat de voz esta noche']);
    expect(intents[2]?.entities).toEqual([{ type: 'bold', offset: 0, length: 11 }]);
  });
});
