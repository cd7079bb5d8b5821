// For the browser tests that queue a hundred actions: with `?e2e` in the address, the page exposes the
// outbox's own entry point (the same `run` a key press calls), so volume tests need not click through
// a hundred forms; the bench of a big cache stores items the way ingest does. It grants nothing the
// page's own code could not already do.
import { z } from 'zod';
import { ActionIntentSchema } from '@shared/domain/actions';
import { InboxItemSchema } from '@shared/domain/inbox';
import { getDb } from './db/instance';
import { useActions } from './stores/actions';

export interface TribekeeperTestHook {
  /** Queues and runs an action through the outbox; resolves with its status once stored. */
  run(intent: unknown): Promise<string>;
  /** Every outbox row as key, kind, status, attempts and error code (what a failed test prints). */
  outbox(): Promise<Array<{ key: string; kind: string; status: string; attempts: number; error?: string }>>;
  /** Stores inbox items as ingest stores them (the bench fills a big cache with it). */
  storeItems(items: unknown[]): Promise<void>;
}

export function installTestHook(): void {
  if (!new URLSearchParams(location.search).has('e2e')) return;
  const hook: TribekeeperTestHook = {
    run: async (intent) => (await useActions.getState().run(ActionIntentSchema.parse(intent)))?.status ?? 'none',
    outbox: async () =>
      (await getDb().actions.toArray()).map((r) => ({
        key: r.key,
        kind: r.intent.kind,
        status: r.status,
        attempts: r.attempts,
        ...(r.error ? { error: `${r.error.code}: ${r.error.message}` } : {}),
      })),
    storeItems: async (items) => {
      await getDb().inboxItems.bulkPut(z.array(InboxItemSchema).parse(items));
    },
  };
  (window as unknown as { tribekeeperTest?: TribekeeperTestHook }).tribekeeperTest = hook;
}
