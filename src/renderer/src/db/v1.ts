// Schema version 1: events, inbox items, the outbox and cursors.
import type Dexie from 'dexie';

export const v1Stores = {
  events: 'id, [sourceId+channelId+ts], messageId, ts',
  // *eventIds finds the items a message belongs to when it is deleted.
  inboxItems: 'id, status, updatedAt, createdAt, *eventIds',
  actions: 'key, status, inboxItemId, createdAt',
  cursors: 'sourceId',
};

export function declareV1(db: Dexie): void {
  db.version(1).stores(v1Stores);
}
