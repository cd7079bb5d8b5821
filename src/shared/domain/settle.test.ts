import { describe, expect, it } from 'vitest';
import type { ActionIntent } from './actions';
import { itemFromEnvelope, mergeEnvelope, type InboxItem } from './inbox';
import type { Envelope, Flag } from './model';
import { fail, ok } from './result';
import { dismissedItem, itemAfterAction } from './settle';

const flag: Flag = { rule: 'scam.lure', category: 'scam', severity: 'high', reason: 'lure', evidence: [] };

function env(n: number, author: string): Envelope {
  return {
    event: { id: `discord:g:c:${n}`, sourceId: 's1', platform: 'discord', kind: 'message', spaceId: 'g', channelId: 'c', messageId: String(n), ts: 1000 + n, author: { id: author, name: author, bot: false }, text: 'lure' },
    flags: [flag],
    similar: ['t:x'],
  };
}

function group(...authors: string[]): InboxItem {
  let item = itemFromEnvelope(env(0, authors[0]!))!;
  authors.slice(1).forEach((a, i) => (item = mergeEnvelope(item, env(i + 1, a))));
  return item;
}

const place = { sourceId: 's1', platform: 'discord' as const, spaceId: 'g', channelId: 'c' };
const ban = (memberId: string): ActionIntent => ({ key: '00000000-0000-4000-8000-000000000001', ...place, kind: 'ban', memberId });
const kick = (memberId: string): ActionIntent => ({ key: '00000000-0000-4000-8000-000000000003', ...place, kind: 'kick', memberId });
const receipt = (kind: ActionIntent['kind']) => ok({ key: '00000000-0000-4000-8000-000000000001', kind, confirmedAt: 5000, duplicate: false });

describe('what an action result does to its item', () => {
  it('resolves a single-account item on a confirmed action and keeps it open with the failure', () => {
    const item = itemFromEnvelope(env(1, 'u1'))!;
    expect(itemAfterAction(item, ban('u1'), 'k', receipt('ban'), 6000)).toMatchObject({ status: 'resolved', outcome: { kind: 'ban', ok: true } });
    const refused = itemAfterAction(item, ban('u1'), 'k', fail('missing_permission', 'no'), 6000);
    expect(refused).toMatchObject({ status: 'open', outcome: { ok: false, error: { code: 'missing_permission' } } });
  });

  it('settles a raid account by account and resolves it with the last one', () => {
    let item = group('u1', 'u2', 'u3');
    item = itemAfterAction(item, ban('u2'), 'k', receipt('ban'), 6000);
    expect(item.status).toBe('open');
    expect(item.accounts?.map((a) => a.handled?.kind ?? '-')).toEqual(['-', 'ban', '-']);
    // A refused ban shows, and does not mark the account.
    item = itemAfterAction(item, ban('u1'), 'k', fail('missing_permission', 'no'), 6100);
    expect(item.outcome?.ok).toBe(false);
    expect(item.accounts?.[0]?.handled).toBeUndefined();
    // Deleting one message of the raid handles no account.
    const del: ActionIntent = { key: '00000000-0000-4000-8000-000000000002', ...place, kind: 'delete', messageId: '1' };
    item = itemAfterAction(item, del, 'k2', receipt('delete'), 6200);
    expect(item.status).toBe('open');
    item = itemAfterAction(item, ban('u1'), 'k', receipt('ban'), 6300);
    item = itemAfterAction(item, kick('u3'), 'k', receipt('kick'), 6400);
    expect(item).toMatchObject({ status: 'resolved', outcome: { ok: true, detail: 'accounts:3' } });
  });

  it('settles every account a bulk ban banned (now or before) from its one answer, and leaves a refused one open', () => {
    const bulk: ActionIntent = { key: '00000000-0000-4000-8000-000000000004', ...place, kind: 'bulkBan', memberIds: ['u1', 'u2', 'u3'], deleteMessageSeconds: 86_400 };
    const answer = (states: Array<'banned' | 'alreadyBanned' | 'failed'>) =>
      ok({ key: bulk.key, kind: 'bulkBan' as const, confirmedAt: 5000, duplicate: false, accounts: states.map((state, i) => ({ memberId: `u${i + 1}`, state })) });
    const partial = itemAfterAction(group('u1', 'u2', 'u3'), bulk, bulk.key, answer(['banned', 'alreadyBanned', 'failed']), 6000);
    expect(partial.status).toBe('open');
    expect(partial.accounts?.map((a) => a.handled?.kind ?? '-')).toEqual(['ban', 'ban', '-']);
    const all = itemAfterAction(group('u1', 'u2', 'u3'), bulk, bulk.key, answer(['banned', 'banned', 'alreadyBanned']), 6000);
    expect(all).toMatchObject({ status: 'resolved', outcome: { kind: 'ban', ok: true, detail: 'accounts:3' } });
    // Refused as a whole: the item shows it as a failed ban, every account still open.
    const none = itemAfterAction(group('u1', 'u2'), bulk, bulk.key, fail('missing_permission', 'none', { fields: { reason: 'bulk_ban_none' } }), 6000);
    expect(none).toMatchObject({ status: 'open', outcome: { kind: 'ban', ok: false } });
    expect(none.accounts?.every((a) => a.handled === undefined)).toBe(true);
  });

  it('settles every account a WhatsApp bulk removal removed (or found gone) as removed, and leaves a refused one open', () => {
    const bulk: ActionIntent = { key: '00000000-0000-4000-8000-000000000005', ...place, kind: 'bulkRemove', memberIds: ['u1', 'u2', 'u3'] };
    const answer = (states: Array<'removed' | 'alreadyGone' | 'failed'>) =>
      ok({ key: bulk.key, kind: 'bulkRemove' as const, confirmedAt: 5000, duplicate: false, accounts: states.map((state, i) => ({ memberId: `u${i + 1}`, state })) });
    const partial = itemAfterAction(group('u1', 'u2', 'u3'), bulk, bulk.key, answer(['removed', 'alreadyGone', 'failed']), 6000);
    expect(partial.status).toBe('open');
    expect(partial.accounts?.map((a) => a.handled?.kind ?? '-')).toEqual(['kick', 'kick', '-']);
    const all = itemAfterAction(group('u1', 'u2', 'u3'), bulk, bulk.key, answer(['removed', 'removed', 'alreadyGone']), 6000);
    expect(all).toMatchObject({ status: 'resolved', outcome: { kind: 'kick', ok: true, detail: 'accounts:3' } });
  });

  it('resolves the rest of a group when the moderator says so', () => {
    const item = dismissedItem(group('u1', 'u2'), 7000);
    expect(item).toMatchObject({ status: 'resolved', outcome: { kind: 'dismissed' } });
  });
});
