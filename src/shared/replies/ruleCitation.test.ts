// Rule citations in every language and form (issue 14 §3), and the voice guide's parts: required ones
// are findings, suggested ones (the default) are suggestions, and a name nobody knows is never asked for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citesRule } from './ruleCitation';
import { checkTone, suggestParts } from './toneCheck';
import { DEFAULT_VOICE_GUIDE, VoiceGuideSchema } from './voiceGuide';

describe('rule citations', () => {
  it.each([
    ['en', 'Please read rule 2 before posting links.'],
    ['en', 'That breaks rule #4.'],
    ['en', 'This is against the no-spam rule.'],
    ['en', 'See our rule against self-promotion.'],
    ['en', 'Check #rules, thanks.'],
    ['en', 'Details: https://example.org/rules#3'],
    ['en', 'Posting that breaks the 3rd rule.'],
    ['discord', 'See <#123456789> for the rules.'],
    ['zh', '你的消息违反了第2条规则，已删除。'],
    ['zh', '请看群规3。'],
    ['zh', '违反了关于广告的规定。'],
    ['zh', '请先阅读 #规则 频道。'],
    ['ru', 'Это нарушает правило 2.'],
    ['ru', 'См. правило №3 в закрепе.'],
    ['ru', 'Это против правила о спаме.'],
    ['es', 'Eso incumple la regla 5.'],
    ['es', 'Va contra la norma sobre spam.'],
    ['pt', 'Isso quebra a regra 2.'],
    ['fr', 'Cela enfreint la règle 3.'],
    ['fr', 'Voir la règle sur la publicité.'],
    ['de', 'Das verstößt gegen Regel Nr. 2.'],
    ['de', 'Bitte beachte die Spam-Regel.'],
    ['tr', 'Bu, 2. kural ihlali.'],
    ['tr', 'Lütfen kural 3’e bak.'],
    ['tr', 'Spam kuralı bunu yasaklıyor.'],
    ['ar', 'هذا يخالف القاعدة 2.'],
    ['ar', 'هذا يخالف القاعدة رقم ٣.'],
    ['ja', 'ルール2に違反しています。'],
    ['ja', '第3条をご確認ください。'],
    ['ja', '宣伝に関するルールを読んでください。'],
    ['vi', 'Điều này vi phạm quy tắc 2.'],
    ['vi', 'Xem quy định về quảng cáo.'],
    ['id', 'Ini melanggar aturan 2.'],
    ['id', 'Baca peraturan tentang spam.'],
    ['placeholder', 'Your post broke {rule}.'],
  ])('%s: %s', (_lang, text) => {
    expect(citesRule(text)).toBe(true);
  });

  it('knows the community’s own rule titles', () => {
    expect(citesRule('Please keep it to on-topic posts only.', ['On-topic posts only'])).toBe(true);
    expect(citesRule('Please keep it friendly.', ['On-topic posts only'])).toBe(false);
  });

  it.each(['Please keep it friendly, thanks.', 'We removed your message.', '请友善交流。', 'Пожалуйста, будьте вежливы.', 'I have 2 cats.'])('does not see a citation in %s', (text) => {
    expect(citesRule(text)).toBe(false);
  });

  it('finds a citation written in any supported form wherever it sits in a reply (property)', () => {
    const word = fc.constantFrom('rule', 'Rule', 'правило', 'regla', 'regra', 'règle', 'Regel', 'kural', 'القاعدة', 'quy tắc', 'aturan', '规则', 'ルール');
    const sep = fc.constantFrom(' ', ' #', ' no. ', ' №', ' nr. ', '');
    const around = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\p{L}\p{N}]+$|^[\p{L}\p{N}]+/gu, ''));
    fc.assert(
      fc.property(around, word, sep, fc.integer({ min: 1, max: 99 }), around, (before, w, s, n, after) => {
        expect(citesRule(`${before} ${w}${s}${n} ${after}`)).toBe(true);
      }),
    );
  });
});

describe('the voice guide’s parts', () => {
  const warning = { platform: 'discord' as const, situation: 'warning' as const };

  it('a fine warning citing "правило 2" or "rule 2" has no finding with the default guide', () => {
    for (const text of ['Your message was removed: it breaks правило 2.', 'Your message was removed: it breaks rule 2.', 'Ваше сообщение удалено: оно нарушает правило 2.']) {
      expect(checkTone({ ...warning, text }, DEFAULT_VOICE_GUIDE).filter((f) => f.kind === 'missing-part'), text).toEqual([]);
      expect(suggestParts({ ...warning, text }).map((p) => p.part), text).toEqual(['greeting']);
    }
  });

  it('default: missing parts are suggestions, never findings', () => {
    const text = 'Your message was removed.';
    expect(checkTone({ ...warning, text })).toEqual([]);
    expect(suggestParts({ ...warning, text, memberName: 'Mo' })).toEqual([
      { part: 'greeting', byName: true },
      { part: 'ruleLink', byName: false },
    ]);
  });

  it('a name nobody knows is not asked for: any greeting will do', () => {
    expect(suggestParts({ ...warning, text: 'Hi there, your message was removed (rule 2).' })).toEqual([]);
    expect(suggestParts({ ...warning, text: 'Your message was removed (rule 2).' })).toEqual([{ part: 'greeting', byName: false }]);
    const required = VoiceGuideSchema.parse({ requiredParts: { greeting: ['warning'] } });
    const findings = checkTone({ ...warning, text: 'Your message was removed (rule 2).' }, required);
    expect(findings.map((f) => f.message)).toEqual(['The voice guide asks to open with a greeting.']);
    expect(checkTone({ ...warning, text: 'Hello! Your message was removed (rule 2).' }, required)).toEqual([]);
    expect(checkTone({ ...warning, text: 'Hello! Your message was removed (rule 2).', memberName: 'Mo' }, required).map((f) => f.kind)).toEqual(['missing-part']);
  });

  it('a team that requires a part gets a finding, and no suggestion for it', () => {
    const required = VoiceGuideSchema.parse({ requiredParts: { ruleLink: ['warning'] } });
    const text = 'Hi Mo, your message was removed.';
    expect(checkTone({ ...warning, text, memberName: 'Mo' }, required).map((f) => [f.kind, f.span])).toEqual([['missing-part', [text.length, text.length]]]);
    expect(suggestParts({ ...warning, text, memberName: 'Mo' }, required)).toEqual([]);
    expect(checkTone({ ...warning, text: `${text} See правило 2.`, memberName: 'Mo' }, required)).toEqual([]);
  });
});
