import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { HAND_FLAG_RULE, type HandFlagMark } from '@shared/domain/handFlags';
import { TribeDb } from './db';
import { applyHandFlags, handFlagsToApply, HAND_FLAG_OPEN_DAYS, type HandFlagInput } from './handFlags';
import { ingestBatch } from './ingest';
import { message, scamFlag, uniqueDbName } from './testing';

const dbs: TribeDb[] = [];
function freshDb(): TribeDb {
  const db = new TribeDb(uniqueDbName('handflags'));
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

const mark = (id: string, key = 'ana-key', name = 'Ana', note?: string): HandFlagMark => ({ id, key, name, at: 1_700_000_001_000, category: 'spam', ...(note ? { note } : {}) });
const input = (n: number, m: HandFlagMark, over: Partial<HandFlagInput> = {}): HandFlagInput => ({
  mark: m,
  ev: `discord:g1:c1:${n}`,
  p: 'discord',
  space: 'g1',
  channel: 'c1',
  msg: String(n),
  text: `hello ${n}`,
  author: { id: 'u1', name: 'user1' },
  chName: 'general',
  ts: 1_700_000_000_000 + n,
  ...over,
});
const noSource = () => undefined;

describe('hand flags into the store', () => {
  it('opens an item for a stored message triage let through, marked with who flagged it; applying it again changes nothing', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(1), message(2)]);
    const first = await applyHandFlags(db, [input(1, mark('local:1', 'ana-key', 'Ana', '<b>lure</b>'))], noSource);
    expect(first.newItemIds).toEqual(['msg:discord:g1:c1:1']);
    const item = (await db.inboxItems.get('msg:discord:g1:c1:1'))!;
    expect(item).toMatchObject({ kind: 'flag', status: 'open', sourceId: 's1', severity: 'high', categories: ['spam'], text: 'hello 1', handFlags: [{ id: 'local:1', name: 'Ana', note: '<b>lure</b>' }] });
    expect(item.flags).toEqual([expect.objectContaining({ rule: HAND_FLAG_RULE, category: 'spam', why: { detail: { code: 'handFlag', fields: { by: 'Ana', note: '<b>lure</b>' } } } })]);
    // Its ledger record comes back: it takes the local mark's place (one mark per moderator), then is a no-op.
    const back = await applyHandFlags(db, [input(1, mark('100.0'))], noSource);
    expect(back.newItemIds).toEqual([]);
    expect((await db.inboxItems.get('msg:discord:g1:c1:1'))!.handFlags!.map((m) => m.id)).toEqual(['100.0']);
    expect(await applyHandFlags(db, [input(1, mark('100.0'))], noSource)).toEqual({ items: [], newItemIds: [], waiting: [] });
    // Another moderator's flag joins the same item.
    await applyHandFlags(db, [input(1, mark('101.0', 'bo-key', 'Bo'))], noSource);
    expect((await db.inboxItems.get('msg:discord:g1:c1:1'))!.handFlags!.map((m) => m.name)).toEqual(['Ana', 'Bo']);
    expect(await db.inboxItems.count()).toBe(1);
  });

  it('marks the item that already holds the message instead of opening another', async () => {
    const db = freshDb();
    await ingestBatch(db, [message(5, { flags: [scamFlag] })]);
    const res = await applyHandFlags(db, [input(5, mark('local:5'))], noSource);
    expect(res.newItemIds).toEqual([]);
    expect(await db.inboxItems.count()).toBe(1);
    expect((await db.inboxItems.get('msg:discord:g1:c1:5'))!.flags.map((f) => f.rule)).toEqual([scamFlag.rule, HAND_FLAG_RULE]);
  });

  it('a flag on a message this console never stored opens its item from what the flag carries, through a connection to that space; without one it waits', async () => {
    const db = freshDb();
    expect(await applyHandFlags(db, [input(9, mark('200.0'))], noSource)).toEqual({ items: [], newItemIds: [], waiting: ['200.0'] });
    const res = await applyHandFlags(db, [input(9, mark('200.0'), { text: '<img src=x onerror=alert(1)>' })], (p, space) => (p === 'discord' && space === 'g1' ? 'mine' : undefined));
    expect(res.newItemIds).toEqual(['msg:discord:g1:c1:9']);
    expect(await db.inboxItems.get('msg:discord:g1:c1:9')).toMatchObject({ sourceId: 'mine', channelName: 'general', authorName: 'user1', messageId: '9', text: '<img src=x onerror=alert(1)>' });
  });

  it('applies the ledger’s recent hand flags once: a console joining later does not open months of old misses', () => {
    const now = 1_800_000_000_000;
    const day = 86_400_000;
    const flags = [{ id: 'a', at: now - day }, { id: 'b', at: now - (HAND_FLAG_OPEN_DAYS + 1) * day }, { id: 'c', at: now }];
    expect(handFlagsToApply(flags, new Set(), now).map((f) => f.id)).toEqual(['a', 'c']);
    expect(handFlagsToApply(flags, new Set(['a']), now).map((f) => f.id)).toEqual(['c']);
  });
});
