// Schema version 9: what a moderator is typing (a reply, a warning's text, an announcement, a handoff)
// is kept on this computer as they type, so a reload, a crash or a restart never loses it. One row per
// draft, keyed by what it belongs to (`reply:<item id>`, `announce:compose`, …), indexed by when it was
// last written so drafts left alone for weeks are pruned. The table starts empty.
import type Dexie from 'dexie';
import { v8Stores } from './v8';

export const v9Stores = {
  ...v8Stores,
  drafts: 'key, savedAt',
};

export function declareV9(db: Dexie): void {
  db.version(9).stores(v9Stores);
}
