import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyTeamState } from '@shared/team';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { uniqueDbName } from './testing';

describe('schema v4', () => {
  it('opens a database written by v3 with its rows intact and keeps the team view', async () => {
    const name = uniqueDbName('v4');
    const old = new Dexie(name);
    declareV1(old);
    declareV2(old);
    declareV3(old);
    await old.open();
    await old.table('settings').put({ key: 'moderatorName', value: 'Ana' });
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect(await db.settings.get('moderatorName')).toEqual({ key: 'moderatorName', value: 'Ana' });
    const view = { standing: 'member' as const, me: { key: 'k', name: 'Ana', zone: 'Asia/Shanghai' }, inviteCode: 'TK1.x', pending: 0, ackMinutes: 30, state: emptyTeamState() };
    await db.team.put({ key: 'view', view, savedAt: 1 });
    expect((await db.team.get('view'))?.view).toEqual(view);
    db.close();
  });
});
