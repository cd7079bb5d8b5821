import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { InsightsAggregator, HOUR_MS, type InsightSource } from '@shared/insights/aggregate';
import { moderationLoad } from '@shared/insights/moderation';
import { buildReport } from '@shared/insights/report';
import { en } from '../../i18n/en';
import { merge } from '../../i18n/index';
import { insightsEn } from '../../i18n/insights.en';
import { insightsZhCN } from '../../i18n/insights.zh-CN';
import { peopleEn } from '../../i18n/people.en';
import { peopleZhCN } from '../../i18n/people.zh-CN';
import { zhCN } from '../../i18n/zh-CN';
import { weeklyContent, weeklyText } from './weekly';

const NOW = Date.UTC(2026, 10, 30, 12); // Mon 30 Nov 2026
let n = 0;
function msg(ts: number, author: string, extra: Partial<InsightSource> = {}): InsightSource {
  n++;
  return { id: `e${n}`, platform: 'discord', sourceId: 's', kind: 'message', spaceId: 'g', channelId: 'c', ts, messageId: `m${n}`, text: 'hello there friends', author: { id: author, bot: false }, ...extra };
}

async function t(lang: 'en' | 'zh-CN') {
  const i = i18next.createInstance();
  await i.init({
    lng: lang,
    resources: { en: { translation: merge(merge(en, insightsEn), peopleEn) }, 'zh-CN': { translation: merge(merge(zhCN, insightsZhCN), peopleZhCN) } },
    interpolation: { escapeValue: false },
  });
  return i.t.bind(i);
}

describe('weekly report content', () => {
  it('carries the week’s figures: messages, members, moderation times, and messages per day', async () => {
    const events: InsightSource[] = [];
    // 3 days ago: 5 messages by 2 members; yesterday: 3 by 1; a join and a leave.
    for (let i = 0; i < 5; i++) events.push(msg(NOW - 3 * 24 * HOUR_MS + i * 60_000, i % 2 ? 'ana' : 'bo'));
    for (let i = 0; i < 3; i++) events.push(msg(NOW - 24 * HOUR_MS + i * 60_000, 'cy'));
    events.push({ id: 'j1', platform: 'discord', sourceId: 's', kind: 'join', spaceId: 'g', channelId: 'c', ts: NOW - 2 * HOUR_MS, author: { id: 'dee', bot: false } });
    events.push({ id: 'l1', platform: 'discord', sourceId: 's', kind: 'leave', spaceId: 'g', channelId: 'c', ts: NOW - HOUR_MS, author: { id: 'bo', bot: false } });
    const agg = new InsightsAggregator();
    agg.addAll(events);
    const report = buildReport(agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: 'UTC' });
    const load = moderationLoad({
      items: [{ id: 'i1', createdAt: NOW - 5 * HOUR_MS, status: 'resolved', sourceId: 's', platform: 'discord', spaceId: 'g', outcome: { kind: 'delete', at: NOW - 5 * HOUR_MS + 12 * 60_000, ok: true } }],
      actions: [{ inboxItemId: 'i1', kind: 'delete', createdAt: NOW - 5 * HOUR_MS + 6 * 60_000 }],
      me: 'You',
      from: report.from,
      to: report.to,
    });
    const content = weeklyContent(await t('en'), 'en', report, load, 'All platforms');
    const text = weeklyText(content);
    expect(text[0]).toBe('Weekly community report: All platforms');
    expect(text).toContain('Messages: 8');
    expect(text).toContain('Active members: 3');
    expect(text).toContain('Joined: 1');
    expect(text).toContain('Left: 1');
    expect(text).toContain('Median time to first action: 6 min');
    expect(text).toContain('Median time to resolution: 12 min');
    expect(content.bars).toHaveLength(7);
    expect(content.bars.reduce((s, b) => s + b.value, 0)).toBe(8);
    expect(content.bars.map((b) => b.value).filter((v) => v > 0)).toEqual([5, 3]);

    const zh = weeklyText(weeklyContent(await t('zh-CN'), 'zh-CN', report, load, '全部平台'));
    expect(zh[0]).toBe('社区周报：全部平台');
    expect(zh.some((l) => l.includes('8'))).toBe(true);
    // Durations carry their unit in the reader's language, not an English "min".
    expect(zh.filter((l) => /6\s?分钟/.test(l))).toHaveLength(1);
    expect(zh.join('\n')).not.toMatch(/\bmin\b/);
  });
});
