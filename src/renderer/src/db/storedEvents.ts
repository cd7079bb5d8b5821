// Who wants to hear about events once they are stored (insights keeps its aggregates current with
// them). Called after the ingest transaction committed, so a listener never sees an event twice.
import type { EventRow } from './schema';

type Listener = (rows: readonly EventRow[]) => void;
const listeners = new Set<Listener>();

export function onEventsStored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceStored(rows: readonly EventRow[]): void {
  if (rows.length === 0) return;
  for (const l of listeners) {
    try {
      l(rows);
    } catch (err) {
      console.error('An events listener failed', err);
    }
  }
}
