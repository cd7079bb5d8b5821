// The outbox: an action intent is written here first, then sent to main, then its Result is stored.
// Whatever is still queued or sent after a crash or a dropped connection is sent again; main
// deduplicates by key, so each action runs exactly once.
import type { ActionIntent, ActionReceipt } from '@shared/domain/actions';
import type { InboxItem } from '@shared/domain/inbox';
import { dismissedItem, itemAfterAction } from '@shared/domain/settle';
import type { Result } from '@shared/domain/result';
import type { TribeDb } from './db';
import type { ActionRow } from './schema';

/** Sends one intent to main. Resolves with main's Result; rejects when the transport itself failed. */
export type SendAction = (intent: ActionIntent) => Promise<Result<ActionReceipt>>;

export interface ActionOutcome {
  action: ActionRow;
  item?: InboxItem;
}

export async function enqueueAction(db: TribeDb, intent: ActionIntent, now = Date.now()): Promise<ActionRow> {
  const row: ActionRow = {
    key: intent.key,
    intent,
    status: 'queued',
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    ...(intent.inboxItemId ? { inboxItemId: intent.inboxItemId } : {}),
  };
  await db.actions.add(row);
  return row;
}

/** Stores main's answer; what it does to the item (resolve it, or one account of a group) is `itemAfterAction`. */
export async function recordResult(db: TribeDb, key: string, result: Result<ActionReceipt>, now = Date.now()): Promise<ActionOutcome | undefined> {
  return db.transaction('rw', [db.actions, db.inboxItems], async () => {
    const row = await db.actions.get(key);
    if (!row) return undefined;
    // A late answer never overturns a confirmation (e.g. a replay racing the first send).
    if (row.status === 'confirmed') return { action: row };
    // The platform connection is down in main: the action goes back to waiting, and runs when the
    // source is ready again (the same key, so it still runs once).
    if (!result.ok && result.error.code === 'offline') {
      const waiting: ActionRow = { ...row, status: 'queued', error: result.error, updatedAt: now };
      await db.actions.put(waiting);
      return { action: waiting };
    }
    const action: ActionRow = result.ok
      ? { ...row, status: 'confirmed', receipt: result.value, error: undefined, updatedAt: now }
      : { ...row, status: 'failed', error: result.error, updatedAt: now };
    await db.actions.put(action);
    const itemId = row.inboxItemId;
    if (!itemId) return { action };
    const item = await db.inboxItems.get(itemId);
    if (!item) return { action };
    const next = itemAfterAction(item, row.intent, key, result, now);
    await db.inboxItems.put(next);
    return { action, item: next };
  });
}

/**
 * Moves a row from queued (or sent, for a replay after a lost answer) to sent in one read-write
 * transaction, and returns it only when this move won. A cancel is a transaction on the same row that
 * wins only against 'queued', so exactly one of the two happens: never a cancelled action that is sent.
 */
export async function claimAction(db: TribeDb, key: string, now = Date.now()): Promise<ActionRow | undefined> {
  return db.transaction('rw', db.actions, async () => {
    const row = await db.actions.get(key);
    if (!row || (row.status !== 'queued' && row.status !== 'sent')) return undefined;
    const claimed: ActionRow = { ...row, status: 'sent', attempts: row.attempts + 1, updatedAt: now };
    await db.actions.put(claimed);
    return claimed;
  });
}

/**
 * Removes an action that main has not been asked to run (still 'queued'); false when it is gone or
 * already sent (it may be running: it is not cancelled, its answer will come).
 */
export async function cancelAction(db: TribeDb, key: string): Promise<ActionRow | undefined> {
  return db.transaction('rw', db.actions, async () => {
    const row = await db.actions.get(key);
    if (!row || row.status !== 'queued') return undefined;
    await db.actions.delete(key);
    return row;
  });
}

/**
 * Claims the action (queued → sent), sends it, stores the answer. Sends nothing when the claim lost
 * (cancelled, or already answered). If the transport fails the row stays 'sent' and is replayed
 * later; the error is passed on so the caller can say "will retry".
 */
export async function executeAction(db: TribeDb, key: string, send: SendAction, now: () => number = Date.now): Promise<ActionOutcome | undefined> {
  const claimed = await claimAction(db, key, now());
  if (!claimed) {
    const row = await db.actions.get(key);
    return row ? { action: row } : undefined;
  }
  const result = await send(claimed.intent);
  return recordAnswer(db, claimed, result, now());
}

/**
 * The answer to one claim. Two answers keep the row sent (replayed later, not cancellable): main
 * started this key before a restart and cannot ask the platform yet whether it landed ('in_doubt'),
 * or main was offline for this send while a later claim of the same row is still out (that send may
 * yet reach main). Everything else is recordResult's.
 */
async function recordAnswer(db: TribeDb, claimed: ActionRow, result: Result<ActionReceipt>, now: number): Promise<ActionOutcome | undefined> {
  // One transaction (recordResult's nests inside), so no claim slips in between the look and the write.
  return db.transaction('rw', [db.actions, db.inboxItems], async () => {
    if (!result.ok && (result.error.code === 'in_doubt' || result.error.code === 'offline')) {
      const row = await db.actions.get(claimed.key);
      if (!row || row.status !== 'sent') return row ? { action: row } : undefined;
      if (result.error.code === 'in_doubt' || row.attempts !== claimed.attempts) {
        const waiting: ActionRow = { ...row, error: result.error, updatedAt: now };
        await db.actions.put(waiting);
        return { action: waiting };
      }
    }
    return recordResult(db, claimed.key, result, now);
  });
}

/** Actions that main may not have run yet, oldest first, so replay keeps the moderator's order. */
export async function pendingActions(db: TribeDb): Promise<ActionRow[]> {
  const rows = await db.actions.where('status').anyOf('queued', 'sent').toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Re-sends every pending action once, in order, skipping keys already in flight and marking its own
 * sends in flight while they run. Stops at the first transport failure: the connection is gone and
 * the rest will be replayed on the next reconnect.
 */
export async function replayOutbox(db: TribeDb, send: SendAction, inFlight: Set<string> = new Set(), now: () => number = Date.now): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const row of await pendingActions(db)) {
    if (inFlight.has(row.key)) continue;
    inFlight.add(row.key);
    try {
      const outcome = await executeAction(db, row.key, send, now);
      if (outcome) outcomes.push(outcome);
    } catch {
      break;
    } finally {
      inFlight.delete(row.key);
    }
  }
  return outcomes;
}

/** A local resolution without a platform action; nothing goes to main. */
export async function dismissItem(db: TribeDb, itemId: string, now = Date.now()): Promise<InboxItem | undefined> {
  return db.transaction('rw', db.inboxItems, async () => {
    const item = await db.inboxItems.get(itemId);
    if (!item) return undefined;
    const next = dismissedItem(item, now);
    await db.inboxItems.put(next);
    return next;
  });
}
