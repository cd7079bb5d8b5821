import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareV1 } from './v1';
import { uniqueDbName } from './testing';

const open: Dexie[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

describe('schema v1', () => {
  it('creates the four tables with their indexes in an empty database', async () => {
    const db = new Dexie(uniqueDbName('v1'));
    open.push(db);
    declareV1(db);
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['actions', 'cursors', 'events', 'inboxItems']);
    const events = db.table('events').schema;
    expect(events.primKey.name).toBe('id');
    expect(events.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['[sourceId+channelId+ts]', 'messageId', 'ts']));
    expect(db.table('inboxItems').schema.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['status', 'updatedAt', 'createdAt', 'eventIds']));
    expect(db.table('actions').schema.primKey.name).toBe('key');
    expect(db.table('cursors').schema.primKey.name).toBe('sourceId');
  });
});
