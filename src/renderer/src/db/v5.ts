// Schema version 5: inbox items are found by their similarity keys (*similar), so a message with the
// same lure as an open item joins it instead of opening another. Index-only change: Dexie builds the
// index from the existing rows (items stored before have no keys and simply never match).
import type Dexie from 'dexie';
import { v4Stores } from './v4';

export const v5Stores = {
  ...v4Stores,
  inboxItems: `${v4Stores.inboxItems}, *similar`,
};

export function declareV5(db: Dexie): void {
  db.version(5).stores(v5Stores);
}
