import i18next from 'i18next';
import { Settings } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { merge } from '../i18n/index';
import { insightsEn } from '../i18n/insights.en';
import { insightsZhCN } from '../i18n/insights.zh-CN';
import { zhCN } from '../i18n/zh-CN';
import type { CrisisAlert } from '../stores/alerts';
import { digestLines, explainTerms } from './crisisWords';

const t = i18next.createInstance();
const zone = Settings.defaultZone;
beforeAll(async () => {
  Settings.defaultZone = 'UTC';
  await t.init({ resources: { en: { translation: merge(en, insightsEn) }, 'zh-CN': { translation: merge(zhCN, insightsZhCN) } }, lng: 'en', interpolation: { escapeValue: false } });
});
afterAll(() => {
  Settings.defaultZone = zone;
});

const TUE_21 = Date.UTC(2026, 11, 1, 21);
const alert: CrisisAlert = {
  id: 'a',
  spaceKey: 'discord|s|g',
  spaceName: 'Practice Community',
  level: 'crisis',
  at: TUE_21 + 5 * 60_000,
  terms: [
    { kind: 'volume', points: 2, current: 60, usual: 10, ratio: 6, basis: 'weekday-hour', at: TUE_21 },
    { kind: 'negative', points: 1, share: 0.41, usual: 0.12, scored: 40 },
    { kind: 'reports', points: 2, count: 14, topic: 'refund', onTopic: 9 },
  ],
  done: [
    { step: 'slowmode', at: TUE_21 + 6 * 60_000, ok: true },
    { step: 'lock', at: TUE_21 + 7 * 60_000, ok: false },
  ],
};

describe('crisis words', () => {
  it('says each term with its figures', () => {
    expect(explainTerms(t.getFixedT('en'), alert.terms, 'en')).toBe(
      'volume 6× usual for Tue 21:00 (60 messages in the last hour, usually 10); negative share 41% vs 12% usually (40 messages read); 14 member reports in two hours, 9 about “refund”',
    );
    expect(explainTerms(t.getFixedT('zh-CN'), alert.terms.slice(2), 'zh-CN')).toBe('两小时内有 14 条成员举报，其中 9 条关于“refund”');
  });

  it('puts alerts since the last handoff into the digest, with the steps that went through', () => {
    expect(digestLines(t.getFixedT('en'), [alert], TUE_21, 'en')).toEqual([
      `Crisis in Practice Community at Tue 21:05: ${explainTerms(t.getFixedT('en'), alert.terms, 'en')}; done: slowmode`.slice(0, 200),
    ]);
    expect(digestLines(t.getFixedT('en'), [alert], TUE_21 + 3_600_000, 'en')).toEqual([]);
  });
});
