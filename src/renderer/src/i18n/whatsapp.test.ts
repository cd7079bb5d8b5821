import { describe, expect, it } from 'vitest';
import { whatsappEn } from './whatsapp.en';
import { whatsappZhCN } from './whatsapp.zh-CN';
import { en } from './en';
import { merge } from './index';

function leaves(obj: object, prefix = ''): Array<[string, string]> {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}

describe('WhatsApp strings', () => {
  it('has the same keys and placeholders in English and Simplified Chinese, all translated', () => {
    const zh = new Map(leaves(whatsappZhCN));
    expect([...zh.keys()].sort()).toEqual(leaves(whatsappEn).map(([k]) => k).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of leaves(whatsappEn)) {
      expect([key, placeholders(zh.get(key) ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, zh.get(key) === text]).toEqual([key, false]);
    }
  });

  it('extends the shared groups without replacing their keys', () => {
    const merged = leaves(merge(en, whatsappEn));
    const keys = new Set(merged.map(([k]) => k));
    for (const [k] of leaves(en)) expect(keys.has(k)).toBe(true);
    expect(keys.has('errors.reason.whatsapp_no_ban')).toBe(true);
  });

  it('words every capability key and every refusal reason the WhatsApp actions can give', async () => {
    const { capabilities } = await import('@shared/domain/capabilities');
    const { zhCN } = await import('./zh-CN');
    const { actEn } = await import('./act.en');
    const { actZhCN } = await import('./act.zh-CN');
    const whys = Object.values(capabilities).flatMap((byKind) => Object.values(byKind).map((c) => c.whyNot).filter((k): k is string => !!k));
    // Refusals the actions give, and every reason a WhatsApp connection's state can carry (client.ts).
    const reasons = [
      ...['roles_on_platform', 'no_invite_reset', 'pin_with_announcement', 'whatsapp_removed_not_reset', 'whatsapp_no_ban', 'whatsapp_announce_only', 'whatsapp_not_in_group', 'whatsapp_delete_window'],
      ...['link_qr', 'link_code', 'linked', 'link_expired', 'link_refused', 'link_code_failed', 'logged_out', 'replaced', 'retrying', 'auth_unreadable', 'account_banned', 'account_banned_temporarily'],
    ].map((r) => `errors.reason.${r}`);
    for (const tree of [merge(merge(en, actEn), whatsappEn), merge(merge(zhCN, actZhCN), whatsappZhCN)]) {
      const keys = new Set(leaves(tree).map(([k]) => k));
      for (const key of [...whys, ...reasons, 'act.command.kickResetInvite', 'act.summary.kickResetInvite']) expect([key, keys.has(key)]).toEqual([key, true]);
    }
  });
});
