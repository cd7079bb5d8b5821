// Schema version 8: events found by their author and time (issue 18), so a member's journey (first
// seen, first message, first answer to a newcomer, roles gained) reads one member's rows from the
// index instead of every cached event. Indexes only; no row changes.
import type Dexie from 'dexie';
import { v7Stores } from './v7';

export const v8Stores = {
  ...v7Stores,
  events: `${v7Stores.events}, [author.id+ts]`,
};

export function declareV8(db: Dexie): void {
  db.version(8).stores(v8Stores);
}
