import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { itemFromEnvelope } from '@shared/domain/inbox';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { message, scamFlag, uniqueDbName } from './testing';

describe('schema v3', () => {
  it('opens a database written by v2 with every row intact, and stores cases, notes and settings', async () => {
    const name = uniqueDbName('v3');
    const old = new Dexie(name);
    declareV1(old);
    declareV2(old);
    await old.open();
    const flagged = message(5, { flags: [scamFlag] });
    await old.table('events').add({ ...flagged.event, flags: flagged.flags });
    const item = itemFromEnvelope(flagged)!;
    await old.table('inboxItems').add(item);
    await old.table('actions').add({ key: 'k1', intent: { kind: 'delete' }, status: 'queued', createdAt: 1, updatedAt: 1, attempts: 0 });
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.inboxItems.get(item.id)).toMatchObject(item); // v6 adds the index fields lane and rank
    expect(await db.events.count()).toBe(1);
    expect((await db.actions.get('k1'))?.status).toBe('queued');

    await db.cases.add({
      id: 'c1', platform: 'discord', sourceId: 's1', spaceId: 'g1', memberId: 'u1', memberName: 'm', action: 'warn', reason: 'r',
      evidence: [], moderator: 'Ana', createdAt: 10, inboxItemId: item.id,
    });
    await db.notes.add({ id: 'n1', sourceId: 's1', memberId: 'u1', text: 'note', author: 'Ana', createdAt: 11 });
    await db.settings.put({ key: 'moderatorName', value: 'Ana' });
    expect((await db.cases.where('[sourceId+memberId]').equals(['s1', 'u1']).toArray()).map((c) => c.id)).toEqual(['c1']);
    expect((await db.cases.where('inboxItemId').equals(item.id).toArray()).map((c) => c.id)).toEqual(['c1']);
    expect(await db.notes.where('[sourceId+memberId]').equals(['s1', 'u1']).count()).toBe(1);
    expect((await db.settings.get('moderatorName'))?.value).toBe('Ana');
    db.close();
  });
});
