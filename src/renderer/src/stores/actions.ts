// Actions store: runs moderator actions through the outbox and remembers, per item and per key, the
// latest state of each action, whether it waits for the connection, and how many are pending.
import { create } from 'zustand';
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import { isMultiAccount } from '@shared/domain/inbox';
import { fail, type Result } from '@shared/domain/result';
import { cancelAction, dismissItem, enqueueAction, executeAction, pendingActions, replayOutbox, type ActionOutcome } from '../db/outbox';
import type { ActionRow } from '../db/schema';
import { getDb } from '../db/instance';
import { BridgeOfflineError, bridgeState, send } from '../ipc/client';
import { useInbox } from './inbox';

interface ActionsState {
  /** The latest action per inbox item (what the item view shows while it runs). */
  latestByItem: ReadonlyMap<string, ActionRow>;
  /** Every action this session has touched, by key (bulk progress, the outbox panel). */
  byKey: ReadonlyMap<string, ActionRow>;
  /** Item ids whose action is waiting for the connection. */
  waiting: ReadonlySet<string>;
  /** Actions main may not have run yet (queued or sent): the header badge; undefined until first counted. */
  pendingCount: number | undefined;
  /** Bumped whenever the outbox changed, so views reading it from IndexedDB reload. */
  outboxVersion: number;
  run(intent: ActionIntent): Promise<ActionRow | undefined>;
  dismiss(itemId: string): Promise<void>;
  replay(): Promise<void>;
  /**
   * Cancels an action that has not been sent: it is removed from the outbox and never runs. False
   * when it was already sent (it may be running; its answer will come).
   */
  cancel(key: string): Promise<boolean>;
  refreshPending(): Promise<void>;
}

const inFlight = new Set<string>();
/**
 * Keys a replay passed over because they were in flight. An answer that then puts one back to waiting
 * ("offline": the connection dropped and came back while it was on its way) has missed the replay that
 * the reconnect started, so it runs again at once instead of waiting for the next reconnect.
 */
const passedOver = new Set<string>();

/** Told once per answered action (confirmed or failed), however it ran: now, or replayed later. */
const settledListeners = new Set<(row: ActionRow) => void>();
export function onActionSettled(listener: (row: ActionRow) => void): () => void {
  settledListeners.add(listener);
  return () => settledListeners.delete(listener);
}
let replaying: Promise<void> | undefined;
let replayAgain = false;

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
    const before = get().byKey.get(row.key)?.status;
    const byKey = new Map(get().byKey);
    byKey.set(row.key, row);
    set({ byKey, outboxVersion: get().outboxVersion + 1 });
    const itemId = row.inboxItemId;
    if (itemId) {
      const latestByItem = new Map(get().latestByItem);
      latestByItem.set(itemId, row);
      const w = new Set(get().waiting);
      if (waiting) w.add(itemId);
      else w.delete(itemId);
      set({ latestByItem, waiting: w });
    }
    if ((row.status === 'confirmed' || row.status === 'failed') && before !== row.status) for (const listener of settledListeners) listener(row);
  }

  function apply(outcome: ActionOutcome | undefined): void {
    if (!outcome) return;
    const action = outcome.action;
    remember(action, action.status === 'queued' || (action.status === 'sent' && action.error !== undefined));
    if (!outcome.item) return;
    useInbox.getState().applyItems([outcome.item]);
    // Act → next: the moderator's action settled the item they are on, so the next row is current. A
    // group settled by the last of a bulk run stays, so its per-account results can be read.
    if (outcome.item.status === 'resolved' && !isMultiAccount(outcome.item)) useInbox.getState().advanceFrom(outcome.item.id);
  }

  return {
    latestByItem: new Map(),
    byKey: new Map(),
    waiting: new Set(),
    pendingCount: undefined,
    outboxVersion: 0,

    async run(intent) {
      const db = getDb();
      const row = await enqueueAction(db, intent);
      remember(row);
      // Offline, the intent stays queued (and can still be cancelled) until the reconnect replays it.
      if (bridgeState() !== 'connected') {
        remember(row, true);
        await get().refreshPending();
        return row;
      }
      inFlight.add(row.key);
      let after: ActionRow | undefined;
      try {
        const outcome = await executeAction(db, row.key, sendAction);
        apply(outcome);
        after = outcome?.action ?? row;
        return after;
      } catch (err) {
        if (!(err instanceof BridgeOfflineError)) throw err;
        const sent: ActionRow = { ...row, status: 'sent' };
        remember(sent, true);
        return sent;
      } finally {
        inFlight.delete(row.key);
        if (passedOver.delete(row.key) && after?.status === 'queued') void get().replay();
        await get().refreshPending();
      }
    },

    async dismiss(itemId) {
      const item = await dismissItem(getDb(), itemId);
      if (!item) return;
      useInbox.getState().applyItems([item]);
      useInbox.getState().advanceFrom(item.id);
    },

    async replay() {
      // One replay at a time; a request during one runs once more after it (a source came back meanwhile).
      if (replaying) {
        replayAgain = true;
        return replaying;
      }
      replaying = (async () => {
        do {
          replayAgain = false;
          for (const key of inFlight) passedOver.add(key);
          const outcomes = await replayOutbox(getDb(), sendAction, inFlight);
          outcomes.forEach(apply);
          await get().refreshPending();
        } while (replayAgain);
      })().finally(() => {
        replaying = undefined;
      });
      return replaying;
    },

    async cancel(key) {
      // The outbox decides in one transaction: a row already claimed for sending is not cancelled.
      const removed = await cancelAction(getDb(), key);
      if (!removed) {
        // Claimed for sending meanwhile: views reload and show it sent.
        set({ outboxVersion: get().outboxVersion + 1 });
        return false;
      }
      const byKey = new Map(get().byKey);
      byKey.delete(key);
      const latestByItem = new Map(get().latestByItem);
      const w = new Set(get().waiting);
      if (removed.inboxItemId && latestByItem.get(removed.inboxItemId)?.key === key) {
        latestByItem.delete(removed.inboxItemId);
        w.delete(removed.inboxItemId);
      }
      set({ byKey, latestByItem, waiting: w, outboxVersion: get().outboxVersion + 1 });
      await get().refreshPending();
      return true;
    },

    async refreshPending() {
      const pending = await pendingActions(getDb());
      set({ pendingCount: pending.length, outboxVersion: get().outboxVersion + 1 });
    },
  };
});
