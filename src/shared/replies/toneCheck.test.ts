import { beforeAll, describe, expect, it } from 'vitest';
import { loadLanguageProfiles } from './language';
import { checkTone, type DraftToCheck, type ToneFindingKind } from './toneCheck';
import { DEFAULT_VOICE_GUIDE, VoiceGuideSchema } from './voiceGuide';

// Detection reads tinyld's n-gram profiles, loaded on demand.
beforeAll(() => loadLanguageProfiles());

type Row = [draft: Omit<DraftToCheck, 'platform'> & { platform?: DraftToCheck['platform'] }, expected: [ToneFindingKind, string][]];

/** Each expected finding names its kind and the exact text its span covers. */
const table: Row[] = [
  // English: bad
  [{ text: 'You people never read the rules' }, [['blaming', 'You people never'], ['avoid-word', 'You people']]],
  [{ text: 'PLEASE STOP' }, [['shouting', 'PLEASE STOP']]],
  [{ text: 'Please READ the pinned message.' }, [['shouting', 'READ']]],
  [{ text: 'Stop spamming!!!' }, [['shouting', '!!!']]],
  [{ text: 'Calm down, this is your own fault.' }, [['avoid-word', 'Calm down'], ['blaming', 'this is your own fault']]],
  [{ text: 'Stop being so stupid and read the FAQ.' }, [['harsh', 'stupid']]],
  [{ text: 'Honestly, that was a pathetic excuse. Whatever.' }, [['harsh', 'pathetic'], ['harsh', 'Whatever']]],
  [{ text: 'How many times do I have to say it? Shut up about the giveaway.' }, [['blaming', 'How many times'], ['harsh', 'Shut up']]],
  [{ text: 'What a disgusting thing to post.' }, [['harsh', 'disgusting']]],
  [{ text: "Don't be stupid." }, [['harsh', 'stupid']]],
  [{ text: 'Your message was removed. Stop posting that.', situation: 'self-harm' }, [['cold', 'Your message was removed. Stop posting that.']]],
  // A missing greeting or rule citation is a suggestion by default, not a finding (issue 14 §3).
  [{ text: 'Rules: no spam. Next time you are out.', situation: 'warning' }, []],
  [{ text: 'Hello, please read the rules before posting again.', memberLanguage: 'zh-CN' }, [['wrong-language', 'Hello, please read the rules before posting again.']]],
  [{ text: 'Hola, por favor lee las normas del servidor antes de publicar.', memberLanguage: 'en' }, [['wrong-language', 'Hola, por favor lee las normas del servidor antes de publicar.']]],
  // English: fine
  [{ text: 'Hi Ana! Welcome to the server, we are really glad to have you here. Check out #rules 😊', situation: 'welcome' }, []],
  [{ text: 'Hi Sam, your message in #general was removed because it linked to a scam site (https://x.example/rules). Please keep links to trusted sites.', situation: 'warning' }, []],
  [{ text: "Hi Lee, I'm really sorry you're going through this. You're not alone. You can reach a crisis line any time: https://findahelpline.com", situation: 'self-harm' }, []],
  [{ text: 'Please read the NSFW section of the FAQ before posting.' }, []],
  [{ text: 'Thanks for the report! We removed the spam and banned the account.' }, []],
  [{ text: 'We do not tolerate hate or harassment here. Please report abuse to the mods.' }, []],
  [{ text: 'That is not stupid at all, it is a good question.' }, []],
  [{ text: 'For help with this, please ask in #help.', situation: 'answer', memberLanguage: 'en' }, []],
  // Chinese: bad
  [{ text: '你们这些人总是不看规则，烦死了！' }, [['avoid-word', '你们这些人'], ['blaming', '你们这些人'], ['harsh', '烦死了']]],
  [{ text: '闭嘴，滚！' }, [['harsh', '闭嘴'], ['harsh', '滚']]],
  [{ text: '说了多少遍了，这是你自己的错。' }, [['blaming', '说了多少遍'], ['blaming', '你自己的错']]],
  [{ text: '冷静点，别废话。' }, [['avoid-word', '冷静点'], ['harsh', '别废话']]],
  [{ text: '请阅读规则！！！' }, [['shouting', '！！！']]],
  [{ text: '你的消息已删除。', situation: 'self-harm', memberLanguage: 'zh-CN' }, [['cold', '你的消息已删除。']]],
  [{ text: '请先阅读规则再发言，谢谢。', memberLanguage: 'en' }, [['wrong-language', '请先阅读规则再发言，谢谢。']]],
  // Chinese: fine (垃圾信息 is "spam", 滚动 "scroll")
  [{ text: '小明，你好！欢迎加入我们，很高兴见到你，有问题随时问。', situation: 'welcome', memberLanguage: 'zh-CN' }, []],
  [{ text: '请不要发送垃圾信息，页面可以滚动查看规则。' }, []],
  [{ text: '小红，你好：你在 #general 的消息违反了关于广告的规则（https://x.example/rules），已被删除。谢谢理解。', situation: 'warning', memberLanguage: 'zh-CN' }, []],
  [{ text: '小李，你好。听到你正在经历这些，我真的很难过。你不是一个人，我们关心你。', situation: 'self-harm', memberLanguage: 'zh-CN', memberName: '小李' }, []],
];

