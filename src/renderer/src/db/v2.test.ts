import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { itemFromEnvelope } from '@shared/domain/inbox';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { message, scamFlag, uniqueDbName } from './testing';

describe('schema v2', () => {
  it('opens a database written by v1 with every row intact and the new indexes usable', async () => {
    const name = uniqueDbName('v2');
    const old = new Dexie(name);
    declareV1(old);
    await old.open();
    const flagged = message(5, { flags: [scamFlag] });
    await old.table('events').bulkAdd([
      { ...message(4).event, flags: [] },
      { ...flagged.event, flags: flagged.flags },
      { ...message(5, { channelId: 'c2' }).event, flags: [] },
    ]);
    const item = itemFromEnvelope(flagged)!;
    await old.table('inboxItems').add(item);
    await old.table('cursors').put({ sourceId: 's1', positions: { c1: '5' } });
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect(await db.events.count()).toBe(3);
    expect(await db.cursors.get('s1')).toEqual({ sourceId: 's1', positions: { c1: '5' } });
    const inC1 = await db.events.where('[sourceId+channelId+messageId]').equals(['s1', 'c1', '5']).toArray();
    expect(inC1.map((r) => r.id)).toEqual([flagged.event.id]);
    const open = await db.inboxItems.where('[status+createdAt]').between(['open', Dexie.minKey], ['open', Dexie.maxKey]).toArray();
    expect(open).toMatchObject([item]); // v6 adds the index fields lane and rank
    db.close();
  });
});
