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
import { declareV8 } from './v8';
import { message, uniqueDbName } from './testing';

describe('schema v9', () => {
  it('opens a database written by v8 with every row intact and an empty drafts table found by age', async () => {
    const name = uniqueDbName('v9');
    const old = new Dexie(name);
    for (const declare of [declareV1, declareV2, declareV3, declareV4, declareV5, declareV6, declareV7, declareV8]) declare(old);
    await old.open();
    await old.table('events').bulkAdd([1, 2].map((n) => ({ ...message(n).event, flags: [] })));
    await old.table('settings').put({ key: 'moderatorName', value: 'Ana' });
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(await db.events.count()).toBe(2);
    expect((await db.settings.get('moderatorName'))?.value).toBe('Ana');
    expect(await db.drafts.count()).toBe(0);
    await db.drafts.bulkPut([
      { key: 'reply:a', value: 'hello', savedAt: 100 },
      { key: 'form:warn:a', value: { ruleId: 'r1', typed: '' }, savedAt: 300 },
    ]);
    expect(await db.drafts.where('savedAt').below(200).primaryKeys()).toEqual(['reply:a']);
    expect((await db.drafts.get('form:warn:a'))?.value).toEqual({ ruleId: 'r1', typed: '' });
    db.close();
  });
});
