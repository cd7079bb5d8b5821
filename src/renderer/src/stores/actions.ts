// Actions store: runs moderator actions through the outbox and remembers, per item, the latest
// action and whether it is waiting for the connection to come back.
import { create } from 'zustand';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { fail, type Result } from '@shared/domain/result';
import { dismissItem, enqueueAction, executeAction, replayOutbox, type ActionOutcome } from '../db/outbox';
import type { ActionRow } from '../db/schema';
import { getDb } from '../db/instance';
import { BridgeOfflineError, send } from '../ipc/client';
import { useInbox } from './inbox';

interface ActionsState {
  /** The latest action per inbox item (what the item view shows while it runs). */
  latestByItem: ReadonlyMap<string, ActionRow>;
  /** Item ids whose action is waiting for the connection. */
  waiting: ReadonlySet<string>;
  run(intent: ActionIntent): Promise<void>;
  dismiss(itemId: string): Promise<void>;
  replay(): Promise<void>;
}

const inFlight = new Set<string>();

/** Only a transport failure throws (the action stays pending); anything else becomes a failed Result. */
async function sendAction(intent: ActionIntent): Promise<Result<ActionReceipt>> {
  try {
    return await send('actions.execute', { action: intent });
  } catch (err) {
    if (err instanceof BridgeOfflineError) throw err;
    return fail('internal', err instanceof Error ? err.message : String(err));
  }
}

export const useActions = create<ActionsState>()((set, get) => {
  function remember(row: ActionRow, waiting?: boolean): void {
    const latestByItem = new Map(get().latestByItem);
    const itemId = row.inboxItemId;
    if (!itemId) return;
    latestByItem.set(itemId, row);
    const w = new Set(get().waiting);
    if (waiting) w.add(itemId);
    else w.delete(itemId);
    set({ latestByItem, waiting: w });
  }

  function apply(outcome: ActionOutcome | undefined): void {
    if (!outcome) return;
    remember(outcome.action, false);
    if (outcome.item) useInbox.getState().applyItems([outcome.item]);
  }

  return {
    latestByItem: new Map(),
    waiting: new Set(),

    async run(intent) {
      const db = getDb();
      const row = await enqueueAction(db, intent);
      remember(row);
      inFlight.add(row.key);
      try {
        apply(await executeAction(db, row.key, sendAction));
      } catch (err) {
        if (!(err instanceof BridgeOfflineError)) throw err;
        remember({ ...row, status: 'sent' }, true);
      } finally {
        inFlight.delete(row.key);
      }
    },

    async dismiss(itemId) {
      const item = await dismissItem(getDb(), itemId);
      if (item) useInbox.getState().applyItems([item]);
    },

    async replay() {
      const outcomes = await replayOutbox(getDb(), sendAction, inFlight);
      outcomes.forEach(apply);
    },
  };
});
