import i18n, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Flag, FlagWords } from '@shared/domain/model';
import { createTriageEngine } from '@shared/triage';
import { defaultPack } from '@shared/triage/defaultPack';
import { MODEL_CATEGORIES } from '@shared/triage/model/classifier';
import { AUTOMOD_RESPONSES, englishWords, FLAG_WORD_CODES, RAID_SHARES, words, type FlagWordCode } from '@shared/triage/reasons';
import { join, message } from '@shared/triage/testkit';
import { en } from '../i18n/en';
import { merge } from '../i18n/index';
import { rulesEn } from '../i18n/rules.en';
import { rulesZhCN } from '../i18n/rules.zh-CN';
import { zhCN } from '../i18n/zh-CN';
import { flagReasonInWords, reasonKey, wordsInLanguage } from './flagReason';

let tEn: TFunction;
let tZh: TFunction;
beforeAll(async () => {
  const own = i18n.createInstance();
  await own.init({ resources: { en: { translation: merge(en, rulesEn) }, 'zh-CN': { translation: merge(zhCN, rulesZhCN) } }, lng: 'en', interpolation: { escapeValue: false } });
  [tEn, tZh] = [own.getFixedT('en'), own.getFixedT('zh-CN')];
});

/** One example of every code's fields (optional fields present), as the engine fills them. */
const SAMPLES: Record<Exclude<FlagWordCode, 'rule'>, FlagWords[]> = {
  flood: [words('flood', { count: 7, seconds: 10 }), words('flood', { count: 9, seconds: 10, pace: 8 })],
  duplicates: [words('duplicates', { copies: 3, channels: 2 })],
  impersonation: [words('impersonation', { name: 'Αlice_Mod', staff: 'alice_mod' })],
  mentions: [words('mentions', { count: 12 })],
  newMember: [words('newMember', { days: 7, minutes: 10 })],
  raidJoins: RAID_SHARES.map((share) => words('raidJoins', { joins: 12, seconds: 60, share, percent: 80, accounts: 12 })),
  raidPosts: [words('raidPosts', { authors: 5, seconds: 60, accounts: 6 })],
  report: [words('report', { count: 1 }), words('report', { count: 3, note: 'spam' })],
  invite: [words('invite', { url: 'discord.gg/abc' })],
  defanged: [words('defanged', { host: 'evil.example' })],
  scamDomain: [words('scamDomain', { domain: 'nitro-gifts.xyz' })],
  lookalike: [words('lookalike', { host: 'steamcommunlty.ru', imitates: 'steamcommunity.com' })],
  shortener: [words('shortener', { host: 'bit.ly' })],
  model: MODEL_CATEGORIES.flatMap((category) => [words('model', { category, score: 91, words: "'free', 'nitro'" }), words('model', { category, score: 60, adapted: true })]),
  automod: AUTOMOD_RESPONSES.map((response) => words('automod', { platform: 'discord', response, rule: 'No selling', matched: 'buy followers' })),
  appeal: [words('appeal')],
  learnedLink: [words('learnedLink', { host: 'evil.example' })],
  learnedWords: [words('learnedWords', { words: 'cheap followers' })],
  handFlag: [words('handFlag', { by: 'Ana' }), words('handFlag', { by: 'Ana', note: '<img src=x onerror=alert(1)>' })],
};

