import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DroppedFlag, Envelope, Flag } from '@shared/domain/model';
import { TribeDb } from './db';
import { ingestBatch, mergeCursorPositions } from './ingest';
import { deletion, message, scamFlag, uniqueDbName } from './testing';

const dbs: TribeDb[] = [];
function freshDb(): TribeDb {
  const db = new TribeDb(uniqueDbName('ingest'));
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe('ingest', () => {
  it('stores a batch, makes one item per flagged message and advances the cursor per channel', async () => {
    const db = freshDb();
    const res = await ingestBatch(db, [message(98), message(99, { flags: [scamFlag] }), message(100), message(7, { channelId: 'c2' })]);
    expect(res).toMatchObject({ added: 4, repeats: 0, newItemIds: ['msg:discord:g1:c1:99'] });
    expect(await db.events.count()).toBe(4);
    expect(await db.inboxItems.count()).toBe(1);
    // '100' is newer than '99' although it sorts lower as a string.
    expect(await db.cursors.get('s1')).toEqual({ sourceId: 's1', positions: { c1: '100', c2: '7' } });
  });

  it('drops a repeated batch and repeats inside one batch: no duplicate events or items', async () => {
    const db = freshDb();
    const batch = [message(1, { flags: [scamFlag] }), message(2)];
    await ingestBatch(db, batch);
    const again = await ingestBatch(db, [...batch, message(3, { flags: [scamFlag] }), message(3, { flags: [scamFlag] })]);
    expect(again).toMatchObject({ added: 1, repeats: 3, newItemIds: ['msg:discord:g1:c1:3'] });
    // Insights hears of the new row only, once.
    expect(again.stored.map((r) => r.id)).toEqual(['discord:g1:c1:3']);
    expect(await db.events.count()).toBe(3);
    expect(await db.inboxItems.count()).toBe(2);
    const item = await db.inboxItems.get('msg:discord:g1:c1:1');
    expect(item?.eventIds).toEqual(['discord:g1:c1:1']);
  });

  it('never moves a cursor back when an older catch-up batch arrives late', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(50)]);
    await ingestBatch(db, [message(40)]);
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c1: '50' });
  });

  it('stores the cursor move each connector produced and computes none of its own', async () => {
    const db = freshDb();
    // A message whose connector put no move on it (the renderer once derived one from its id) moves nothing.
    const bare = message(5);
    delete bare.event.cursor;
    await ingestBatch(db, [bare]);
    expect(await db.cursors.get('s1')).toBeUndefined();
    // The move decides, whatever the event: here an edit naming another channel's position.
    const edit = message(6);
    await ingestBatch(db, [{ ...edit, event: { ...edit.event, id: 'discord:g1:c1:6:edit', kind: 'edit', cursor: { after: { c9: '60' }, at: { 'joins:g1': '123' } } } }]);
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c9: '60', 'joins:g1': '123' });
  });

  it('advances the cursor only together with the stored events: a failed batch leaves both untouched', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(1)]);
    const bad = message(2);
    // A row without a key fails inside the transaction, after the good event was added.
    const broken = { ...message(3), event: { ...message(3).event, id: undefined as unknown as string } };
    await expect(ingestBatch(db, [bad, broken])).rejects.toThrow();
    expect(await db.events.count()).toBe(1);
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c1: '1' });
  });

  it('stores a connector\'s opaque positions with the events that carry them, latest first', async () => {
    const db = freshDb();
    const withCursor = (n: number, pts: number) => {
      const m = message(n);
      return { ...m, event: { ...m.event, cursor: { ...m.event.cursor, at: { '@state': `${pts}:0:0`, '@channel:9': `${pts}:77` } } } };
    };
    await ingestBatch(db, [withCursor(1, 10), withCursor(2, 11)]);
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c1: '2', '@state': '11:0:0', '@channel:9': '11:77' });
    await mergeCursorPositions(db, 's1', { '@state': '12:0:0' });
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c1: '2', '@state': '12:0:0', '@channel:9': '11:77' });
  });

  it('groups flags that share a group key into one incident', async () => {
    const raid: Flag = { rule: 'raid.burst', category: 'raid', severity: 'high', reason: 'burst', evidence: [], group: 'raid-42' };
    const db = freshDb();
    const first = await ingestBatch(db, [message(1, { flags: [raid] }), message(2, { flags: [raid] })]);
    await ingestBatch(db, [message(3, { flags: [raid] })]);
    expect(first.newItemIds).toEqual(['group:s1:raid-42']);
    const items = await db.inboxItems.toArray();
    expect(items).toHaveLength(1);
    expect(items[0]?.eventIds).toHaveLength(3);
    expect(items[0]?.kind).toBe('incident');
  });

  it('marks the message and its item deleted when a delete event arrives later', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(10, { flags: [scamFlag] }), message(11)]);
    const res = await ingestBatch(db, [deletion(10)]);
    expect(res.items.map((i) => [i.id, i.messageDeleted])).toEqual([['msg:discord:g1:c1:10', true]]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:10'))?.messageDeleted).toBe(true);
    expect((await db.events.get('discord:g1:c1:10'))?.deleted).toBe(true);
    expect((await db.events.get('discord:g1:c1:11'))?.deleted).toBeUndefined();
    // The delete event is not a message: the cursor stays where the messages put it.
    expect((await db.cursors.get('s1'))?.positions).toEqual({ c1: '11' });
  });

  it('stores a message deleted when its delete came in an earlier batch, and closes its item as deleted in the app', async () => {
    const db = freshDb();
    // Discord: the connector read a forward's origin over REST while the delete went straight through.
    await ingestBatch(db, [deletion(12)]);
    const res = await ingestBatch(db, [message(12, { flags: [scamFlag] }), message(13, { flags: [scamFlag] })]);
    expect(await db.events.get('discord:g1:c1:12')).toMatchObject({ deleted: true, deletedAt: deletion(12).event.ts });
    expect((await db.events.get('discord:g1:c1:13'))?.deleted).toBeUndefined();
    expect(await db.inboxItems.get('msg:discord:g1:c1:12')).toMatchObject({ status: 'resolved', messageDeleted: true, outcome: { kind: 'delete', ok: true, at: deletion(12).event.ts, detail: 'native:discord' } });
    expect(await db.inboxItems.get('msg:discord:g1:c1:13')).toMatchObject({ status: 'open' });
    expect(res.items.find((i) => i.id === 'msg:discord:g1:c1:12')?.status).toBe('resolved');
  });

  it('closes an item whose message was deleted in the platform app, and says so; not one we are acting on', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(20, { flags: [scamFlag] }), message(21, { flags: [scamFlag] })]);
    // An action of ours is under way for item 21: its own outcome will say what happened.
    await db.actions.put({ key: '00000000-0000-4000-8000-000000000021', inboxItemId: 'msg:discord:g1:c1:21', status: 'sent', createdAt: 1 } as never);
    await ingestBatch(db, [deletion(20), deletion(21)]);
    const native = await db.inboxItems.get('msg:discord:g1:c1:20');
    expect(native).toMatchObject({ status: 'resolved', outcome: { kind: 'delete', ok: true, detail: 'native:discord' } });
    const ours = await db.inboxItems.get('msg:discord:g1:c1:21');
    expect(ours).toMatchObject({ status: 'open', messageDeleted: true });
    expect(ours?.outcome).toBeUndefined();
  });

  it('closes a group item once every one of its messages is deleted on the platform, and not before', async () => {
    const db = freshDb();
    const raid: Flag = { rule: 'raid.burst', category: 'raid', severity: 'high', reason: 'burst', evidence: [], group: 'raid-77' };
    // A raid of three messages, and one lure from several accounts joined by similarity (a flag item).
    const lure = (n: number) => ({ ...message(n, { flags: [scamFlag], text: 'free nitro claim' }), similar: ['lure-key'] });
    await ingestBatch(db, [message(80, { flags: [raid] }), message(81, { flags: [raid] }), message(82, { flags: [raid] }), lure(90), lure(91), lure(92)]);
    const campaign = await db.inboxItems.get('msg:discord:g1:c1:90');
    expect(campaign?.eventIds).toHaveLength(3);
    // Another console deleted some of them: what is left still needs a moderator, on this console too.
    await ingestBatch(db, [deletion(80), deletion(81), deletion(90)]);
    expect(await db.inboxItems.get('group:s1:raid-77')).toMatchObject({ status: 'open' });
    expect(await db.inboxItems.get('msg:discord:g1:c1:90')).toMatchObject({ status: 'open', messageDeleted: true });
    // The rest goes: both close, saying every message was deleted on the platform.
    const res = await ingestBatch(db, [deletion(82), deletion(91), deletion(92)]);
    expect(await db.inboxItems.get('group:s1:raid-77')).toMatchObject({ status: 'resolved', outcome: { kind: 'delete', ok: true, detail: 'gone:discord:3', at: deletion(82).event.ts } });
    expect(await db.inboxItems.get('msg:discord:g1:c1:90')).toMatchObject({ status: 'resolved', outcome: { kind: 'delete', ok: true, detail: 'gone:discord:3' } });
    expect(res.items.map((i) => i.id).sort()).toEqual(['group:s1:raid-77', 'msg:discord:g1:c1:90']);
  });

  it('closes a group whose messages another console deleted after this one banned an account of it; not while an action of ours is under way', async () => {
    const db = freshDb();
    const raid = (g: string): Flag => ({ rule: 'raid.burst', category: 'raid', severity: 'high', reason: 'burst', evidence: [], group: g });
    await ingestBatch(db, [message(85, { flags: [raid('raid-a')] }), message(86, { flags: [raid('raid-a')] }), message(87, { flags: [raid('raid-b')] }), message(88, { flags: [raid('raid-b')] }), message(89, { flags: [raid('raid-c')] })]);
    const intent = (kind: 'ban' | 'delete', item: string) => ({ kind, key: `k-${kind}-${item}`, sourceId: 's1', platform: 'discord', spaceId: 'g1', channelId: 'c1', inboxItemId: item, memberId: 'u1', messageId: '86' });
    await db.actions.put({ key: 'k-ban', intent: intent('ban', 'group:s1:raid-a'), inboxItemId: 'group:s1:raid-a', status: 'confirmed', createdAt: 1, updatedAt: 1, attempts: 1 } as never);
    await db.actions.put({ key: 'k-delete', intent: intent('delete', 'group:s1:raid-b'), inboxItemId: 'group:s1:raid-b', status: 'queued', createdAt: 1, updatedAt: 1, attempts: 0 } as never);
    // A ban of ours that purges the member's messages is still waiting for its answer.
    await db.actions.put({ key: 'k-ban-c', intent: intent('ban', 'group:s1:raid-c'), inboxItemId: 'group:s1:raid-c', status: 'sent', createdAt: 1, updatedAt: 1, attempts: 1 } as never);
    await ingestBatch(db, [deletion(85), deletion(86), deletion(87), deletion(88), deletion(89)]);
    expect(await db.inboxItems.get('group:s1:raid-a')).toMatchObject({ status: 'resolved', outcome: { detail: 'gone:discord:2' } });
    expect(await db.inboxItems.get('group:s1:raid-b')).toMatchObject({ status: 'open' });
    expect(await db.inboxItems.get('group:s1:raid-c')).toMatchObject({ status: 'open' });
  });

  it('leaves a group open on the console whose own delete run is under way', async () => {
    const db = freshDb();
    const flood: Flag = { rule: 'flood.burst', category: 'flood', severity: 'medium', reason: 'flood', evidence: [], group: 'burst-1' };
    await ingestBatch(db, [message(83, { flags: [flood] }), message(84, { flags: [flood] })]);
    const item = (await db.inboxItems.get('group:s1:burst-1'))!;
    await db.inboxItems.put({ ...item, groupRun: { kind: 'delete', keys: ['k1', 'k2'], done: 0, failed: 0 } });
    await ingestBatch(db, [deletion(83), deletion(84)]);
    expect(await db.inboxItems.get('group:s1:burst-1')).toMatchObject({ status: 'open' });
  });

  it('names the moderator when the platform\'s audit entry comes with the native delete', async () => {
    const db = freshDb();
    const flagged = message(30, { flags: [scamFlag] });
    await ingestBatch(db, [flagged]);
    const audit = {
      event: {
        ...deletion(30).event,
        id: 'discord:g1:c1:audit-1',
        kind: 'modAction' as const,
        messageId: undefined,
        author: { id: 'mod-1', name: 'ana', displayName: 'Ana', bot: false },
        detail: JSON.stringify({ action: 'delete', targetId: flagged.event.author?.id }),
      },
      flags: [],
    };
    await ingestBatch(db, [audit, deletion(30)]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:30'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord:Ana' });
  });

  it('names the moderator when the audit entry comes in another batch than the native delete, after it or before it', async () => {
    const audit = (n: number, target: string | undefined) => ({
      event: {
        ...deletion(n).event,
        id: `discord:g1:c1:audit-${n}`,
        kind: 'modAction' as const,
        messageId: undefined,
        author: { id: 'mod-1', name: 'ana', displayName: 'Ana', bot: false },
        moderation: { action: 'delete' as const, ...(target ? { targetId: target } : {}) },
      },
      flags: [],
    });
    const db = freshDb();
    const later = message(31, { flags: [scamFlag] });
    const earlier = message(32, { flags: [scamFlag] });
    const other = message(33, { flags: [scamFlag], channelId: 'c2' });
    await ingestBatch(db, [later, earlier, other]);
    // The executor had to be looked up: the audit entry arrives after the delete closed the item unnamed.
    await ingestBatch(db, [deletion(31)]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:31'))?.outcome).toMatchObject({ detail: 'native:discord' });
    const res = await ingestBatch(db, [audit(31, later.event.author?.id)]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:31'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord:Ana' });
    expect(res.items.map((i) => i.id)).toEqual(['msg:discord:g1:c1:31']);
    // The audit entry first, the delete in a later batch.
    await ingestBatch(db, [audit(32, earlier.event.author?.id)]);
    await ingestBatch(db, [deletion(32)]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:32'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord:Ana' });
    // Another channel's delete is not named by it.
    await ingestBatch(db, [deletion(33, 'c2')]);
    expect((await db.inboxItems.get('msg:discord:g1:c2:33'))?.outcome).toMatchObject({ detail: 'native:discord' });
  });

  it('settles a member\'s open items when a moderator bans them in the platform app', async () => {
    const db = freshDb();
    const flagged = message(40, { flags: [scamFlag] });
    await ingestBatch(db, [flagged]);
    const ban = {
      event: {
        ...deletion(40).event,
        id: 'discord:g1:members:audit-2',
        channelId: 'members',
        kind: 'modAction' as const,
        messageId: undefined,
        author: { id: 'mod-1', name: 'ana', displayName: 'Ana', bot: false },
        detail: JSON.stringify({ action: 'ban', targetId: flagged.event.author?.id }),
      },
      flags: [],
    };
    await ingestBatch(db, [ban]);
    expect(await db.inboxItems.get('msg:discord:g1:c1:40')).toMatchObject({ status: 'resolved', outcome: { kind: 'ban', detail: 'native:discord:Ana' } });
  });

  it('marks deletion when message and delete arrive in the same batch, and only in the right channel', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(5, { channelId: 'c2', flags: [scamFlag] })]);
    await ingestBatch(db, [message(5, { flags: [scamFlag] }), deletion(5)]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:5'))?.messageDeleted).toBe(true);
    expect((await db.inboxItems.get('msg:discord:g1:c2:5'))?.messageDeleted).toBe(false);
  });

  it('keeps the original text when a message is edited', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(1, { text: 'free nitro here' })]);
    const edit = { event: { ...deletion(1).event, id: 'discord:g1:c1:1:edit:1', kind: 'edit' as const, text: 'nothing to see' }, flags: [] };
    await ingestBatch(db, [edit]);
    const row = await db.events.get('discord:g1:c1:1');
    expect(row?.text).toBe('nothing to see');
    expect(row?.originalText).toBe('free nitro here');
  });

  it('keeps what triage dropped on context with the message (issue 14); an edit brings its own judgement', async () => {
    const db = freshDb();
    const dropped: DroppedFlag[] = [{ rule: 'toxicity.insult', category: 'toxicity', context: 'counter-speech', evidence: ['idiots'] }];
    const res = await ingestBatch(db, [{ ...message(1, { text: 'Saying that immigrants are idiots is racist.' }), dropped }]);
    expect(res.newItemIds).toEqual([]);
    expect((await db.events.get('discord:g1:c1:1'))?.dropped).toEqual(dropped);
    const edit = { event: { ...deletion(1).event, id: 'discord:g1:c1:1:edit:1', kind: 'edit' as const, text: 'never mind' }, flags: [] };
    await ingestBatch(db, [edit]);
    expect(await db.events.get('discord:g1:c1:1')).not.toHaveProperty('dropped');
    const warned = [{ rule: 'scam.gift-lure', category: 'scam' as const, context: 'scam-warning' as const, evidence: ['free nitro'] }];
    await ingestBatch(db, [{ ...edit, event: { ...edit.event, id: 'discord:g1:c1:1:edit:2', text: 'beware: free nitro is a scam' }, dropped: warned }]);
    expect((await db.events.get('discord:g1:c1:1'))?.dropped).toEqual(warned);
  });

  it('folds the same lure from several accounts and platforms into one open item, with its accounts', async () => {
    const db = freshDb();
    const lure = (n: number, opts: { sourceId?: string; ts?: number; similar?: string[] } = {}) => {
      const m = message(n, { flags: [scamFlag], ...(opts.sourceId ? { sourceId: opts.sourceId } : {}) });
      return { ...m, event: { ...m.event, ...(opts.ts ? { ts: opts.ts } : {}) }, similar: opts.similar ?? ['t:lure', 'l:wallet-support.top'] };
    };
    const first = await ingestBatch(db, [lure(1), lure(2), message(3, { flags: [scamFlag] })]);
    // The unkeyed message stays an item of its own.
    expect(first.newItemIds).toEqual(['msg:discord:g1:c1:1', 'msg:discord:g1:c1:3']);
    // A later batch, another platform's source, and a lure that shares only the link host.
    await ingestBatch(db, [lure(4, { sourceId: 's2' }), lure(6, { similar: ['t:other-words', 'l:wallet-support.top'] })]);
    const item = await db.inboxItems.get('msg:discord:g1:c1:1');
    expect(item?.kind).toBe('incident');
    expect(item?.eventIds).toEqual(['discord:g1:c1:1', 'discord:g1:c1:2', 'discord:g1:c1:4', 'discord:g1:c1:6']);
    expect(item?.accounts?.map((a) => `${a.sourceId}/${a.id}:${a.messages}`)).toEqual(['s1/u1:1', 's1/u2:1', 's2/u1:1', 's1/u0:1']);
    expect(item?.accountCount).toBe(4);
    expect(await db.inboxItems.count()).toBe(2);
    // Once it is resolved, or after the window, the same lure opens a new item.
    await db.inboxItems.update('msg:discord:g1:c1:1', { status: 'resolved' });
    const again = await ingestBatch(db, [lure(7)]);
    expect(again.newItemIds).toEqual(['msg:discord:g1:c1:7']);
    const late = await ingestBatch(db, [lure(8, { ts: 1_700_000_000_007 + 31 * 60_000 })]);
    expect(late.newItemIds).toEqual(['msg:discord:g1:c1:8']);
  });

  it('keeps a raid open when one of its accounts is banned in the platform app, and closes it when the last one is', async () => {
    const raid: Flag = { rule: 'raid.burst', category: 'raid', severity: 'high', reason: 'burst', evidence: [], group: 'raid-9' };
    const db = freshDb();
    await ingestBatch(db, [message(1, { flags: [raid] }), message(2, { flags: [raid] })]);
    const banOf = (target: string, n: number) => ({
      event: {
        ...deletion(n).event,
        id: `discord:g1:members:audit-${n}`,
        channelId: 'members',
        kind: 'modAction' as const,
        messageId: undefined,
        author: { id: 'mod-1', name: 'ana', displayName: 'Ana', bot: false },
        detail: JSON.stringify({ action: 'ban', targetId: target }),
      },
      flags: [],
    });
    await ingestBatch(db, [banOf('u1', 100)]);
    let item = await db.inboxItems.get('group:s1:raid-9');
    expect(item?.status).toBe('open');
    expect(item?.accounts?.map((a) => [a.id, a.handled?.kind, a.handled?.by])).toEqual([['u1', 'ban', 'Ana'], ['u2', undefined, undefined]]);
    await ingestBatch(db, [banOf('u2', 101)]);
    item = await db.inboxItems.get('group:s1:raid-9');
    expect(item).toMatchObject({ status: 'resolved', outcome: { kind: 'ban', ok: true } });
  });

  describe('edits and names', () => {
    const phishing: Flag = { rule: 'link.scam-domain', category: 'phishing', severity: 'critical', reason: 'Known scam domain', evidence: [{ start: 9, end: 27, text: 'steamcommunlty.ru' }] };
    const edit = (n: number, flags: Flag[], text: string, at = 5): Envelope => ({
      event: { ...deletion(n).event, id: `discord:g1:c1:${n}:edit:${at}`, kind: 'edit', text, author: message(n).event.author, ts: 1_700_000_200_000 + at },
      flags,
    });

    it('puts the readable copy of an undecryptable message in its place: no edit shown, the item on the message', async () => {
      const db = freshDb();
      const placeholder = message(61, { text: '' });
      placeholder.event.detail = 'undecryptable';
      await ingestBatch(db, [placeholder]);
      const copy = edit(61, [phishing], 'claim at steamcommunlty.ru now');
      copy.event.detail = 'decrypted later';
      copy.event.linkTargets = [{ via: 'preview', shown: 'Steam', url: 'https://steamcommunlty.ru' }];
      const res = await ingestBatch(db, [copy]);
      expect(res.newItemIds).toEqual(['msg:discord:g1:c1:61']);
      const row = await db.events.get('discord:g1:c1:61');
      expect(row).toMatchObject({ text: 'claim at steamcommunlty.ru now', linkTargets: [{ url: 'https://steamcommunlty.ru' }] });
      expect(row?.detail).toBeUndefined();
      expect(row?.originalText).toBeUndefined();
      expect(row?.editedAt).toBeUndefined();
      expect(await db.inboxItems.get('msg:discord:g1:c1:61')).toMatchObject({ primaryEventId: 'discord:g1:c1:61', text: 'claim at steamcommunlty.ru now' });
    });

    it('opens an item for a message edited into a scam, on the message, keeping the text before', async () => {
      const db = freshDb();
      await ingestBatch(db, [message(60, { text: 'hi all, anyone up for a game?' })]);
      expect(await db.inboxItems.count()).toBe(0);
      const res = await ingestBatch(db, [edit(60, [phishing], 'claim at steamcommunlty.ru now')]);
      expect(res.newItemIds).toEqual(['msg:discord:g1:c1:60']);
      const item = await db.inboxItems.get('msg:discord:g1:c1:60');
      expect(item).toMatchObject({ status: 'open', primaryEventId: 'discord:g1:c1:60', messageId: '60', severity: 'critical', text: 'claim at steamcommunlty.ru now' });
      expect(item?.eventIds).toEqual(['discord:g1:c1:60', 'discord:g1:c1:60:edit:5']);
      const row = await db.events.get('discord:g1:c1:60');
      expect(row).toMatchObject({ originalText: 'hi all, anyone up for a game?', text: 'claim at steamcommunlty.ru now' });
      // Deleting the message later still reaches its item.
      await ingestBatch(db, [deletion(60)]);
      expect((await db.inboxItems.get('msg:discord:g1:c1:60'))?.messageDeleted).toBe(true);
    });

    it('escalates (and reopens) an item when an edit adds worse, and leaves it alone for a harmless edit', async () => {
      const db = freshDb();
      await ingestBatch(db, [message(61, { flags: [scamFlag], text: 'free nitro, dm me' })]);
      const id = 'msg:discord:g1:c1:61';
      await db.inboxItems.update(id, { status: 'resolved', outcome: { kind: 'dismissed', at: 1, ok: true } });
      // The same lure with a typo fixed: nothing new, the moderator's decision stands.
      await ingestBatch(db, [edit(61, [scamFlag], 'free nitro, DM me', 3)]);
      expect(await db.inboxItems.get(id)).toMatchObject({ status: 'resolved', severity: 'medium' });
      const res = await ingestBatch(db, [edit(61, [scamFlag, phishing], 'free nitro at steamcommunlty.ru', 4)]);
      expect(res.newItemIds).toEqual([]);
      const item = await db.inboxItems.get(id);
      // Still one message's item, not a group of two.
      expect(item).toMatchObject({ kind: 'flag', status: 'open', severity: 'critical', text: 'free nitro at steamcommunlty.ru' });
      expect(item?.outcome).toBeUndefined();
      expect(item?.flags.map((f) => f.rule)).toEqual(['keyword.scam-lure', 'link.scam-domain']);
    });

    it('opens an item for a member who joins under a staff look-alike name', async () => {
      const db = freshDb();
      const impersonation: Flag = { rule: 'scam.impersonation', category: 'scam', severity: 'high', reason: 'Possible staff impersonation: "Mika Support" looks like staff member "Mika"', evidence: [] };
      const join: Envelope = { event: { id: 'discord:g1:members:u9:join:1', sourceId: 's1', platform: 'discord', kind: 'join', spaceId: 'g1', channelId: 'members', ts: 1, author: { id: 'u9', name: 'mika_support', displayName: 'Mika Support', bot: false } }, flags: [impersonation] };
      const res = await ingestBatch(db, [join]);
      expect(res.newItemIds).toEqual(['msg:discord:g1:members:u9:join:1']);
      expect(await db.inboxItems.get('msg:discord:g1:members:u9:join:1')).toMatchObject({ authorId: 'u9', authorName: 'Mika Support', severity: 'high' });
    });
  });

  describe('a ban with "delete messages" done in the platform app', () => {
    const ban = (n: number, targetId: string, ts: number): Envelope => ({
      event: { id: `discord:g1:members:audit-${n}`, sourceId: 's1', platform: 'discord', kind: 'modAction', spaceId: 'g1', channelId: 'members', ts, author: { id: 'mod-1', name: 'ana', displayName: 'Ana', bot: false }, moderation: { action: 'ban', targetId } },
      flags: [],
    });

    it('names the ban\'s executor on items closed by the deletes, in one batch', async () => {
      const db = freshDb();
      const flagged = message(70, { flags: [scamFlag] });
      await ingestBatch(db, [flagged]);
      await ingestBatch(db, [deletion(70), ban(1, flagged.event.author!.id, deletion(70).event.ts)]);
      expect((await db.inboxItems.get('msg:discord:g1:c1:70'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord:Ana' });
    });

    it('names the ban\'s executor when the deletes came first and the audit entry after', async () => {
      const db = freshDb();
      const flagged = message(71, { flags: [scamFlag] });
      await ingestBatch(db, [flagged]);
      await ingestBatch(db, [deletion(71)]);
      expect((await db.inboxItems.get('msg:discord:g1:c1:71'))?.outcome?.detail).toBe('native:discord');
      await ingestBatch(db, [ban(2, flagged.event.author!.id, deletion(71).event.ts + 800)]);
      expect((await db.inboxItems.get('msg:discord:g1:c1:71'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord:Ana' });
    });

    it('names nobody when the ban stored before was of another member', async () => {
      const db = freshDb();
      const other = message(72, { flags: [scamFlag] });
      const flagged = message(73, { flags: [scamFlag] });
      await ingestBatch(db, [other, flagged]);
      await ingestBatch(db, [ban(3, 'someone-else', deletion(73).event.ts - 1000)]);
      await ingestBatch(db, [deletion(73)]);
      expect((await db.inboxItems.get('msg:discord:g1:c1:73'))?.outcome).toMatchObject({ kind: 'delete', detail: 'native:discord' });
    });
  });
});

describe('ingest of a rule’s automatic actions', () => {
  const key = '9b2f3c1e-5a4d-5e6f-8a7b-0c1d2e3f4a5b';
  const dryKey = '1b2f3c1e-5a4d-5e6f-8a7b-0c1d2e3f4a5b';

  it('puts the action main runs in the outbox as sent, under main’s key, with a pending case by automation; a dry run records nothing', async () => {
    const db = freshDb();
    const acted: Envelope = { ...message(5, { flags: [scamFlag] }), automatic: [{ rule: scamFlag.rule, kind: 'delete', key, dryRun: false }] };
    const dry: Envelope = { ...message(6, { flags: [scamFlag] }), automatic: [{ rule: scamFlag.rule, kind: 'timeout', key: dryKey, durationSeconds: 300, dryRun: true }] };
    const res = await ingestBatch(db, [acted, dry]);
    expect(res.automatic).toBe(1);
    const row = await db.actions.get(key);
    expect(row).toMatchObject({ status: 'sent', inboxItemId: 'msg:discord:g1:c1:5', intent: { kind: 'delete', key, messageId: '5', channelId: 'c1', sourceId: 's1' } });
    expect(await db.actions.get(dryKey)).toBeUndefined();
    const cases = await db.cases.toArray();
    expect(cases).toEqual([expect.objectContaining({ action: 'delete', moderator: 'automation', result: 'pending', actionKey: key, memberId: 'u2', inboxItemId: 'msg:discord:g1:c1:5' })]);
    expect(cases[0]!.evidence[0]!.messageId).toBe('5');

    // The same envelope again (a catch-up overlap): nothing is written twice.
    expect((await ingestBatch(db, [acted])).automatic).toBe(0);
    expect(await db.actions.count()).toBe(1);
    expect(await db.cases.count()).toBe(1);
  });

  it('a hold is a delete by automation whose item stays open for review, also once the platform says the message is gone; a notify writes no action', async () => {
    const db = freshDb();
    const holdKey = '2b2f3c1e-5a4d-5e6f-8a7b-0c1d2e3f4a5b';
    const notifyKey = '3b2f3c1e-5a4d-5e6f-8a7b-0c1d2e3f4a5b';
    const held: Envelope = { ...message(7, { flags: [scamFlag] }), automatic: [{ rule: scamFlag.rule, kind: 'hold', key: holdKey, dryRun: false }] };
    const told: Envelope = { ...message(8, { flags: [scamFlag] }), automatic: [{ rule: scamFlag.rule, kind: 'notify', key: notifyKey, dryRun: false }] };
    expect((await ingestBatch(db, [held, told])).automatic).toBe(1);
    const row = await db.actions.get(holdKey);
    expect(row).toMatchObject({ status: 'sent', intent: { kind: 'delete', key: holdKey, messageId: '7' } });
    expect(row?.inboxItemId).toBeUndefined();
    expect(await db.actions.get(notifyKey)).toBeUndefined();
    expect(await db.cases.toArray()).toEqual([expect.objectContaining({ action: 'delete', moderator: 'automation', actionKey: holdKey, inboxItemId: 'msg:discord:g1:c1:7' })]);
    await ingestBatch(db, [deletion(7)]);
    expect(await db.inboxItems.get('msg:discord:g1:c1:7')).toMatchObject({ status: 'open', messageDeleted: true });
  });
});

describe('ingest of member reports', () => {
  const now = 1_700_000_000_000;
  function report(n: number, reporter: string, target: number, author: Partial<Envelope['event']['author']> = {}): Envelope {
    return {
      event: { id: `discord:g1:c1:${target}:report-${reporter}`, sourceId: 's1', platform: 'discord', kind: 'report', spaceId: 'g1', channelId: 'c1', messageId: String(target), ts: now + n, author: { id: reporter, name: reporter, bot: false, ...author }, detail: 'Report to moderators' },
      flags: [{ rule: 'behaviour.member-report', category: 'custom', severity: 'medium', reason: 'reported by a member', evidence: [], group: `report:${target}` }],
    };
  }

  it('opens the item of an unflagged message, counts each member once, names them, and weighs trusted reporters more', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(40)]);
    await ingestBatch(db, [report(41, 'r1', 40)]);
    let item = await db.inboxItems.get('msg:discord:g1:c1:40');
    expect(item?.reports).toMatchObject({ count: 1, weight: 1, reporters: [{ id: 'r1', name: 'r1', weight: 1, trust: [] }] });
    expect(item?.severity).toBe('medium');
    // The same member again (a flood of one): still one report.
    await ingestBatch(db, [report(42, 'r1', 40), { ...report(43, 'r1', 40), event: { ...report(43, 'r1', 40).event, id: 'other-id' } }]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:40'))?.reports?.count).toBe(1);
    // A member with a role and two years in the community weighs 3: the reports now make it high.
    await ingestBatch(db, [report(44, 'r2', 40, { roles: ['member-role'], joinedAt: now - 2 * 365 * 86_400_000 })]);
    item = await db.inboxItems.get('msg:discord:g1:c1:40');
    expect(item?.reports).toMatchObject({ count: 2, weight: 4 });
    expect(item?.reports?.reporters[1]).toMatchObject({ id: 'r2', weight: 3, trust: ['role', 'tenure'] });
    expect(item?.severity).toBe('high');
    expect(await db.inboxItems.count()).toBe(1);
  });

  it('joins the item already holding a flagged message', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(50, { flags: [scamFlag] })]);
    await ingestBatch(db, [report(51, 'r1', 50)]);
    const items = await db.inboxItems.toArray();
    expect(items.map((i) => i.id)).toEqual(['msg:discord:g1:c1:50']);
    expect(items[0]!.reports?.count).toBe(1);
    expect(items[0]!.flags.map((f) => f.rule)).toEqual([scamFlag.rule, 'behaviour.member-report']);
  });

  it('opens nothing for a report on a deleted message or on one never stored', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(60)]);
    await ingestBatch(db, [{ event: { id: 'discord:g1:c1:60:delete', sourceId: 's1', platform: 'discord', kind: 'delete', spaceId: 'g1', channelId: 'c1', messageId: '60', ts: now }, flags: [] }]);
    await ingestBatch(db, [report(62, 'r1', 60), report(63, 'r1', 999)]);
    expect(await db.inboxItems.count()).toBe(0);
    expect(await db.events.count()).toBe(4);
  });
});

