// Hand flags into the store: a message a moderator flagged by hand (here, or on another console through the
// team ledger) opens its item, or marks the item that already holds it. One transaction per call; called in
// ingest's order (sync.ts), so a batch that brings the message and a hand flag on it never race.
import { HAND_FLAG_RULE, withHandFlag, type HandFlagMark } from '@shared/domain/handFlags';
import { itemFromEnvelope, type InboxItem } from '@shared/domain/inbox';
import type { ChatEvent, Platform } from '@shared/domain/model';
import type { TribeDb } from './db';

/** A hand flag and the message it is on, as the flagging console saw it. */
export interface HandFlagInput {
  mark: HandFlagMark;
  ev: string;
  p: Platform;
  space: string;
  channel: string;
  msg: string;
  text: string;
  author?: { id: string; name: string } | undefined;
  chName?: string | undefined;
  ts?: number | undefined;
}

export interface HandFlagResult {
  items: InboxItem[];
  newItemIds: string[];
  /** Marks that found no item and no way to open one yet (no connection to that space here): tried again later. */
  waiting: string[];
}

/**
 * Applies hand flags: each joins the item holding its message (an open one first), or opens `msg:<event id>`
 * from the stored message, else from the message the flag carries (read through `sourceFor`, this console's
 * connection to that space). Idempotent: a mark already on the item changes nothing.
 */
export async function applyHandFlags(db: TribeDb, inputs: readonly HandFlagInput[], sourceFor: (platform: Platform, spaceId: string) => string | undefined): Promise<HandFlagResult> {
  return db.transaction('rw', [db.inboxItems, db.events], async () => {
    const changed = new Map<string, InboxItem>();
    const newItemIds: string[] = [];
    const waiting: string[] = [];
    for (const input of inputs) {
      const holding = [...changed.values()].filter((i) => i.eventIds.includes(input.ev));
      const stored = holding.length > 0 ? [] : await db.inboxItems.where('eventIds').equals(input.ev).toArray();
      const candidates = [...holding, ...stored];
      let item = candidates.find((i) => i.status !== 'resolved') ?? candidates[0];
      if (!item) {
        const row = await db.events.get(input.ev);
        const sourceId = row?.sourceId ?? sourceFor(input.p, input.space);
        if (!sourceId) {
          waiting.push(input.mark.id);
          continue;
        }
        const event: ChatEvent = row ?? {
          id: input.ev,
          sourceId,
          platform: input.p,
          kind: 'message',
          spaceId: input.space,
          channelId: input.channel,
          ...(input.chName ? { channelName: input.chName } : {}),
          messageId: input.msg,
          ts: input.ts ?? input.mark.at,
          text: input.text,
          ...(input.author ? { author: { id: input.author.id, name: input.author.name, bot: false } } : {}),
        };
        const opened = itemFromEnvelope({ event, flags: [{ rule: HAND_FLAG_RULE, category: input.mark.category, severity: 'high', reason: '', evidence: [] }] });
        if (!opened) continue;
        // The flag itself comes from the mark (withHandFlag), with who flagged it.
        item = { ...opened, id: `msg:${input.ev}`, flags: [], categories: [], severity: 'low', messageDeleted: row?.deleted === true };
        newItemIds.push(item.id);
      }
      const next = withHandFlag(item, input.mark);
      if (next !== item || newItemIds.includes(item.id)) changed.set(next.id, next);
    }
    if (changed.size > 0) await db.inboxItems.bulkPut([...changed.values()]);
    return { items: [...changed.values()], newItemIds, waiting };
  });
}

/**
 * A hand flag older than this opens no item: a console that joins the team, or comes back after a long time,
 * gets the team's recent misses, not months of them as open items (they still teach the rules).
 */
export const HAND_FLAG_OPEN_DAYS = 7;

/** The ledger's hand flags this console has yet to apply: not applied before, and recent enough to open an item. */
export function handFlagsToApply<T extends { id: string; at: number }>(flags: readonly T[], applied: ReadonlySet<string>, now: number): T[] {
  return flags.filter((f) => !applied.has(f.id) && now - f.at <= HAND_FLAG_OPEN_DAYS * 86_400_000);
}
