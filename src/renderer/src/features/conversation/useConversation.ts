// The messages around a flagged one: asked of main (the platform's own history), else read from
// what this computer stored. Local knowledge of deletions and edits is laid over main's answer.
import Dexie from 'dexie';
import { useEffect, useState } from 'react';
import type { InboxItem } from '@shared/domain/inbox';
import type { ChatEvent, DroppedFlag } from '@shared/domain/model';
import { getDb } from '../../db/instance';
import type { EventRow } from '../../db/schema';
import { send } from '../../ipc/client';

export interface ContextMessage extends ChatEvent {
  deleted?: boolean;
  editedAt?: number;
  /** Flags triage dropped on context (issue 14), from this computer's copy of the message. */
  dropped?: DroppedFlag[];
}

export interface Conversation {
  status: 'loading' | 'remote' | 'local';
  messages: ContextMessage[];
  primary: EventRow | undefined;
}

const BEFORE = 10;
const AFTER = 5;

async function localContext(item: InboxItem, primary: EventRow | undefined): Promise<ContextMessage[]> {
  const db = getDb();
  const ts = primary?.ts ?? item.createdAt;
  const key = (t: number | typeof Dexie.minKey | typeof Dexie.maxKey) => [item.sourceId, item.channelId, t];
  const before = await db.events.where('[sourceId+channelId+ts]').between(key(Dexie.minKey), key(ts), true, true).reverse().filter((e) => e.kind === 'message').limit(BEFORE + 1).toArray();
  const after = await db.events.where('[sourceId+channelId+ts]').between(key(ts), key(Dexie.maxKey), false, true).filter((e) => e.kind === 'message').limit(AFTER).toArray();
  return [...before.reverse(), ...after];
}

async function remoteContext(item: InboxItem, primary: EventRow | undefined): Promise<ContextMessage[] | undefined> {
  if (!item.messageId) return undefined;
  const res = await send('conversation.context', { sourceId: item.sourceId, channelId: item.channelId, messageId: item.messageId, limit: BEFORE });
  if (!res.ok) return undefined;
  const local = await getDb().events.bulkGet(res.value.map((e) => e.id));
  const merged: ContextMessage[] = res.value.map((e, i) => {
    const row = local[i];
    if (!row) return e;
    // This computer's copy knows of deletes and edits, and what context dropped on the text as edited.
    const { dropped: _asFirstSeen, ...event } = e;
    return { ...event, deleted: row.deleted, editedAt: row.editedAt, ...(row.dropped ? { dropped: row.dropped } : {}) };
  });
  // A deleted message is gone from the platform's history; show our copy, marked deleted.
  if (primary && !merged.some((e) => e.id === primary.id)) merged.push(primary);
  return merged.sort((a, b) => a.ts - b.ts);
}

const LOADING: Conversation = { status: 'loading', messages: [], primary: undefined };

export function useConversation(item: InboxItem | undefined): Conversation {
  // The answer is kept with the key it was loaded for; a different key reads as "loading".
  // A flag item changes under the moderator's eyes when its message is edited: read it again then.
  const key = item ? `${item.id}|${item.messageDeleted}|${item.kind === 'flag' ? item.updatedAt : ''}` : undefined;
  const [loaded, setLoaded] = useState<{ key: string; value: Conversation } | undefined>();
  useEffect(() => {
    if (!item || !key) return;
    let cancelled = false;
    void (async () => {
      const primary = await getDb().events.get(item.primaryEventId);
      let remote: ContextMessage[] | undefined;
      try {
        remote = await remoteContext(item, primary);
      } catch {
        remote = undefined;
      }
      const messages = remote ?? (await localContext(item, primary));
      if (!cancelled) setLoaded({ key, value: { status: remote ? 'remote' : 'local', messages, primary } });
    })();
    return () => {
      cancelled = true;
    };
    // Reload when another item opens or its message is deleted, not on every item update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return loaded && loaded.key === key ? loaded.value : LOADING;
}

const NO_ROWS: EventRow[] = [];

/** The other messages of an incident (a raid, a burst) or an appeal (the member's DMs), from the local store. */
export function useIncidentMessages(item: InboxItem | undefined): EventRow[] {
  const key = item && (item.kind === 'incident' || item.kind === 'appeal') ? `${item.id}:${item.eventIds.length}` : undefined;
  const [loaded, setLoaded] = useState<{ key: string; rows: EventRow[] } | undefined>();
  useEffect(() => {
    if (!item || !key) return;
    let cancelled = false;
    void getDb()
      .events.bulkGet(item.eventIds.slice(-50))
      .then((r) => {
        if (!cancelled) setLoaded({ key, rows: r.filter((e): e is EventRow => e !== undefined) });
      });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return loaded && loaded.key === key ? loaded.rows : NO_ROWS;
}
