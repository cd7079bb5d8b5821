import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '@shared/domain/model';
import { TribeDb } from './db';
import { ingestBatch } from './ingest';
import { enqueueAction } from './outbox';
import { pruneCache } from './retention';
import { message, scamFlag, uniqueDbName } from './testing';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12);

const dbs: TribeDb[] = [];
function freshDb(): TribeDb {
  const db = new TribeDb(uniqueDbName('retention'));
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function at(env: Envelope, ts: number): Envelope {
  return { ...env, event: { ...env.event, ts } };
}

describe('pruning the offline cache', () => {
  it('removes old messages in chunks but keeps those an unresolved item still needs', async () => {
    const db = freshDb();
    // 4,500 old plain messages (more than one chunk, many sharing a timestamp), one old flagged message
    // whose item is still open, and 10 recent messages.
    const old = Array.from({ length: 4_500 }, (_, n) => at(message(n + 1), NOW - 40 * DAY + Math.floor(n / 7)));
    const flagged = at(message(9_000, { flags: [scamFlag] }), NOW - 60 * DAY);
    const recent = Array.from({ length: 10 }, (_, n) => at(message(10_000 + n), NOW - DAY));
    await ingestBatch(db, [...old, flagged, ...recent]);

    const report = await pruneCache(db, NOW);
    expect(report.events).toBe(4_500);
    expect(await db.events.count()).toBe(11);
    expect(await db.events.get(flagged.event.id)).toBeDefined();
    expect(await db.inboxItems.count()).toBe(1);
    // Running again finds nothing more to do.
    expect((await pruneCache(db, NOW)).events).toBe(0);
  });

  it('removes items resolved long ago with their messages, and keeps recent resolved ones', async () => {
    const db = freshDb();
    await ingestBatch(db, [at(message(1, { flags: [scamFlag] }), NOW - 120 * DAY), at(message(2, { flags: [scamFlag] }), NOW - 10 * DAY)]);
    await db.inboxItems.toCollection().modify((item) => {
      item.status = 'resolved';
    });
    const report = await pruneCache(db, NOW);
    expect(report.itemIds).toEqual(['msg:discord:g1:c1:1']);
    expect((await db.inboxItems.toArray()).map((i) => i.id)).toEqual(['msg:discord:g1:c1:2']);
    expect(await db.events.get('discord:g1:c1:1')).toBeUndefined();
    expect(await db.events.get('discord:g1:c1:2')).toBeDefined();
  });

  it('never removes an action that has not run, however old', async () => {
    const db = freshDb();
    const base = { sourceId: 's1', platform: 'discord' as const, spaceId: 'g1', channelId: 'c1' };
    await enqueueAction(db, { ...base, key: '00000000-0000-4000-8000-000000000001', kind: 'delete', messageId: '1' }, NOW - 90 * DAY);
    await enqueueAction(db, { ...base, key: '00000000-0000-4000-8000-000000000002', kind: 'delete', messageId: '2' }, NOW - 90 * DAY);
    await enqueueAction(db, { ...base, key: '00000000-0000-4000-8000-000000000003', kind: 'delete', messageId: '3' }, NOW - DAY);
    await db.actions.where('key').anyOf('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003').modify({ status: 'confirmed' });
    const report = await pruneCache(db, NOW);
    expect(report.actions).toBe(1);
    expect((await db.actions.toArray()).map((a) => a.key).sort()).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003']);
  });
});
