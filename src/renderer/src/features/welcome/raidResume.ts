// Welcomes pause while a raid item is open (issue 19): main drops every join of a space with an open raid
// and waits for this page to say the raid item was resolved, by whatever path (an action, dismiss, a bulk
// delete, another window's batch): any resolved raid item the inbox store sees is told to main once.
import type { InboxItem } from '@shared/domain/inbox';
import { send } from '../../ipc/client';
import { useInbox } from '../../stores/inbox';

export interface RaidEnded {
  sourceId: string;
  spaceId: string;
  group: string;
}

/** The raid an item stands for, when it is a resolved raid incident. */
export function resolvedRaid(item: InboxItem): RaidEnded | undefined {
  if (item.status !== 'resolved' || item.kind !== 'incident') return undefined;
  const group = item.flags.find((f) => f.category === 'raid' && f.group !== undefined && item.id === `group:${item.sourceId}:${f.group}`)?.group;
  return group === undefined ? undefined : { sourceId: item.sourceId, spaceId: item.spaceId, group };
}

/** Watches the inbox store; returns the unsubscribe. `tell` is main's `welcome.resume` (tests pass their own). */
export function resumeWelcomesAfterRaids(tell: (raid: RaidEnded) => Promise<unknown> = (raid) => send('welcome.resume', raid)): () => void {
  const told = new Set<string>();
  return useInbox.subscribe((state, before) => {
    if (state.byId === before.byId) return;
    for (const [id, item] of state.byId) {
      if (told.has(id) || item === before.byId.get(id)) continue;
      const raid = resolvedRaid(item);
      if (!raid) continue;
      told.add(id);
      // Not told (main offline): main forgets its pauses on restart anyway, so nothing waits on this one.
      tell(raid).catch((err: unknown) => {
        told.delete(id);
        console.warn('Could not tell main a raid was resolved; welcomes stay paused there', err);
      });
    }
  });
}