describe('flag reasons as data', () => {
  it('has words for every reason code, every built-in rule, model category, raid share and AutoMod response in English and Chinese', () => {
    for (const code of FLAG_WORD_CODES) {
      if (code === 'rule') continue;
      for (const sample of SAMPLES[code]) {
        const [inEn, inZh] = [wordsInLanguage(tEn, sample), wordsInLanguage(tZh, sample)];
        expect([code, inEn]).toEqual([code, expect.any(String)]);
        expect([code, inZh]).toEqual([code, expect.any(String)]);
        expect([code, inZh === inEn]).toEqual([code, false]);
        // No placeholder left unfilled.
        expect(`${inEn} ${inZh}`).not.toMatch(/\{\{|\}\}/);
      }
    }
    for (const rule of defaultPack.rules) {
      for (const t of [tEn, tZh]) expect([rule.id, t(reasonKey(rule.id), { match: 'x', defaultValue: '' })]).not.toEqual([rule.id, '']);
    }
  });

  it('words in English what the engine writes in English, from the same data', () => {
    for (const code of FLAG_WORD_CODES) {
      if (code === 'rule' || code === 'model') continue;
      for (const sample of SAMPLES[code]) expect(wordsInLanguage(tEn, sample)).toBe(englishWords(sample));
    }
  });

  it('localizes the reasons the engine builds, keeping the quoted evidence as written', () => {
    const engine = createTriageEngine({ domains: { blacklist: ['nitro-gifts.xyz'], fuzzylist: [] } });
    const flags: Flag[] = [
      ...engine.evaluate(message('hello', { author: { id: 'x', name: 'Αlice_Mod', bot: false } }), { staffNames: ['alice_mod'], staffIds: ['alice-id'] }),
      ...engine.evaluate(message('FREE NITRO for everyone, claim it here https://nitro-gifts.xyz/claim')),
      ...engine.evaluate(message('send me your seed phrase and i will double your wallet, connect your wallet now')),
    ];
    const now = 1_800_000_000_000;
    for (let i = 0; i < 12; i++) flags.push(...engine.evaluate(join(`r${i}`, `raider_${i}`, now + i * 1000, now - 3_600_000)));
    const impersonation = flags.find((f) => f.rule === 'scam.impersonation')!;
    expect(flagReasonInWords(tEn, impersonation)).toBe(impersonation.reason);
    expect(impersonation.reason).toContain('looks like staff member');
    expect(flagReasonInWords(tZh, impersonation)).toBe('可能冒充管理人员：“Αlice_Mod”看起来像管理人员“alice_mod”');
    const domain = flags.find((f) => f.rule === 'phishing.scam-domain')!;
    expect(flagReasonInWords(tZh, domain)).toBe('已知诈骗域名：链接指向已知诈骗域名 nitro-gifts.xyz');
    const lure = flags.find((f) => f.rule === 'scam.gift-lure')!;
    expect(flagReasonInWords(tZh, lure)).toMatch(/^礼品\/抽奖诱饵（.*FREE NITRO.*）$/i);
    const raid = flags.find((f) => f.rule === 'behaviour.raid');
    expect(raid).toBeDefined();
    expect(flagReasonInWords(tZh, raid!)).toMatch(/^突袭：\d+ 秒内 \d+ 人加入，\d+% .*（该事件共 \d+ 个账号）$/);
    for (const flag of flags) {
      expect(flag.why).toBeDefined();
      const zh = flagReasonInWords(tZh, flag);
      // No English sentence of the engine's is left in the Chinese wording (quoted words and hosts aside).
      expect([flag.rule, zh]).not.toEqual([flag.rule, flag.reason]);
      for (const e of flag.evidence.slice(0, 1)) if (flag.why?.match ?? flag.why?.detail?.fields?.words) expect(zh).toContain(e.text.slice(0, 10));
    }
  });

  it('words the model’s reading, adapted or not, in Chinese with its words as read', () => {
    const flag: Flag = {
      rule: 'model',
      category: 'scam',
      severity: 'medium',
      reason: "reads like a scam: 'seed', 'phrase' (model adapted to the team’s decisions, 93%)",
      why: { detail: words('model', { category: 'scam', score: 93, words: "'seed', 'phrase'", adapted: true }) },
      evidence: [],
    };
    expect(flagReasonInWords(tZh, flag)).toBe("读起来像诈骗：'seed', 'phrase'（已按团队决定调整的模型，93%）");
    expect(flagReasonInWords(tEn, flag)).toBe("Reads like a scam: 'seed', 'phrase' (model adapted to the team’s decisions, 93%)");
    // A category this console has no words for (a newer model's): the engine's English as it came.
    expect(flagReasonInWords(tZh, { ...flag, why: { detail: words('model', { category: 'recovery-phrase', score: 93 }) } })).toBe(flag.reason);
  });

  it('keeps a team’s own words and reads flags stored before reasons were data', () => {
    const own: Flag = { rule: 'team.pizza', category: 'spam', severity: 'low', reason: 'Pizza coupons: 7 messages within 10s', why: { own: 'Pizza coupons', detail: words('flood', { count: 7, seconds: 10 }) }, evidence: [] };
    expect(flagReasonInWords(tZh, own)).toBe('Pizza coupons：10 秒内 7 条消息');
    // Stored by an older console: only the English string.
    expect(flagReasonInWords(tZh, { rule: 'scam.gift-lure', reason: 'Gift/giveaway lure (free nitro)' })).toBe('礼品/抽奖诱饵（free nitro）');
    expect(flagReasonInWords(tZh, { rule: 'scam.impersonation', reason: 'Possible staff impersonation: "x" looks like staff member "y"' })).toBe('可能冒充管理人员: "x" looks like staff member "y"');
    expect(flagReasonInWords(tZh, { rule: 'team.pizza', reason: 'Pizza: coupons' })).toBe('Pizza: coupons');
  });
});
