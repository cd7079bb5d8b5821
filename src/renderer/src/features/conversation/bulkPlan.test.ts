import { describe, expect, it } from 'vitest';
import { ActionIntentSchema } from '@shared/domain/actions';
import type { GroupAccount } from '@shared/domain/inbox';
import { bulkBanPlan } from './bulkPlan';

const account = (platform: GroupAccount['platform'], id: string, spaceId = 'g1@g.us'): GroupAccount => ({ id, name: id, sourceId: `${platform}-1`, platform, spaceId, messages: 1 });

describe('bulk ban plan', () => {
  it('removes a WhatsApp group’s accounts in one request per 50 and resets each group’s invite link once, before the removals', () => {
    const raid = ['1', '2', '3'].map((n) => ({ account: account('whatsapp', `1555000030${n}@s.whatsapp.net`), messages: [{ channelId: 'g1@g.us', messageId: `m${n}`, ts: 1_700_000_000_000 + Number(n) }] }));
    const other = { account: account('whatsapp', '15550000399@s.whatsapp.net', 'g2@g.us'), messages: [] };
    const plan = bulkBanPlan('item-1', 'g1@g.us', [...raid, other], 'Raid', true);
    expect(plan.first.map((x) => ActionIntentSchema.parse(x))).toEqual([
      expect.objectContaining({ kind: 'resetInvite', spaceId: 'g1@g.us', channelId: 'g1@g.us', reason: 'Raid' }),
      expect.objectContaining({ kind: 'resetInvite', spaceId: 'g2@g.us', channelId: 'g2@g.us' }),
    ]);
    // The reset settles no account: only the removals name the item.
    expect(plan.first.every((x) => x.inboxItemId === undefined)).toBe(true);
    // One removal request per group, carrying each of its accounts' cases (a kick: WhatsApp's stand-in).
    expect(plan.batches.map((x) => ActionIntentSchema.parse(x))).toEqual([
      expect.objectContaining({ kind: 'bulkRemove', spaceId: 'g1@g.us', channelId: 'g1@g.us', memberIds: raid.map((r) => r.account.id), inboxItemId: 'item-1' }),
      expect.objectContaining({ kind: 'bulkRemove', spaceId: 'g2@g.us', memberIds: [other.account.id] }),
    ]);
    expect(plan.accounts).toHaveLength(4);
    for (const [i, work] of plan.accounts.entries()) {
      expect(work.caseAction).toBe('kick');
      expect(work.batchKey).toBe(plan.batches[i < 3 ? 0 : 1]!.key);
      // The account's own actions: its messages seen here, deleted one by one (a removal takes none along).
      expect(work.intents.map((x) => ActionIntentSchema.parse(x).kind)).toEqual(i < 3 ? ['delete'] : []);
      // Each delete names its author and when it was sent: WhatsApp's delete must name the author, and main may
      // no longer remember the message (the console restarted since).
      if (i < 3) expect(ActionIntentSchema.parse(work.intents[0])).toMatchObject({ authorId: raid[i]!.account.id, sentAt: 1_700_000_000_000 + i + 1 });
    }
    const keys = [...plan.first, ...plan.batches, ...plan.accounts.flatMap((w) => w.intents)].map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('removes a WhatsApp raid of 120 in 3 requests (50 + 50 + 20), the invite link reset once', () => {
    const raid = Array.from({ length: 120 }, (_, i) => ({ account: account('whatsapp', `1555100${String(i).padStart(4, '0')}@s.whatsapp.net`), messages: [] }));
    const plan = bulkBanPlan('item-4', 'g1@g.us', raid, 'Raid', false);
    expect(plan.first.map((x) => x.kind)).toEqual(['resetInvite']);
    expect(plan.batches.map((b) => (b.kind === 'bulkRemove' ? b.memberIds.length : 0))).toEqual([50, 50, 20]);
    expect(plan.batches.flatMap((b) => (b.kind === 'bulkRemove' ? b.memberIds : []))).toEqual(raid.map((r) => r.account.id));
    expect(plan.accounts.every((w) => w.intents.length === 0)).toBe(true);
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

  it('bans one Discord account on its own with its own request, naming that account only', () => {
    const twins = [account('discord', '1001'), account('discord', '1002')];
    const plan = bulkBanPlan('item-2', 'c1', [{ account: twins[1]!, messages: [] }], 'Raid', true, false);
    expect(plan.batches).toEqual([]);
    expect(plan.accounts.map((w) => w.intents.map((x) => ActionIntentSchema.parse(x)))).toEqual([[expect.objectContaining({ kind: 'ban', memberId: '1002', inboxItemId: 'item-2' })]]);
  });
});