describe('tone check', () => {
  it.each(table.map(([d, e]) => [d.text.slice(0, 50), d, e] as const))('%s', (_title, draft, expected) => {
    const findings = checkTone({ platform: 'discord', ...draft });
    const got = findings.map((f) => [f.kind, draft.text.slice(f.span[0], f.span[1])]);
    expect(got.sort()).toEqual([...expected].sort());
    for (const f of findings) {
      expect(f.span[0]).toBeLessThanOrEqual(f.span[1]);
      expect(f.span[1]).toBeLessThanOrEqual(draft.text.length);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });

  it('places missing-part findings where the part goes: greeting at 0, rule link at the end', () => {
    const text = 'Rules: no spam. Next time you are out.';
    const required = VoiceGuideSchema.parse({ requiredParts: { greeting: ['warning'], ruleLink: ['warning'] } });
    const spans = checkTone({ text, platform: 'discord', situation: 'warning' }, required).map((f) => f.span);
    expect(spans).toEqual([
      [0, 0],
      [text.length, text.length],
    ]);
  });

  it('checks length against the voice guide per platform, and says when the platform would split it', () => {
    const text = 'Please keep it friendly. '.repeat(100).trim();
    const onDiscord = checkTone({ text, platform: 'discord' });
    expect(onDiscord).toHaveLength(1);
    expect(onDiscord[0]).toMatchObject({ kind: 'too-long', span: [800, text.length] });
    expect(onDiscord[0]?.message).toMatch(/over Discord's 2000-character limit and would go out as 2 messages/);
    expect(checkTone({ text: text.slice(0, 900), platform: 'telegram' })).toEqual([]);
  });

  it('follows a community voice guide: own avoid list, no emoji, formal', () => {
    const guide = VoiceGuideSchema.parse({ avoid: [{ phrase: 'guys', instead: 'everyone' }], emoji: 'none', formality: 'formal' });
    const text = 'Hey guys, pls read the rules 🙏';
    const got = checkTone({ text, platform: 'telegram' }, guide).map((f) => [f.kind, text.slice(...f.span)]);
    expect(got).toEqual([
      ['avoid-word', 'guys'],
      ['informal', 'pls'],
      ['emoji', '🙏'],
    ]);
    // With the default guide the same draft is fine: friendly, few emoji, "guys" allowed.
    expect(checkTone({ text, platform: 'telegram' }, DEFAULT_VOICE_GUIDE)).toEqual([]);
  });

  it('ignores links, mentions, placeholders and code', () => {
    expect(checkTone({ text: 'Hi {member}, see https://x.example/STUPID-LOUD-PATH and `IDIOT_MODE=1` for <@123>.', platform: 'discord' })).toEqual([]);
  });
});
