// Schema version 2: message ids are only unique within a channel (Telegram numbers messages per
// chat), so deletes and edits look their message up by [sourceId+channelId+messageId]; and the
// inbox filter pages newest-first within a status through [status+createdAt]. Index-only change:
// Dexie builds the new indexes from the existing rows, no data is rewritten.
import type Dexie from 'dexie';
import { v1Stores } from './v1';

export const v2Stores = {
  ...v1Stores,
  events: `${v1Stores.events}, [sourceId+channelId+messageId]`,
  inboxItems: `${v1Stores.inboxItems}, [status+createdAt]`,
};

export function declareV2(db: Dexie): void {
  db.version(2).stores(v2Stores);
}
