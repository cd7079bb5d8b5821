// Schema version 3: cases (moderation records, found by member and by creation time), moderator
// notes on members, and small local settings (the moderator's name, the rule list, the warn ladder,
// the mod-log channel). New tables only; the rows of v2 are untouched.
import type Dexie from 'dexie';
import { v2Stores } from './v2';

export const v3Stores = {
  ...v2Stores,
  cases: 'id, [sourceId+memberId], createdAt, inboxItemId, actionKey',
  notes: 'id, [sourceId+memberId], createdAt',
  settings: 'key',
};

export function declareV3(db: Dexie): void {
  db.version(3).stores(v3Stores);
}
