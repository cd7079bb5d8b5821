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
 * Marks the action sent, sends it, stores the answer. If the transport fails the row stays 'sent'
 * and is replayed later; the error is passed on so the caller can say "will retry".
 */
export async function executeAction(db: TribeDb, key: string, send: SendAction, now: () => number = Date.now): Promise<ActionOutcome | undefined> {
  const row = await db.actions.get(key);
  if (!row || row.status === 'confirmed' || row.status === 'failed') return row ? { action: row } : undefined;
  await db.actions.update(key, { status: 'sent', attempts: row.attempts + 1, updatedAt: now() });
  const result = await send(row.intent);
  return recordResult(db, key, result, now());
}

/** Actions that main may not have run yet, oldest first, so replay keeps the moderator's order. */
export async function pendingActions(db: TribeDb): Promise<ActionRow[]> {
  const rows = await db.actions.where('status').anyOf('queued', 'sent').toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Re-sends every pending action once, in order, skipping keys already in flight. Stops at the first
 * transport failure: the connection is gone and the rest will be replayed on the next reconnect.
 */
export async function replayOutbox(
  db: TribeDb,
  send: SendAction,
  inFlight: ReadonlySet<string> = new Set(),
  now: () => number = Date.now,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const row of await pendingActions(db)) {
    if (inFlight.has(row.key)) continue;
    try {
      const outcome = await executeAction(db, row.key, send, now);
      if (outcome) outcomes.push(outcome);
    } catch {
      break;
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
