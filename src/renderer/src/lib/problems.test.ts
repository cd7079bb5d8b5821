import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { packProblems } from '@shared/triage';
import { defaultPack } from '@shared/triage/defaultPack';
import { en } from '../i18n/en';
import { merge } from '../i18n/index';
import { rulesEn } from '../i18n/rules.en';
import { rulesZhCN } from '../i18n/rules.zh-CN';
import { zhCN } from '../i18n/zh-CN';
import { flagReasonInWords } from './flagReason';
import { OWN_PROBLEM_CODES, problemInWords, problemPlace } from './problems';

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: merge(en, rulesEn) }, 'zh-CN': { translation: merge(zhCN, rulesZhCN) } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

const pack = { ...defaultPack, rules: [{ id: 'a', category: 'spam', severity: 'low', reason: 'r', trigger: { type: 'keywords', terms: ['x'] } }] };

describe('problems of a rule pack, in words', () => {
  it('has words in English and Chinese for each of our own problem codes', () => {
    for (const lang of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(lang);
      for (const code of OWN_PROBLEM_CODES) {
        const words = problemInWords(t, lang, { path: [], code, fields: { id: 'x', pattern: 'y' } });
        expect([lang, code, words.startsWith('problems.')]).toEqual([lang, code, false]);
      }
    }
  });

  it('words what main finds (shape, duplicate id, refused regex) in the moderator’s language, with where', () => {
    const found = packProblems({
      ...pack,
      rules: [
        { ...pack.rules[0], severity: 'extreme' },
        { ...pack.rules[0], id: 'b', trigger: { type: 'regex', patterns: ['(a+)+$'] } },
        { ...pack.rules[0], category: 'self-harm', actions: [{ type: 'delete' }] },
      ],
    }).problems;
    const zh = i18n.getFixedT('zh-CN');
    const enT = i18n.getFixedT('en');
    expect(found.map((p) => `${problemPlace(enT, p)}: ${problemInWords(enT, 'en', p)}`)).toEqual([
      'Rule 1 · Severity: Invalid option: expected one of "low"|"medium"|"high"|"critical"',
      'Rule 3 · Actions: A self-harm rule is a care signal: it may flag or notify, never hold, delete or time out.',
    ]);
    expect(found.map((p) => problemInWords(zh, 'zh-CN', p))).toEqual(['无效选项：期望以下之一 "low"|"medium"|"high"|"critical"', '自伤规则是关怀信号：只能标记或通知，不能暂扣、删除或禁言。']);
    const compiled = packProblems({ ...pack, rules: [pack.rules[0], pack.rules[0], { ...pack.rules[0], id: 'b', trigger: { type: 'regex', patterns: ['ok', '(a+)+$'] } }] }).problems;
    expect(compiled.map((p) => `${problemPlace(zh, p)}：${problemInWords(zh, 'zh-CN', p)}`)).toEqual([
      '第 2 条规则 · 规则 ID：已有另一条规则使用 ID a。',
      '第 3 条规则 · 模式 · 第 2 行：(a+)+ 这样的嵌套重复可能使控制台卡死；请改写为不在重复中再嵌套重复。',
    ]);
  });

  it('words the built-in rules’ flag reasons in Chinese and keeps a team’s own words', () => {
    const zh = i18n.getFixedT('zh-CN');
    expect(flagReasonInWords(zh, { rule: 'scam.gift-lure', reason: 'Gift/giveaway lure (free nitro)' })).toBe('礼品/抽奖诱饵（free nitro）');
    expect(flagReasonInWords(zh, { rule: 'spam.invite-link', reason: 'Invite link' })).toBe('邀请链接');
    expect(flagReasonInWords(zh, { rule: 'self-harm.intent', reason: 'Possible self-harm intent (end it all) — needs a caring reply (macro: support-resources)' })).toBe(
      '可能有自伤意图（end it all） — 需要关怀回复（模板：support-resources）',
    );
    expect(flagReasonInWords(zh, { rule: 'scam.gift-lure', reason: 'Our own words: free nitro' })).toBe('Our own words: free nitro');
    expect(flagReasonInWords(zh, { rule: 'team.pizza', reason: 'Pizza: coupons' })).toBe('Pizza: coupons');
    expect(flagReasonInWords(i18n.getFixedT('en'), { rule: 'scam.gift-lure', reason: 'Gift/giveaway lure (free nitro)' })).toBe('Gift/giveaway lure (free nitro)');
  });

  it('words the learned model’s explanation in each language, keeping the words it read', () => {
    const reason = "reads like a scam: 'número', 'nuevo', 'hola' (model, 99%)";
    expect(flagReasonInWords(i18n.getFixedT('en'), { rule: 'model', reason })).toBe("Reads like a scam: 'número', 'nuevo', 'hola' (model, 99%)");
    expect(flagReasonInWords(i18n.getFixedT('zh-CN'), { rule: 'model', reason })).toBe("读起来像诈骗：'número', 'nuevo', 'hola'（模型，99%）");
    expect(flagReasonInWords(i18n.getFixedT('zh-CN'), { rule: 'model', reason: "reads like someone at risk of self-harm: 'end' (model, 91%) — needs a caring reply" })).toBe(
      "读起来像有自伤风险：'end'（模型，91%） — 需要关怀回复",
    );
    expect(flagReasonInWords(i18n.getFixedT('zh-CN'), { rule: 'model', reason: 'something else' })).toBe('something else');
  });
});
