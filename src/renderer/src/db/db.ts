// The renderer's Dexie database. Versions are declared one file each (v1.ts, v2.ts…), in order.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { InboxItem } from '@shared/domain/inbox';
import type { Case } from '@shared/domain/cases';
import type { ActionRow, CursorRow, DraftRow, EventRow, InsightBatchRow, MemberNoteRow, SettingRow } from './schema';
import type { AggregateRecord } from '@shared/insights/snapshot';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { declareV4, type TeamRow } from './v4';
import { declareV5 } from './v5';
import { declareV6 } from './v6';
import { declareV7 } from './v7';
import { declareV8 } from './v8';
import { declareV9 } from './v9';
import { inboxIndexMiddleware } from './inboxIndex';

export const DB_NAME = 'tribekeeper';

export class TribeDb extends Dexie {
  events!: Table<EventRow, string>;
  inboxItems!: Table<InboxItem, string>;
  actions!: Table<ActionRow, string>;
  cursors!: Table<CursorRow, string>;
  cases!: Table<Case, string>;
  notes!: Table<MemberNoteRow, string>;
  settings!: Table<SettingRow, string>;
  team!: Table<TeamRow, string>;
  insightAggregates!: Table<AggregateRecord, string>;
  insightBatches!: Table<InsightBatchRow, number>;
  drafts!: Table<DraftRow, string>;

  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    declareV1(this);
    declareV2(this);
    declareV3(this);
    declareV4(this);
    declareV5(this);
    declareV6(this);
    declareV7(this);
    declareV8(this);
    declareV9(this);
    this.use(inboxIndexMiddleware);
  }
}
