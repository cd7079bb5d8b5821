// Who wants to hear about events once they are stored (insights keeps its aggregates current with
// them). Called after the ingest transaction committed, so a listener never sees an event twice.
import type { EventRow } from './schema';

/** `batch`: the rows' batch in the insights journal. */
type Listener = (rows: readonly EventRow[], batch?: number) => void;
const listeners = new Set<Listener>();

export function onEventsStored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceStored(rows: readonly EventRow[], batch?: number): void {
  if (rows.length === 0) return;
  for (const l of listeners) {
    try {
      l(rows, batch);
    } catch (err) {
      console.error('An events listener failed', err);
    }
  }
}
