import { describe, expect, it } from 'vitest';
import { ActionIntentSchema } from '@shared/domain/actions';
import type { GroupAccount } from '@shared/domain/inbox';
import { bulkBanPlan } from './bulkPlan';

const account = (platform: GroupAccount['platform'], id: string, spaceId = 'g1@g.us'): GroupAccount => ({ id, name: id, sourceId: `${platform}-1`, platform, spaceId, messages: 1 });

describe('bulk ban plan', () => {
  it('removes each WhatsApp account and resets each group’s invite link once, before the removals', () => {
    const raid = ['1', '2', '3'].map((n) => ({ account: account('whatsapp', `1555000030${n}@s.whatsapp.net`), messages: [{ channelId: 'g1@g.us', messageId: `m${n}` }] }));
    const other = { account: account('whatsapp', '15550000399@s.whatsapp.net', 'g2@g.us'), messages: [] };
    const plan = bulkBanPlan('item-1', 'g1@g.us', [...raid, other], 'Raid', true);
    expect(plan.first.map((x) => ActionIntentSchema.parse(x))).toEqual([
      expect.objectContaining({ kind: 'resetInvite', spaceId: 'g1@g.us', channelId: 'g1@g.us', reason: 'Raid' }),
      expect.objectContaining({ kind: 'resetInvite', spaceId: 'g2@g.us', channelId: 'g2@g.us' }),
    ]);
    // The reset settles no account: only the removals name the item.
    expect(plan.first.every((x) => x.inboxItemId === undefined)).toBe(true);
    expect(plan.accounts).toHaveLength(4);
    for (const [i, work] of plan.accounts.entries()) {
      expect(work.caseAction).toBe('kick');
      const [remove, ...deletes] = work.intents.map((x) => ActionIntentSchema.parse(x));
      // A plain removal: the invite reset is not repeated per account.
      expect(remove).toMatchObject({ kind: 'kick', memberId: work.member.id, inboxItemId: 'item-1' });
      expect(remove).not.toHaveProperty('resetInvite');
      expect(deletes).toHaveLength(i < 3 ? 1 : 0);
    }
    const keys = [...plan.first, ...plan.accounts.flatMap((w) => w.intents)].map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('bans where there is a ban, and resets no invite for those', () => {
    const plan = bulkBanPlan('item-2', 'c', [{ account: account('discord', 'u1', 'guild'), messages: [{ channelId: 'c', messageId: 'm' }] }, { account: account('telegram', 't1', 'chat'), messages: [{ channelId: 'chat', messageId: '7' }] }], 'Raid', true);
    expect(plan.first).toEqual([]);
    expect(plan.accounts.map((w) => [w.caseAction, w.intents.map((x) => x.kind)])).toEqual([
      ['ban', []],
      ['ban', ['ban', 'delete']],
    ]);
    // Discord: the bulk ban carries the account's case and takes its messages of the last day along.
    expect(plan.batches).toEqual([expect.objectContaining({ kind: 'bulkBan', memberIds: ['u1'], deleteMessageSeconds: 86_400, inboxItemId: 'item-2' })]);
    expect(plan.accounts[0]!.batchKey).toBe(plan.batches[0]!.key);
  });

  it('bans a Discord raid with one bulk ban per server and 200 accounts, each account’s case carried by its batch', () => {
    const raid = Array.from({ length: 230 }, (_, i) => ({ account: account('discord', String(10_000 + i), 'guild-a'), messages: [{ channelId: 'c', messageId: `m${i}` }] }));
    const elsewhere = { account: account('discord', '99999', 'guild-b'), messages: [] };
    const plan = bulkBanPlan('item-3', 'c', [...raid, elsewhere], 'Raid', false);
    const batches = plan.batches.map((x) => ActionIntentSchema.parse(x));
    expect(batches.map((b) => b.kind === 'bulkBan' && [b.spaceId, b.memberIds.length, b.deleteMessageSeconds])).toEqual([['guild-a', 200, undefined], ['guild-a', 30, undefined], ['guild-b', 1, undefined]]);
    expect(batches.flatMap((b) => (b.kind === 'bulkBan' ? b.memberIds : []))).toEqual([...raid, elsewhere].map((tg) => tg.account.id));
    expect(plan.accounts.every((w) => w.intents.length === 0)).toBe(true);
    expect(plan.accounts.map((w) => w.batchKey)).toEqual([...Array(200).fill(batches[0]!.key), ...Array(30).fill(batches[1]!.key), batches[2]!.key]);
  });
});
