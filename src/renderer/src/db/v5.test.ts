import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { itemFromEnvelope } from '@shared/domain/inbox';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { declareV4 } from './v4';
import { message, scamFlag, uniqueDbName } from './testing';

describe('schema v5', () => {
  it('opens a database written by v4 with its items intact, and finds items by similarity key', async () => {
    const name = uniqueDbName('v5');
    const old = new Dexie(name);
    declareV1(old);
    declareV2(old);
    declareV3(old);
    declareV4(old);
    await old.open();
    const before = itemFromEnvelope(message(1, { flags: [scamFlag] }))!;
    await old.table('inboxItems').add(before);
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5);
    expect(await db.inboxItems.get(before.id)).toMatchObject(before); // v6 adds the index fields lane and rank
    const keyed = { ...itemFromEnvelope({ ...message(2, { flags: [scamFlag] }), similar: ['t:abc', 'l:scam.example'] })! };
    await db.inboxItems.add(keyed);
    expect((await db.inboxItems.where('similar').anyOf(['l:scam.example']).toArray()).map((i) => i.id)).toEqual([keyed.id]);
    expect(await db.inboxItems.where('similar').anyOf(['t:none']).count()).toBe(0);
    db.close();
  });
});
