import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { ErrorCodeSchema } from '@shared/domain/result';
import { communityName, errorInWords, forwardNote, outcomeInWords, placeName, relativeTime } from './format';

beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', interpolation: { escapeValue: false } });
});

describe('words for errors and outcomes', () => {
  it('says each error code in words from its code and fields; main’s English message is never shown', () => {
    const t = i18n.getFixedT('en');
    expect(errorInWords(t, { code: 'missing_permission', message: 'Missing Permissions' })).toBe('The bot lacks permission to do this here.');
    expect(errorInWords(t, { code: 'not_found', message: '' })).toBe('The message or member no longer exists.');
    expect(errorInWords(t, { code: 'rate_limited', message: '', retryAfterMs: 2_100 })).toBe('Discord is rate-limiting us; try again in 3 s.');
    // Seconds come from the structured field only, never read out of English text.
    expect(errorInWords(t, { code: 'rate_limited', message: 'retry after 7s' })).toBe('Discord is rate-limiting us; try again shortly.');
    expect(errorInWords(t, { code: 'rate_limited', message: '' })).toBe('Discord is rate-limiting us; try again shortly.');
    expect(errorInWords(i18n.getFixedT('zh-CN'), { code: 'missing_permission', message: 'Missing Permissions' })).toBe('机器人在这里没有执行此操作的权限。');
    expect(errorInWords(t, { code: 'not_found', fields: { reason: 'member_left' } })).toMatch(/^The member is no longer in the server/);
    // A refused poll names the permission Discord wants, in each language.
    const noPolls = { code: 'missing_permission' as const, fields: { reason: 'discord_no_polls' } };
    expect(errorInWords(t, noPolls)).toMatch(/lacks Create Polls/);
    expect(errorInWords(i18n.getFixedT('zh-CN'), noPolls)).toMatch(/创建投票/);
  });

  it('words a failed connection as one, not as an action waiting in the outbox', () => {
    const t = i18n.getFixedT('en');
    const offline = { code: 'offline' as const, message: 'Cannot reach Discord right now; the action waits in the outbox.' };
    expect(errorInWords(t, offline, 'discord', 'connect')).toMatch(/^Could not reach Discord with this token.*Nothing was saved\.$/);
    expect(errorInWords(t, offline, 'discord', 'connect')).not.toMatch(/outbox/);
    expect(errorInWords(i18n.getFixedT('zh-CN'), offline, 'discord', 'connect')).toMatch(/^无法用此令牌连接到 Discord/);
    expect(errorInWords(t, { code: 'offline', fields: { reason: 'unreachable' } })).toMatch(/^The console did not answer/);
  });

  it('has words for every error code, in every context and language', () => {
    for (const lang of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(lang);
      for (const code of ErrorCodeSchema.options) {
        for (const context of ['action', 'connect'] as const) {
          const words = errorInWords(t, { code }, 'telegram', context);
          expect([lang, code, context, words.startsWith('errors.')]).toEqual([lang, code, context, false]);
          expect(words.length).toBeGreaterThan(3);
        }
      }
    }
  });

  it('words a login step the platform left unanswered from its fields, not from main’s English', () => {
    const fields = { reason: 'no_answer_at', step: 'sign_in', seconds: 20, server: '10.0.0.5:443' };
    const error = { code: 'offline' as const, message: 'Telegram did not answer in 20 s (login step: sign_in)', fields };
    expect(errorInWords(i18n.getFixedT('en'), error, 'telegram')).toBe('Telegram at 10.0.0.5:443 did not answer in 20 s (signing in); check the server address.');
    expect(errorInWords(i18n.getFixedT('zh-CN'), error, 'telegram', 'connect')).toBe('Telegram（10.0.0.5:443）在 20 秒内没有响应（登录）；请检查服务器地址。');
    expect(errorInWords(i18n.getFixedT('en'), { code: 'offline', fields: { reason: 'no_answer', step: 'send_code', seconds: 20 } }, 'telegram')).toBe(
      'Telegram did not answer in 20 s (sending the login code); check the server address.',
    );
  });

  it('names the platform that rate-limits, and writes places the way each platform does', () => {
    const t = i18n.getFixedT('en');
    expect(errorInWords(t, { code: 'rate_limited', message: '', retryAfterMs: 120_000 }, 'telegram')).toBe('Telegram is rate-limiting us; try again in 120 s.');
    expect(errorInWords(i18n.getFixedT('zh-CN'), { code: 'rate_limited', message: '' }, 'telegram')).toBe('Telegram 正在限制请求频率；请稍后重试。');
    expect(placeName('discord', 'general')).toBe('#general');
    expect(placeName('telegram', 'Help & Support')).toBe('Help & Support');
  });

  it('names a WhatsApp group’s Community when the connection looked it up', () => {
    const group = { id: 'g@g.us', name: 'Riverside: year 3', channels: [], community: { role: 'group' as const, parentId: 'p@g.us', parentName: 'Riverside parents' } };
    const sources = [{ id: 'wa', platform: 'whatsapp' as const, label: 'WA', practice: false, apiBase: '', state: 'ready' as const, spaces: [group, { id: 'p@g.us', name: 'Riverside parents', channels: [], community: { role: 'community' as const } }] }];
    expect(communityName(sources, { sourceId: 'wa', spaceId: 'g@g.us' })).toBe('Riverside parents');
    expect(communityName(sources, { sourceId: 'wa', spaceId: 'p@g.us' })).toBeUndefined();
    expect(communityName(sources, { sourceId: 'other', spaceId: 'g@g.us' })).toBeUndefined();
  });

  it('describes outcomes, including a timeout’s duration and a failure', () => {
    const t = i18n.getFixedT('en');
    expect(outcomeInWords(t, { kind: 'timeout', at: 0, ok: true, detail: '300' }, 'en')).toMatch(/^Timed out \(5 minutes\) by you · /);
    expect(outcomeInWords(t, { kind: 'delete', at: 0, ok: false, error: { code: 'not_found', message: '' } }, 'en')).toMatch(/^Could not delete the message · /);
    expect(outcomeInWords(t, { kind: 'dismissed', at: 0, ok: true }, 'en')).toMatch(/^Resolved without action · /);
    // A group whose every message another console (or the platform's app) deleted.
    expect(outcomeInWords(t, { kind: 'delete', at: 0, ok: true, detail: 'gone:discord:4' }, 'en')).toMatch(/^All 4 messages deleted on the platform \(Discord\), not from this console · /);
    expect(outcomeInWords(i18n.getFixedT('zh-CN'), { kind: 'delete', at: 0, ok: true, detail: 'gone:telegram:4' }, 'zh-CN')).toMatch(/^全部 4 条消息已在平台（Telegram）上删除/);
  });

  it('gives relative times in the moderator’s language', () => {
    const now = 1_700_000_000_000;
    expect(relativeTime(now - 10_000, now, 'en', 'just now')).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now, 'en', 'just now')).toBe('5 min. ago');
    expect(relativeTime(now - 2 * 86_400_000, now, 'zh-CN', '刚刚')).toBe('前天');
  });
});

describe('forwards in words', () => {
  it('says whose message a forward was where the platform names it, and only "forwarded (many times)" on WhatsApp, in both languages', async () => {
    const { merge } = await import('../i18n/index');
    const { whatsappEn } = await import('../i18n/whatsapp.en');
    const { whatsappZhCN } = await import('../i18n/whatsapp.zh-CN');
    const own = i18n.createInstance();
    await own.init({
      resources: { en: { translation: merge(en, whatsappEn) }, 'zh-CN': { translation: merge(zhCN, whatsappZhCN) } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    const [tEn, tZh] = [own.getFixedT('en'), own.getFixedT('zh-CN')];
    expect(forwardNote(tEn, { forwardedFrom: 'TON Official Rewards' })).toBe('Forwarded from TON Official Rewards');
    expect(forwardNote(tEn, { forwarded: 'many' })).toBe('Forwarded many times');
    expect(forwardNote(tEn, { forwarded: 'once' })).toBe('Forwarded');
    expect(forwardNote(tZh, { forwarded: 'many' })).toBe('多次转发的消息');
    expect(forwardNote(tZh, { forwarded: 'once' })).toBe('转发的消息');
    expect(forwardNote(tEn, {})).toBeUndefined();
  });
});
