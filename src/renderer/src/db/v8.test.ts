import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { declareV4 } from './v4';
import { declareV5 } from './v5';
import { declareV6 } from './v6';
import { declareV7 } from './v7';
import { message, uniqueDbName } from './testing';

describe('schema v8', () => {
  it('opens a database written by v7 and finds a member\'s events by author and time', async () => {
    const name = uniqueDbName('v8');
    const old = new Dexie(name);
    for (const declare of [declareV1, declareV2, declareV3, declareV4, declareV5, declareV6, declareV7]) declare(old);
    await old.open();
    const rows = [1, 2, 3].map((n) => ({ ...message(n).event, flags: [] }));
    const noAuthor = { ...message(4).event, kind: 'join' as const, author: undefined, flags: [] };
    await old.table('events').bulkAdd([...rows, noAuthor]);
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(8);
    expect(await db.events.count()).toBe(4);
    const author = rows[0]!.author!.id;
    const mine = await db.events.where('[author.id+ts]').between([author, Dexie.minKey], [author, Dexie.maxKey]).toArray();
    expect(mine.map((r) => r.id)).toEqual(rows.filter((r) => r.author?.id === author).sort((a, b) => a.ts - b.ts).map((r) => r.id));
    expect(mine.length).toBeGreaterThan(0);
    db.close();
  });
});
