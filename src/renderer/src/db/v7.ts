// Schema version 7: the insights aggregates are kept in IndexedDB (issue 18, Speed), so opening Insights
// reads compact records instead of walking every cached event, and the hourly figures outlive the
// 30-day event prune. `insightAggregates` holds the records of @shared/insights/snapshot (one per space
// and day, per chunk of member/reply rows, member table, terms, meta); `insightBatches` is the journal:
// ingest adds the ids of each batch's new events in its own transaction, and the insights worker
// deletes a batch's row in the same transaction that stores the aggregates with it folded in. Every
// stored event is so either in the aggregates or in the journal, never both, also across a crash.
// Both tables start empty: the worker builds the aggregates from the events once.
import type Dexie from 'dexie';
import { v6Stores } from './v6';

export const v7Stores = {
  ...v6Stores,
  insightAggregates: 'key',
  insightBatches: '++id',
};

export function declareV7(db: Dexie): void {
  db.version(7).stores(v7Stores);
}
