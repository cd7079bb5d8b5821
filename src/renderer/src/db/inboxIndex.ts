// Lane and rank on every stored inbox item, computed from the item on each write (put, add, modify),
// so no writer can forget them and the [lane+rank] index always tells the inbox's order.
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { InboxItem } from '@shared/domain/inbox';
import { laneOf, rankOf, type InboxLane } from '@shared/domain/priority';

/** A stored inbox item: the item plus the fields its index reads (never read back as truth). */
export type IndexedInboxItem = InboxItem & { lane: InboxLane; rank: number };

export function withIndexFields(item: InboxItem): IndexedInboxItem {
  return { ...item, lane: laneOf(item), rank: rankOf(item) };
}

export const inboxIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'inboxIndexFields',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'inboxItems') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            return table.mutate({ ...req, values: req.values.map((v) => withIndexFields(v as InboxItem)) });
          },
        };
      },
    };
  },
};
