import { describe, expect, it } from 'vitest';
import { namesOf, welcomeGaps, welcomeLanguage, welcomeText, WelcomeSettingsSchema, type WelcomeSettings } from './welcome';

const settings: WelcomeSettings = {
  sourceId: 'dc',
  platform: 'discord',
  spaceId: 'g1',
  enabled: true,
  delivery: 'channel',
  channelId: 'c1',
  rulesLink: 'https://example.org/rules',
  macros: [
    { lang: 'en', text: 'Welcome {member} to {space}! Rules: {rules}' },
    { lang: 'zh-CN', text: '欢迎 {member} 来到 {space}！规则：{rules}' },
  ],
};
const m = (n: number, locale?: string) => ({ id: `u${n}`, name: `member${n}`, ...(locale ? { locale } : {}) });

describe('welcomes', () => {
  it('names one member, a few, or a few and how many others, in the language', () => {
    expect(namesOf([m(1)], 'en')).toBe('member1');
    expect(namesOf([m(1), m(2)], 'en')).toBe('member1 and member2');
    expect(namesOf([m(1), m(2), m(3)], 'en')).toBe('member1, member2 and member3');
    expect(namesOf([m(1), m(2), m(3), m(4)], 'en')).toBe('member1, member2, member3 and 1 other');
    expect(namesOf(Array.from({ length: 300 }, (_, i) => m(i)), 'en')).toBe('member0, member1, member2 and 297 others');
    expect(namesOf(Array.from({ length: 300 }, (_, i) => m(i)), 'zh-CN')).toBe('member0、member1、member2以及其他 297 人');
  });

  it("writes a lone newcomer's welcome in their own language, a wave's in the space's", () => {
    expect(welcomeLanguage(settings, [m(1, 'zh-hans')], 'en-US')).toBe('zh-CN');
    expect(welcomeLanguage(settings, [m(1)], 'zh-CN')).toBe('zh-CN');
    expect(welcomeLanguage(settings, [m(1, 'zh-hans'), m(2, 'zh-hans')], 'en-US')).toBe('en');
    // A locale no macro is written in falls back to the space, then the first macro.
    expect(welcomeLanguage(settings, [m(1, 'fr')], 'zh-TW')).toBe('zh-CN');
    expect(welcomeLanguage(settings, [m(1, 'fr')], undefined)).toBe('en');
    expect(welcomeLanguage({ ...settings, language: 'zh-CN' }, [m(1)], 'en')).toBe('zh-CN');
  });

  it('fills the variables once: a member named like a variable stays their name', () => {
    const text = welcomeText(settings, [{ id: 'x', name: '{space} <b>hi</b>' }], '', { name: 'Tribe', language: 'en' });
    expect(text).toEqual({ lang: 'en', text: 'Welcome {space} <b>hi</b> to Tribe! Rules: https://example.org/rules' });
  });

  it('needs a channel for a welcome in the channel, and a web link for the rules', () => {
    const { channelId: _, ...noChannel } = settings;
    expect(WelcomeSettingsSchema.safeParse(noChannel).success).toBe(false);
    expect(WelcomeSettingsSchema.safeParse({ ...noChannel, delivery: 'dm' }).success).toBe(true);
    expect(WelcomeSettingsSchema.safeParse({ ...settings, rulesLink: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('gives the space’s own rules link, else the console-wide one, and names what would go out unfilled', () => {
    const { rulesLink: _, ...inherits } = settings;
    const space = { name: 'Tribe', language: 'en' };
    // A space that saved its own link keeps it (what users saved before the console-wide link existed).
    expect(welcomeText(settings, [m(1)], 'https://example.org/everywhere', space).text).toBe('Welcome member1 to Tribe! Rules: https://example.org/rules');
    expect(welcomeText(inherits, [m(1)], 'https://example.org/everywhere', space).text).toBe('Welcome member1 to Tribe! Rules: https://example.org/everywhere');
    expect(welcomeGaps(inherits, 'https://example.org/everywhere')).toEqual([]);
    expect(welcomeGaps(inherits, '')).toEqual(['{rules}']);
    expect(welcomeGaps(settings, '')).toEqual([]);
    expect(welcomeGaps({ ...settings, macros: [{ lang: 'en', text: 'Hi {name}, see {rules} in {space}' }] }, '')).toEqual(['{name}']);
  });
});
