import { describe, expect, it } from 'vitest';
import type { InboxItem } from '@shared/domain/inbox';
import { ActionIntentSchema } from '@shared/domain/actions';
import { BAR_COMMANDS, commandLabelKey, offered, whyNot } from './ActionBar';
import { banPlan } from './intents';

const item = (platform: InboxItem['platform']): InboxItem => ({
  id: `${platform}:g:g:m1`,
  kind: 'flag',
  status: 'open',
  sourceId: `${platform}-1`,
  platform,
  spaceId: 'g',
  channelId: 'g',
  channelName: 'group',
  authorId: '15550000002@s.whatsapp.net',
  authorName: 'Ana',
  eventIds: ['e1'],
  primaryEventId: 'e1',
  messageId: 'm1',
  text: 'send 0.1 BTC',
  flags: [],
  severity: 'high',
  categories: ['scam'],
  createdAt: 1,
  updatedAt: 1,
  messageDeleted: false,
});

describe('ban where a platform has none', () => {
  it('runs "remove + reset invite link" on WhatsApp, one action, recorded as the kick it is', () => {
    const plan = banPlan(item('whatsapp'), 'scam');
    expect(plan).toMatchObject({ caseAction: 'kick', standIn: true });
    expect(plan.intents).toHaveLength(1);
    expect(ActionIntentSchema.parse(plan.intents[0])).toMatchObject({ kind: 'kick', memberId: '15550000002@s.whatsapp.net', resetInvite: true, reason: 'scam' });
    // The bar offers it under Ban instead of only saying why not.
    expect(whyNot(item('whatsapp'), 'ban')).toBeUndefined();
    // Unban has no stand-in: still refused, with the reason.
    expect(whyNot(item('whatsapp'), 'unban')).toEqual({ key: 'capability.whatsappNoBan' });
  });

  it('offers WhatsApp’s group admin commands on WhatsApp only, and names Ban for what it does there', () => {
    const admin = ['pin', 'resetInvite', 'promote', 'demote'] as const;
    expect(BAR_COMMANDS.filter((c) => offered(item('whatsapp'), c))).toEqual(expect.arrayContaining([...admin]));
    for (const c of admin) expect(whyNot(item('whatsapp'), c)).toBeUndefined();
    for (const platform of ['discord', 'telegram'] as const) expect(admin.filter((c) => offered(item(platform), c))).toEqual([]);
    expect(commandLabelKey(item('whatsapp'), 'ban')).toBe('act.command.kickResetInvite');
    expect(commandLabelKey(item('discord'), 'ban')).toBe('act.command.ban');
  });

  it('offers no member action on a webhook\'s message, saying why; its message still deletes', () => {
    const hooked: InboxItem = { ...item('discord'), authorId: '1200000000000000001', authorName: 'Nitro Drops', authorWebhook: true };
    for (const c of ['deleteTimeout', 'warn', 'timeout', 'kick', 'ban', 'unban', 'dm', 'member'] as const) {
      expect([c, whyNot(hooked, c), offered(hooked, c)]).toEqual([c, { key: 'act.why.webhook' }, false]);
    }
    expect(offered(hooked, 'delete')).toBe(true);
    expect(whyNot(hooked, 'delete')).toBeUndefined();
    expect(whyNot(hooked, 'reply')).toBeUndefined();
    expect(whyNot(item('discord'), 'ban')).toBeUndefined();
  });

  it('bans where the platform bans', () => {
    for (const platform of ['discord', 'telegram'] as const) {
      const plan = banPlan(item(platform), 'scam', 3600);
      expect(plan).toMatchObject({ caseAction: 'ban', standIn: false });
      expect(plan.intents[0]).toMatchObject({ kind: 'ban', deleteMessageSeconds: 3600 });
    }
  });
});
