// Schema version 4: the team ledger view main last sent (roster, claims, schedules, handoffs), so the
// shifts screen and "Ana is on this" still show after a reload while main is out of reach. New table only.
import type Dexie from 'dexie';
import type { TeamView } from '@shared/team';
import { v3Stores } from './v3';

export interface TeamRow {
  key: 'view';
  view: TeamView;
  savedAt: number;
}

export const v4Stores = {
  ...v3Stores,
  team: 'key',
};

export function declareV4(db: Dexie): void {
  db.version(4).stores(v4Stores);
}
