// Schema version 7: events found by their author and time (issue 18), so a member's journey (first
// seen, first message, first answer to a newcomer, roles gained) reads one member's rows from the
// index instead of every cached event. Indexes only; no row changes.
import type Dexie from 'dexie';
import { v6Stores } from './v6';

export const v7Stores = {
  ...v6Stores,
  events: `${v6Stores.events}, [author.id+ts]`,
};

export function declareV7(db: Dexie): void {
  db.version(7).stores(v7Stores);
}
