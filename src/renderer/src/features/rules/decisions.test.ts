import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionIntent } from '@shared/domain/actions';
import { ok } from '@shared/domain/result';
import { TribeDb } from '../../db/db';
import { ingestBatch } from '../../db/ingest';
import { dismissItem, enqueueAction, executeAction } from '../../db/outbox';
import { message, scamFlag, uniqueDbName } from '../../db/testing';
import { decisionLabels, falseAlarmsByRule } from './decisions';

const dbs: TribeDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe('decisions as labels', () => {
  it('counts a raid banned in one bulk request as one ban of its item', async () => {
    const db = new TribeDb(uniqueDbName('decisions'));
    dbs.push(db);
    await ingestBatch(db, [message(1, { flags: [scamFlag] })]);
    const bulk: ActionIntent = {
      key: '00000000-0000-4000-8000-000000000001', kind: 'bulkBan', sourceId: 's1', platform: 'discord', spaceId: 'g1', channelId: 'c1',
      memberIds: ['u1', 'u2'], deleteMessageSeconds: 86_400, inboxItemId: 'msg:discord:g1:c1:1',
    };
    await enqueueAction(db, bulk);
    await executeAction(db, bulk.key, async (a) => ok({ key: a.key, kind: a.kind, confirmedAt: Date.now(), duplicate: false, accounts: [{ memberId: 'u1', state: 'banned' }, { memberId: 'u2', state: 'failed' }] }));
    const labels = await decisionLabels(db, Date.now());
    expect(labels).toEqual([expect.objectContaining({ kind: 'ban', rules: ['keyword.scam-lure'] })]);
  });

  it('counts items the team resolved without action as their rules’ false alarms, each once, within the window', async () => {
    const db = new TribeDb(uniqueDbName('decisions'));
    dbs.push(db);
    const other = { ...scamFlag, rule: 'spam.promotion', category: 'spam' as const };
    await ingestBatch(db, [message(1, { flags: [scamFlag, other] }), message(2, { flags: [scamFlag] }), message(3, { flags: [scamFlag] }), message(4, { flags: [scamFlag] })]);
    const now = Date.now();
    await dismissItem(db, 'msg:discord:g1:c1:1', now);
    await dismissItem(db, 'msg:discord:g1:c1:2', now);
    // Resolved without action three weeks ago: outside the window. Item 4 is still open.
    await dismissItem(db, 'msg:discord:g1:c1:3', now - 21 * 86_400_000);
    expect(await falseAlarmsByRule(db, now)).toEqual(new Map([[scamFlag.rule, 2], ['spam.promotion', 1]]));
    // The same dismissals are decisions already (labels the proposals read).
    expect((await decisionLabels(db, now)).filter((l) => l.kind === 'dismissed')).toHaveLength(2);
  });
});