describe("ingest of a newcomer's first message (issue 19)", () => {
  const first = (n: number, author: { id: string; name: string; displayName?: string }): Envelope => {
    const env = message(n, { text: 'hi all, just joined!' });
    return { ...env, event: { ...env.event, author: { ...author, bot: false } }, newcomerFirst: true };
  };
  const from = (n: number, author: string, over: Partial<Envelope['event']> = {}): Envelope => {
    const env = message(n);
    return { ...env, event: { ...env.event, author: { id: author, name: author, bot: false }, ...over } };
  };

  it('opens an item until someone else replies; the newcomer replying to themselves does not answer it', async () => {
    const db = freshDb();
    const res = await ingestBatch(db, [first(10, { id: 'nc', name: 'nova_new', displayName: 'Nova' })]);
    expect(res.newItemIds).toEqual(['newcomer:discord:g1:c1:10']);
    expect(await db.inboxItems.get('newcomer:discord:g1:c1:10')).toMatchObject({ kind: 'newcomer', status: 'open', authorName: 'Nova', severity: 'low', flags: [] });
    await ingestBatch(db, [from(11, 'nc', { replyToMessageId: '10', text: 'anyone?' })]);
    expect((await db.inboxItems.get('newcomer:discord:g1:c1:10'))?.status).toBe('open');
    const answered = await ingestBatch(db, [from(12, 'helper', { replyToMessageId: '10', author: { id: 'h', name: 'helper', displayName: 'Helen', bot: false } })]);
    expect(answered.items).toHaveLength(1);
    expect(await db.inboxItems.get('newcomer:discord:g1:c1:10')).toMatchObject({ status: 'resolved', outcome: { kind: 'reply', ok: true, detail: 'answered:Helen' } });
  });

  it("is answered by a message mentioning the newcomer by handle, not by a longer name that starts the same, nor in another space", async () => {
    const db = freshDb();
    await ingestBatch(db, [first(20, { id: 'nc2', name: 'ana' })]);
    await ingestBatch(db, [from(21, 'x', { text: 'hello @anabel' }), from(22, 'y', { text: 'welcome @ana', spaceId: 'other' })]);
    expect((await db.inboxItems.get('newcomer:discord:g1:c1:20'))?.status).toBe('open');
    await ingestBatch(db, [from(23, 'z', { text: 'welcome @Ana!' })]);
    expect((await db.inboxItems.get('newcomer:discord:g1:c1:20'))?.status).toBe('resolved');
    // A Discord mention (<@id>), in the same batch as the first message.
    const db2 = freshDb();
    await ingestBatch(db2, [first(30, { id: 'nc3', name: 'bo' }), from(31, 'z', { text: 'hey <@nc3>' })]);
    expect((await db2.inboxItems.get('newcomer:discord:g1:c1:30'))?.status).toBe('resolved');
    // A WhatsApp mention names the number of the member's jid.
    const db3 = freshDb();
    await ingestBatch(db3, [first(50, { id: '15550000009@s.whatsapp.net', name: 'Zoe' }), from(51, 'z', { text: 'hi @15550000009 welcome' })]);
    expect((await db3.inboxItems.get('newcomer:discord:g1:c1:50'))?.status).toBe('resolved');
  });

  it('is answered by an answer that reached the store first: an earlier batch (the WhatsApp history after the live answer), or earlier in the batch', async () => {
    const db = freshDb();
    // A mention before the first message was posted answers nothing; the one after it does, though stored first.
    await ingestBatch(db, [from(60, 'h', { text: 'has anyone seen @kai?', channelId: 'c2' }), from(62, 'h', { text: 'welcome @kai, roles are in #faq', channelId: 'c2', author: { id: 'h', name: 'helper', displayName: 'Helen', bot: false } })]);
    await ingestBatch(db, [first(61, { id: 'nc5', name: 'kai' })]);
    expect(await db.inboxItems.get('newcomer:discord:g1:c1:61')).toMatchObject({ status: 'resolved', outcome: { kind: 'reply', ok: true, at: message(62).event.ts, detail: 'answered:Helen' } });
    // The reply listed before the question in one batch.
    const db2 = freshDb();
    await ingestBatch(db2, [from(71, 'h', { replyToMessageId: '70' }), first(70, { id: 'nc6', name: 'lu' })]);
    expect((await db2.inboxItems.get('newcomer:discord:g1:c1:70'))?.status).toBe('resolved');
    // Only an earlier mention: the item stays open.
    const db3 = freshDb();
    await ingestBatch(db3, [from(80, 'h', { text: 'where is @mo?' })]);
    await ingestBatch(db3, [first(81, { id: 'nc7', name: 'mo' })]);
    expect((await db3.inboxItems.get('newcomer:discord:g1:c1:81'))?.status).toBe('open');
  });

  it('opens no newcomer item for a flagged first message (the flag item is there) or a message not marked', async () => {
    const db = freshDb();
    await ingestBatch(db, [{ ...first(40, { id: 'nc4', name: 'scammer' }), flags: [scamFlag] }, message(41)]);
    expect((await db.inboxItems.toArray()).map((i) => i.id)).toEqual(['msg:discord:g1:c1:40']);
  });
});
