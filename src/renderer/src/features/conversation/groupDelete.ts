// "Delete" on a group item (a campaign of the same lure, a raid): every message of it still there goes,
// each as its own outbox action on its own platform; the item resolves once all of them went through,
// and says which failed otherwise.
import type { InboxItem } from '@shared/domain/inbox';
import { getDb } from '../../db/instance';
import { useActions } from '../../stores/actions';
import { useInbox } from '../../stores/inbox';
import { capabilityOf, messageDeleteIntent } from './intents';

export async function deleteGroupMessages(item: InboxItem, reason?: string): Promise<void> {
  const db = getDb();
  const rows = (await db.events.bulkGet(item.eventIds)).filter((r) => r !== undefined);
  const intents = rows
    .filter((r) => r.kind === 'message' && r.messageId && !r.deleted && capabilityOf(r, 'delete').supported)
    .map((r) => messageDeleteIntent({ sourceId: r.sourceId, platform: r.platform, spaceId: r.spaceId, channelId: r.channelId }, r.channelId, r.messageId!, reason, item.id, { authorId: r.author?.id, sentAt: r.ts }));
  const started = await db.transaction('rw', db.inboxItems, async () => {
    const current = await db.inboxItems.get(item.id);
    if (!current || current.status === 'resolved') return undefined;
    const next: InboxItem =
      intents.length === 0
        ? { ...current, status: 'resolved', outcome: { kind: 'delete', at: Date.now(), ok: true, detail: 'messages:0' } }
        : { ...current, groupRun: { kind: 'delete', keys: intents.map((i) => i.key), done: 0, failed: 0 } };
    await db.inboxItems.put(next);
    return next;
  });
  if (!started) return;
  useInbox.getState().applyItems([started]);
  for (const intent of intents) await useActions.getState().run(intent);
}
