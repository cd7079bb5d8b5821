import i18n, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DroppedFlag } from '@shared/domain/model';
import { en } from '../i18n/en';
import { merge } from '../i18n/index';
import { whyEn } from '../i18n/why.en';
import { whyZhCN } from '../i18n/why.zh-CN';
import { zhCN } from '../i18n/zh-CN';
import { droppedBy, droppedInWords } from './droppedReason';

let tEn: TFunction;
let tZh: TFunction;
beforeAll(async () => {
  const own = i18n.createInstance();
  await own.init({ resources: { en: { translation: merge(en, whyEn) }, 'zh-CN': { translation: merge(zhCN, whyZhCN) } }, lng: 'en', interpolation: { escapeValue: false } });
  [tEn, tZh] = [own.getFixedT('en'), own.getFixedT('zh-CN')];
});

describe('why a message is not flagged, in words', () => {
  const counter: DroppedFlag = { rule: 'toxicity.insult', category: 'toxicity', context: 'counter-speech', evidence: ['idiots', '<img src=x onerror=alert(1)>'] };

  it('names the category, the context and the words as written', () => {
    expect(droppedInWords(tEn, counter)).toBe('Not flagged as toxicity: counter-speech — ‘idiots’, ‘<img src=x onerror=alert(1)>’');
    expect(droppedInWords(tZh, counter)).toBe('未标记为恶意言论：反驳仇恨言论 —— “idiots”, “<img src=x onerror=alert(1)>”');
    expect(droppedBy(tEn, counter)).toBe('rule toxicity.insult');
    expect(droppedBy(tEn, { ...counter, rule: 'model' })).toBe('the learned model');
  });

  it('without words, the line alone', () => {
    expect(droppedInWords(tEn, { rule: 'behaviour.mention-spam', category: 'mention-spam', context: 'staff', evidence: [] })).toBe('Not flagged as mention spam: a staff member’s message');
    expect(droppedInWords(tZh, { rule: 'scam.gift-lure', category: 'scam', context: 'scam-warning', evidence: [] })).toBe('未标记为诈骗：在提醒大家防骗');
  });
});
